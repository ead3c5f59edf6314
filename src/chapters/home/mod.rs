//! The start page: what a loss is, the article's map of objectives as cards (each linking to the
//! chapter of the registry that answers it), and the CART card's live impurity figure.

pub mod impurity;

pub use crate::i18n::texts::home as texts;
use crate::i18n::Text;

/// One card of the article's map.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Card {
    /// Its key: `data-testid`s `card-{key}`, and what a chapter's `cards` name.
    pub key: &'static str,
    pub title: Text,
    pub objective: Text,
}

/// The article's seven objectives, in its order.
pub const MAP: [Card; 7] = [
    Card { key: "naive-bayes", title: texts::CARDS_NAIVE_BAYES_TITLE, objective: texts::CARDS_NAIVE_BAYES },
    Card { key: "genetic", title: texts::CARDS_GENETIC_TITLE, objective: texts::CARDS_GENETIC },
    Card { key: "rl", title: texts::CARDS_RL_TITLE, objective: texts::CARDS_RL },
    Card { key: "cart", title: texts::CARDS_CART_TITLE, objective: texts::CARDS_CART },
    Card { key: "regression", title: texts::CARDS_REGRESSION_TITLE, objective: texts::CARDS_REGRESSION },
    Card { key: "classification", title: texts::CARDS_CLASSIFICATION_TITLE, objective: texts::CARDS_CLASSIFICATION },
    Card { key: "svm", title: texts::CARDS_SVM_TITLE, objective: texts::CARDS_SVM },
];

/// The card that carries the impurity figure.
pub const FIGURE_CARD: &str = "cart";

/// The chapter (path) a card links to, from the registry; `None`: not yet available.
pub fn chapter_of(card: &str) -> Option<String> {
    super::metadata().into_iter().find(|chapter| chapter.cards.contains(&card)).map(|chapter| chapter.path())
}
