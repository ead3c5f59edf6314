//! End-to-end tests of the fit-a-line lab: real pointer drags (mouse and touch), the δ slider's ends,
//! adding and removing points, and the messages for data no line fits.

use crate::harness::{parse_shown_number, Browser, TestResult};
use fantoccini::actions::{InputSource, MouseActions, PointerAction, TouchActions, MOUSE_BUTTON_LEFT};
use fantoccini::key::Key;
use loss_lab::chapters::regression::lab::draw::draw_lab_base;
use loss_lab::chapters::regression::lab::{LabParams, LabPreset};
use loss_lab::chapters::regression::texts;
use loss_lab::format::number;
use loss_lab::i18n::{text, Locale};
use loss_lab::plot::{Ctx, Frame2 as LabFrame, Theme};
use plotters::prelude::*;
use std::time::Duration;

pub type Error = Box<dyn std::error::Error>;

/// The lab canvas, scrolled to the middle of the window; returns its CSS size.
pub async fn show_lab_canvas(browser: &Browser) -> Result<(f64, f64), Error> {
    browser.show_canvas("lab-canvas").await
}

/// The canvas's data ↔ pixel mapping, computed by drawing the same base layer natively at the same
/// CSS size (the layout uses fixed label areas, so it does not depend on fonts).
pub fn frame_for(size: (f64, f64)) -> LabFrame {
    let mut svg = String::new();
    let root = SVGBackend::with_string(&mut svg, (size.0 as u32, size.1 as u32)).into_drawing_area();
    draw_lab_base(&root, &Ctx::new(1.0, Theme::Light, Locale::En)).expect("the lab base layer draws natively")
}

/// A data point as a WebDriver offset from the canvas's centre (CSS px at pixel ratio 1).
pub fn offset_of(frame: &LabFrame, size: (f64, f64), point: (f64, f64)) -> (f64, f64) {
    let (px, py) = frame.to_pixels(point);
    ((px - size.0 / 2.0).round(), (py - size.1 / 2.0).round())
}

pub async fn shown(browser: &Browser, testid: &str) -> Result<f64, Error> {
    Ok(parse_shown_number(&browser.text_of(testid).await?))
}

async fn slopes(browser: &Browser) -> Result<[f64; 3], Error> {
    Ok([shown(browser, "fit-mse-slope").await?, shown(browser, "fit-mae-slope").await?, shown(browser, "fit-huber-slope").await?])
}

fn assert_clean_text(text: &str) {
    assert!(!text.contains("NaN"), "the page shows NaN:\n{text}");
    assert!(!text.contains("undefined"), "the page shows undefined:\n{text}");
}

async fn mouse_drag(browser: &Browser, from: (f64, f64), by: (f64, f64)) -> TestResult {
    let canvas = browser.by_testid("lab-canvas").await?;
    let drag = MouseActions::new("mouse".into())
        .then(PointerAction::MoveToElement { element: canvas, duration: None, x: from.0, y: from.1 })
        .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
        .then(PointerAction::MoveBy { duration: Some(Duration::from_millis(250)), x: by.0, y: by.1 })
        .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT });
    browser.client.perform_actions(drag).await?;
    browser.client.release_actions().await?;
    browser.settle().await?;
    Ok(())
}

#[tokio::test]
async fn dragging_one_point_far_away_moves_the_mse_line_most() -> TestResult {
    let browser = Browser::start().await;
    browser.open("/regression?lab=line", "page-regression").await?;
    let size = show_lab_canvas(&browser).await?;
    let frame = frame_for(size);
    let points = LabPreset::Line.points();
    let before = slopes(&browser).await?;

    // The right-most point, dragged far below the others.
    let (i, &from) = points.iter().enumerate().max_by(|a, b| a.1 .0.total_cmp(&b.1 .0)).unwrap();
    let to = (from.0, -1.5);
    let start = offset_of(&frame, size, from);
    let end = offset_of(&frame, size, to);
    mouse_drag(&browser, start, (end.0 - start.0, end.1 - start.1)).await?;
    // One data unit is about 40 CSS px here: the point landed within a pixel or two of the target.
    let (x, y) = (shown(&browser, "lab-selected-x").await?, shown(&browser, "lab-selected-y").await?);
    assert!((x - to.0).abs() < 0.1 && (y - to.1).abs() < 0.1, "point {i} dragged to ({x}, {y}), wanted {to:?}");

    let after = slopes(&browser).await?;
    let change = |k: usize| (after[k] - before[k]).abs();
    eprintln!("slopes before {before:?}, after {after:?}");
    assert!(change(0) > change(2), "MSE's slope moved {} but Huber's {}", change(0), change(2));
    assert!(change(0) > change(1), "MSE's slope moved {} but MAE's {}", change(0), change(1));
    assert!(change(0) > 0.2, "the MSE line really tilted: {}", change(0));

    // The URL has the edited points after the drag, and reloading it reproduces the lab.
    let hash = browser.wait_for_hash(|h| h.contains("pts=")).await?;
    assert!(hash.contains("pts="), "the dragged points are in the URL: {hash}");
    browser.client.goto(&format!("{}/{hash}", browser.base)).await?;
    browser.client.refresh().await?;
    browser.wait_for_testid("page-regression").await?;
    browser.settle().await?;
    assert_eq!(slopes(&browser).await?, after, "the URL reproduces the fits");

    // Dragged past the canvas's left edge and below the data panel: pinned to the corner (0, −2).
    let size = show_lab_canvas(&browser).await?;
    let frame = frame_for(size);
    let start = offset_of(&frame, size, (x, y));
    let out = (-size.0 / 2.0 - 60.0 - start.0, frame.to_pixels((0.0, LabParams::Y_RANGE.0)).1 + 60.0 - size.1 / 2.0 - start.1);
    mouse_drag(&browser, start, out).await?;
    assert_eq!(shown(&browser, "lab-selected-x").await?, LabParams::X_RANGE.0);
    assert_eq!(shown(&browser, "lab-selected-y").await?, LabParams::Y_RANGE.0);
    assert_clean_text(&browser.page_text().await?);
    let errors = browser.console_errors().await?;
    assert!(errors.is_empty(), "console errors: {errors:?}");
    browser.close().await
}

#[tokio::test]
async fn a_finger_drags_a_point_without_scrolling_the_page() -> TestResult {
    let browser = Browser::start().await;
    browser.open("/regression?lab=line", "page-regression").await?;
    let size = show_lab_canvas(&browser).await?;
    let frame = frame_for(size);
    let from = LabPreset::Line.points()[2];
    let to = (from.0 + 1.0, from.1 + 4.0);
    let (start, end) = (offset_of(&frame, size, from), offset_of(&frame, size, to));
    let scroll_before = browser.js("return window.scrollY;").await?;
    let canvas = browser.by_testid("lab-canvas").await?;
    let swipe = TouchActions::new("finger".into())
        .then(PointerAction::MoveToElement { element: canvas, duration: None, x: start.0, y: start.1 })
        .then(PointerAction::Down { button: 0 })
        .then(PointerAction::MoveBy { duration: Some(Duration::from_millis(250)), x: end.0 - start.0, y: end.1 - start.1 })
        .then(PointerAction::Up { button: 0 });
    browser.client.perform_actions(swipe).await?;
    browser.client.release_actions().await?;
    browser.settle().await?;
    let (x, y) = (shown(&browser, "lab-selected-x").await?, shown(&browser, "lab-selected-y").await?);
    assert!((x - to.0).abs() < 0.1 && (y - to.1).abs() < 0.1, "the finger moved the point to ({x}, {y}), wanted {to:?}");
    assert_eq!(browser.js("return window.scrollY;").await?, scroll_before, "the page did not scroll");
    let action = browser.js("return getComputedStyle(document.querySelector(\"[data-testid='lab-canvas']\")).touchAction;").await?;
    assert_eq!(action.as_str(), Some("none"));
    browser.close().await
}

/// Tolerance at the δ slider's minimum: Huber's slope within 0.01 of MAE's (host test
/// `delta_range_ends_bring_huber_to_mae_and_to_mse` shows the exact gap is below 0.005 for both
/// presets). At the maximum Huber's line *is* MSE's, so the readouts agree to all digits shown.
const LOW_DELTA_SLOPE_TOLERANCE: f64 = 0.01;

#[tokio::test]
async fn lab_delta_at_its_ends_brings_huber_to_mae_and_to_mse() -> TestResult {
    let browser = Browser::start().await;
    browser.open("/regression?lab=outlier", "page-regression").await?;
    let slider = browser.by_testid("lab-delta-slider").await?;
    browser.js("document.querySelector(\"[data-testid='lab-delta-slider']\").scrollIntoView({block: 'center'});").await?;

    slider.send_keys(&char::from(Key::Home).to_string()).await?;
    browser.settle().await?;
    let field = browser.by_testid("lab-delta-number").await?;
    assert_eq!(parse_shown_number(&field.prop("value").await?.unwrap_or_default()), LabParams::DELTA.min);
    let [mse, mae, huber] = slopes(&browser).await?;
    assert!((mse - mae).abs() > 0.3, "the outlier preset separates MSE ({mse}) and MAE ({mae})");
    assert!((huber - mae).abs() <= LOW_DELTA_SLOPE_TOLERANCE, "δ = min: Huber {huber} vs MAE {mae}");
    let intercepts = [shown(&browser, "fit-mae-intercept").await?, shown(&browser, "fit-huber-intercept").await?];
    assert!((intercepts[0] - intercepts[1]).abs() <= 0.05, "δ = min: intercepts {intercepts:?}");

    slider.send_keys(&char::from(Key::End).to_string()).await?;
    browser.settle().await?;
    let field = browser.by_testid("lab-delta-number").await?;
    assert_eq!(parse_shown_number(&field.prop("value").await?.unwrap_or_default()), LabParams::DELTA.max);
    let [mse, _, huber] = slopes(&browser).await?;
    assert_eq!(huber, mse, "δ = max: Huber's slope is MSE's");
    assert_eq!(browser.text_of("fit-huber-intercept").await?, browser.text_of("fit-mse-intercept").await?);
    assert!(browser.wait_for_hash(|h| h.contains("lab.delta=50")).await?.contains("lab.delta=50"), "the URL carries the lab's δ");
    browser.close().await
}

#[tokio::test]
async fn points_can_be_added_and_removed_and_bad_data_gets_a_message() -> TestResult {
    let browser = Browser::start().await;
    browser.open("/regression?lab=line", "page-regression").await?;
    let count = |text: String| text.split_whitespace().next().unwrap_or_default().parse::<usize>().unwrap_or(0);
    assert_eq!(count(browser.text_of("lab-count").await?), 12);
    let size = show_lab_canvas(&browser).await?;
    let frame = frame_for(size);
    let canvas = browser.by_testid("lab-canvas").await?;

    // A click on empty space adds a point there.
    let empty = (2.0, 10.0);
    let at = offset_of(&frame, size, empty);
    let click = MouseActions::new("mouse".into())
        .then(PointerAction::MoveToElement { element: canvas.clone(), duration: None, x: at.0, y: at.1 })
        .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
        .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT });
    browser.client.perform_actions(click).await?;
    browser.client.release_actions().await?;
    browser.settle().await?;
    assert_eq!(count(browser.text_of("lab-count").await?), 13);
    let (x, y) = (shown(&browser, "lab-selected-x").await?, shown(&browser, "lab-selected-y").await?);
    assert!((x - empty.0).abs() < 0.1 && (y - empty.1).abs() < 0.1, "added at ({x}, {y})");

    // A double click on it removes it.
    browser.client.perform_actions(
        MouseActions::new("mouse".into())
            .then(PointerAction::MoveToElement { element: canvas.clone(), duration: None, x: at.0, y: at.1 })
            .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
            .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT })
            .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
            .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT }),
    ).await?;
    browser.client.release_actions().await?;
    browser.settle().await?;
    assert_eq!(count(browser.text_of("lab-count").await?), 12, "double click removed the point");

    // The buttons: add, then remove the selected one; the outlier preset; reset.
    browser.by_testid("lab-add").await?.click().await?;
    browser.settle().await?;
    assert_eq!(count(browser.text_of("lab-count").await?), 13);
    browser.by_testid("lab-remove").await?.click().await?;
    browser.settle().await?;
    assert_eq!(count(browser.text_of("lab-count").await?), 12);
    let clean = slopes(&browser).await?;
    browser.by_testid("lab-preset-outlier").await?.click().await?;
    browser.settle().await?;
    assert!(browser.wait_for_hash(|h| h.contains("lab.preset=outlier")).await?.contains("lab.preset=outlier"));
    assert_ne!(slopes(&browser).await?, clean, "the outlier changes the fits");
    browser.by_testid("lab-reset").await?.click().await?;
    browser.settle().await?;
    assert_eq!(slopes(&browser).await?, clean, "reset restores the seeded points");

    // Data no line fits: a message from the message table, no line readouts, no NaN.
    for (query, msg) in [("pts=3:4", texts::LAB_TOO_FEW_POINTS), ("pts=", texts::LAB_TOO_FEW_POINTS), ("pts=3:4,3:9,3:1", texts::LAB_ALL_ON_ONE_VERTICAL)] {
        browser.open(&format!("/regression?{query}"), "page-regression").await?;
        browser.settle().await?;
        assert_eq!(browser.text_of("lab-message").await?, text(Locale::En, msg), "{query}");
        assert_eq!(browser.text_of("fit-mse-slope").await?, "—", "{query}: no slope");
        assert_clean_text(&browser.page_text().await?);
    }
    let errors = browser.console_errors().await?;
    assert!(errors.is_empty(), "console errors: {errors:?}");
    browser.close().await
}

#[tokio::test]
async fn the_keyboard_selects_moves_and_removes_points() -> TestResult {
    let browser = Browser::start().await;
    browser.open("/regression?lab=line", "page-regression").await?;
    show_lab_canvas(&browser).await?;
    let canvas = browser.by_testid("lab-canvas").await?;
    let first = LabPreset::Line.points()[0];
    // "n" selects the first point, the up arrow moves it by one step, "p" wraps back to the last point.
    canvas.send_keys("n").await?;
    browser.settle().await?;
    let selected = || async { Ok::<_, Error>((browser.text_of("lab-selected-x").await?, browser.text_of("lab-selected-y").await?)) };
    let as_shown = |p: (f64, f64)| (number(p.0, 4), number(p.1, 4));
    assert_eq!(selected().await?, as_shown(first));
    let before = slopes(&browser).await?;
    canvas.send_keys(&char::from(Key::Up).to_string()).await?;
    browser.settle().await?;
    assert_eq!(selected().await?, as_shown((first.0, first.1 + 0.1)), "moved up one step");
    assert_ne!(slopes(&browser).await?, before, "the fits follow the moved point");
    canvas.send_keys("p").await?;
    browser.settle().await?;
    let last = LabPreset::Line.points()[11];
    assert_eq!(selected().await?, as_shown(last));
    canvas.send_keys(&char::from(Key::Delete).to_string()).await?;
    browser.settle().await?;
    let count = browser.text_of("lab-count").await?;
    assert!(count.starts_with("11"), "Delete removed the selected point: {count}");
    browser.close().await
}
