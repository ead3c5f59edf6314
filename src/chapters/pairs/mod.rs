//! Chapter "Pairs and triplets" (the article's rank losses): the pairwise contrastive loss with its
//! margin ([`contrastive`]) and the triplet loss with its easy, semi-hard and hard negatives
//! ([`triplet`]), in a 2-D embedding ([`embedding`]) — the maths in `crate::loss::metric`.

pub mod contrastive;
pub mod embedding;
pub mod triplet;

pub use crate::formula::formulas::pairs as formulas;
pub use crate::i18n::texts::pairs as texts;

use crate::figure::page::{Chapter, PageBuilder};

/// The registry's entry: it answers the article's ranking objective.
pub fn chapter<B: PageBuilder>() -> Chapter<B> {
    Chapter { key: "pairs", nav: texts::NAV, cards: &[], page: page::<B> }
}

fn page<B: PageBuilder>(page: &mut B) {
    page.heading(texts::TITLE);
    page.lead(texts::INTRO);
    page.figure::<contrastive::ContrastiveFigure>();
    page.paragraphs(&[texts::EXPLAIN_CONTRASTIVE_1, texts::EXPLAIN_CONTRASTIVE_2]);
    page.figure::<triplet::TripletFigure>();
    page.paragraphs(&[texts::EXPLAIN_TRIPLET_1, texts::EXPLAIN_TRIPLET_2, texts::EXPLAIN_TRIPLET_3]);
    page.note(&[texts::EXPLAIN_NOTE]);
}
