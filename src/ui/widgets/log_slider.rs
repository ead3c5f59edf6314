//! A labelled parameter with a logarithmic range slider and a number field that edit the same value.

use crate::i18n::{fill, Msg};
use crate::state::LogRange;
use crate::ui::i18n::t;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Shows `value` on a log slider and in a number field; both report changes through `on_change`.
#[component]
pub fn LogSlider(
    /// The label's message id.
    label: Msg,
    /// Bounds and number of slider steps.
    range: LogRange,
    /// The current value.
    #[prop(into)]
    value: Signal<f64>,
    /// Called with each new (already clamped) value.
    on_change: Callback<f64>,
    /// Prefix of the `data-testid`s: `{testid}-slider`, `{testid}-number`, `{testid}-value`.
    testid: &'static str,
) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let out_of_range = move || {
        fill(
            t(Msg::NumberOutOfRange),
            &[("min", &range.min.to_string()), ("max", &range.max.to_string())],
        )
    };
    let on_slide = move |ev: leptos::ev::Event| {
        if let Ok(position) = event_target_value(&ev).parse::<u32>() {
            error.set(None);
            on_change.run(range.value_at(position));
        }
    };
    let on_number = move |ev: leptos::ev::Event| {
        let typed = event_target_value(&ev).trim().replace(',', ".");
        match typed.parse::<f64>().ok().filter(|v| v.is_finite()) {
            Some(v) if v >= range.min && v <= range.max => {
                error.set(None);
                on_change.run(v);
            }
            Some(v) => {
                error.set(Some(out_of_range()));
                on_change.run(range.clamp(v, range.min));
            }
            None => {
                error.set(Some(out_of_range()));
                // Put the current value back into the field.
                if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                    input.set_value(&value.get_untracked().to_string());
                }
            }
        }
    };
    let slider_id = format!("{testid}-slider");
    let number_id = format!("{testid}-number");
    view! {
        <div class="param">
            <label for=slider_id.clone()>{move || t(label)}</label>
            <input type="range" id=slider_id.clone() data-testid=slider_id
                min="0" max=range.steps.to_string() step="1"
                prop:value=move || range.position_of(value.get()).to_string()
                aria-valuetext=move || format!("{} = {}", t(label), value.get())
                on:input=on_slide/>
            <input type="number" id=number_id.clone() data-testid=number_id
                inputmode="decimal" min=range.min.to_string() max=range.max.to_string() step="any"
                aria-label=move || t(label)
                prop:value=move || value.get().to_string()
                on:change=on_number/>
            <output data-testid=format!("{testid}-value") class="sr-only">{move || value.get().to_string()}</output>
            <Show when=move || error.get().is_some()>
                <p class="field-error" role="alert" data-testid=format!("{testid}-error")>{move || error.get()}</p>
            </Show>
        </div>
    }
}
