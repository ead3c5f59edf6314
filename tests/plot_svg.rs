//! The regression plot drawn natively to SVG by the same functions the canvas uses.

use loss_lab::chapters::regression::curves::draw::{draw_base, draw_overlay, CurvesFrame};
use loss_lab::chapters::regression::curves::{build, readout, CurveId, CurvesBase, CurvesParams as RegressionParams};
use loss_lab::chapters::regression::texts;
use loss_lab::i18n::{text, Locale};
use loss_lab::plot::theme::{css, LIGHT};
use loss_lab::plot::{Ctx, Theme};
use plotters::prelude::*;

fn render_in(params: &RegressionParams, pointer_r: f64, locale: Locale) -> (String, CurvesFrame) {
    let mut svg = String::new();
    let frame;
    {
        let root = SVGBackend::with_string(&mut svg, (800, 600)).into_drawing_area();
        let ctx = Ctx::new(1.0, Theme::Light, locale);
        let figure = build(params);
        frame = draw_base(&root, &ctx, &CurvesBase::of(&figure)).expect("base layer");
        let readings = readout(params, pointer_r).expect("readings");
        draw_overlay(&root, &ctx, &figure, Some((pointer_r, &readings))).expect("overlay");
        root.present().expect("present");
    }
    (svg, frame)
}

fn render(params: &RegressionParams, pointer_r: f64) -> (String, CurvesFrame) {
    render_in(params, pointer_r, Locale::En)
}

fn hex(id: CurveId) -> String {
    css(LIGHT.series(id.series().color)).to_uppercase()
}

#[test]
fn draws_axes_labels_and_each_shown_curve_in_its_colour() {
    let params = RegressionParams::from_query("delta=1&curves=mse,mae,huber");
    let (svg, _) = render(&params, 2.0);
    let upper = svg.to_uppercase();
    for label in [texts::CURVES_LOSS_PANEL, texts::CURVES_GRAD_PANEL, texts::CURVES_AXIS] {
        let label = text(Locale::En, label);
        assert!(svg.contains(label), "missing {label}");
    }
    // The same drawing in Chinese has the Chinese labels.
    let (chinese, _) = render_in(&params, 2.0, Locale::Zh);
    for label in [texts::CURVES_LOSS_PANEL, texts::CURVES_GRAD_PANEL, texts::CURVES_AXIS] {
        let label = text(Locale::Zh, label);
        assert!(chinese.contains(label), "missing {label}");
    }
    for shown in [CurveId::Mse, CurveId::Mae, CurveId::Huber] {
        assert!(upper.contains(&hex(shown)), "{shown:?} is not drawn");
    }
    for hidden in [CurveId::LogCosh, CurveId::SmoothL1, CurveId::Rmse] {
        assert!(!upper.contains(&hex(hidden)), "{hidden:?} is drawn but hidden");
    }
    assert!(svg.matches("<polyline").count() + svg.matches("<path").count() >= 6, "curves in both panels");
    assert!(!svg.contains("NaN"), "no NaN coordinates");
}

#[test]
fn frame_maps_pixels_back_to_residuals() {
    let (_, frame) = render(&RegressionParams::default(), 0.0);
    let (left, right) = (f64::from(frame.x.pixels.0), f64::from(frame.x.pixels.1));
    assert!((frame.x.data_at(left).unwrap() - (-3.0)).abs() < 1e-9);
    assert!((frame.x.data_at(right).unwrap() - 3.0).abs() < 1e-9);
    assert!(frame.x.data_at(left - 1.0).is_none() && frame.x.data_at(right + 1.0).is_none());
    assert!(frame.loss_y.pixels.1 < frame.grad_y.pixels.0, "the loss panel is above the gradient panel");
}

#[test]
fn extreme_parameters_still_draw_without_nan() {
    for query in ["delta=0.05&beta=0.05&curves=me,mse,mae,rmse,huber,smoothl1,logcosh", "delta=5&beta=5", "curves="] {
        let params = RegressionParams::from_query(query);
        let (svg, _) = render(&params, -3.0);
        assert!(!svg.contains("NaN") && !svg.contains("inf"), "{query}");
    }
}
