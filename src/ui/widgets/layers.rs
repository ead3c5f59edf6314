//! The viewport a figure is drawn for: window width and device pixel ratio, as a signal.
//! A change redraws the cached base layer (axes, grid, labels); nothing else does.

use leptos::prelude::*;

/// Window inner width (CSS px) and device pixel ratio.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    pub width: f64,
    pub device_pixel_ratio: f64,
}

fn read_viewport() -> Viewport {
    let window = window();
    Viewport {
        width: window.inner_width().ok().and_then(|w| w.as_f64()).unwrap_or(0.0),
        device_pixel_ratio: window.device_pixel_ratio(),
    }
}

/// A signal that follows window resizes and zoom (which changes the pixel ratio).
pub fn viewport_signal() -> RwSignal<Viewport> {
    let viewport = RwSignal::new(read_viewport());
    let handle = window_event_listener(leptos::ev::resize, move |_| {
        let now = read_viewport();
        if now != viewport.get_untracked() {
            viewport.set(now);
        }
    });
    on_cleanup(move || handle.remove());
    viewport
}

/// A pointer event's position on its canvas, in the canvas's device pixels.
pub fn device_position(ev: &web_sys::MouseEvent, viewport: RwSignal<Viewport>) -> (f64, f64) {
    let scale = crate::plot::Layout::new(viewport.get_untracked().device_pixel_ratio).scale;
    (f64::from(ev.offset_x()) * scale, f64::from(ev.offset_y()) * scale)
}

/// The arrow keys move a readout's pointer by ±`step` (Shift: ten times more); `None` for other
/// keys. A handled key does not scroll the page.
pub fn arrow_key_step(ev: &web_sys::KeyboardEvent, step: f64) -> Option<f64> {
    let step = if ev.shift_key() { step * 10.0 } else { step };
    let delta = match ev.key().as_str() {
        "ArrowLeft" | "ArrowDown" => -step,
        "ArrowRight" | "ArrowUp" => step,
        _ => return None,
    };
    ev.prevent_default();
    Some(delta)
}
