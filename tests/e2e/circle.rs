//! End-to-end tests of the chapter "Circle loss": the m slider moves the circle (its radius read
//! out, the boundary through the probed points); the heat map's colour and the readout at a probed
//! point are the core's; γ = 512 at s_p = −1 stays finite; the stepper walks the three steps by
//! buttons and keys; Play moves the point inside the boundary; the weights figure's numbers are the
//! core's and its saturation sentences appear when γ saturates the loss.

use crate::harness::{parse_shown_number, Browser, TestResult};
use fantoccini::actions::{InputSource, MouseActions, PointerAction};
use fantoccini::key::Key;
use loss_lab::chapters::circle::plane::data::{heat, level, level_colour, LEVELS};
use loss_lab::chapters::circle::plane::draw::draw_base;
use loss_lab::chapters::circle::weights::WeightsParams;
use loss_lab::i18n::Locale;
use loss_lab::loss::metric::circle::{Circle, Form};
use loss_lab::plot::{Ctx, Frame2, Theme};
use plotters::prelude::*;
use std::time::Duration;

type Error = Box<dyn std::error::Error>;

/// The plane canvas scrolled into view: its CSS size and its data ↔ pixel frame, from drawing the
/// same base layer natively at that size.
pub async fn plane(browser: &Browser) -> Result<((f64, f64), Frame2), Error> {
    let size = browser.show_canvas("plane-canvas").await?;
    let mut svg = String::new();
    let root = SVGBackend::with_string(&mut svg, (size.0 as u32, size.1 as u32)).into_drawing_area();
    let frame = draw_base(&root, &Ctx::new(1.0, Theme::Light, Locale::En)).expect("the plane draws natively");
    Ok((size, frame))
}

async fn shown(browser: &Browser, testid: &str) -> Result<f64, Error> {
    Ok(parse_shown_number(&browser.text_of(testid).await?))
}

/// The number after `word` in the element's text ("… radius 0.3536, …").
async fn number_after(browser: &Browser, testid: &str, word: &str) -> Result<f64, Error> {
    let text = browser.text_of(testid).await?;
    let after = text.split(word).nth(1).unwrap_or_default();
    Ok(parse_shown_number(after.split([',', ';']).next().unwrap_or_default()))
}

/// Hovers the pointer over the plane at `point` (s_n, s_p); returns the probe's readout (s_n, s_p, L).
async fn probe(browser: &Browser, point: (f64, f64)) -> Result<(f64, f64, f64), Error> {
    let (size, frame) = plane(browser).await?;
    let (px, py) = frame.to_pixels(point);
    let canvas = browser.by_testid("plane-canvas").await?;
    let hover = MouseActions::new("mouse".into()).then(PointerAction::MoveToElement {
        element: canvas,
        duration: None,
        x: (px - size.0 / 2.0).round(),
        y: (py - size.1 / 2.0).round(),
    });
    browser.client.perform_actions(hover).await?;
    browser.client.release_actions().await?;
    browser.settle().await?;
    Ok((shown(browser, "plane-probe-sn").await?, shown(browser, "plane-probe-sp").await?, shown(browser, "plane-probe-loss").await?))
}

/// The colour level of the overlay pixel at `point`, as the nearest of the heat map's colours.
async fn pixel_level(browser: &Browser, point: (f64, f64)) -> Result<usize, Error> {
    let (_, frame) = plane(browser).await?;
    let (px, py) = frame.to_pixels(point);
    let script = format!(
        "const c = document.querySelector(\"[data-testid='plane-canvas']\"); const r = c.width / c.clientWidth; \
         return Array.from(c.getContext('2d').getImageData(Math.round({px} * r), Math.round({py} * r), 1, 1).data);"
    );
    let rgba: Vec<f64> = serde_json::from_value(browser.js(&script).await?)?;
    let distance = |k: usize| level_colour(k).iter().zip(&rgba).map(|(&a, &b)| (f64::from(a) - b).powi(2)).sum::<f64>();
    Ok((0..LEVELS).min_by(|&a, &b| distance(a).total_cmp(&distance(b))).unwrap_or(0))
}

fn assert_clean(text: &str) {
    assert!(!text.contains("NaN") && !text.contains("Infinity") && !text.contains("undefined"), "the page shows NaN, Infinity or undefined:\n{text}");
}

#[tokio::test]
async fn the_m_slider_moves_the_circle_and_the_heat_map_is_the_cores() -> TestResult {
    let browser = Browser::start().await;
    browser.open("/circle?plane.step=3&plane.field=off", "page-circle").await?;
    let radius = number_after(&browser, "plane-boundary", "radius").await?;
    assert!((radius - std::f64::consts::SQRT_2 * 0.25).abs() < 1e-3, "radius √2·m at m = 0.25: {radius}");
    // A point of the circle at m = 0.35 (straight below the centre), not on it at m = 0.25.
    let r35 = std::f64::consts::SQRT_2 * 0.35;
    let below = (0.0, 1.0 - r35);
    let circle = |m: f64| Circle::new(32.0, m).expect("valid");
    let z = |c: &Circle, (s_n, s_p, _): (f64, f64, f64)| c.form_logit_n(Form::Circle, s_n) + c.form_logit_p(Form::Circle, s_p);
    // One CSS pixel is about 0.005 in similarity: z changes by at most γ·|∇z|·0.005 ≈ 0.3 per pixel.
    let before = probe(&browser, below).await?;
    assert!(z(&circle(0.25), before).abs() > 2.0, "at m = 0.25 the probed point is off the boundary: {before:?}");
    let slider = browser.by_testid("plane-m-slider").await?;
    slider.send_keys(&std::iter::repeat_n(char::from(Key::Right), 10).collect::<String>()).await?;
    browser.settle().await?;
    // Ten keys a few ms apart are a stream of input: the sentences follow it within 500 ms.
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    let radius = number_after(&browser, "plane-boundary", "radius").await?;
    assert!((radius - r35).abs() < 1e-3, "radius √2·m at m = 0.35: {radius}");
    for angle in [-90.0f64, -45.0, -20.0] {
        let t = angle.to_radians();
        let on = probe(&browser, (r35 * t.cos(), 1.0 + r35 * t.sin())).await?;
        assert!(z(&circle(0.35), on).abs() < 0.6, "the boundary passes through the probed point at {angle}°: {on:?}");
        // The readout there is the core's loss.
        let want = circle(0.35).form_value(Form::Circle, on.1, on.0);
        assert!((on.2 - want).abs() <= 2e-3 * want.max(1.0), "readout {} vs the core's {want}", on.2);
    }
    // Away from every line and mark, the heat map's colour is the core's loss on the page's scale.
    let scale = heat(&circle(0.35), Form::Circle).max;
    for point in [(-0.6, -0.6), (-0.8, 0.3), (0.3, -0.4), (0.9, 0.9), (0.05, 0.95)] {
        let (s_n, s_p, value) = probe(&browser, point).await?;
        let want = circle(0.35).form_value(Form::Circle, s_p, s_n);
        assert!((value - want).abs() <= 2e-3 * want.max(1.0), "readout at {point:?}: {value} vs the core's {want}");
        let (got, expected) = (pixel_level(&browser, point).await?, level(want, scale));
        assert!(got.abs_diff(expected) <= 3, "heat map at {point:?}: level {got}, the core's loss {want} gives {expected}");
    }
    // The paper's largest scale at the worst positive similarity: finite numbers, no NaN.
    browser.open("/circle?plane.step=3&plane.g=512&plane.at=1:-1", "page-circle").await?;
    let loss = shown(&browser, "plane-point-loss").await?;
    let want = Circle::new(512.0, 0.25)?.element(-1.0, 1.0);
    assert!(loss.is_finite() && (loss - want).abs() <= 1e-3 * want, "γ = 512, s_p = −1: {loss} vs the core's {want}");
    assert_clean(&browser.page_text().await?);
    let errors = browser.console_errors().await?;
    assert!(errors.is_empty(), "console errors: {errors:?}");
    browser.close().await
}

#[tokio::test]
async fn the_stepper_walks_three_steps_and_play_moves_the_point_inside() -> TestResult {
    let browser = Browser::start().await;
    browser.open("/circle", "page-circle").await?;
    let step_text = async |browser: &Browser| browser.text_of("plane-step").await;
    assert!(step_text(&browser).await?.contains("1 of 3"), "starts at step 1");
    assert!(browser.text_of("plane-boundary").await?.contains("line"), "step 1's boundary is a line");
    assert!(!browser.by_testid("plane-back").await?.is_enabled().await?, "no Back at step 1");
    browser.by_testid("plane-next").await?.click().await?;
    browser.settle().await?;
    assert!(step_text(&browser).await?.contains("2 of 3"));
    let centre = number_after(&browser, "plane-boundary", "= (").await?;
    assert!((centre + 0.125).abs() < 1e-3, "step 2's circle is centred at s_n = −m/2: {centre}");
    browser.by_testid("plane-next").await?.click().await?;
    browser.settle().await?;
    assert!(step_text(&browser).await?.contains("3 of 3"));
    assert!(!browser.by_testid("plane-next").await?.is_enabled().await?, "no Next at step 3");
    assert!(browser.wait_for_hash(|h| h.contains("plane.step=3")).await?.contains("plane.step=3"), "the URL carries the step");
    // Keys on the focused plane.
    plane(&browser).await?;
    let canvas = browser.by_testid("plane-canvas").await?;
    canvas.send_keys(&char::from(Key::PageUp).to_string()).await?;
    browser.settle().await?;
    assert!(step_text(&browser).await?.contains("2 of 3"), "Page Up goes back");
    canvas.send_keys("3").await?;
    browser.settle().await?;
    assert!(step_text(&browser).await?.contains("3 of 3"), "3 goes to step 3");
    // Play: gradient descent from outside the circle ends inside it.
    let circle = Circle::new(32.0, 0.25)?;
    let z = |s_n: f64, s_p: f64| circle.form_logit_n(Form::Circle, s_n) + circle.form_logit_p(Form::Circle, s_p);
    let (s_n, s_p) = (shown(&browser, "plane-point-sn").await?, shown(&browser, "plane-point-sp").await?);
    assert!(z(s_n, s_p) > 0.0, "the point starts outside: ({s_n}, {s_p})");
    browser.by_testid("plane-play").await?.click().await?;
    let mut waited = 0;
    while browser.by_testid("plane-play").await?.attr("aria-pressed").await?.as_deref() == Some("true") && waited < 60 {
        tokio::time::sleep(Duration::from_millis(250)).await;
        waited += 1;
    }
    let (s_n, s_p) = (shown(&browser, "plane-point-sn").await?, shown(&browser, "plane-point-sp").await?);
    assert!(z(s_n, s_p) < 0.0, "Play ends inside the boundary: ({s_n}, {s_p}), z = {}", z(s_n, s_p));
    assert!(browser.by_testid("plane-reset").await?.is_enabled().await?, "Reset is offered after training");
    assert_clean(&browser.page_text().await?);
    let errors = browser.console_errors().await?;
    assert!(errors.is_empty(), "console errors: {errors:?}");
    browser.close().await
}

#[tokio::test]
async fn the_weights_are_the_cores_and_a_large_gamma_saturates() -> TestResult {
    let browser = Browser::start().await;
    browser.open("/circle", "page-circle").await?;
    let params = WeightsParams::default();
    let b = Circle::new(params.gamma, params.m)?.breakdown(&params.s_p, &params.s_n)?;
    for (i, w) in b.weight_p.iter().enumerate() {
        let got = shown(&browser, &format!("weights-p{}-weight", i + 1)).await?;
        assert!((got - w).abs() < 1e-3, "p{}: {got} vs the core's {w}", i + 1);
    }
    for (j, w) in b.weight_n.iter().enumerate() {
        let got = shown(&browser, &format!("weights-n{}-weight", j + 1)).await?;
        assert!((got - w).abs() < 1e-3, "n{}: {got} vs the core's {w}", j + 1);
    }
    let loss = shown(&browser, "weights-loss").await?;
    assert!((loss - b.value).abs() < 1e-3 * b.value.max(1.0), "L {loss} vs {}", b.value);
    for id in ["weights-linear", "weights-one-pair", "weights-flat"] {
        assert!(!browser.by_testid(id).await?.is_displayed().await?, "{id} is not shown at γ = 4");
    }
    browser.open("/circle?weights.g=256", "page-circle").await?;
    assert!(browser.by_testid("weights-one-pair").await?.is_displayed().await?, "γ = 256 puts the weight on one pair");
    assert!(browser.by_testid("weights-linear").await?.is_displayed().await?, "γ = 256 makes the softplus linear");
    browser.open("/circle?weights.g=256&weights.sp=0.95,0.9&weights.sn=0,-0.1", "page-circle").await?;
    assert!(browser.by_testid("weights-flat").await?.is_displayed().await?, "all pairs done: the loss is flat");
    assert_clean(&browser.page_text().await?);
    let errors = browser.console_errors().await?;
    assert!(errors.is_empty(), "console errors: {errors:?}");
    browser.close().await
}
