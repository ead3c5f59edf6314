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
