//! Formulas are written as LaTeX in each chapter's `formulas.toml` and rendered to MathML, which
//! browsers draw natively, by pulldown-latex **at build time** (`build.rs`): the page ships MathML,
//! not a LaTeX parser. Parameters are placeholders `\text{@name@}` in the LaTeX, filled in here at
//! run time, so the numbers in a formula change live with its sliders.

use crate::format;

/// One rendered formula.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formula {
    /// Its name in its chapter's `formulas.toml` (also its `data-testid`: `formula-{key}`).
    pub key: &'static str,
    /// The LaTeX source (native builds only: the page ships the MathML alone).
    #[cfg(not(target_arch = "wasm32"))]
    pub latex: &'static str,
    /// Its MathML, parameters as `<mn data-param="name">@name@</mn>`: an entry of the text files
    /// (see [`Formula::mathml`]).
    pub mathml: crate::i18n::Text,
}

/// Every chapter's formulas, one module per chapter (`formulas::regression::HUBER`).
pub mod formulas {
    include!(concat!(env!("OUT_DIR"), "/formulas.rs"));
}

impl Formula {
    /// Its MathML (empty until a language's texts are installed).
    pub fn mathml(&self) -> &'static str {
        crate::i18n::shared_text(self.mathml)
    }

    /// Whether the formula has live parameters.
    pub fn has_parameters(&self) -> bool {
        self.mathml().contains("data-param")
    }

    /// The MathML with each `@name@` placeholder replaced by its value (an `<mn data-param="name">`).
    pub fn mathml_with(&self, values: &[(&str, f64)]) -> String {
        let mut out = self.mathml().to_string();
        for (name, value) in values {
            out = out.replace(&format!(">@{name}@</mn>"), &format!(">{}</mn>", num(*value)));
        }
        out
    }

    /// The LaTeX source with its parameters filled in.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn latex_with(&self, values: &[(&str, f64)]) -> String {
        let mut out = self.latex.to_string();
        for (name, value) in values {
            out = out.replace(&format!("\\text{{@{name}@}}"), &num(*value));
        }
        out
    }
}

/// The numbers shown for each parameter, as the page writes them into `<mn data-param>` elements.
pub fn shown_values(values: &[(&'static str, f64)]) -> Vec<(&'static str, String)> {
    values.iter().map(|(name, value)| (*name, num(*value))).collect()
}

/// A parameter value as it appears inside a formula (3 significant digits, ASCII minus).
fn num(value: f64) -> String {
    format::number(value, 3).replace('−', "-")
}
