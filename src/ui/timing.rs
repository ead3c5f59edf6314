//! Redraw timings, kept per figure in `window.lossLabRedrawMs` — an object whose keys are figure keys
//! (`curves`, `lab`, `impurity`: the time to redraw every overlay of the figure) and `{key}-input`
//! (from the input event that changed the figure — a slider step, a drag move, a key — to the end of
//! that redraw), and whose values are arrays of the last 2,000 durations in ms — so an in-browser
//! timing run can read them as a breakdown of the whole frame it measures from outside. Measuring
//! only: nothing here changes what is drawn.

use wasm_bindgen::JsValue;

const KEPT: u32 = 2000;

/// Milliseconds since the page started (sub-millisecond resolution where the browser allows).
pub fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

/// The object (created if missing) stored under `key` on `target`.
fn object_at(target: &JsValue, key: &str, make: impl Fn() -> JsValue) -> Option<JsValue> {
    let key = JsValue::from_str(key);
    let existing = js_sys::Reflect::get(target, &key).ok().filter(|v| v.is_object());
    match existing {
        Some(value) => Some(value),
        None => {
            let value = make();
            js_sys::Reflect::set(target, &key, &value).ok()?;
            Some(value)
        }
    }
}

/// Appends one redraw duration of figure `figure`.
pub fn record(figure: &str, ms: f64) {
    let Some(window) = web_sys::window() else { return };
    let Some(by_figure) = object_at(&window, "lossLabRedrawMs", || js_sys::Object::new().into()) else { return };
    let Some(list) = object_at(&by_figure, figure, || js_sys::Array::new().into()) else { return };
    let list: js_sys::Array = list.into();
    if list.length() >= KEPT {
        list.shift();
    }
    list.push(&JsValue::from_f64(ms));
}
