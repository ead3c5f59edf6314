//! Fetching a language's texts: the site ships each language as a file beside the page
//! (`texts/<lang>-<hash>.txt`, made by `build.rs`), fetched when the page starts in that language or
//! the reader switches to it — so a visit downloads one language, and no text weighs on the wasm.

use crate::i18n::{install, is_installed, texts, Locale};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Fetches and installs `locale`'s texts (at once if they already are).
pub async fn load(locale: Locale) -> Result<(), String> {
    if is_installed(locale) {
        return Ok(());
    }
    let file = texts::FILES[Locale::ALL.iter().position(|l| *l == locale).unwrap_or(0)];
    let window = web_sys::window().ok_or("no window")?;
    let failed = |what: &str, error: wasm_bindgen::JsValue| format!("{file}: {what} {error:?}");
    let response = JsFuture::from(window.fetch_with_str(file)).await.map_err(|e| failed("fetch failed", e))?;
    let response: web_sys::Response = response.dyn_into().map_err(|e| failed("not a response", e))?;
    if !response.ok() {
        return Err(format!("{file}: HTTP {}", response.status()));
    }
    let body = response.text().map_err(|e| failed("no body", e))?;
    let content = JsFuture::from(body).await.map_err(|e| failed("unreadable", e))?;
    install(locale, content.as_string().unwrap_or_default())
}

/// Shows the page's own message (in `index.html`, in both languages) when no language could be
/// loaded, with the reason in the console.
pub fn show_failure(reason: &str) {
    log_failure(reason);
    if let Some(message) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("texts-failed")) {
        let _ = message.remove_attribute("hidden");
    }
}

/// Says in the console why a language's texts could not be loaded.
pub fn log_failure(reason: &str) {
    web_sys::console::error_1(&format!("Loss Lab could not load its texts: {reason}").into());
}
