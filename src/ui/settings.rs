//! The reader's settings, shared by every component: the language, the theme, the system's colour
//! scheme and motion preference, the pixel ratio, and whether the page is embedded.
//!
//! The language comes from `?lang=` in the URL, else the last choice (local storage), else the
//! browser's languages; the theme from `?theme=`, else the last choice, else "auto" (following
//! `prefers-color-scheme`). `<html lang>` and `<html data-theme>` follow them, so the page's CSS and
//! every canvas agree.

use crate::figure::query::Query;
use crate::i18n::Locale;
use crate::plot::{Ctx, Theme};
use leptos::prelude::*;
use std::sync::atomic::{AtomicU8, Ordering};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

const LANGUAGE_KEY: &str = "loss-lab.lang";
const THEME_KEY: &str = "loss-lab.theme";

/// The theme as chosen: "auto" follows the system's light or dark scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeChoice {
    Auto,
    Fixed(Theme),
}

impl ThemeChoice {
    pub const ALL: [ThemeChoice; 4] =
        [ThemeChoice::Auto, ThemeChoice::Fixed(Theme::Light), ThemeChoice::Fixed(Theme::Dark), ThemeChoice::Fixed(Theme::Projector)];

    pub fn key(self) -> &'static str {
        match self {
            ThemeChoice::Auto => "auto",
            ThemeChoice::Fixed(theme) => theme.key(),
        }
    }

    pub fn from_key(key: &str) -> Option<ThemeChoice> {
        ThemeChoice::ALL.into_iter().find(|choice| choice.key() == key)
    }
}

/// The settings context.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    pub locale: RwSignal<Locale>,
    pub theme: RwSignal<ThemeChoice>,
    /// The system prefers a dark scheme.
    pub system_dark: RwSignal<bool>,
    /// The system asks for reduced motion (animations do not start by themselves).
    pub reduced_motion: RwSignal<bool>,
    /// window.devicePixelRatio.
    pub pixel_ratio: RwSignal<f64>,
    /// `?embed=1` before the hash: no header, navigation or footer (the router also reads it in the hash).
    pub embed: bool,
    /// The drawing context of every figure (pixel ratio, theme, language).
    pub ctx: Memo<Ctx>,
}

impl Settings {
    /// The theme in effect.
    pub fn effective_theme(&self) -> Theme {
        match self.theme.get() {
            ThemeChoice::Fixed(theme) => theme,
            ThemeChoice::Auto if self.system_dark.get() => Theme::Dark,
            ThemeChoice::Auto => Theme::Light,
        }
    }

    /// Chooses a language (the header's switch): remembered for the next visit. A language not yet
    /// shown is fetched first; the page switches when its texts are in.
    pub fn choose_locale(&self, locale: Locale) {
        let signal = self.locale;
        let switch = move || {
            signal.set(locale);
            store(LANGUAGE_KEY, locale.tag());
            super::url::update_page_key("lang", locale.tag());
        };
        if crate::i18n::is_installed(locale) {
            switch();
        } else {
            wasm_bindgen_futures::spawn_local(async move {
                match super::language::load(locale).await {
                    Ok(()) => switch(),
                    Err(reason) => super::language::log_failure(&reason),
                }
            });
        }
    }

    /// Chooses a theme (the header's switch): remembered for the next visit.
    pub fn choose_theme(&self, choice: ThemeChoice) {
        self.theme.set(choice);
        store(THEME_KEY, choice.key());
        super::url::update_page_key("theme", choice.key());
    }
}

pub fn use_settings() -> Option<Settings> {
    use_context::<Settings>()
}

/// The language the crash message uses (the reactive runtime cannot be trusted after a panic).
static CRASH_LOCALE: AtomicU8 = AtomicU8::new(0);

/// The page language, readable without the reactive runtime.
pub fn last_locale() -> Locale {
    Locale::ALL.get(usize::from(CRASH_LOCALE.load(Ordering::Relaxed))).copied().unwrap_or_default()
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn stored(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

fn store(key: &str, value: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(key, value);
    }
}

/// The browser's preferred languages, most preferred first.
fn browser_languages() -> Vec<String> {
    let navigator = window().navigator();
    let mut tags: Vec<String> = navigator.languages().iter().filter_map(|v| v.as_string()).collect();
    if let Some(language) = navigator.language() {
        tags.push(language);
    }
    tags
}

/// A media query that stays true to the system, as a signal.
fn media_signal(query: &str) -> RwSignal<bool> {
    let Ok(Some(list)) = window().match_media(query) else { return RwSignal::new(false) };
    let signal = RwSignal::new(list.matches());
    let on_change = Closure::<dyn Fn(web_sys::MediaQueryListEvent)>::new(move |ev: web_sys::MediaQueryListEvent| signal.set(ev.matches()));
    let _ = list.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
    // The listener lives as long as the page (one per setting).
    on_change.forget();
    signal
}

/// The page-level query (`?lang=…` before the hash, and the hash's own query).
pub fn page_query() -> Query {
    let location = window().location();
    let search = location.search().unwrap_or_default();
    let hash = location.hash().unwrap_or_default();
    let hash_query = hash.split_once('?').map(|(_, q)| q).unwrap_or_default();
    Query::parse(&format!("{}&{hash_query}", search.trim_start_matches('?')))
}

/// The language the page starts in: `?lang=`, else the one chosen on the last visit, else the
/// browser's preference.
pub fn initial_locale() -> Locale {
    page_query()
        .get("lang")
        .and_then(Locale::from_tag)
        .or_else(|| stored(LANGUAGE_KEY).as_deref().and_then(Locale::from_tag))
        .unwrap_or_else(|| Locale::preferred(browser_languages().iter().map(String::as_str)))
}

/// Provides the settings (once, at the root).
pub fn provide_settings() -> Settings {
    let query = page_query();
    // The starting language, if its texts came in (`super::start` falls back to English's).
    let locale = Some(initial_locale()).filter(|locale| crate::i18n::is_installed(*locale)).unwrap_or_default();
    let theme = query
        .get("theme")
        .and_then(ThemeChoice::from_key)
        .or_else(|| stored(THEME_KEY).as_deref().and_then(ThemeChoice::from_key))
        .unwrap_or(ThemeChoice::Auto);
    // Only before the hash: the hash's own `embed=` is read by the router, so it can change.
    let search = Query::parse(window().location().search().unwrap_or_default().trim_start_matches('?'));
    let embed = matches!(search.get("embed"), Some("1" | "true" | "yes"));
    let locale = RwSignal::new(locale);
    let theme = RwSignal::new(theme);
    let system_dark = media_signal("(prefers-color-scheme: dark)");
    let reduced_motion = media_signal("(prefers-reduced-motion: reduce)");
    let pixel_ratio = RwSignal::new(window().device_pixel_ratio());
    let resize = window_event_listener(leptos::ev::resize, move |_| {
        let now = window().device_pixel_ratio();
        if now != pixel_ratio.get_untracked() {
            pixel_ratio.set(now);
        }
    });
    on_cleanup(move || resize.remove());
    let effective = move || match theme.get() {
        ThemeChoice::Fixed(theme) => theme,
        ThemeChoice::Auto if system_dark.get() => Theme::Dark,
        ThemeChoice::Auto => Theme::Light,
    };
    let ctx = Memo::new(move |_| Ctx::new(pixel_ratio.get(), effective(), locale.get()));
    let settings = Settings { locale, theme, system_dark, reduced_motion, pixel_ratio, embed, ctx };
    provide_context(settings);

    // <html lang> and <html data-theme> follow the settings.
    Effect::new(move |_| {
        let locale = locale.get();
        CRASH_LOCALE.store(Locale::ALL.iter().position(|l| *l == locale).unwrap_or(0) as u8, Ordering::Relaxed);
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", locale.tag());
        }
    });
    Effect::new(move |_| {
        let theme = effective();
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("data-theme", theme.key());
        }
    });
    settings
}
