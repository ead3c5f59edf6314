//! The header — the chapters of the registry, the language and theme switches — and the footer.

use super::settings::{use_settings, ThemeChoice};
use super::text::tx;
use crate::chapters;
use crate::i18n::{texts::site, Locale, Text};
use leptos::prelude::*;

fn theme_name(choice: ThemeChoice) -> Text {
    match choice {
        ThemeChoice::Auto => site::SETTINGS_THEME_AUTO,
        ThemeChoice::Fixed(crate::plot::Theme::Light) => site::SETTINGS_THEME_LIGHT,
        ThemeChoice::Fixed(crate::plot::Theme::Dark) => site::SETTINGS_THEME_DARK,
        ThemeChoice::Fixed(crate::plot::Theme::Projector) => site::SETTINGS_THEME_PROJECTOR,
    }
}

/// The site header.
#[component]
pub fn Header(
    /// The current path, to mark the active link.
    path: Memo<String>,
) -> impl IntoView {
    let link = move |href: String, label: Text, testid: String| {
        let target = href.clone();
        let current = move || path.get() == target;
        view! {
            <a href=format!("#{href}") class:active=current.clone()
               aria-current=move || current().then_some("page")
               data-testid=testid>
                {tx(label)}
            </a>
        }
    };
    let chapters = chapters::metadata()
        .into_iter()
        .map(|chapter| link(chapter.path(), chapter.nav, format!("nav-{}", chapter.key)))
        .collect_view();
    let settings = use_settings();
    let switches = settings.map(|settings| {
        let languages = Locale::ALL
            .into_iter()
            .map(|locale| {
                view! { <option value=locale.tag() lang=locale.tag() selected=move || settings.locale.get() == locale>{locale.native_name()}</option> }
            })
            .collect_view();
        let themes = ThemeChoice::ALL
            .into_iter()
            .map(|choice| view! { <option value=choice.key() selected=move || settings.theme.get() == choice>{tx(theme_name(choice))}</option> })
            .collect_view();
        view! {
            <div class="switches">
                <label>
                    <span class="sr-only">{tx(site::SETTINGS_LANGUAGE)}</span>
                    <select data-testid="lang-switch" aria-label=tx(site::SETTINGS_LANGUAGE)
                        prop:value=move || settings.locale.get().tag()
                        on:change=move |ev| {
                            if let Some(locale) = Locale::from_tag(&event_target_value(&ev)) {
                                settings.choose_locale(locale);
                            }
                        }>
                        {languages}
                    </select>
                </label>
                <label>
                    <span class="sr-only">{tx(site::SETTINGS_THEME)}</span>
                    <select data-testid="theme-switch" aria-label=tx(site::SETTINGS_THEME)
                        prop:value=move || settings.theme.get().key()
                        on:change=move |ev| {
                            if let Some(choice) = ThemeChoice::from_key(&event_target_value(&ev)) {
                                settings.choose_theme(choice);
                            }
                        }>
                        {themes}
                    </select>
                </label>
            </div>
        }
    });
    view! {
        <header class="site-header">
            <a class="brand" href="#/" data-testid="brand">
                <span class="brand-mark" aria-hidden="true">"ℓ"</span>
                <span>{tx(site::APP_NAME)}</span>
            </a>
            <nav aria-label=tx(site::NAV_LABEL)>
                {link("/".to_string(), site::NAV_HOME, "nav-".to_string())}
                {chapters}
            </nav>
            {switches}
        </header>
    }
}

/// The site footer.
#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p>
                {tx(site::FOOTER_SOURCE)} " "
                <a href="https://zhuanlan.zhihu.com/p/358570091" lang="zh" rel="noopener">
                    {tx(site::FOOTER_ARTICLE_TITLE)}
                </a>
            </p>
            <p class="muted">{tx(site::FOOTER_NOTE)}</p>
        </footer>
    }
}
