//! The home page's CART figure: its curves and readout come from src/loss/impurity, and nothing
//! it shows is NaN.

use loss_lab::chapters::home::impurity::{curves, readout, Impurity, ImpurityId, Pointed, AXES};
use loss_lab::chapters::home::texts;
use loss_lab::figure::{Figure, View};
use loss_lab::i18n::{text, Locale};
use loss_lab::loss::impurity::{entropy_bits, gini};
use loss_lab::plot::theme::{css, LIGHT};
use loss_lab::plot::{Ctx, Theme};
use plotters::prelude::*;

#[test]
fn readout_is_the_impurity_of_the_two_class_distribution() {
    for p in [0.0, 0.1, 0.2, 0.5, 0.73, 1.0] {
        let r = readout(p);
        let dist = [p, 1.0 - p];
        assert!((r[0].value - gini(&dist).unwrap()).abs() < 1e-12, "Gini at {p}");
        assert!((r[1].value - entropy_bits(&dist).unwrap()).abs() < 1e-12, "entropy at {p}");
        // Derivatives against central differences inside (0, 1).
        if p > 0.01 && p < 0.99 {
            let h = 1e-6;
            for (k, id) in ImpurityId::ALL.into_iter().enumerate() {
                let fd = (id.value(p + h) - id.value(p - h)) / (2.0 * h);
                assert!((r[k].derivative - fd).abs() < 1e-5, "{id:?}' at {p}: {} vs {fd}", r[k].derivative);
            }
        }
    }
    assert_eq!(readout(f64::NAN), readout(0.5), "NaN reads as ½");
    assert_eq!(readout(7.0), readout(1.0), "clamped into [0, 1]");
    assert!(readout(0.0).iter().all(|r| !r.value.is_nan() && !r.derivative.is_nan()));
}

#[test]
fn curves_span_p_and_peak_at_one_half() {
    for curve in curves() {
        assert_eq!(curve.value.first().map(|p| p.0), Some(AXES.p.0));
        assert_eq!(curve.value.last().map(|p| p.0), Some(AXES.p.1));
        let peak = curve.value.iter().copied().fold((0.0, f64::MIN), |a, b| if b.1 > a.1 { b } else { a });
        assert!((peak.0 - 0.5).abs() < 1e-9, "{:?} peaks at p = {}", curve.id, peak.0);
        assert!(curve.value.iter().all(|p| p.1 <= AXES.value.1), "{:?} fits the value panel", curve.id);
    }
}

#[test]
fn draws_both_curves_in_their_colours() {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (500, 320)).into_drawing_area();
        let ctx = Ctx::new(1.0, Theme::Light, Locale::En);
        let data = curves();
        let map = Impurity::draw_base(0, &root, &ctx, &data).unwrap();
        assert!((map.data_at(f64::from(map.pixels.1)).unwrap() - 1.0).abs() < 1e-12);
        Impurity::draw_overlay(0, &root, &ctx, &View { params: &(), data: &data, state: &Pointed { p: 0.3 } }).unwrap();
        root.present().unwrap();
    }
    for id in ImpurityId::ALL {
        assert!(svg.to_uppercase().contains(&css(LIGHT.series(id.series().color)).to_uppercase()), "{id:?}");
    }
    for label in [texts::IMPURITY_VALUE_PANEL, texts::IMPURITY_DERIVATIVE_PANEL, texts::IMPURITY_AXIS] {
        assert!(svg.contains(text(Locale::En, label)));
    }
    assert!(!svg.contains("NaN") && !svg.contains("inf"));
}
