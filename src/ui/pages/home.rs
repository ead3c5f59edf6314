//! The start page: what a loss function is, and the article's map of objectives as cards — each
//! linking to the chapter of the registry that answers it, marked "not yet available" otherwise.
//! The CART card carries the live impurity figure.

use crate::chapters::home::{chapter_of, impurity::Impurity, texts, FIGURE_CARD, MAP};
use crate::figure::query::Query;
use crate::ui::figure::figure_view;
use crate::ui::page::PageCtx;
use crate::ui::settings::use_settings;
use crate::ui::text::tx;
use leptos::prelude::*;

#[component]
pub fn Home() -> impl IntoView {
    let locale = use_settings().map(|s| s.locale).unwrap_or_else(|| RwSignal::new(Default::default()));
    let page = PageCtx::new("/".to_string(), Query::default(), locale, 4);
    let mut figure = Some(figure_view::<Impurity>(&page));
    let cards = MAP
        .into_iter()
        .map(|card| {
            let key = card.key;
            let with_figure = key == FIGURE_CARD;
            let figure = if with_figure { figure.take() } else { None };
            let (title, objective) = (card.title, card.objective);
            match chapter_of(key) {
                Some(href) => view! {
                    <li class="card available" class:with-figure=with_figure data-testid=format!("card-{key}")>
                        <h3>{tx(title)}</h3>
                        <p>{tx(objective)}</p>
                        {figure}
                        <a class="card-link" href=format!("#{href}") data-testid=format!("card-{key}-link")>
                            {tx(texts::MAP_AVAILABLE)}
                        </a>
                    </li>
                }
                .into_any(),
                None => view! {
                    <li class="card unavailable" class:with-figure=with_figure data-testid=format!("card-{key}") aria-disabled="true">
                        <h3>{tx(title)}</h3>
                        <p>{tx(objective)}</p>
                        {figure}
                        <p class="card-status" data-testid=format!("card-{key}-status")>{tx(texts::MAP_UNAVAILABLE)}</p>
                    </li>
                }
                .into_any(),
            }
        })
        .collect_view();
    view! {
        <article class="page home" data-testid="page-home">
            <h1>{tx(texts::TITLE)}</h1>
            <p class="lead">{tx(texts::WHAT_IS_LOSS)}</p>
            <p>{tx(texts::TRAINING)}</p>
            <h2>{tx(texts::MAP_TITLE)}</h2>
            <p>{tx(texts::MAP_INTRO)}</p>
            <ul class="cards">{cards}</ul>
        </article>
    }
}
