//! The root component: the reader's settings, the shell, and the page the URL's hash names — a
//! chapter of the registry, the start page, or "not found".

use super::page::{PageCtx, ViewBuilder};
use super::pages::{crash_test::CrashTest, home::Home, not_found::NotFound};
use super::settings::provide_settings;
use super::shell::{Footer, Header};
use super::url::hash_signal;
use crate::chapters::{self, split_hash, Location, Route};
use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    let settings = provide_settings();
    let hash = hash_signal();
    // Re-create the page only when the path changes; a page follows its own query itself.
    let path = Memo::new(move |_| split_hash(&hash.get()).0);
    let page = move || {
        let _ = path.get();
        let location = Location::parse(&hash.get_untracked());
        match location.route {
            Route::Home => view! { <Home/> }.into_any(),
            Route::Chapter(key) => chapter_page(key, location, hash, settings.embed),
            Route::CrashTest => view! { <CrashTest/> }.into_any(),
            Route::NotFound(path) => view! { <NotFound path=path/> }.into_any(),
        }
    };
    let embed = settings.embed;
    view! {
        {(!embed).then(|| view! { <Header path=path/> })}
        <main id="main" class:embed=embed>{page}</main>
        {(!embed).then(|| view! { <Footer/> })}
    }
}

/// A chapter's page from its registry entry.
fn chapter_page(key: &'static str, location: Location, hash: RwSignal<String>, embed: bool) -> AnyView {
    let Some(settings) = super::settings::use_settings() else { return ().into_any() };
    let page = PageCtx::new(location.path, location.query, settings.locale, 2);
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
    view! { <article class="page chapter" data-testid=format!("page-{key}")>{views}</article> }.into_any()
}
