//! Chapter "Circle loss" (the part of the article its author did not understand): the paper's
//! derivation in three steps on the (s_n, s_p) plane ([`plane`]) and the weights of several pairs
//! ([`weights`]); the maths in `crate::loss::metric::circle`, the heat-map grid helpers in [`grid`].

pub mod grid;
pub mod plane;
pub mod weights;

pub use crate::formula::formulas::circle as formulas;
pub use crate::i18n::texts::circle as texts;

use crate::figure::page::{Chapter, PageBuilder};

/// The registry's entry.
pub fn chapter<B: PageBuilder>() -> Chapter<B> {
    Chapter { key: "circle", nav: texts::NAV, cards: &[], page: page::<B> }
}

fn page<B: PageBuilder>(page: &mut B) {
    page.heading(texts::TITLE);
    page.lead(texts::INTRO);
    page.figure::<plane::PlaneFigure>();
    page.paragraphs(&[texts::EXPLAIN_DETACH, texts::EXPLAIN_GAMMA]);
    page.note(&[texts::EXPLAIN_WEIGHTS_NOTE]);
    page.figure::<weights::WeightsFigure>();
}
