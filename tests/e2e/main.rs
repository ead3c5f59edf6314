//! End-to-end tests: the built `dist/` in a real headless Chromium, driven through WebDriver.
//! Run by `cargo xtask test` after `trunk build --release` (feature `e2e`).

mod circle;
mod classification;
mod framework;
mod harness;
mod home;
mod lab;
mod mining;
mod multiclass;
mod pairs;
mod timing;

use fantoccini::actions::{InputSource, MouseActions, PointerAction, MOUSE_BUTTON_LEFT};
use fantoccini::key::Key;
use harness::{parse_shown_number, Browser, Options, TestResult};
use loss_lab::loss::regression::Regression;
use loss_lab::chapters::regression::curves::CurvesParams as RegressionParams;
use std::time::Duration;

/// Reads δ from the number field.
async fn delta_of(browser: &Browser) -> Result<f64, Box<dyn std::error::Error>> {
    let field = browser.by_testid("delta-number").await?;
    Ok(parse_shown_number(&field.prop("value").await?.unwrap_or_default()))
}

async fn formula_text(browser: &Browser) -> Result<String, Box<dyn std::error::Error>> {
    Ok(browser.by_testid("formula-huber").await?.html(true).await?)
}

/// Keystrokes that replace a field's text the way a person does: select all, type, leave with Tab.
fn select_all_and_type(text: &str) -> String {
    format!("{}a{}{text}{}", char::from(Key::Control), char::from(Key::Null), char::from(Key::Tab))
}

fn assert_no_nan(text: &str) {
    assert!(!text.contains("NaN"), "the page shows NaN:\n{text}");
    assert!(!text.contains("undefined"), "the page shows undefined:\n{text}");
}

#[tokio::test]
async fn regression_page_loads_draws_and_has_no_console_error() -> TestResult {
    let browser = Browser::start().await;
    browser.open("/regression", "page-regression").await?;
    // Both layers have pixels: axes on the base, curves on the overlay.
    let painted = browser
        .js("return [...document.querySelectorAll(\"[data-testid='regression-figure'] canvas\")].map(c => { \
             const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; \
             let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; });")
        .await?;
    let painted: Vec<u64> = serde_json::from_value(painted)?;
    assert_eq!(painted.len(), 2, "two canvas layers");
    assert!(painted.iter().all(|&n| n > 1000), "both layers are drawn: {painted:?}");
    let formula = formula_text(&browser).await?;
    assert!(formula.contains("<math"), "the Huber formula is MathML: {formula}");
    assert_no_nan(&browser.page_text().await?);
    let errors = browser.console_errors().await?;
    assert!(errors.is_empty(), "console errors: {errors:?}");
    browser.close().await
}

#[tokio::test]
async fn delta_slider_by_mouse_and_by_keys_changes_canvas_formula_and_number() -> TestResult {
    let browser = Browser::start().await;
    browser.open("/regression", "page-regression").await?;
    let slider = browser.by_testid("delta-slider").await?;

    // Mouse: press on the slider and drag its thumb to the left.
    let (canvas_before, formula_before, delta_before) =
        (browser.canvas_fingerprint("regression-canvas").await?, formula_text(&browser).await?, delta_of(&browser).await?);
    let drag = MouseActions::new("mouse".into())
        .then(PointerAction::MoveToElement { element: slider.clone(), duration: None, x: 0.0, y: 0.0 })
        .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
        .then(PointerAction::MoveBy { duration: Some(Duration::from_millis(150)), x: -60.0, y: 0.0 })
        .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT });
    browser.client.perform_actions(drag).await?;
    browser.settle().await?;
    let delta_after_mouse = delta_of(&browser).await?;
    assert!(delta_after_mouse < delta_before, "dragging left lowers δ: {delta_before} → {delta_after_mouse}");
    assert_ne!(browser.canvas_fingerprint("regression-canvas").await?, canvas_before, "the plot changed");
    assert_ne!(formula_text(&browser).await?, formula_before, "the formula changed");

    // Keys: three presses of the right arrow move three slider steps.
    let position = RegressionParams::DELTA.position_of(delta_after_mouse);
    let (canvas_before, formula_before) = (browser.canvas_fingerprint("regression-canvas").await?, formula_text(&browser).await?);
    let right: String = std::iter::repeat_n(char::from(Key::Right), 3).collect();
    slider.send_keys(&right).await?;
    browser.settle().await?;
    let delta_after_keys = delta_of(&browser).await?;
    assert_eq!(delta_after_keys, RegressionParams::DELTA.value_at(position + 3), "three steps right");
    assert_ne!(browser.canvas_fingerprint("regression-canvas").await?, canvas_before, "the plot changed");
    assert_ne!(formula_text(&browser).await?, formula_before, "the formula changed");
    let wanted = format!("delta={delta_after_keys}&");
    assert!(browser.wait_for_hash(|h| h.contains(&wanted)).await?.contains(&wanted), "the URL carries δ");

    // Typing a number sets δ exactly; an out-of-range one is clamped with a message.
    let field = browser.by_testid("delta-number").await?;
    field.send_keys(&select_all_and_type("2.5")).await?;
    browser.settle().await?;
    assert_eq!(delta_of(&browser).await?, 2.5);
    let field = browser.by_testid("delta-number").await?;
    field.send_keys(&select_all_and_type("99")).await?;
    browser.settle().await?;
    assert_eq!(delta_of(&browser).await?, RegressionParams::DELTA.max);
    assert!(!browser.text_of("delta-error").await?.is_empty(), "an out-of-range number gets a message");
    assert_no_nan(&browser.page_text().await?);
    let errors = browser.console_errors().await?;
    assert!(errors.is_empty(), "console errors: {errors:?}");
    browser.close().await
}

#[tokio::test]
async fn pointer_readout_shows_the_loss_core_values() -> TestResult {
    let browser = Browser::start().await;
    browser.open("/regression?delta=0.7&curves=mse,mae,huber", "page-regression").await?;
    let canvas = browser.by_testid("regression-canvas").await?;
    for x_offset in [-150.0, 40.0, 230.0] {
        let hover = MouseActions::new("mouse".into())
            .then(PointerAction::MoveToElement { element: canvas.clone(), duration: None, x: x_offset, y: 0.0 });
        browser.client.perform_actions(hover).await?;
        browser.settle().await?;
        let r = parse_shown_number(&browser.text_of("readout-r").await?);
        let checks = [
            ("mse", Regression::Mse),
            ("mae", Regression::Mae),
            ("huber", Regression::huber(0.7)?),
        ];
        for (key, loss) in checks {
            let value = parse_shown_number(&browser.text_of(&format!("readout-{key}-value")).await?);
            let grad = parse_shown_number(&browser.text_of(&format!("readout-{key}-grad")).await?);
            let (want_value, want_grad) = (loss.element(r), loss.element_derivative(r));
            // The readout shows 6 significant digits.
            assert!((value - want_value).abs() <= 1e-5 * want_value.abs().max(1e-3), "{key} at r = {r}: {value} vs {want_value}");
            assert!((grad - want_grad).abs() <= 1e-5 * want_grad.abs().max(1e-3), "{key}' at r = {r}: {grad} vs {want_grad}");
        }
    }
    browser.close().await
}

#[tokio::test]
async fn odd_urls_give_sensible_pages() -> TestResult {
    let browser = Browser::start().await;
    browser.open("/regression?delta=abc&beta=-4&curves=zzz,mse", "page-regression").await?;
    assert_eq!(delta_of(&browser).await?, RegressionParams::DEFAULT_DELTA, "unreadable δ takes the default");
    assert!(browser.by_testid("readout-mse-value").await.is_ok(), "MSE is shown");
    assert!(browser.by_testid("readout-huber-value").await.is_err(), "Huber is hidden");
    assert_no_nan(&browser.page_text().await?);

    browser.open("/regression?delta=1e999", "page-regression").await?;
    assert_eq!(delta_of(&browser).await?, RegressionParams::DEFAULT_DELTA, "an infinite δ takes the default");
    browser.open("/regression?delta=0", "page-regression").await?;
    assert_eq!(delta_of(&browser).await?, RegressionParams::DELTA.min, "δ = 0 is clamped to the minimum");
    assert_no_nan(&browser.page_text().await?);

    browser.open("/no/such/chapter", "page-not-found").await?;
    assert!(browser.page_text().await?.contains("/no/such/chapter"));
    browser.open("/", "page-home").await?;
    let errors = browser.console_errors().await?;
    assert!(errors.is_empty(), "console errors: {errors:?}");
    browser.close().await
}

#[tokio::test]
async fn a_panic_shows_a_message_with_a_reload_link() -> TestResult {
    let browser = Browser::start().await;
    browser.client.goto(&format!("{}/#/debug/panic", browser.base)).await?;
    let crash = browser.wait_for_testid("crash").await?;
    assert!(crash.is_displayed().await?, "the crash message is visible");
    let reload = browser.by_testid("crash-reload").await?;
    assert!(reload.is_displayed().await?);
    // The reload link really reloads: after it, the crash message is gone (the page went to the hash it had).
    browser.js("location.hash = '#/regression';").await?;
    reload.click().await?;
    browser.wait_for_testid("page-regression").await?;
    browser.settle().await?;
    assert!(browser.by_testid("crash").await.is_err(), "a reload starts afresh");
    browser.close().await
}

#[tokio::test]
async fn phone_width_has_no_sideways_scroll_and_canvases_and_pointer_follow_the_pixel_ratio() -> TestResult {
    let browser = Browser::start_with(Options { width: 360, height: 740, device_scale_factor: 2.0 }).await;
    browser.open("/regression", "page-regression").await?;
    let overflow = browser.js("return document.documentElement.scrollWidth - window.innerWidth;").await?;
    assert!(overflow.as_i64().unwrap_or(i64::MAX) <= 0, "page scrolls sideways by {overflow} px at 360 px");
    for (route, page) in [("/regression?lab=outlier", "page-regression"), ("/", "page-home")] {
        browser.open(route, page).await?;
        let overflow = browser.js("return document.documentElement.scrollWidth - window.innerWidth;").await?;
        assert!(overflow.as_i64().unwrap_or(i64::MAX) <= 0, "{route} scrolls sideways by {overflow} px at 360 px");
    }
    browser.open("/regression", "page-regression").await?;
    let sizes = browser
        .js("const c = document.querySelector(\"[data-testid='regression-canvas']\"); \
             return [c.width, c.clientWidth, c.height, c.clientHeight, window.devicePixelRatio];")
        .await?;
    let sizes: Vec<f64> = serde_json::from_value(sizes)?;
    assert_eq!(sizes[4], 2.0, "the test really runs at pixel ratio 2");
    assert_eq!(sizes[0], (sizes[1] * 2.0).round(), "canvas width in device pixels: {sizes:?}");
    assert_eq!(sizes[2], (sizes[3] * 2.0).round(), "canvas height in device pixels: {sizes:?}");
    // A real pointer maps to the curve at pixel ratio 2 too (CSS px of the event, device px of the frame).
    browser.show_canvas("regression-canvas").await?;
    let canvas = browser.by_testid("regression-canvas").await?;
    let mut read = Vec::new();
    for x_offset in [-60.0, 60.0] {
        let hover = MouseActions::new("mouse".into()).then(PointerAction::MoveToElement { element: canvas.clone(), duration: None, x: x_offset, y: 0.0 });
        browser.client.perform_actions(hover).await?;
        browser.settle().await?;
        read.push(parse_shown_number(&browser.text_of("readout-r").await?));
    }
    browser.client.release_actions().await?;
    // 120 CSS px of a ~330 px wide plot over r ∈ [−3, 3]: about 2.2 apart.
    assert!(read[1] - read[0] > 1.0 && read[1] - read[0] < 3.5, "r under the pointer at x = ±60 px: {read:?}");
    browser.close().await
}

/// At a laptop's 1280 px every readout table fits its box, caption numbers included (the lab's and the multi-label table's
/// seven columns scrolled sideways and hid their last one) and no header or number is cut short.
#[tokio::test]
async fn readout_tables_fit_a_laptop_window_without_cutting_text() -> TestResult {
    let browser = Browser::start().await;
    for lang in ["en", "zh"] {
        for chapter in loss_lab::chapters::metadata() {
            let (path, page) = (chapter.path(), format!("page-{}", chapter.key));
            browser.open(&format!("{path}?lang={lang}"), &page).await?;
            let problems = browser
                .js("const out = []; \
                     for (const box of document.querySelectorAll('.readout')) { \
                         if (box.scrollWidth > box.clientWidth) out.push('box scrolls by ' + (box.scrollWidth - box.clientWidth) + ' px'); \
                         for (const cell of box.querySelectorAll('th, td, td .num, h3 .num')) \
                             if (cell.scrollWidth > cell.clientWidth + 1) out.push('cut: ' + cell.textContent); \
                     } \
                     return out;")
                .await?;
            let problems: Vec<String> = serde_json::from_value(problems)?;
            assert!(problems.is_empty(), "{path}?lang={lang} at 1280 px: {problems:?}");
        }
    }
    browser.close().await
}

#[tokio::test]
async fn projector_width_draws_the_full_figure() -> TestResult {
    let browser = Browser::start_with(Options { width: 1920, height: 1080, device_scale_factor: 1.0 }).await;
    browser.open("/regression", "page-regression").await?;
    let width = browser
        .js("return document.querySelector(\"[data-testid='regression-canvas']\").clientWidth;")
        .await?;
    assert!(width.as_f64().unwrap_or(0.0) > 900.0, "the plot uses the projector's width: {width}");
    // Resizing the window redraws the cached base layer at the new size.
    browser.client.set_window_size(1000, 900).await?;
    browser.settle().await?;
    let sizes = browser
        .js("const c = document.querySelector('.figure-canvas .base'); return [c.width, c.clientWidth];")
        .await?;
    let sizes: Vec<f64> = serde_json::from_value(sizes)?;
    assert_eq!(sizes[0], sizes[1], "the base layer follows the new width: {sizes:?}");
    browser.close().await
}
