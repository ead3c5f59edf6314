//! The location hash as a signal, and writing a figure's parameters back into it.

use leptos::prelude::*;

/// The current `location.hash`.
pub fn current_hash() -> String {
    window().location().hash().unwrap_or_default()
}

/// A signal that follows `location.hash` (changes by links, the address bar, back/forward).
pub fn hash_signal() -> RwSignal<String> {
    let hash = RwSignal::new(current_hash());
    let handle = window_event_listener(leptos::ev::hashchange, move |_| hash.set(current_hash()));
    on_cleanup(move || handle.remove());
    hash
}

/// Replaces the URL's hash without a new history entry and without a `hashchange` event, so
/// dragging a slider does not flood the back button and does not re-create the page.
pub fn replace_hash(new_hash: &str) {
    let window = window();
    if window.location().hash().ok().as_deref() == Some(new_hash) {
        return;
    }
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(new_hash));
    }
}
