//! The page language as a reactive context, and `t(msg)` to read the message table with it.

use crate::i18n::{text, Locale, Msg};
use leptos::prelude::*;

/// The current language, shared by every component.
#[derive(Clone, Copy)]
pub struct Language(pub RwSignal<Locale>);

/// Provides the language context (once, at the root).
pub fn provide_language() {
    provide_context(Language(RwSignal::new(Locale::default())));
}

/// The current locale (reactive when read inside a closure or effect).
pub fn locale() -> Locale {
    use_context::<Language>().map(|language| language.0.get()).unwrap_or_default()
}

/// The text of `msg` in the current language (reactive when read inside a closure or effect).
pub fn t(msg: Msg) -> &'static str {
    text(locale(), msg)
}
