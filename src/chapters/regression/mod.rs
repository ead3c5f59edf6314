//! Chapter "Regression": loss and gradient of ME, MSE, MAE, RMSE, Huber, smooth L1 and log-cosh
//! against the residual ([`curves`]), and the fit-a-line lab ([`lab`]) — the maths in
//! `crate::loss::regression` and `crate::loss::fit`.

pub mod curves;
pub mod lab;

pub use crate::formula::formulas::regression as formulas;
pub use crate::i18n::texts::regression as texts;

use crate::figure::page::{Chapter, PageBuilder};

/// The registry's entry.
pub fn chapter<B: PageBuilder>() -> Chapter<B> {
    Chapter { key: "regression", nav: texts::NAV, cards: &["regression"], page: page::<B> }
}

fn page<B: PageBuilder>(page: &mut B) {
    page.heading(texts::TITLE);
    page.lead(texts::INTRO);
    page.figure::<curves::Curves>();
    page.paragraphs(&[texts::EXPLAIN_HUBER_1, texts::EXPLAIN_HUBER_2, texts::EXPLAIN_HUBER_3, texts::EXPLAIN_HUBER_4]);
    page.note(&[texts::EXPLAIN_NOTE_ME, texts::EXPLAIN_NOTE_RMSE]);
    page.figure::<lab::Lab>();
}
