//! Getting a figure out of the page: a PNG of its canvas (base and overlay on the theme's
//! background), an SVG drawn by the same draw functions on plotters' SVG backend, and copying a link.

use plotters::style::RGBColor;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlAnchorElement, HtmlCanvasElement};

/// Saves `href` as `file_name` (an `<a download>` clicked; the browser asks or saves).
fn download(href: &str, file_name: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(anchor) = document.create_element("a") else { return };
    let Ok(anchor) = anchor.dyn_into::<HtmlAnchorElement>() else { return };
    anchor.set_href(href);
    anchor.set_download(file_name);
    anchor.set_attribute("data-export", file_name).ok();
    anchor.click();
}

/// The figure canvas (its overlay holds the base layer's copy) on the theme's background, as a PNG
/// download.
pub fn download_png(overlay: &HtmlCanvasElement, background: RGBColor, name: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(element) = document.create_element("canvas") else { return };
    let Ok(canvas) = element.dyn_into::<HtmlCanvasElement>() else { return };
    canvas.set_width(overlay.width());
    canvas.set_height(overlay.height());
    let Some(context) = crate::plot::canvas::context_2d(&canvas) else { return };
    context.set_fill_style_str(&crate::plot::theme::css(background));
    context.fill_rect(0.0, 0.0, f64::from(canvas.width()), f64::from(canvas.height()));
    let _ = context.draw_image_with_html_canvas_element(overlay, 0.0, 0.0);
    if let Ok(url) = canvas.to_data_url_with_type("image/png") {
        download(&url, &format!("{name}.png"));
    }
}

/// An SVG document as a download.
pub fn download_svg(svg: &str, name: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(svg));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    download(&url, &format!("{name}.svg"));
    // The download has its own reference to the blob; let the URL go after the click has been handled.
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(window) = web_sys::window() {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
    }
}

/// Writes `text` to the clipboard where the browser allows it; `done(true)` once it is there.
pub fn copy_text(text: &str, done: impl FnOnce(bool) + 'static) {
    let Some(window) = web_sys::window() else { return done(false) };
    let promise = window.navigator().clipboard().write_text(text);
    leptos::task::spawn_local(async move {
        let copied = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
        done(copied);
    });
}
