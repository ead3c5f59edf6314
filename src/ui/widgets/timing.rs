//! Redraw timings, kept in `window.lossLabRedrawMs` (the last 2,000 figure redraws, in ms) so an
//! in-browser timing run can read them. Measuring only: nothing here changes what is drawn.

use wasm_bindgen::JsValue;

const KEPT: u32 = 2000;

/// Milliseconds since the page started (sub-millisecond resolution where the browser allows).
pub fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

/// Appends one redraw duration.
pub fn record(ms: f64) {
    let Some(window) = web_sys::window() else { return };
    let key = JsValue::from_str("lossLabRedrawMs");
    let existing = js_sys::Reflect::get(&window, &key).ok().filter(|v| v.is_object());
    let list: js_sys::Array = match existing {
        Some(value) => value.into(),
        None => {
            let list = js_sys::Array::new();
            let _ = js_sys::Reflect::set(&window, &key, &list);
            list
        }
    };
    if list.length() >= KEPT {
        list.shift();
    }
    list.push(&JsValue::from_f64(ms));
}
