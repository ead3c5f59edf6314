//! The start page: what a loss function is, and the article's map of objectives as cards — each
//! linking to its chapter when the chapter exists, marked "not yet available" otherwise.

use crate::i18n::Msg;
use crate::ui::i18n::t;
use crate::ui::widgets::impurity_figure::ImpurityFigure;
use leptos::prelude::*;

/// One card of the map: (key for `data-testid`s, title, objective, the chapter's path if it exists).
pub const MAP: [(&str, Msg, Msg, Option<&str>); 7] = [
    ("naive-bayes", Msg::ObjNaiveBayesTitle, Msg::ObjNaiveBayes, None),
    ("genetic", Msg::ObjGeneticTitle, Msg::ObjGenetic, None),
    ("rl", Msg::ObjRlTitle, Msg::ObjRl, None),
    ("cart", Msg::ObjCartTitle, Msg::ObjCart, None),
    ("regression", Msg::ObjRegressionTitle, Msg::ObjRegression, Some("/regression")),
    ("classification", Msg::ObjClassificationTitle, Msg::ObjClassification, None),
    ("svm", Msg::ObjSvmTitle, Msg::ObjSvm, None),
];

#[component]
pub fn Home() -> impl IntoView {
    view! {
        <article class="page home" data-testid="page-home">
            <h1>{move || t(Msg::HomeTitle)}</h1>
            <p class="lead">{move || t(Msg::HomeWhatIsLoss)}</p>
            <p>{move || t(Msg::HomeTraining)}</p>
            <h2>{move || t(Msg::HomeMapTitle)}</h2>
            <p>{move || t(Msg::HomeMapIntro)}</p>
            <ul class="cards">
                {MAP.into_iter().map(|(key, title, objective, chapter)| {
                    let has_figure = key == "cart";
                    let figure = has_figure.then(|| view! { <ImpurityFigure/> });
                    match chapter {
                        Some(href) => view! {
                            <li class="card available" class:with-figure=has_figure data-testid=format!("card-{key}")>
                                <h3>{move || t(title)}</h3>
                                <p>{move || t(objective)}</p>
                                {figure}
                                <a class="card-link" href=format!("#{href}") data-testid=format!("card-{key}-link")>
                                    {move || t(Msg::HomeAvailable)}
                                </a>
                            </li>
                        }.into_any(),
                        None => view! {
                            <li class="card unavailable" class:with-figure=has_figure data-testid=format!("card-{key}") aria-disabled="true">
                                <h3>{move || t(title)}</h3>
                                <p>{move || t(objective)}</p>
                                {figure}
                                <p class="card-status" data-testid=format!("card-{key}-status")>{move || t(Msg::HomeUnavailable)}</p>
                            </li>
                        }.into_any(),
                    }
                }).collect_view()}
            </ul>
        </article>
    }
}
