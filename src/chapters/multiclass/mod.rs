//! Chapter "Many classes": softmax cross-entropy with temperature and label smoothing beside the
//! multi-class hinge ([`softmax`]), multi-class vs multi-label — softmax against sigmoids
//! ([`multilabel`]), KL divergence in both directions ([`kl`]) and fitting with each ([`klfit`]) —
//! the maths in `crate::loss::multiclass`, `crate::loss::multilabel` and `crate::loss::divergence`.

pub mod kl;
pub mod klfit;
pub mod logits;
pub mod multilabel;
pub mod softmax;

pub use crate::formula::formulas::multiclass as formulas;
pub use crate::i18n::texts::multiclass as texts;

use crate::figure::page::{Chapter, PageBuilder};

/// The registry's entry.
pub fn chapter<B: PageBuilder>() -> Chapter<B> {
    Chapter { key: "multiclass", nav: texts::NAV, cards: &[], page: page::<B> }
}

fn page<B: PageBuilder>(page: &mut B) {
    page.heading(texts::TITLE);
    page.lead(texts::INTRO);
    page.figure::<softmax::Softmax>();
    page.paragraphs(&[texts::EXPLAIN_SOFTMAX_1, texts::EXPLAIN_SOFTMAX_2]);
    page.figure::<multilabel::MultiLabelFigure>();
    page.paragraphs(&[texts::EXPLAIN_MULTILABEL_1, texts::EXPLAIN_MULTILABEL_2, texts::EXPLAIN_MULTILABEL_3]);
    page.figure::<kl::KlFigure>();
    page.paragraphs(&[texts::EXPLAIN_KL_1, texts::EXPLAIN_KL_2]);
    page.figure::<klfit::KlFit>();
    page.note(&[texts::EXPLAIN_NOTE_KL]);
}
