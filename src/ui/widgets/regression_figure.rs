//! The regression plot on two stacked canvases: the base (axes, grid, labels) is redrawn only when the
//! viewport or the axis ranges change; the overlay (band, curves, pointer) on every parameter change.

use super::layers::viewport_signal;
use super::timing;
use crate::figures::regression::{build, Axes, Reading};
use crate::i18n::Msg;
use crate::plot::canvas::{area, clear, fit_to_css_box};
use crate::plot::regression::{draw_base, draw_overlay, Frame, Labels};
use crate::plot::{Layout, Palette};
use crate::state::RegressionParams;
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
        if fit_to_css_box(&base, &layout).is_none() || fit_to_css_box(&overlay, &layout).is_none() {
            return;
        }
        clear(&base);
        let drawn = area(&base).map(|root| draw_base(&root, &axes, &labels, &layout, &Palette::LIGHT));
        match drawn {
            Some(Ok(new_frame)) => frame.set_value(Some(new_frame)),
            Some(Err(e)) => draw_error.set(Some(e.to_string())),
            None => draw_error.set(Some("no 2D canvas context".into())),
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
        clear(&overlay);
        let result = build(&params).map_err(|e| e.to_string()).and_then(|figure| {
            let root = area(&overlay).ok_or_else(|| "no 2D canvas context".to_string())?;
            draw_overlay(&root, &figure, Some((r, &readings)), &layout, &Palette::LIGHT).map_err(|e| e.to_string())
        });
        draw_error.set(result.err());
        timing::record("regression", timing::now_ms() - started);
    });

    let pointer_to_r = move |ev: &web_sys::PointerEvent| {
        let scale = Layout::new(viewport.get_untracked().device_pixel_ratio).scale;
        let px = f64::from(ev.offset_x()) * scale;
        frame.with_value(|f| f.and_then(|f| f.r.data_at(px)))
    };
    let on_pointer = move |ev: web_sys::PointerEvent| {
        if let Some(r) = pointer_to_r(&ev) {
            pointer_r.set((r * 100.0).round() / 100.0);
        }
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let step = if ev.shift_key() { KEY_STEP * 10.0 } else { KEY_STEP };
        let delta = match ev.key().as_str() {
            "ArrowLeft" | "ArrowDown" => -step,
            "ArrowRight" | "ArrowUp" => step,
            _ => return,
        };
        ev.prevent_default();
        let (lo, hi) = axes.get_untracked().r;
        pointer_r.update(|r| *r = ((*r + delta) * 100.0).round().clamp(lo * 100.0, hi * 100.0) / 100.0);
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
