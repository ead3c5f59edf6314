//! The regression plot on two stacked canvases: the base (axes, grid, labels) is redrawn only when the
//! viewport or the axis ranges change; the overlay (band, curves, pointer) on every parameter change.

use super::layers::{arrow_key_step, device_position, viewport_signal};
use super::timing;
use crate::figures::regression::{build, Axes, Reading};
use crate::i18n::Msg;
use crate::plot::canvas::{fit_all, redraw};
use crate::plot::regression::{draw_base, draw_overlay, Frame, Labels};
use crate::plot::{Layout, Palette};
use crate::state::{snap, RegressionParams};
use crate::ui::i18n::t;
use leptos::html::Canvas;
use leptos::prelude::*;

/// Step of the pointer's r under the arrow keys (Shift: ten times larger).
const KEY_STEP: f64 = 0.05;

#[component]
pub fn RegressionFigure(
    /// The figure's parameters.
    params: RwSignal<RegressionParams>,
    /// The residual the readout and the pointer guide show.
    pointer_r: RwSignal<f64>,
    /// Exact readings at `pointer_r` (drawn as dots).
    #[prop(into)]
    readings: Signal<Vec<Reading>>,
) -> impl IntoView {
    let base_ref = NodeRef::<Canvas>::new();
    let overlay_ref = NodeRef::<Canvas>::new();
    let viewport = viewport_signal();
    let axes = Memo::new(move |_| Axes::for_params(&params.get()));
    let frame = StoredValue::new(None::<Frame>);
    let base_version = RwSignal::new(0_u64);
    let draw_error = RwSignal::new(None::<String>);

    // Base layer: only the viewport, the axis ranges and the language redraw it.
    Effect::new(move |_| {
        let layout = Layout::new(viewport.get().device_pixel_ratio);
        let axes = axes.get();
        let labels = Labels {
            loss_panel: t(Msg::PanelLoss).to_string(),
            grad_panel: t(Msg::PanelGradient).to_string(),
            x_axis: t(Msg::AxisResidual).to_string(),
        };
        let (Some(base), Some(overlay)) = (base_ref.get(), overlay_ref.get()) else { return };
        if !fit_all(&[&base, &overlay], &layout) {
            return;
        }
        match redraw(&base, |root| draw_base(root, &axes, &labels, &layout, &Palette::LIGHT)) {
            Ok(new_frame) => frame.set_value(Some(new_frame)),
            Err(e) => draw_error.set(Some(e)),
        }
        base_version.update(|v| *v += 1);
    });

    // Overlay: redrawn on every change of the parameters or the pointer; timed.
    Effect::new(move |_| {
        base_version.track();
        let params = params.get();
        let r = pointer_r.get();
        let readings = readings.get();
        let Some(overlay) = overlay_ref.get_untracked() else { return };
        let started = timing::now_ms();
        let layout = Layout::new(viewport.get_untracked().device_pixel_ratio);
        let result = build(&params).map_err(|e| e.to_string()).and_then(|figure| {
            redraw(&overlay, |root| draw_overlay(root, &figure, Some((r, &readings)), &layout, &Palette::LIGHT))
        });
        draw_error.set(result.err());
        timing::record("regression", timing::now_ms() - started);
    });

    let on_pointer = move |ev: web_sys::PointerEvent| {
        let (px, _) = device_position(&ev, viewport);
        if let Some(r) = frame.with_value(|f| f.and_then(|f| f.r.data_at(px))) {
            pointer_r.set(snap(r, 100.0, axes.get_untracked().r));
        }
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        if let Some(delta) = arrow_key_step(&ev, KEY_STEP) {
            pointer_r.update(|r| *r = snap(*r + delta, 100.0, axes.get_untracked().r));
        }
    };

    view! {
        <div class="figure-canvas" data-testid="regression-figure">
            <canvas node_ref=base_ref class="layer base" aria-hidden="true"></canvas>
            <canvas node_ref=overlay_ref class="layer overlay" data-testid="regression-canvas"
                tabindex="0" role="img" aria-label=move || t(Msg::CurvesFigureAria)
                on:pointermove=on_pointer on:pointerdown=on_pointer on:keydown=on_key></canvas>
        </div>
        <Show when=move || draw_error.get().is_some()>
            <p class="field-error" role="alert">
                {move || crate::i18n::fill(t(Msg::FigureError), &[("reason", &draw_error.get().unwrap_or_default())])}
            </p>
        </Show>
    }
}
