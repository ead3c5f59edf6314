//! An unknown path: say so, and offer the way back.

use crate::i18n::{fill, Msg};
use crate::ui::i18n::t;
use leptos::prelude::*;

#[component]
pub fn NotFound(
    /// The path that was asked for.
    path: String,
) -> impl IntoView {
    view! {
        <article class="page" data-testid="page-not-found">
            <h1>{move || t(Msg::NotFoundTitle)}</h1>
            <p>{move || fill(t(Msg::NotFoundBody), &[("path", &path)])}</p>
            <p><a href="#/">{move || t(Msg::BackHome)}</a></p>
        </article>
    }
}
