//! The exact values of every shown curve at the pointer's r.

use crate::figures::regression::Reading;
use crate::format::number;
use crate::i18n::Msg;
use crate::plot::Palette;
use crate::state::CurveId;
use crate::ui::i18n::t;
use leptos::prelude::*;

/// The display name of a curve.
pub fn curve_name(id: CurveId) -> Msg {
    match id {
        CurveId::Me => Msg::CurveMe,
        CurveId::Mse => Msg::CurveMse,
        CurveId::Mae => Msg::CurveMae,
        CurveId::Rmse => Msg::CurveRmse,
        CurveId::Huber => Msg::CurveHuber,
        CurveId::SmoothL1 => Msg::CurveSmoothL1,
        CurveId::LogCosh => Msg::CurveLogCosh,
    }
}

/// Rows are keyed by curve: moving the pointer or a slider only rewrites the numbers in place.
#[component]
pub fn Readout(
    /// The residual read at.
    #[prop(into)]
    r: Signal<f64>,
    /// One reading per shown curve.
    #[prop(into)]
    readings: Signal<Vec<Reading>>,
) -> impl IntoView {
    let shown_ids = Memo::new(move |_| readings.with(|rs| rs.iter().map(|reading| reading.id).collect::<Vec<_>>()));
    let cell = move |id: CurveId, pick: fn(&Reading) -> f64| {
        move || readings.with(|rs| rs.iter().find(|reading| reading.id == id).map(|reading| number(pick(reading), 6)))
    };
    view! {
        <section class="readout" aria-live="polite">
            <h3>
                {move || t(Msg::ReadoutTitle)} ": " {move || t(Msg::ReadoutAt)} " "
                <span data-testid="readout-r">{move || number(r.get(), 4)}</span>
            </h3>
            <table>
                <thead><tr>
                    <th scope="col">{move || t(Msg::ReadoutCurve)}</th>
                    <th scope="col">{move || t(Msg::ReadoutValue)}</th>
                    <th scope="col">{move || t(Msg::ReadoutGradient)}</th>
                </tr></thead>
                <tbody>
                    <For each=move || shown_ids.get() key=|id| *id let:id>
                        <tr>
                            <th scope="row">
                                <span class="swatch" style=format!("background:{}", Palette::css(Palette::curve(id)))></span>
                                {move || t(curve_name(id))}
                            </th>
                            <td data-testid=format!("readout-{}-value", id.key())>{cell(id, |reading| reading.value)}</td>
                            <td data-testid=format!("readout-{}-grad", id.key())>{cell(id, |reading| reading.derivative)}</td>
                        </tr>
                    </For>
                </tbody>
            </table>
            <p class="hint">{move || t(Msg::ReadoutHint)}</p>
        </section>
    }
}
