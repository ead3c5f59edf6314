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

/// Powers of ten that are exact doubles (10⁰ … 10²²).
const EXACT_POWERS_OF_TEN: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// A finite decimal number as typed or as a URL carries it — `2`, `-0.25`, `+.5`, `1.`, `3e-4` — or
/// `None` (anything else, or a value too large for a double). Surrounding spaces are ignored.
///
/// Exact (the double nearest the decimal, as `str::parse` gives) whenever it has at most 15
/// significant digits and a decimal exponent within ±22 — every value the page writes and every
/// value a person types; otherwise within a few units in the last place. It replaces the standard
/// parser, whose correctly-rounded fallback tables weigh about 10 KB gzip in the wasm.
pub fn parse_number(text: &str) -> Option<f64> {
    let bytes = text.trim().as_bytes();
    let (negative, mut i) = match bytes.first() {
        Some(b'-') => (true, 1),
        Some(b'+') => (false, 1),
        _ => (false, 0),
    };
    let (mut mantissa, mut exponent, mut digits) = (0u64, 0i64, 0usize);
    let push = |digit: u8, after_point: bool, mantissa: &mut u64, exponent: &mut i64| {
        if *mantissa < 100_000_000_000_000_000 {
            *mantissa = *mantissa * 10 + u64::from(digit - b'0');
            if after_point {
                *exponent -= 1;
            }
        } else if !after_point {
            // Digits beyond the 18th only scale the number.
            *exponent += 1;
        }
    };
    while let Some(&b) = bytes.get(i).filter(|b| b.is_ascii_digit()) {
        push(b, false, &mut mantissa, &mut exponent);
        digits += 1;
        i += 1;
    }
    if bytes.get(i) == Some(&b'.') {
        i += 1;
        while let Some(&b) = bytes.get(i).filter(|b| b.is_ascii_digit()) {
            push(b, true, &mut mantissa, &mut exponent);
            digits += 1;
            i += 1;
        }
    }
    if digits == 0 {
        return None;
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        i += 1;
        let sign = match bytes.get(i) {
            Some(b'-') => {
                i += 1;
                -1
            }
            Some(b'+') => {
                i += 1;
                1
            }
            _ => 1,
        };
        let start = i;
        let mut written = 0i64;
        while let Some(&b) = bytes.get(i).filter(|b| b.is_ascii_digit()) {
            written = (written * 10 + i64::from(b - b'0')).min(100_000);
            i += 1;
        }
        if i == start {
            return None;
        }
        exponent += sign * written;
    }
    if i != bytes.len() {
        return None;
    }
    let magnitude = scale_by_power_of_ten(mantissa, exponent);
    let value = if negative { -magnitude } else { magnitude };
    value.is_finite().then_some(value)
}

/// `mantissa · 10^exponent`: one correctly rounded operation when both factors are exact doubles.
fn scale_by_power_of_ten(mantissa: u64, exponent: i64) -> f64 {
    if mantissa == 0 {
        return 0.0;
    }
    let m = mantissa as f64;
    let exact = mantissa <= 1 << 53;
    match usize::try_from(exponent.unsigned_abs()).ok().and_then(|e| EXACT_POWERS_OF_TEN.get(e)) {
        Some(&power) if exact && exponent >= 0 => m * power,
        Some(&power) if exact => m / power,
        _ if exponent > 0 => m * 10f64.powi(exponent.min(400) as i32),
        // Two steps, so 10^exponent does not underflow before the division.
        _ => {
            let e = exponent.max(-400) as i32;
            m / 10f64.powi(-e / 2) / 10f64.powi(-e - (-e / 2))
        }
    }
}
