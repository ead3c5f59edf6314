//! Chapter "Mining" (the article's negative selection): which triplets a batch trains on — batch-all,
//! batch-hard and semi-hard on a P × K batch ([`batch`]) — and offline against online mining
//! ([`offline`]); the batches come from a seeded [`generator`], the numbers from [`analysis`] over
//! `crate::loss::metric`.

pub mod analysis;
pub mod batch;
pub mod generator;
pub mod offline;

pub use crate::formula::formulas::mining as formulas;
pub use crate::i18n::texts::mining as texts;

use crate::figure::page::{Chapter, PageBuilder};

/// The registry's entry.
pub fn chapter<B: PageBuilder>() -> Chapter<B> {
    Chapter { key: "mining", nav: texts::NAV, cards: &[], page: page::<B> }
}

fn page<B: PageBuilder>(page: &mut B) {
    page.heading(texts::TITLE);
    page.lead(texts::INTRO);
    page.figure::<batch::BatchFigure>();
    page.paragraphs(&[texts::EXPLAIN_BATCH_1, texts::EXPLAIN_BATCH_2, texts::EXPLAIN_BATCH_3]);
    page.figure::<offline::OfflineFigure>();
    page.paragraphs(&[texts::EXPLAIN_OFFLINE_1, texts::EXPLAIN_OFFLINE_2]);
}
