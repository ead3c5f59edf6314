//! Languages and texts. Every user-facing string lives in a TOML locale file — `src/locales/` for the
//! site, `src/chapters/<chapter>/locales/` for each chapter — that `build.rs` turns into one table per
//! language and one [`Text`] constant per key (`texts::regression::CURVES_TITLE`). A key missing in
//! one language is a build error, so the Rust side only names keys and can never show a raw key.
//! Placeholders are written `{name}` and filled with [`fill`].

use crate::loss::LossError;
use std::sync::OnceLock;

/// A language the page can be shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Locale {
    #[default]
    En,
    Zh,
}

impl Locale {
    /// Every language, in the order of the switch.
    pub const ALL: [Locale; 2] = [Locale::En, Locale::Zh];

    /// The BCP 47 tag for `<html lang>` and `?lang=`.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Zh => "zh",
        }
    }

    /// The language's name in itself, for the switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Zh => "中文",
        }
    }

    /// The language of a tag such as `zh`, `zh-CN`, `zh-Hans-TW` or `en-GB` (case-insensitive);
    /// `None` for a language the page does not have.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
        Locale::ALL.into_iter().find(|locale| locale.tag() == primary)
    }

    /// The first of the browser's preferred languages (`navigator.languages`) that the page has,
    /// else English.
    pub fn preferred<'a>(tags: impl IntoIterator<Item = &'a str>) -> Locale {
        tags.into_iter().find_map(Locale::from_tag).unwrap_or_default()
    }

    /// How numbers are written in this language.
    pub fn numbers(self) -> crate::format::NumberStyle {
        crate::format::NumberStyle::of(self)
    }
}

/// One text of the locale files (an index into each language's table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Text(pub(crate) u16);

/// The generated tables and one module of [`Text`] constants per namespace (`site`, `home`, and each
/// chapter).
pub mod texts {
    include!(concat!(env!("OUT_DIR"), "/texts.rs"));
}

/// Each language's texts once installed, in the order of [`Locale::ALL`]. The site fetches one
/// language's file at start (`texts::FILES`) and the other only when the reader switches to it, so
/// neither language's texts weigh on the wasm; native builds and tests use the built-in copies.
static TABLES: [OnceLock<Vec<&'static str>>; 2] = [OnceLock::new(), OnceLock::new()];

fn slot(locale: Locale) -> usize {
    Locale::ALL.iter().position(|l| *l == locale).unwrap_or(0)
}

/// Installs `locale`'s texts from the content of its file: an error if it is not this build's file
/// (another number of texts). Installing a language twice keeps the first.
pub fn install(locale: Locale, content: String) -> Result<(), String> {
    if is_installed(locale) {
        return Ok(());
    }
    let count = content.split('\0').count();
    if count != texts::ENTRIES {
        return Err(format!("{}: {count} texts where this build has {}", texts::FILES[slot(locale)], texts::ENTRIES));
    }
    // Kept for the life of the page, like the built-in tables it replaces.
    let content: &'static str = Box::leak(content.into_boxed_str());
    let _ = TABLES[slot(locale)].set(content.split('\0').collect());
    Ok(())
}

/// Whether `locale`'s texts are installed.
pub fn is_installed(locale: Locale) -> bool {
    TABLES[slot(locale)].get().is_some()
}

/// Installs every language from the built-in copies (what native builds do by themselves; the
/// browser tests call it).
pub fn install_built_in() {
    for locale in Locale::ALL {
        let _ = install(locale, texts::EMBEDDED[slot(locale)].to_string());
    }
}

/// The text of `key` in `locale` (empty while that language is not installed, which the site
/// never shows: it installs a language before showing it).
pub fn text(locale: Locale, key: Text) -> &'static str {
    #[cfg(not(target_arch = "wasm32"))]
    if !is_installed(locale) {
        install_built_in();
    }
    TABLES[slot(locale)].get().and_then(|table| table.get(usize::from(key.0))).copied().unwrap_or_default()
}

/// Entry `key` of whichever language is installed: for what every language has alike (the
/// formulas' MathML, which rides in the text files so that it does not weigh on the wasm).
pub fn shared_text(key: Text) -> &'static str {
    Locale::ALL.into_iter().map(|locale| text(locale, key)).find(|t| !t.is_empty()).unwrap_or_default()
}

/// Every text of the locale files, in table order (for tests and tools).
pub fn all_texts() -> impl Iterator<Item = Text> {
    (0..texts::COUNT).filter_map(|i| u16::try_from(i).ok()).map(Text)
}

/// The full key of a text (`regression.curves.title`), for tests and diagnostics.
#[cfg(not(target_arch = "wasm32"))]
pub fn key_of(key: Text) -> &'static str {
    texts::KEYS.get(usize::from(key.0)).copied().unwrap_or_default()
}

/// Replaces each `{name}` in `template` with its value.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// One of the loss core's requirement sentences ("must be finite") in `locale`; the sentence itself
/// if it has no entry (the build checks that every one of the core's sentences has).
pub fn requirement(locale: Locale, sentence: &'static str) -> &'static str {
    texts::REQUIREMENTS
        .binary_search_by(|(english, _)| (*english).cmp(sentence))
        .ok()
        .and_then(|i| texts::REQUIREMENTS.get(i))
        .map_or(sentence, |(_, key)| text(locale, *key))
}

/// A loss-core error as a sentence in `locale` (the core's own `Display` is English only).
pub fn error_text(locale: Locale, error: &LossError) -> String {
    use texts::site as t;
    let number = |v: f64| crate::format::number(v, 6);
    let say = |key: Text, values: &[(&str, &str)]| fill(text(locale, key), values);
    match error {
        LossError::InvalidParameter { name, value, requirement: r } => say(
            t::ERRORS_INVALID_PARAMETER,
            &[("name", name), ("value", &number(*value)), ("requirement", requirement(locale, r))],
        ),
        LossError::InvalidValue { name, index, value, requirement: r } => say(
            t::ERRORS_INVALID_VALUE,
            &[("name", name), ("index", &index.to_string()), ("value", &number(*value)), ("requirement", requirement(locale, r))],
        ),
        LossError::LengthMismatch { left_name, left, right_name, right } => say(
            t::ERRORS_LENGTH_MISMATCH,
            &[("left_name", left_name), ("left", &left.to_string()), ("right_name", right_name), ("right", &right.to_string())],
        ),
        LossError::Empty { name } => say(t::ERRORS_EMPTY, &[("name", name)]),
        LossError::RaggedRows { name, len, width } => {
            say(t::ERRORS_RAGGED_ROWS, &[("name", name), ("len", &len.to_string()), ("width", &width.to_string())])
        }
        LossError::NotADistribution { name, sum } => say(t::ERRORS_NOT_A_DISTRIBUTION, &[("name", name), ("sum", &number(*sum))]),
        LossError::NoPositiveLabel { row } => say(t::ERRORS_NO_POSITIVE_LABEL, &[("row", &row.to_string())]),
        LossError::Undefined { what } => say(t::ERRORS_UNDEFINED, &[("what", what)]),
        LossError::TooFewPoints { have } => say(t::ERRORS_TOO_FEW_POINTS, &[("have", &have.to_string())]),
        LossError::AllOnOneVertical { x } => say(t::ERRORS_ALL_ON_ONE_VERTICAL, &[("x", &number(*x))]),
        LossError::NonFinite => say(t::ERRORS_NON_FINITE, &[]),
    }
}
