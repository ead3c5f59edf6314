//! Formulas are written as LaTeX and rendered to MathML (which browsers draw natively) by `pulldown-latex`.
//!
//! Each figure's formula is a function of its parameters, so the numbers in it change live.

use crate::format;
use crate::state::CurveId;
use pulldown_latex::config::DisplayMode;
use pulldown_latex::{push_mathml, Parser, RenderConfig, Storage};

/// Renders LaTeX to a `<math display="block">` element. The LaTeX source goes into an annotation
/// (screen readers and copy-paste get it). A parse error renders in red inside the math, never panics.
pub fn mathml(latex: &str) -> String {
    let storage = Storage::new();
    let parser = Parser::new(latex, &storage);
    let config = RenderConfig {
        display_mode: DisplayMode::Block,
        annotation: Some(latex),
        ..RenderConfig::default()
    };
    let mut out = String::new();
    match push_mathml(&mut out, parser, config) {
        Ok(()) => out,
        Err(_) => format!("<code>{}</code>", escape_html(latex)),
    }
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// A parameter value as it appears inside a formula.
fn num(value: f64) -> String {
    format::number(value, 3).replace('−', "-")
}

/// The per-element loss and its derivative for one curve of the regression figure,
/// with δ and β substituted.
pub fn regression(id: CurveId, delta: f64, beta: f64) -> String {
    match id {
        CurveId::Me => r"\mathrm{ME} = \frac{1}{n}\sum_{i=1}^{n} r_i, \qquad \frac{\partial\,\mathrm{ME}}{\partial \hat y_i} = \frac{1}{n}".to_string(),
        CurveId::Mse => r"\mathrm{MSE} = \frac{1}{n}\sum_{i=1}^{n} r_i^2, \qquad \frac{\partial\,\mathrm{MSE}}{\partial \hat y_i} = \frac{2 r_i}{n}".to_string(),
        CurveId::Mae => r"\mathrm{MAE} = \frac{1}{n}\sum_{i=1}^{n} \lvert r_i \rvert, \qquad \frac{\partial\,\mathrm{MAE}}{\partial \hat y_i} = \frac{\operatorname{sign}(r_i)}{n}".to_string(),
        CurveId::Rmse => r"\mathrm{RMSE} = \sqrt{\frac{1}{n}\sum_{i=1}^{n} r_i^2}, \qquad \frac{\partial\,\mathrm{RMSE}}{\partial \hat y_i} = \frac{r_i}{n\,\mathrm{RMSE}}".to_string(),
        CurveId::Huber => {
            let d = num(delta);
            let half = num(delta / 2.0);
            format!(
                r"\ell_{{\delta={d}}}(r) = \begin{{cases}} \tfrac{{1}}{{2}} r^2 & \lvert r\rvert < {d} \\ {d}\,(\lvert r\rvert - {half}) & \text{{otherwise}} \end{{cases}}, \qquad \ell'(r) = \begin{{cases}} r & \lvert r\rvert < {d} \\ {d}\,\operatorname{{sign}}(r) & \text{{otherwise}} \end{{cases}}"
            )
        }
        CurveId::SmoothL1 => {
            let b = num(beta);
            let half = num(beta / 2.0);
            format!(
                r"\ell_{{\beta={b}}}(r) = \begin{{cases}} \dfrac{{r^2}}{{2\cdot {b}}} & \lvert r\rvert < {b} \\ \lvert r\rvert - {half} & \text{{otherwise}} \end{{cases}}, \qquad \ell'(r) = \begin{{cases}} r/{b} & \lvert r\rvert < {b} \\ \operatorname{{sign}}(r) & \text{{otherwise}} \end{{cases}}"
            )
        }
        CurveId::LogCosh => r"\ell(r) = \log\cosh r, \qquad \ell'(r) = \tanh r".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_regression_formula_renders_without_errors() {
        for id in CurveId::ALL {
            let latex = regression(id, 1.5, 0.25);
            let html = mathml(&latex);
            assert!(html.starts_with("<math"), "{id:?}: {html}");
            assert!(!html.contains("merror"), "{id:?} has a LaTeX error: {html}");
            assert!(!html.contains("NaN"), "{id:?}: {html}");
        }
    }

    #[test]
    fn huber_formula_shows_delta_and_half_delta() {
        let html = mathml(&regression(CurveId::Huber, 1.5, 1.0));
        assert!(html.contains("1.5"), "{html}");
        assert!(html.contains("0.75"), "{html}");
    }
}
