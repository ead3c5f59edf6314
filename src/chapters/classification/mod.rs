//! Chapter "Classification" (two classes): binary cross-entropy on probabilities and logits
//! ([`bce`]), the margin losses and focal loss against y·f ([`margins`]), and a linear classifier
//! trained live under the loss you choose ([`classifier`]) — the maths in
//! `crate::loss::classification`, `crate::loss::extras` and `crate::loss::linear`.

pub mod bce;
pub mod classifier;
pub mod margins;

pub use crate::formula::formulas::classification as formulas;
pub use crate::i18n::texts::classification as texts;

use crate::figure::page::{Chapter, PageBuilder};

/// The registry's entry: it answers the article's Naive Bayes, classification and SVM objectives.
pub fn chapter<B: PageBuilder>() -> Chapter<B> {
    Chapter { key: "classification", nav: texts::NAV, cards: &["naive-bayes", "classification", "svm"], page: page::<B> }
}

fn page<B: PageBuilder>(page: &mut B) {
    page.heading(texts::TITLE);
    page.lead(texts::INTRO);
    page.figure::<bce::Bce>();
    page.paragraphs(&[texts::EXPLAIN_BCE_1, texts::EXPLAIN_BCE_2, texts::EXPLAIN_BCE_3]);
    page.figure::<margins::Margins>();
    page.paragraphs(&[texts::EXPLAIN_MARGIN_1, texts::EXPLAIN_MARGIN_2, texts::EXPLAIN_MARGIN_3]);
    page.figure::<classifier::Classifier>();
    page.note(&[texts::EXPLAIN_NOTE_NAIVE_BAYES]);
}
