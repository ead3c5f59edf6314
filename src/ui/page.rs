//! A chapter's page, built from its registry entry: a [`PageBuilder`] that turns headings,
//! paragraphs and figures into views, and keeps the page's URL in step with every figure's
//! parameters (each under its own prefix, plus `v=1`).

use super::figure::{figure_view, Ops};
use super::text::{t, tx};
use super::url::replace_hash_soon;
use crate::chapters::split_hash;
use crate::figure::page::PageBuilder;
use crate::figure::query::{Query, URL_VERSION};
use crate::figure::Figure;
use crate::i18n::{Locale, Text};
use leptos::prelude::*;

/// What the figures of one page share.
#[derive(Clone, Copy)]
pub struct PageCtx {
    /// The page's path (`/regression`).
    pub path: StoredValue<String>,
    /// The query the page was opened with.
    pub query: StoredValue<Query>,
    /// The figures, as they registered.
    figures: StoredValue<Vec<Ops>>,
    pub locale: RwSignal<Locale>,
    /// Heading level of figure titles (2 on a chapter page).
    pub heading_level: u8,
}

impl PageCtx {
    pub fn new(path: String, query: Query, locale: RwSignal<Locale>, heading_level: u8) -> PageCtx {
        PageCtx { path: StoredValue::new(path), query: StoredValue::new(query), figures: StoredValue::new(Vec::new()), locale, heading_level }
    }

    pub fn register(&self, figure: Ops) {
        self.figures.update_value(|figures| figures.push(figure));
    }

    /// The URL part of figure `key` as it is now (for tests and tools).
    pub fn figure_query(&self, key: &str) -> Option<String> {
        self.figures.with_value(|figures| figures.iter().find(|f| f.key() == key).map(|f| untrack(|| f.query())))
    }

    /// Every figure takes the parameters `query` gives it, as from a URL edited by hand.
    pub fn follow(&self, query: &str) {
        let query = Query::parse(query);
        for figure in self.figures.get_value() {
            figure.follow(&query);
        }
    }

    /// The figure named by `fig=` (embedding one figure, or scrolling to it).
    pub fn only(&self) -> Option<String> {
        self.query.with_value(|q| q.get("fig").map(str::to_string))
    }

    /// Keeps the URL following the figures, and the figures following a URL edited by hand.
    pub fn sync_url(&self, hash: RwSignal<String>) {
        let page = *self;
        // The page's own keys survive a rewrite (the language and theme as they are now).
        let keep: Vec<(&'static str, Option<String>)> =
            ["embed", "fig"].into_iter().map(|key| (key, page.query.with_value(|q| q.get(key).map(str::to_string)))).collect();
        let had_language = page.query.with_value(|q| q.get("lang").is_some());
        let theme = page.query.with_value(|q| q.get("theme").is_some()).then(|| super::settings::use_settings().map(|s| s.theme)).flatten();
        Effect::new(move |_| {
            let figures = page.figures.get_value();
            if figures.iter().any(|figure| figure.dragging()) {
                return;
            }
            let mut parts: Vec<String> = figures.iter().map(|figure| figure.query()).filter(|q| !q.is_empty()).collect();
            if parts.is_empty() {
                return;
            }
            parts.push(format!("v={URL_VERSION}"));
            if had_language {
                parts.push(format!("lang={}", page.locale.get().tag()));
            }
            if let Some(theme) = theme {
                parts.push(format!("theme={}", theme.get().key()));
            }
            parts.extend(keep.iter().filter_map(|(key, value)| value.as_ref().map(|v| format!("{key}={v}"))));
            replace_hash_soon(format!("#{}?{}", page.path.get_value(), parts.join("&")));
        });
        Effect::new(move |previous: Option<()>| {
            let hash = hash.get();
            if previous.is_none() {
                return;
            }
            let (path, query) = split_hash(&hash);
            if path == page.path.get_value() {
                page.follow(&query);
            }
        });
    }
}

/// Builds a page's views.
pub struct ViewBuilder {
    pub page: PageCtx,
    pub views: Vec<AnyView>,
    /// Only this figure (`?embed=1&fig=…`), nothing else.
    only: Option<String>,
}

impl ViewBuilder {
    pub fn new(page: PageCtx, embed: bool) -> ViewBuilder {
        let only = if embed { page.only() } else { None };
        ViewBuilder { page, views: Vec::new(), only }
    }

    fn text_block(&mut self, block: impl FnOnce() -> AnyView) {
        if self.only.is_none() {
            self.views.push(block());
        }
    }
}

impl PageBuilder for ViewBuilder {
    fn heading(&mut self, text: Text) {
        self.text_block(|| view! { <h1>{tx(text)}</h1> }.into_any());
    }

    fn lead(&mut self, text: Text) {
        self.text_block(|| view! { <p class="lead">{tx(text)}</p> }.into_any());
    }

    fn paragraphs(&mut self, texts: &[Text]) {
        let texts = texts.to_vec();
        self.text_block(|| {
            let paragraphs = texts.into_iter().map(|text| view! { <p>{tx(text)}</p> }).collect_view();
            view! { <section class="explain">{paragraphs}</section> }.into_any()
        });
    }

    fn note(&mut self, texts: &[Text]) {
        let texts = texts.to_vec();
        self.text_block(|| {
            let joined = move || texts.iter().map(|&text| t(text)).collect::<Vec<_>>().join(" ");
            view! { <p class="muted">{joined}</p> }.into_any()
        });
    }

    fn figure<F: Figure>(&mut self) {
        if self.only.as_deref().is_some_and(|only| only != F::KEY) {
            return;
        }
        self.views.push(figure_view::<F>(&self.page));
    }
}
