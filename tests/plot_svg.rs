//! The regression plot drawn natively to SVG by the same functions the canvas uses.

use loss_lab::figures::regression::{build, readout, Axes};
use loss_lab::plot::regression::{draw_base, draw_overlay, Labels};
use loss_lab::plot::{Layout, Palette};
use loss_lab::state::{CurveId, RegressionParams};
use plotters::prelude::*;

fn labels() -> Labels {
    Labels { loss_panel: "loss panel".into(), grad_panel: "gradient panel".into(), x_axis: "residual axis".into() }
}

fn render(params: &RegressionParams, pointer_r: f64) -> (String, loss_lab::plot::regression::Frame) {
    let mut svg = String::new();
    let frame;
    {
        let root = SVGBackend::with_string(&mut svg, (800, 600)).into_drawing_area();
        let layout = Layout::new(1.0);
        frame = draw_base(&root, &Axes::for_params(params), &labels(), &layout, &Palette::LIGHT).expect("base layer");
        let figure = build(params).expect("figure");
        let readings = readout(params, pointer_r).expect("readings");
        draw_overlay(&root, &figure, Some((pointer_r, &readings)), &layout, &Palette::LIGHT).expect("overlay");
        root.present().expect("present");
    }
    (svg, frame)
}

fn hex(id: CurveId) -> String {
    Palette::css(Palette::curve(id)).to_uppercase()
}

#[test]
fn draws_axes_labels_and_each_shown_curve_in_its_colour() {
    let params = RegressionParams::from_query("delta=1&curves=mse,mae,huber");
    let (svg, _) = render(&params, 2.0);
    let upper = svg.to_uppercase();
    for label in ["loss panel", "gradient panel", "residual axis"] {
        assert!(svg.contains(label), "missing {label}");
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
    let (left, right) = (f64::from(frame.r.pixels.0), f64::from(frame.r.pixels.1));
    assert!((frame.r.data_at(left).unwrap() - (-3.0)).abs() < 1e-9);
    assert!((frame.r.data_at(right).unwrap() - 3.0).abs() < 1e-9);
    assert!(frame.r.data_at(left - 1.0).is_none() && frame.r.data_at(right + 1.0).is_none());
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
