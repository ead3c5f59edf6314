//! The root component: the reader's settings, the shell, and the page the URL's hash names — a
//! chapter of the registry, the start page, or "not found".

use super::page::{PageCtx, ViewBuilder};
use super::pages::{crash_test::CrashTest, home::Home, not_found::NotFound};
use super::settings::provide_settings;
use super::shell::{Footer, Header};
use super::url::hash_signal;
use crate::chapters::{self, split_hash, Location, Route};
use crate::figure::query::Query;
use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    let settings = provide_settings();
    let hash = hash_signal();
    let path = Memo::new(move |_| split_hash(&hash.get()).0);
    // `?embed=1` before the hash, or in it; `fig=` names the one figure an embed shows.
    let embed_key = Memo::new(move |_| {
        let query = Query::parse(&split_hash(&hash.get()).1);
        let embed = settings.embed || matches!(query.get("embed"), Some("1" | "true" | "yes"));
        (embed, query.get("fig").map(str::to_string))
    });
    let embed = Signal::derive(move || embed_key.with(|(embed, _)| *embed));
    // Re-create the page only when the path or the embedding changes; a page follows its own
    // query itself.
    let page = move || {
        let _ = path.get();
        let (embed, _) = embed_key.get();
        let location = Location::parse(&hash.get_untracked());
        match location.route {
            Route::Home => view! { <Home/> }.into_any(),
            Route::Chapter(key) => chapter_page(key, location, hash, embed).0,
            Route::CrashTest => view! { <CrashTest/> }.into_any(),
            Route::NotFound(path) => view! { <NotFound path=path/> }.into_any(),
        }
    };
    view! {
        <Show when=move || !embed.get()><Header path=path/></Show>
        <main id="main" class:embed=move || embed.get()>{page}</main>
        <Show when=move || !embed.get()><Footer/></Show>
    }
}

/// A chapter's page from its registry entry, and what its figures share (tests drive it).
pub fn chapter_page(key: &'static str, location: Location, hash: RwSignal<String>, embed: bool) -> (AnyView, PageCtx) {
    let locale = super::settings::use_settings().map(|s| s.locale).unwrap_or_else(|| RwSignal::new(Default::default()));
    let page = PageCtx::new(location.path, location.query, locale, 2);
    let mut builder = ViewBuilder::new(page, embed);
    if let Some(chapter) = chapters::all::<ViewBuilder>().into_iter().find(|chapter| chapter.key == key) {
        (chapter.page)(&mut builder);
    }
    page.sync_url(hash);
    if let Some(figure) = page.only() {
        // A link to one figure scrolls to it once the page is laid out.
        request_animation_frame(move || {
            if let Some(element) = document().get_element_by_id(&format!("figure-{figure}")) {
                element.scroll_into_view();
            }
        });
    }
    let views = builder.views;
    (view! { <article class="page chapter" data-testid=format!("page-{key}")>{views}</article> }.into_any(), page)
}
