//! Reading numbers: the page's own decimal parser agrees exactly with the standard one on every number
//! of at most 15 significant digits and a moderate exponent, stays within a few ulp beyond, and
//! refuses what is not a number.

use loss_lab::format::parse_number;
use loss_lab::plot::plane::circle;
use proptest::prelude::*;

#[test]
fn reads_what_people_type_and_urls_carry() {
    for (text, want) in [
        ("2", 2.0),
        ("-0.25", -0.25),
        ("+.5", 0.5),
        ("1.", 1.0),
        (" 3e-4 ", 3e-4),
        ("1E3", 1000.0),
        ("0.1", 0.1),
        ("0.30000000000000004", 0.30000000000000004),
        ("1e-400", 0.0),
        ("000123.4500", 123.45),
        ("-0", -0.0),
    ] {
        assert_eq!(parse_number(text), Some(want), "{text}");
    }
    for text in ["", "-", ".", "e5", "1e", "1e+", "abc", "1.2.3", "1,5", "inf", "NaN", "1e400", "--1", "0x10", "1 2"] {
        assert_eq!(parse_number(text), None, "{text:?}");
    }
}

#[test]
fn circles_are_round() {
    for r in [0.0, 0.5, 1.0, 2.75] {
        let points = circle((0.3, -0.2), r);
        assert_eq!(points.len(), 96);
        for p in points {
            assert!(((p.0 - 0.3).hypot(p.1 + 0.2) - r).abs() < 1e-12, "{p:?} at r = {r}");
        }
    }
}

proptest! {
    #[test]
    fn agrees_exactly_with_the_standard_parser_up_to_15_digits(mantissa in 0u64..1_000_000_000_000_000, point in 0usize..16, exponent in -22i32..=22, negative: bool, exp_form: bool) {
        let digits = mantissa.to_string();
        let point = point.min(digits.len());
        let mut text = format!("{}{}.{}", if negative { "-" } else { "" }, &digits[..point], &digits[point..]);
        if exp_form {
            text = format!("{text}e{exponent}");
        }
        // The decimal exponent once the digits after the point are moved into the mantissa.
        let effective = if exp_form { exponent } else { 0 } - (digits.len() - point) as i32;
        prop_assume!(effective.abs() <= 22);
        let want: f64 = text.parse().unwrap();
        prop_assert_eq!(parse_number(&text), Some(want), "{}", text);
    }

    #[test]
    fn stays_within_a_few_ulp_beyond(mantissa in 1u64..u64::MAX, exponent in -300i32..300) {
        let text = format!("{mantissa}e{exponent}");
        let want: f64 = text.parse().unwrap();
        if want.is_finite() && want != 0.0 {
            let got = parse_number(&text).unwrap();
            prop_assert!(((got - want) / want).abs() < 1e-14, "{}: {} vs {}", text, got, want);
        }
    }
}
