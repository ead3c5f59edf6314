//! Checkboxes that show or hide each curve; each doubles as the legend entry (colour swatch).

use crate::plot::Palette;
use crate::state::CurveId;
use crate::ui::i18n::t;
use crate::ui::widgets::readout::curve_name;
use leptos::prelude::*;

#[component]
pub fn CurveToggles(
    /// The curves offered, in order.
    offered: Vec<CurveId>,
    /// Whether a curve is shown.
    shown: Callback<CurveId, bool>,
    /// Called with (curve, now shown).
    on_toggle: Callback<(CurveId, bool)>,
) -> impl IntoView {
    view! {
        <fieldset class="toggles">
            <legend>{move || t(crate::i18n::Msg::ShowCurves)}</legend>
            {offered
                .into_iter()
                .map(|id| {
                    let color = Palette::css(Palette::curve(id));
                    view! {
                        <label class="toggle">
                            <input type="checkbox" data-testid=format!("toggle-{}", id.key())
                                prop:checked=move || shown.run(id)
                                on:change=move |ev| on_toggle.run((id, event_target_checked(&ev)))/>
                            <span class="swatch" style=format!("background:{color}")></span>
                            {move || t(curve_name(id))}
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}
