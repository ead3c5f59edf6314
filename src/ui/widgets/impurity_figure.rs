//! The home page's CART figure: Gini and entropy against the class proportion p, with their
//! derivatives and an exact readout at the pointer (two stacked canvases like every figure).

use super::layers::{arrow_key_step, device_position, viewport_signal};
use super::timing;
use crate::figures::impurity::{curves, readout, ImpurityId, ImpurityReading, AXES};
use crate::format::number;
use crate::i18n::{fill, Msg};
use crate::plot::canvas::{fit_all, redraw};
use crate::plot::impurity::{color, draw_impurity_base, draw_impurity_overlay, ImpurityLabels};
use crate::plot::{AxisMap, Layout, Palette};
use crate::state::snap;
use crate::ui::i18n::t;
use leptos::html::Canvas;
use leptos::prelude::*;

/// Where the readout starts before the pointer moves.
const START_P: f64 = 0.2;
/// Arrow-key step of p (Shift: ten times larger).
const KEY_STEP: f64 = 0.01;

fn name(id: ImpurityId) -> Msg {
    match id {
        ImpurityId::Gini => Msg::ImpurityGini,
        ImpurityId::Entropy => Msg::ImpurityEntropy,
    }
}

#[component]
pub fn ImpurityFigure() -> impl IntoView {
    let base_ref = NodeRef::<Canvas>::new();
    let overlay_ref = NodeRef::<Canvas>::new();
    let viewport = viewport_signal();
    let p_axis = StoredValue::new(None::<AxisMap>);
    let base_version = RwSignal::new(0_u64);
    let draw_error = RwSignal::new(None::<String>);
    let pointer_p = RwSignal::new(START_P);
    let sampled = StoredValue::new(curves());
    let readings = Memo::new(move |_| readout(pointer_p.get()));

    Effect::new(move |_| {
        let layout = Layout::new(viewport.get().device_pixel_ratio);
        let labels = ImpurityLabels {
            value_panel: t(Msg::ImpurityValuePanel).to_string(),
            derivative_panel: t(Msg::ImpurityDerivativePanel).to_string(),
            x_axis: t(Msg::ImpurityAxis).to_string(),
        };
        let (Some(base), Some(overlay)) = (base_ref.get(), overlay_ref.get()) else { return };
        if !fit_all(&[&base, &overlay], &layout) {
            return;
        }
        match redraw(&base, |root| draw_impurity_base(root, &labels, &layout, &Palette::LIGHT)) {
            Ok(map) => p_axis.set_value(Some(map)),
            Err(e) => draw_error.set(Some(e)),
        }
        base_version.update(|v| *v += 1);
    });

    Effect::new(move |_| {
        base_version.track();
        let started = timing::now_ms();
        let p = pointer_p.get();
        let readings: Vec<ImpurityReading> = readings.get();
        let Some(overlay) = overlay_ref.get_untracked() else { return };
        let layout = Layout::new(viewport.get_untracked().device_pixel_ratio);
        let result = sampled.with_value(|curves| {
            redraw(&overlay, |root| draw_impurity_overlay(root, curves, Some((p, &readings)), &layout, &Palette::LIGHT))
        });
        draw_error.set(result.err());
        timing::record("impurity", timing::now_ms() - started);
    });

    let on_pointer = move |ev: web_sys::PointerEvent| {
        let (px, _) = device_position(&ev, viewport);
        if let Some(p) = p_axis.get_value().and_then(|map| map.data_at(px)) {
            pointer_p.set(snap(p, 1000.0, AXES.p));
        }
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        if let Some(delta) = arrow_key_step(&ev, KEY_STEP) {
            pointer_p.update(|p| *p = snap(*p + delta, 1000.0, AXES.p));
        }
    };

    view! {
        <figure class="impurity" data-testid="impurity-figure">
            <figcaption>{move || t(Msg::ImpurityFigureTitle)}</figcaption>
            <div class="figure-canvas small">
                <canvas node_ref=base_ref class="layer base" aria-hidden="true"></canvas>
                <canvas node_ref=overlay_ref class="layer overlay" data-testid="impurity-canvas"
                    tabindex="0" role="img" aria-label=move || t(Msg::ImpurityFigureAria)
                    on:pointermove=on_pointer on:pointerdown=on_pointer on:keydown=on_key></canvas>
            </div>
            <table class="impurity-readout" aria-live="polite">
                <caption>{move || t(Msg::ImpurityAt)} " " <span data-testid="impurity-p">{move || number(pointer_p.get(), 3)}</span></caption>
                <tbody>
                    {move || readings.get().into_iter().map(|reading| {
                        let key = reading.id.key();
                        let css = Palette::css(color(reading.id));
                        view! {
                            <tr>
                                <th scope="row"><span class="swatch" style=format!("background:{css}")></span>{t(name(reading.id))}</th>
                                <td data-testid=format!("impurity-{key}-value")>{number(reading.value, 4)}</td>
                                <td>{t(Msg::ImpurityDerivativeShort)} " " <span data-testid=format!("impurity-{key}-grad")>{number(reading.derivative, 4)}</span></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <p class="hint">{move || t(Msg::ImpurityNote)}</p>
            <Show when=move || draw_error.get().is_some()>
                <p class="field-error" role="alert">
                    {move || fill(t(Msg::FigureError), &[("reason", &draw_error.get().unwrap_or_default())])}
                </p>
            </Show>
        </figure>
    }
}
