//! End-to-end tests of the "Many classes" chapter: every control changes its figure; two true
//! classes cap the softmax probabilities at ½ while the sigmoids pass 0.9; dragging a KL bar keeps
//! both distributions summing to 1; q = 0 < p shows ∞ and says why; the KL fit plays by itself only
//! without reduced motion, and only while on screen.

use crate::harness::{parse_shown_number, Browser, TestResult};
use fantoccini::actions::{InputSource, MouseActions, PointerAction, MOUSE_BUTTON_LEFT};
use fantoccini::key::Key;
use serde_json::json;
use std::time::Duration;

type Error = Box<dyn std::error::Error>;

async fn shown(browser: &Browser, testid: &str) -> Result<f64, Error> {
    Ok(parse_shown_number(&browser.text_of(testid).await?))
}

/// Types `value` into a number field and leaves it (a `change` event).
async fn type_number(browser: &Browser, testid: &str, value: f64) -> TestResult {
    browser
        .js(&format!(
            "const f = document.querySelector(\"[data-testid='{testid}-number']\"); f.value = '{value}'; f.dispatchEvent(new Event('change', {{ bubbles: true }}));"
        ))
        .await?;
    browser.settle().await?;
    Ok(())
}

async fn click(browser: &Browser, testid: &str) -> TestResult {
    browser.js(&format!("document.querySelector(\"[data-testid='{testid}']\").scrollIntoView({{block: 'center'}});")).await?;
    browser.by_testid(testid).await?.click().await?;
    browser.settle().await?;
    Ok(())
}

fn assert_clean(text: &str) {
    assert!(!text.contains("NaN") && !text.contains("Infinity") && !text.contains("undefined"), "the page shows NaN, Infinity or undefined");
}

#[tokio::test]
async fn softmax_and_multilabel_controls_change_their_figures_and_softmax_caps_at_one_half() -> TestResult {
    let browser = Browser::start().await;
    browser.open("/multiclass", "page-multiclass").await?;
    // Softmax: each logit, the class count, the true class, T and ε.
    let mut before = browser.canvas_fingerprint("softmax-canvas").await?;
    for (testid, value) in [("softmax-z-1", 3.5), ("softmax-t", 4.0), ("softmax-eps", 0.2)] {
        type_number(&browser, testid, value).await?;
        let after = browser.canvas_fingerprint("softmax-canvas").await?;
        assert_ne!(after, before, "{testid} changes the plot");
        before = after;
    }
    assert_eq!(shown(&browser, "softmax-z-1").await?, 3.5);
    browser.js("const s = document.querySelector(\"[data-testid='softmax-target']\"); s.value = '2'; s.dispatchEvent(new Event('change', { bubbles: true }));").await?;
    browser.settle().await?;
    assert!((shown(&browser, "softmax-q-2").await? - (1.0 - 0.2 + 0.2 / 4.0)).abs() < 1e-3, "the smoothed target is on class 3 now");
    click(&browser, "softmax-add").await?;
    assert!(browser.by_testid("softmax-z-4-slider").await.is_ok(), "a fifth logit");
    let p_sum: f64 = {
        let mut sum = 0.0;
        for k in 0..5 {
            sum += shown(&browser, &format!("softmax-p-{k}")).await?;
        }
        sum
    };
    assert!((p_sum - 1.0).abs() < 1e-3, "softmax sums to 1: {p_sum}");
    click(&browser, "softmax-remove").await?;
    click(&browser, "softmax-remove").await?;
    assert!(browser.by_testid("softmax-z-3-slider").await.is_err(), "three classes left");
    // The keyboard on the plot picks the true class.
    browser.js("document.querySelector(\"[data-testid='softmax-canvas']\").focus();").await?;
    browser.by_testid("softmax-canvas").await?.send_keys(&char::from(Key::Left).to_string()).await?;
    browser.settle().await?;
    assert!((shown(&browser, "softmax-q-1").await? - (1.0 - 0.2 + 0.2 / 3.0)).abs() < 1e-3, "← made class 2 the true class");

    // Multi-label: classes 1 and 2 present, their logits at 10, the others at −10.
    for (k, z) in [(0, 10.0), (1, 10.0), (2, -10.0), (3, -10.0)] {
        type_number(&browser, &format!("multilabel-z-{k}"), z).await?;
    }
    for k in 0..2 {
        let softmax = shown(&browser, &format!("multilabel-softmax-{k}")).await?;
        let sigmoid = shown(&browser, &format!("multilabel-sigmoid-{k}")).await?;
        assert!(softmax <= 0.5, "softmax gives class {} at most ½: {softmax}", k + 1);
        assert!(sigmoid > 0.9, "the sigmoid of class {} passes 0.9: {sigmoid}", k + 1);
    }
    assert!(shown(&browser, "multilabel-softmax-loss").await? >= 0.693);
    assert!(browser.text_of("multilabel-cap").await?.contains("0.6931"));
    // A third class present: the cap says 1/3; none present: a message and "—", never NaN.
    let before = browser.canvas_fingerprint("multilabel-canvas").await?;
    click(&browser, "multilabel-y-2").await?;
    assert_ne!(browser.canvas_fingerprint("multilabel-canvas").await?, before);
    assert!(browser.text_of("multilabel-cap").await?.contains("1/3"));
    for k in 0..3 {
        click(&browser, &format!("multilabel-y-{k}")).await?;
    }
    assert!(browser.by_testid("multilabel-none").await?.is_displayed().await?);
    assert_eq!(browser.text_of("multilabel-softmax-loss").await?.trim(), "—");
    assert_clean(&browser.page_text().await?);
    let errors = browser.console_errors().await?;
    assert!(errors.is_empty(), "console errors: {errors:?}");
    browser.close().await
}

/// The CSS-pixel offset from the KL canvas's centre of the top of P's or Q's bar of outcome `k`
/// set to probability `value` (the panel layout: top half, fixed label areas).
async fn drag_kl_bar(browser: &Browser, k: usize, q: bool, value: f64) -> TestResult {
    let canvas = browser.by_testid("kl-canvas").await?;
    browser.js("document.querySelector(\"[data-testid='kl-canvas']\").scrollIntoView({block: 'center'});").await?;
    // Canvases far from the viewport are hidden until the visibility observer has seen them come in.
    browser.settle().await?;
    browser.settle().await?;
    let geometry: Vec<f64> = serde_json::from_value(
        browser.js("const c = document.querySelector(\"[data-testid='kl-canvas']\"); return [c.clientWidth, c.clientHeight];").await?,
    )?;
    let (width, height) = (geometry[0], geometry[1]);
    // Mirror of plot::panel's layout at pixel ratio 1: 44 px y labels + 4 px left margin, 12 px right
    // margin; the top panel is the upper half, 8 px top margin and 22 px for x labels.
    let (left, right) = (48.0, width - 12.0);
    let (top, bottom) = (8.0, height / 2.0 - 22.0);
    let slot = (right - left) / 5.0;
    let x = left + slot * (k as f64 + if q { 0.65 } else { 0.35 });
    let y_at = |v: f64| bottom - (bottom - top) * v;
    let start = y_at(0.05);
    let drag = MouseActions::new("mouse".into())
        .then(PointerAction::MoveToElement { element: canvas, duration: None, x: x - width / 2.0, y: start - height / 2.0 })
        .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
        .then(PointerAction::MoveBy { duration: Some(Duration::from_millis(200)), x: 0.0, y: y_at(value) - start })
        .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT });
    browser.client.perform_actions(drag).await?;
    browser.client.release_actions().await?;
    browser.settle().await?;
    Ok(())
}

#[tokio::test]
async fn dragging_kl_bars_keeps_both_distributions_normalised_and_q_zero_shows_infinity() -> TestResult {
    let browser = Browser::start().await;
    browser.open("/multiclass", "page-multiclass").await?;
    let forward = shown(&browser, "kl-forward").await?;
    drag_kl_bar(&browser, 1, false, 0.8).await?;
    let p1 = shown(&browser, "kl-p-1").await?;
    assert!((p1 - 0.8).abs() < 0.05, "P's bar 2 follows the pointer: {p1}");
    assert_eq!(shown(&browser, "kl-sum-p").await?, 1.0);
    assert_eq!(shown(&browser, "kl-sum-q").await?, 1.0);
    assert_ne!(shown(&browser, "kl-forward").await?, forward);
    // Q's bar 3 dragged to the bottom: q₃ = 0 < p₃, so KL(P‖Q) = ∞, with its sentence.
    drag_kl_bar(&browser, 2, true, -0.2).await?;
    assert_eq!(shown(&browser, "kl-q-2").await?, 0.0);
    assert_eq!(shown(&browser, "kl-sum-q").await?, 1.0);
    assert_eq!(browser.text_of("kl-forward").await?.trim(), "∞");
    assert!(shown(&browser, "kl-reverse").await?.is_finite());
    assert!(browser.text_of("kl-infinite-forward").await?.contains("q3"));
    // Keys: select a bar and move it; swap and reset.
    browser.js("document.querySelector(\"[data-testid='kl-canvas']\").focus();").await?;
    let canvas = browser.by_testid("kl-canvas").await?;
    canvas.send_keys(&format!("{}{}", char::from(Key::Right), char::from(Key::Up))).await?;
    browser.settle().await?;
    assert_eq!(shown(&browser, "kl-sum-p").await?, 1.0);
    click(&browser, "kl-swap").await?;
    assert_eq!(browser.text_of("kl-reverse").await?.trim(), "∞", "swapped: now KL(Q‖P) is infinite");
    click(&browser, "kl-reset").await?;
    assert!(shown(&browser, "kl-forward").await?.is_finite());
    assert_clean(&browser.page_text().await?);
    let errors = browser.console_errors().await?;
    assert!(errors.is_empty(), "console errors: {errors:?}");
    browser.close().await
}

async fn steps(browser: &Browser) -> Result<f64, Error> {
    let text = browser.text_of("klfit-steps").await?;
    Ok(text.split_whitespace().next().and_then(|n| n.parse().ok()).unwrap_or(-1.0))
}

#[tokio::test]
async fn the_kl_fit_plays_on_screen_unless_motion_is_reduced_and_separates_the_two_directions() -> TestResult {
    let browser = Browser::start().await;
    browser.cdp("Emulation.setEmulatedMedia", json!({ "features": [{ "name": "prefers-reduced-motion", "value": "reduce" }] })).await?;
    browser.open("/multiclass", "page-multiclass").await?;
    browser.js("document.querySelector(\"[data-testid='klfit-canvas']\").scrollIntoView({block: 'center'});").await?;
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(steps(&browser).await?, 0.0, "reduced motion: no autoplay");
    click(&browser, "klfit-step").await?;
    assert_eq!(steps(&browser).await?, 8.0, "Step: one frame of eight gradient steps");

    // Without reduced motion it plays by itself once on screen, and stops when scrolled away.
    browser.cdp("Emulation.setEmulatedMedia", json!({ "features": [{ "name": "prefers-reduced-motion", "value": "no-preference" }] })).await?;
    browser.client.refresh().await?;
    browser.wait_for_testid("page-multiclass").await?;
    browser.js("window.scrollTo(0, 0);").await?;
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert_eq!(steps(&browser).await?, 0.0, "off screen: not playing yet");
    browser.js("document.querySelector(\"[data-testid='klfit-canvas']\").scrollIntoView({block: 'center'});").await?;
    let started = std::time::Instant::now();
    while steps(&browser).await? < 3000.0 && started.elapsed() < Duration::from_secs(30) {
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let forward_left = shown(&browser, "klfit-forward-left").await?;
    let reverse_left = shown(&browser, "klfit-reverse-left").await?;
    assert!(forward_left > 0.35, "KL(P‖Q) covers both peaks: {forward_left} of Q on the left");
    assert!(reverse_left < 0.01, "KL(Q‖P) stays on the right peak: {reverse_left}");
    assert!(shown(&browser, "klfit-forward-sigma").await? > 3.0 * shown(&browser, "klfit-reverse-sigma").await?);
    browser.js("window.scrollTo(0, 0);").await?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let paused = steps(&browser).await?;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(steps(&browser).await?, paused, "off screen, the animation waits");
    // Pause, Reset, and the peaks' distance changes P.
    browser.js("document.querySelector(\"[data-testid='klfit-canvas']\").scrollIntoView({block: 'center'});").await?;
    let play = browser.by_testid("klfit-play").await?;
    if play.attr("aria-pressed").await?.as_deref() == Some("true") {
        play.click().await?;
    }
    click(&browser, "klfit-reset").await?;
    assert_eq!(steps(&browser).await?, 0.0);
    let before = browser.canvas_fingerprint("klfit-canvas").await?;
    type_number(&browser, "klfit-gap", 6.0).await?;
    assert_ne!(browser.canvas_fingerprint("klfit-canvas").await?, before);
    let errors = browser.console_errors().await?;
    assert!(errors.is_empty(), "console errors: {errors:?}");
    browser.close().await
}
