//! An unknown path: say so, and offer the way back and every chapter of the registry.

use crate::chapters;
use crate::i18n::{fill, texts::site};
use crate::ui::text::{t, tx};
use leptos::prelude::*;

#[component]
pub fn NotFound(
    /// The path that was asked for.
    path: String,
) -> impl IntoView {
    let chapters = chapters::metadata()
        .into_iter()
        .map(|chapter| {
            let nav = chapter.nav;
            view! { <li><a href=format!("#{}", chapter.path())>{tx(nav)}</a></li> }
        })
        .collect_view();
    view! {
        <article class="page" data-testid="page-not-found">
            <h1>{tx(site::NOT_FOUND_TITLE)}</h1>
            <p>{move || fill(t(site::NOT_FOUND_BODY), &[("path", &path)])}</p>
            <ul>{chapters}</ul>
            <p><a href="#/">{tx(site::NOT_FOUND_BACK_HOME)}</a></p>
        </article>
    }
}
