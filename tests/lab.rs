//! The fit-a-line lab's own logic: presets, URL form and clamping, the figure it builds (fits,
//! residual summaries, bars), hit testing, pointer mapping, and its plots drawn to SVG.
//! (That the fits themselves are right is tests/fit.rs's job.)

use loss_lab::chapters::regression::curves::{CurveId, Curves, CurvesParams as RegressionParams};
use loss_lab::chapters::regression::lab::data::snap_cancelled;
use loss_lab::chapters::regression::lab::draw::{draw_influence_base, draw_influence_overlay, draw_lab_base, draw_lab_overlay};
use loss_lab::chapters::regression::lab::{build, FitId, Lab, LabData as LabFigure, LabParams, LabPreset, NoFit, RESIDUAL_RANGE};
use loss_lab::chapters::regression::texts;
use loss_lab::chapters::{Location, Route};
use loss_lab::figure::input::hit;
use loss_lab::figure::params_from;
use loss_lab::figure::points::PointList;
use loss_lab::i18n::{text, Locale};
use loss_lab::loss::fit::{fit_huber, fit_mae, fit_mse};
use loss_lab::plot::theme::{css, LIGHT};
use loss_lab::plot::{Ctx, Frame2 as LabFrame, Theme};
use plotters::prelude::*;
use proptest::prelude::*;

fn lab(query: &str) -> LabParams {
    LabParams::from_query(query)
}

fn on_grid(v: f64) -> bool {
    (v * 100.0 - (v * 100.0).round()).abs() < 1e-9
}

#[test]
fn presets_are_twelve_deterministic_points_inside_the_canvas_on_the_grid() {
    for preset in LabPreset::ALL {
        let points = preset.points();
        assert_eq!(points.len(), 12, "{preset:?}");
        assert_eq!(points, preset.points(), "{preset:?} is deterministic");
        for &(x, y) in &points {
            assert!((LabParams::X_RANGE.0..=LabParams::X_RANGE.1).contains(&x), "{preset:?}: x = {x}");
            assert!((LabParams::Y_RANGE.0..=LabParams::Y_RANGE.1).contains(&y), "{preset:?}: y = {y}");
            assert!(on_grid(x) && on_grid(y), "{preset:?}: ({x}, {y}) is on the 0.01 grid");
        }
        let mut xs: Vec<f64> = points.iter().map(|p| p.0).collect();
        xs.dedup();
        assert_eq!(xs.len(), 12, "distinct x");
    }
    // The outlier preset is the line preset with exactly one point moved, far from the others' line.
    let (line, outlier) = (LabPreset::Line.points(), LabPreset::Outlier.points());
    let moved: Vec<usize> = (0..12).filter(|&i| line[i] != outlier[i]).collect();
    assert_eq!(moved.len(), 1);
    let others: Vec<(f64, f64)> = outlier.iter().enumerate().filter(|(i, _)| *i != moved[0]).map(|(_, p)| *p).collect();
    let fit = fit_mse(&others).unwrap();
    let (x, y) = outlier[moved[0]];
    assert!((fit.at(x) - y).abs() > 5.0, "the outlier is far: residual {}", fit.at(x) - y);
}

#[test]
fn lab_query_defaults_clamps_and_skips_bad_points() {
    assert_eq!(lab(""), LabParams::default());
    assert_eq!(lab("").delta, LabParams::DEFAULT_DELTA);
    assert_eq!(lab("lab_delta=0").delta, LabParams::DELTA.min);
    assert_eq!(lab("lab_delta=-2").delta, LabParams::DELTA.min);
    assert_eq!(lab("lab_delta=1e9").delta, LabParams::DELTA.max);
    assert_eq!(lab("lab_delta=NaN").delta, LabParams::DEFAULT_DELTA);
    assert_eq!(lab("lab_delta=inf").delta, LabParams::DEFAULT_DELTA);
    assert_eq!(lab("lab_delta=abc").delta, LabParams::DEFAULT_DELTA);
    assert_eq!(lab("lab_delta=2.5").delta, 2.5);
    // The curves figure's δ and the lab's are separate keys.
    assert_eq!(lab("delta=3").delta, LabParams::DEFAULT_DELTA);
    assert_eq!(RegressionParams::from_query("lab_delta=3").delta, RegressionParams::DEFAULT_DELTA);

    assert_eq!(lab("lab=outlier").points, LabPreset::Outlier.points());
    assert_eq!(lab("lab=outlier").preset, LabPreset::Outlier);
    assert_eq!(lab("lab=bogus"), LabParams::default());
    assert_eq!(lab("lab_delta=3&lab=outlier").delta, 3.0, "δ survives the preset, whatever the key order");

    let odd = lab("pts=1:2,x:3,4:,5:99,-7:-50,2.345:1,NaN:1,3:4");
    assert_eq!(odd.points, vec![(1.0, 2.0), (5.0, 12.0), (0.0, -2.0), (2.35, 1.0), (3.0, 4.0)]);
    assert_eq!(lab("pts=").points, Vec::<(f64, f64)>::new(), "an empty list is no points");
    let many: Vec<String> = (0..60).map(|i| format!("{}:1", f64::from(i) / 10.0)).collect();
    assert_eq!(lab(&format!("pts={}", many.join(","))).points.len(), LabParams::MAX_POINTS);
}

#[test]
fn the_url_carries_points_only_when_edited_and_the_route_has_both_figures() {
    let mut params = LabParams::with_preset(LabPreset::Outlier);
    assert_eq!(params.to_query(), "lab.delta=1&lab.preset=outlier");
    params.move_point(0, (0.5, 0.25));
    assert!(params.to_query().contains("pts=0.5:0.25,"), "{}", params.to_query());
    assert_eq!(LabParams::from_query(&params.to_query()), params);
    let location = Location::parse(&format!("#/regression?delta=2&curves=mse&{}", params.to_query()));
    match location.route {
        Route::Chapter("regression") => {
            let (curves, lab) = (params_from::<Curves>(&location.query), params_from::<Lab>(&location.query));
            assert_eq!(curves.delta, 2.0);
            assert_eq!(curves.curves, vec![CurveId::Mse]);
            assert_eq!(lab, params);
        }
        other => panic!("not the regression route: {other:?}"),
    }
}

#[test]
fn editing_points_clamps_and_bounds_them() {
    let mut params = LabParams::default();
    params.move_point(3, (-40.0, 1e9));
    assert_eq!(params.points[3], (LabParams::X_RANGE.0, LabParams::Y_RANGE.1), "dragged off the canvas: pinned to its edge");
    params.move_point(3, (f64::NAN, f64::INFINITY));
    assert_eq!(params.points[3], (5.0, LabParams::Y_RANGE.1));
    let before = params.clone();
    params.move_point(99, (1.0, 1.0));
    assert_eq!(params, before, "a missing index changes nothing");
    params.remove(99);
    assert_eq!(params, before);
    params.remove(0);
    assert_eq!(params.points.len(), 11);
    assert_eq!(params.points[0], before.points[1]);
    while params.points.len() < LabParams::MAX_POINTS {
        let at = LabParams::FIELD.next_new_point(params.points.len());
        assert!(params.add_point(at, ()).is_some());
    }
    assert_eq!(params.add_point((1.0, 1.0), ()), None, "at most MAX_POINTS");
    assert_eq!(params.points.len(), LabParams::MAX_POINTS);
}

fn slope(figure: &LabFigure, id: FitId) -> f64 {
    figure.fit(id).expect("a fit").line.slope
}

#[test]
fn the_outlier_moves_the_mse_line_most() {
    let clean = build(&LabParams::with_preset(LabPreset::Line));
    let dirty = build(&LabParams::with_preset(LabPreset::Outlier));
    let change = |id| (slope(&dirty, id) - slope(&clean, id)).abs();
    assert!(change(FitId::Mse) > 2.0 * change(FitId::Huber), "MSE {} vs Huber {}", change(FitId::Mse), change(FitId::Huber));
    assert!(change(FitId::Mse) > 2.0 * change(FitId::Mae), "MSE {} vs MAE {}", change(FitId::Mse), change(FitId::Mae));
}

/// The δ slider's ends, for the presets: the basis of the end-to-end test's tolerance.
#[test]
fn delta_range_ends_bring_huber_to_mae_and_to_mse() {
    for preset in LabPreset::ALL {
        let mut params = LabParams::with_preset(preset);
        params.delta = LabParams::DELTA.min;
        let low = build(&params);
        let gap = (slope(&low, FitId::Mse) - slope(&low, FitId::Mae)).abs();
        let off = (slope(&low, FitId::Huber) - slope(&low, FitId::Mae)).abs();
        assert!(off <= 0.005, "{preset:?}: at δ = {} Huber's slope is {off} from MAE's", params.delta);
        assert!(off <= 0.05 * gap.max(0.01), "{preset:?}: {off} vs the MSE–MAE gap {gap}");
        params.delta = LabParams::DELTA.max;
        let high = build(&params);
        assert_eq!(high.fit(FitId::Huber).unwrap().line, high.fit(FitId::Mse).unwrap().line, "{preset:?}: Huber = MSE at the top of the range");
        // And the slider's ends really are those values.
        assert_eq!(LabParams::DELTA.value_at(0), LabParams::DELTA.min);
        assert_eq!(LabParams::DELTA.value_at(LabParams::DELTA.steps), LabParams::DELTA.max);
    }
}

#[test]
fn figure_agrees_with_the_fits_and_me_cancels_for_mse_only() {
    let params = LabParams { delta: 0.7, ..LabParams::with_preset(LabPreset::Outlier) };
    let figure = build(&params);
    let points = &params.points;
    assert_eq!(figure.fit(FitId::Mse).unwrap().line, fit_mse(points).unwrap());
    assert_eq!(figure.fit(FitId::Mae).unwrap().line, fit_mae(points).unwrap());
    assert_eq!(figure.fit(FitId::Huber).unwrap().line, fit_huber(points, 0.7).unwrap());
    let mse = figure.fit(FitId::Mse).unwrap().stats;
    assert_eq!(mse.me, 0.0, "the MSE line's residuals cancel (shown as exactly 0)");
    assert!(mse.mae > 1.0, "while the fit is bad: MAE of its residuals {}", mse.mae);
    assert!((mse.rmse * mse.rmse - mse.mse).abs() < 1e-12 * mse.mse, "RMSE = √MSE");
    let mae = figure.fit(FitId::Mae).unwrap().stats;
    assert!(mae.me.abs() > 0.1, "the MAE line's residuals do not cancel: ME = {}", mae.me);
    // The residuals drawn are the MSE line's.
    let line = fit_mse(points).unwrap();
    for (&(x, y), &r) in points.iter().zip(&figure.mse_residuals) {
        assert_eq!(r, line.at(x) - y);
    }
    assert_eq!(figure.residual(FitId::Mse, 0), Some(line.at(points[0].0) - points[0].1));
    assert_eq!(figure.residual(FitId::Mse, 99), None);
    assert_eq!(snap_cancelled(1e-17, 1.0), 0.0);
    assert_eq!(snap_cancelled(1e-3, 1.0), 1e-3);
    assert!(RESIDUAL_RANGE.0 < 0.0 && RESIDUAL_RANGE.1 > 0.0);
}

#[test]
fn bars_are_shares_ordered_by_x_and_the_outlier_pulls_mse_hardest() {
    let params = LabParams::with_preset(LabPreset::Outlier);
    let figure = build(&params);
    assert_eq!(figure.bars.len(), params.points.len());
    let xs: Vec<f64> = figure.bars.iter().map(|b| params.points[b.point].0).collect();
    assert!(xs.windows(2).all(|w| w[0] <= w[1]), "ordered by x: {xs:?}");
    for k in 0..3 {
        let share: f64 = figure.bars.iter().map(|b| b.share[k]).sum();
        let pull: f64 = figure.bars.iter().map(|b| b.pull[k].abs()).sum();
        assert!((share - 1.0).abs() < 1e-12, "{:?} shares sum to {share}", FitId::ALL[k]);
        assert!((pull - 1.0).abs() < 1e-12, "{:?} pull shares sum to {pull}", FitId::ALL[k]);
    }
    let outlier = (0..12).find(|&i| params.points[i] != LabPreset::Line.points()[i]).unwrap();
    let bars = figure.bars_of(outlier).unwrap();
    assert!(bars.pull[0].abs() > 3.0 * bars.pull[1].abs(), "its MSE pull share {} vs MAE {}", bars.pull[0], bars.pull[1]);
    assert!(bars.pull[0].abs() > bars.pull[2].abs(), "its MSE pull share {} vs Huber {}", bars.pull[0], bars.pull[2]);
    assert_eq!(bars.raw_pull[1].abs(), 1.0, "MAE pulls with ±1");
    assert!(bars.raw_pull[2].abs() <= params.delta, "Huber pulls with at most δ");
}

#[test]
fn too_few_points_or_one_vertical_give_a_reason_not_a_line() {
    for (query, want) in [
        ("pts=", NoFit::TooFewPoints),
        ("pts=3:4", NoFit::TooFewPoints),
        ("pts=3:4,3:9,3:-1", NoFit::AllOnOneVertical),
    ] {
        let figure = build(&lab(query));
        assert_eq!(figure.fits, Err(want), "{query}");
        assert!(figure.bars.is_empty() && figure.mse_residuals.is_empty(), "{query}");
        assert!(figure.fit(FitId::Mse).is_none());
    }
    let two = build(&lab("pts=1:1,2:3"));
    assert!((slope(&two, FitId::Mse) - 2.0).abs() < 1e-12, "two points: the line through them");
}

#[test]
fn hit_takes_the_nearest_point_within_the_radius() {
    let points = [(10.0, 10.0), (30.0, 10.0), (31.0, 12.0)];
    assert_eq!(hit(points, (12.0, 11.0), 5.0), Some(0));
    assert_eq!(hit(points, (30.6, 11.5), 5.0), Some(2), "the nearest of two in reach");
    assert_eq!(hit(points, (20.0, 10.0), 5.0), None, "nothing within the radius");
    assert_eq!(hit(points, (15.0, 10.0), 5.0), Some(0), "the radius is inclusive");
    assert_eq!(hit([], (0.0, 0.0), 5.0), None);
    assert_eq!(hit([(f64::NAN, 0.0)], (0.0, 0.0), 5.0), None);
}

fn render(params: &LabParams, selected: Option<usize>) -> (String, String, LabFrame) {
    let figure = build(params);
    let ctx = Ctx::new(1.0, Theme::Light, Locale::En);
    let (mut svg, mut bars) = (String::new(), String::new());
    let frame;
    {
        let root = SVGBackend::with_string(&mut svg, (800, 600)).into_drawing_area();
        frame = draw_lab_base(&root, &ctx).expect("lab base");
        draw_lab_overlay(&root, &ctx, &figure, selected).expect("lab overlay");
        root.present().expect("present");
    }
    {
        let root = SVGBackend::with_string(&mut bars, (800, 400)).into_drawing_area();
        draw_influence_base(&root, &ctx).expect("bars base");
        draw_influence_overlay(&root, &ctx, &figure, selected).expect("bars overlay");
        root.present().expect("present");
    }
    (svg, bars, frame)
}

fn hex(id: FitId) -> String {
    css(LIGHT.series(id.curve().series().color)).to_uppercase()
}

#[test]
fn lab_plot_draws_three_lines_points_and_bars_without_nan() {
    let params = LabParams::with_preset(LabPreset::Outlier);
    let (svg, bars, _) = render(&params, Some(11));
    let (upper, bars_upper) = (svg.to_uppercase(), bars.to_uppercase());
    for label in [texts::LAB_DATA_PANEL, texts::LAB_RESIDUAL_PANEL, texts::LAB_X_AXIS] {
        let label = format!(">\n{}\n<", text(Locale::En, label));
        assert!(svg.contains(&label), "missing {label}");
    }
    for id in FitId::ALL {
        assert!(upper.contains(&hex(id)), "{id:?}'s line is not drawn");
        assert!(bars_upper.contains(&hex(id)), "{id:?}'s bars are not drawn");
    }
    assert!(svg.matches("<circle").count() >= 12, "the points are drawn");
    assert!(!svg.contains("NaN") && !bars.contains("NaN"));
}

#[test]
fn no_line_without_a_fit() {
    for query in ["pts=3:4", "pts=3:4,3:9", "pts="] {
        let (svg, bars, _) = render(&lab(query), None);
        let upper = svg.to_uppercase();
        for id in FitId::ALL {
            assert!(!upper.contains(&hex(id)), "{query}: {id:?} is drawn without a fit");
            assert!(!bars.to_uppercase().contains(&hex(id)), "{query}: bars without a fit");
        }
        assert!(!svg.contains("NaN") && !bars.contains("NaN"), "{query}");
    }
}

#[test]
fn frame_maps_points_to_pixels_and_back_and_pins_drags_to_the_edges() {
    let (_, _, frame) = render(&LabParams::default(), None);
    for p in [(0.0, -2.0), (10.0, 12.0), (3.25, 4.5)] {
        let back = frame.to_data_clamped(frame.to_pixels(p)).unwrap();
        assert!((back.0 - p.0).abs() < 1e-9 && (back.1 - p.1).abs() < 1e-9, "{p:?} → {back:?}");
    }
    let (left, top) = frame.to_pixels((LabParams::X_RANGE.0, LabParams::Y_RANGE.1));
    let far = frame.to_data_clamped((left - 500.0, top - 500.0)).unwrap();
    assert_eq!(far, (LabParams::X_RANGE.0, LabParams::Y_RANGE.1), "a drag past the top-left corner pins there");
    assert!(frame.to_data_clamped((f64::NAN, 1.0)).is_none());
}

proptest! {
    /// Lab parameters survive the URL round trip, whatever the points.
    #[test]
    fn lab_params_round_trip(position in 0u32..=300, outlier in any::<bool>(),
                             points in proptest::collection::vec((-5.0f64..15.0, -5.0f64..15.0), 0..45)) {
        let preset = if outlier { LabPreset::Outlier } else { LabPreset::Line };
        let mut params = LabParams::with_preset(preset);
        params.delta = LabParams::DELTA.value_at(position);
        if !points.is_empty() {
            params.points = points.into_iter().map(|p| LabParams::FIELD.clamp(p)).take(LabParams::MAX_POINTS).collect();
        }
        prop_assert_eq!(LabParams::from_query(&params.to_query()), params);
    }

    /// Any points the URL can give build a figure without NaN.
    #[test]
    fn any_points_build_without_nan(points in proptest::collection::vec((-5.0f64..15.0, -5.0f64..15.0), 0..15),
                                    position in 0u32..=300) {
        let params = LabParams {
            delta: LabParams::DELTA.value_at(position),
            preset: LabPreset::Line,
            points: points.into_iter().map(|p| LabParams::FIELD.clamp(p)).collect(),
        };
        let figure = build(&params);
        if let Ok(fits) = &figure.fits {
            for fit in fits {
                let s = fit.stats;
                for v in [fit.line.slope, fit.line.intercept, s.me, s.mse, s.rmse, s.mae] {
                    prop_assert!(v.is_finite());
                }
            }
            for b in &figure.bars {
                prop_assert!(b.share.iter().chain(&b.pull).chain(&b.raw_pull).all(|v| v.is_finite()));
            }
        }
    }
}

#[test]
fn keyboard_walks_through_points_and_wraps() {
    use loss_lab::figure::input::next_index;
    assert_eq!(next_index(None, 1, 3), Some(0));
    assert_eq!(next_index(None, -1, 3), Some(2));
    assert_eq!(next_index(Some(2), 1, 3), Some(0));
    assert_eq!(next_index(Some(0), -1, 3), Some(2));
    assert_eq!(next_index(Some(1), 1, 3), Some(2));
    assert_eq!(next_index(Some(5), 1, 0), None);
}
