//! The start page: what a loss function is, and the chapters.

use crate::i18n::Msg;
use crate::ui::i18n::t;
use crate::ui::shell::CHAPTERS;
use leptos::prelude::*;

#[component]
pub fn Home() -> impl IntoView {
    let card_text = |label: Msg| match label {
        Msg::NavRegression => Msg::HomeRegressionCard,
        other => other,
    };
    view! {
        <article class="page home" data-testid="page-home">
            <h1>{move || t(Msg::HomeTitle)}</h1>
            <p class="lead">{move || t(Msg::HomeWhatIsLoss)}</p>
            <p>{move || t(Msg::HomeTraining)}</p>
            <h2>{move || t(Msg::HomeChaptersTitle)}</h2>
            <ul class="cards">
                {CHAPTERS
                    .into_iter()
                    .map(|(href, label)| {
                        view! {
                            <li class="card">
                                <a href=format!("#{href}")>
                                    <strong>{move || t(label)}</strong>
                                    <span>{move || t(card_text(label))}</span>
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </article>
    }
}
