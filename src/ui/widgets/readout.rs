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

#[component]
pub fn Readout(
    /// The residual read at.
    #[prop(into)]
    r: Signal<f64>,
    /// One reading per shown curve.
    #[prop(into)]
    readings: Signal<Vec<Reading>>,
) -> impl IntoView {
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
                    {move || readings.get().into_iter().map(|reading| {
                        let key = reading.id.key();
                        let color = Palette::css(Palette::curve(reading.id));
                        view! {
                            <tr>
                                <th scope="row"><span class="swatch" style=format!("background:{color}")></span>
                                    {t(curve_name(reading.id))}</th>
                                <td data-testid=format!("readout-{key}-value")>{number(reading.value, 6)}</td>
                                <td data-testid=format!("readout-{key}-grad")>{number(reading.derivative, 6)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <p class="hint">{move || t(Msg::ReadoutHint)}</p>
        </section>
    }
}
