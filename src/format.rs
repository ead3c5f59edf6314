//! Numbers as the page shows them: never "NaN", infinities as "∞", a typographic minus sign.

use crate::i18n::Locale;

/// How a language writes numbers. English and Chinese mathematical writing agree (Arabic digits, a
/// decimal point, no grouping in readouts), so today both styles are equal; a language that writes a
/// decimal comma would differ here and nowhere else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NumberStyle {
    /// The decimal separator.
    pub decimal: char,
    /// The minus sign (typographic, it reads better on a projector than a hyphen).
    pub minus: char,
    /// Shown for +∞ (−∞ gets the minus sign in front).
    pub infinity: &'static str,
    /// Shown for NaN, which the page never presents as "NaN".
    pub undefined: &'static str,
}

impl NumberStyle {
    /// The style of a page language.
    pub fn of(locale: Locale) -> NumberStyle {
        match locale {
            Locale::En | Locale::Zh => NumberStyle { decimal: '.', minus: '−', infinity: "∞", undefined: "—" },
        }
    }
}

/// [`number_in`] in the English style.
pub fn number(value: f64, digits: usize) -> String {
    number_in(NumberStyle::of(Locale::En), value, digits)
}

/// Formats a number for a readout with `digits` significant digits (at least 1), switching to
/// scientific notation for very large or very small magnitudes. NaN becomes "—" (never shown as NaN).
pub fn number_in(style: NumberStyle, value: f64, digits: usize) -> String {
    let digits = digits.max(1);
    if value.is_nan() {
        return style.undefined.to_string();
    }
    if value.is_infinite() {
        return if value > 0.0 { style.infinity.to_string() } else { format!("{}{}", style.minus, style.infinity) };
    }
    if value == 0.0 {
        return "0".to_string();
    }
    let magnitude = value.abs().log10().floor() as i32;
    let text = if !(-4..6).contains(&magnitude) {
        format!("{:.*e}", digits - 1, value)
    } else {
        let decimals = (digits as i32 - 1 - magnitude).max(0) as usize;
        let fixed = format!("{value:.decimals$}");
        if fixed.contains('.') {
            fixed.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            fixed
        }
    };
    let text = if text == "-0" { "0".to_string() } else { text };
    let text = if style.decimal == '.' { text } else { text.replace('.', &style.decimal.to_string()) };
    match text.strip_prefix('-') {
        Some(magnitude) => format!("{}{magnitude}", style.minus),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::number;

    #[test]
    fn formats_readout_numbers() {
        let check = |value: f64, expected: &str| assert_eq!(number(value, 4), expected, "formatting {value}");
        check(1.0, "1");
        check(0.5, "0.5");
        check(-1.23456, "−1.235");
        check(123.456, "123.5");
        check(1e-22, "1.000e-22");
        check(-0.0, "0");
        check(f64::INFINITY, "∞");
        check(f64::NEG_INFINITY, "−∞");
        check(f64::NAN, "—");
        check(-0.00004, "−4.000e-5");
    }
}
