//! Texts in the page language: `t(key)` reads the locale files through the settings' language
//! (reactive inside a closure), and readout values are formatted for that language.

use super::settings::use_settings;
use crate::figure::layout::Shown;
use crate::format::number_in;
use crate::i18n::{text, Locale, Text};
use leptos::prelude::*;

/// The current language (reactive when read inside a closure or effect).
pub fn locale() -> Locale {
    use_settings().map(|settings| settings.locale.get()).unwrap_or_default()
}

/// The text of `key` in the current language (reactive when read inside a closure or effect).
pub fn t(key: Text) -> &'static str {
    text(locale(), key)
}

/// `key` in the current language, as a reactive text for a view. Every call returns the same closure
/// type, so the view machinery behind it is compiled once for all the texts of the site (not once per
/// place a text appears), which keeps the wasm small.
pub fn tx(key: Text) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    move || t(key)
}

/// A readout value as the page shows it in `locale`.
pub fn shown(locale: Locale, value: Shown) -> String {
    match value {
        Shown::Number(v, digits) => number_in(locale.numbers(), v, digits),
        Shown::Count(n) => n.to_string(),
        Shown::Missing => locale.numbers().undefined.to_string(),
        Shown::Text(key) => text(locale, key).to_string(),
        Shown::Problem(error) => crate::i18n::error_text(locale, &error),
    }
}

/// Subscript digits of `n` (₁₂₃).
pub fn subscript(n: usize) -> String {
    n.to_string().chars().map(|c| char::from_u32(0x2080 + c.to_digit(10).unwrap_or(0)).unwrap_or(c)).collect()
}

/// `key` in the current language with `{n}` filled by `n` and `{sub}` by its subscript digits.
pub fn numbered(key: Text, n: usize) -> String {
    crate::i18n::fill(t(key), &[("n", &n.to_string()), ("sub", &subscript(n))])
}
