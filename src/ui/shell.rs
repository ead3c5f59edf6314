//! Header with navigation, and the footer crediting the source article.

use super::i18n::t;
use crate::i18n::Msg;
use leptos::prelude::*;

/// The chapters that exist, in reading order: (path, label).
pub const CHAPTERS: [(&str, Msg); 1] = [("/regression", Msg::NavRegression)];

/// The site header.
#[component]
pub fn Header(
    /// The current path, to mark the active link.
    path: Memo<String>,
) -> impl IntoView {
    let link = move |href: &'static str, label: Msg| {
        let current = move || path.get() == href;
        view! {
            <a href=format!("#{href}") class:active=current
               aria-current=move || current().then_some("page")
               data-testid=format!("nav{}", href.replace('/', "-"))>
                {move || t(label)}
            </a>
        }
    };
    view! {
        <header class="site-header">
            <a class="brand" href="#/" data-testid="brand">
                <span class="brand-mark" aria-hidden="true">"ℓ"</span>
                <span>{move || t(Msg::AppName)}</span>
            </a>
            <nav aria-label=move || t(Msg::NavLabel)>
                {link("/", Msg::NavHome)}
                {CHAPTERS.into_iter().map(|(href, label)| link(href, label)).collect_view()}
            </nav>
        </header>
    }
}

/// The site footer.
#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p>
                {move || t(Msg::FooterSource)} " "
                <a href="https://zhuanlan.zhihu.com/p/358570091" lang="zh" rel="noopener">
                    {move || t(Msg::FooterArticleTitle)}
                </a>
                "."
            </p>
            <p class="muted">{move || t(Msg::FooterNote)}</p>
        </footer>
    }
}
