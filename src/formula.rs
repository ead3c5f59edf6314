//! Formulas are written as LaTeX (`src/formula_tex.rs`) and rendered to MathML, which browsers draw
//! natively, by pulldown-latex **at build time** (`build.rs`): the page ships MathML, not a LaTeX
//! parser. Parameters are placeholders `\text{@name@}` in the LaTeX, filled in here at run time, so
//! the numbers in a formula change live with its sliders.

use crate::format;
use crate::state::CurveId;

mod tex {
    include!("formula_tex.rs");
}

include!(concat!(env!("OUT_DIR"), "/formulas_mathml.rs"));

/// The LaTeX source of formula `key` (for tests and documentation).
pub fn latex(key: &str) -> Option<&'static str> {
    tex::FORMULAS.iter().find(|(k, _)| *k == key).map(|(_, latex)| *latex)
}

/// The keys of every formula.
pub fn keys() -> impl Iterator<Item = &'static str> {
    tex::FORMULAS.iter().map(|(key, _)| *key)
}

/// The MathML of formula `key` with each `@name@` placeholder replaced by its value (in the math,
/// an `<mn data-param="name">`; in the LaTeX annotation, plain text). An unknown key gives "".
pub fn mathml(key: &str, values: &[(&str, f64)]) -> String {
    let Some(template) = MATHML.iter().find(|(k, _)| *k == key).map(|(_, m)| *m) else {
        return String::new();
    };
    let mut out = template.to_string();
    for (name, value) in values {
        let shown = num(*value);
        out = out
            .replace(&format!(">@{name}@</mn>"), &format!(">{shown}</mn>"))
            .replace(&format!("\\text{{@{name}@}}"), &shown);
    }
    out
}

/// The LaTeX source of formula `key` with its parameters filled in (the text of its annotation).
pub fn latex_filled(key: &str, values: &[(&str, f64)]) -> String {
    let mut out = latex(key).unwrap_or_default().to_string();
    for (name, value) in values {
        out = out.replace(&format!("\\text{{@{name}@}}"), &num(*value));
    }
    out
}

/// The numbers shown for each parameter, as the page writes them into `<mn data-param>` elements.
pub fn shown_values(values: &[(&'static str, f64)]) -> Vec<(&'static str, String)> {
    values.iter().map(|(name, value)| (*name, num(*value))).collect()
}

/// A parameter value as it appears inside a formula (3 significant digits, ASCII minus).
fn num(value: f64) -> String {
    format::number(value, 3).replace('−', "-")
}

/// The parameters of the regression formulas: δ, δ/2, β, β/2.
pub fn regression_values(delta: f64, beta: f64) -> [(&'static str, f64); 4] {
    [("delta", delta), ("half_delta", delta / 2.0), ("beta", beta), ("half_beta", beta / 2.0)]
}

/// MathML of one regression curve's loss and derivative (its key is the curve's URL key), with δ and β substituted.
pub fn regression(id: CurveId, delta: f64, beta: f64) -> String {
    mathml(id.key(), &regression_values(delta, beta))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_formula_was_rendered_without_errors() {
        assert_eq!(MATHML.len(), tex::FORMULAS.len());
        for key in keys() {
            let html = mathml(key, &[]);
            assert!(html.starts_with("<math"), "{key}: {html}");
            assert!(!html.contains("merror"), "{key} has a LaTeX error: {html}");
        }
    }

    #[test]
    fn every_regression_curve_has_a_formula_with_all_placeholders_filled() {
        for id in CurveId::ALL {
            assert!(latex(id.key()).is_some(), "{id:?} has no formula");
            let html = regression(id, 1.5, 0.25);
            assert!(html.starts_with("<math"), "{id:?}: {html}");
            assert!(!html.contains('@'), "{id:?} has an unfilled placeholder: {html}");
            assert!(!html.contains("NaN"), "{id:?}: {html}");
        }
    }

    #[test]
    fn huber_formula_shows_delta_and_half_delta_as_numbers() {
        let html = regression(CurveId::Huber, 1.5, 1.0);
        assert!(html.contains(r#"<mn data-param="delta">1.5</mn>"#), "{html}");
        assert!(html.contains(r#"<mn data-param="half_delta">0.75</mn>"#), "{html}");
        assert!(html.contains(r"\ell_{\delta=1.5}"), "the LaTeX annotation is filled too: {html}");
        assert_ne!(html, regression(CurveId::Huber, 2.0, 1.0), "δ changes the formula");
        assert!(latex_filled("huber", &regression_values(1.5, 1.0)).starts_with(r"\ell_{\delta=1.5}"));
    }
}
