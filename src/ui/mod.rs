//! The Leptos components (browser only). They hold no maths: a page is built from the chapter
//! registry (`crate::chapters`), every figure is shown by one generic view ([`figure`]) from its
//! [`crate::figure::Figure`] implementation, and every text comes from the locale files.

pub mod app;
pub mod dom;
pub mod follow;
pub mod export;
pub mod figure;
pub mod language;
pub mod page;
pub mod pages;
pub mod panic;
pub mod settings;
pub mod shell;
pub mod text;
pub mod timing;
pub mod url;
pub mod widgets;

/// Starts the app: installs the crash message, fetches the texts of the reader's language (else
/// English's), then mounts the page.
pub fn start() {
    panic::install();
    let chosen = settings::initial_locale();
    wasm_bindgen_futures::spawn_local(async move {
        let mut reason = String::new();
        for locale in [chosen, crate::i18n::Locale::En] {
            match language::load(locale).await {
                Ok(()) => {
                    leptos::mount::mount_to_body(app::App);
                    return;
                }
                Err(problem) => reason = problem,
            }
        }
        language::show_failure(&reason);
    });
}
