//! A panic must never leave a frozen page: the hook writes a visible message with a reload link.
//! It uses the DOM directly, because after a panic the Leptos runtime can no longer be trusted.

use crate::i18n::{text, texts::site};
use crate::ui::settings::last_locale;
use wasm_bindgen::JsCast;

/// Installs the panic hook (logs to the console, then shows the crash message).
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        let detail = info.to_string();
        web_sys::console::error_1(&format!("Loss Lab panicked: {detail}").into());
        show_crash_message(&detail);
    }));
}

/// Puts the crash message over the page. Safe to call more than once.
pub fn show_crash_message(detail: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(body) = document.body() else { return };
    if document.get_element_by_id("crash").is_some() {
        return;
    }
    let Ok(panel) = document.create_element("div") else { return };
    panel.set_id("crash");
    let _ = panel.set_attribute("role", "alert");
    let _ = panel.set_attribute("data-testid", "crash");
    let locale = last_locale();
    let escape = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    panel.set_inner_html(&format!(
        "<div class=\"crash-box\"><h2>{title}</h2><p>{body}</p>\
         <p><a href=\"#\" data-testid=\"crash-reload\" onclick=\"location.reload();return false;\">{reload}</a></p>\
         <details><summary>{details}</summary><pre>{detail}</pre></details></div>",
        title = text(locale, site::CRASH_TITLE),
        body = text(locale, site::CRASH_BODY),
        reload = text(locale, site::CRASH_RELOAD),
        details = text(locale, site::CRASH_DETAILS),
        detail = escape(detail),
    ));
    let _ = body.append_child(&panel);
    if let Some(link) = panel.query_selector("a").ok().flatten().and_then(|a| a.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = link.focus();
    }
}
