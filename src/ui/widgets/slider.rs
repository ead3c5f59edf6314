//! A labelled parameter with a range slider and a number field that edit the same value.

use crate::figure::query::Scale;
use crate::i18n::{fill, texts::site, Text};
use crate::ui::text::{locale, numbered, t};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Shows `value` on a slider (logarithmic or linear) and in a number field; both report changes
/// through `on_change`.
#[component]
pub fn ScaleSlider(
    /// The label.
    label: Text,
    /// The item's number, for a label of a list (`{n}`, `{sub}`).
    #[prop(optional)]
    n: Option<usize>,
    /// Bounds, steps and how positions map to values.
    scale: Scale,
    /// The current value.
    #[prop(into)]
    value: Signal<f64>,
    /// Called with each new (already clamped) value.
    on_change: Callback<f64>,
    /// Prefix of the `data-testid`s: `{testid}-slider`, `{testid}-number`, `{testid}-error`.
    #[prop(into)]
    testid: String,
) -> impl IntoView {
    let error = RwSignal::new(false);
    let out_of_range = move || {
        let numbers = locale().numbers();
        let show = |v: f64| crate::format::number_in(numbers, v, 6);
        fill(t(site::FIGURE_NUMBER_OUT_OF_RANGE), &[("min", &show(scale.min())), ("max", &show(scale.max()))])
    };
    let on_slide = move |ev: leptos::ev::Event| {
        if let Ok(position) = event_target_value(&ev).parse::<u32>() {
            error.set(false);
            on_change.run(scale.value_at(position));
        }
    };
    let on_number = move |ev: leptos::ev::Event| {
        let typed = event_target_value(&ev).trim().replace(',', ".");
        match typed.parse::<f64>().ok().filter(|v| v.is_finite()) {
            Some(v) if v >= scale.min() && v <= scale.max() => {
                error.set(false);
                on_change.run(v);
            }
            Some(v) => {
                error.set(true);
                on_change.run(scale.clamp(v));
            }
            None => {
                error.set(true);
                // Put the current value back into the field.
                if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                    input.set_value(&value.get_untracked().to_string());
                }
            }
        }
    };
    let name = move || match n {
        Some(n) => numbered(label, n),
        None => t(label).to_string(),
    };
    let slider_id = format!("{testid}-slider");
    let number_id = format!("{testid}-number");
    let error_id = format!("{testid}-error");
    view! {
        <div class="param">
            <label for=slider_id.clone()>{name}</label>
            <input type="range" id=slider_id.clone() data-testid=slider_id
                min="0" max=scale.steps().to_string() step="1"
                prop:value=move || scale.position_of(value.get()).to_string()
                aria-valuetext=move || format!("{} = {}", name(), value.get())
                on:input=on_slide/>
            <input type="number" id=number_id.clone() data-testid=number_id
                inputmode="decimal" min=scale.min().to_string() max=scale.max().to_string() step="any"
                aria-label=name
                prop:value=move || value.get().to_string()
                on:change=on_number/>
            <Show when=move || error.get()>
                <p class="field-error" role="alert" data-testid=error_id.clone()>{out_of_range}</p>
            </Show>
        </div>
    }
}
