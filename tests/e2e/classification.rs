//! End-to-end tests of the Classification chapter: every control changes its figure, p = 0 shows ∞
//! beside PyTorch's 100, the hinge is flat beyond the margin, and the classifier lab trains — Play
//! lowers the loss, the hinge leaves the far correct point with exactly zero gradient while least
//! squares is pulled by it.

use crate::harness::{parse_shown_number, Browser, TestResult};
use fantoccini::key::Key;
use std::time::Duration;

type Error = Box<dyn std::error::Error>;

async fn shown(browser: &Browser, testid: &str) -> Result<f64, Error> {
    Ok(parse_shown_number(&browser.text_of(testid).await?))
}

/// Presses `key` `times` times on the element with `testid` (focused first).
async fn press(browser: &Browser, testid: &str, key: &str, times: usize) -> TestResult {
    let element = browser.by_testid(testid).await?;
    browser.js(&format!("const e = document.querySelector(\"[data-testid='{testid}']\"); e.scrollIntoView({{block: 'center'}}); e.focus();")).await?;
    for _ in 0..times {
        element.send_keys(key).await?;
    }
    browser.settle().await?;
    Ok(())
}

/// Chooses option `index` of a drop-down.
async fn choose(browser: &Browser, testid: &str, index: usize) -> TestResult {
    browser
        .js(&format!(
            "const s = document.querySelector(\"[data-testid='{testid}']\"); s.value = '{index}'; s.dispatchEvent(new Event('change', {{ bubbles: true }}));"
        ))
        .await?;
    browser.settle().await?;
    Ok(())
}

/// Moves a slider by `steps` keyboard steps (negative: left).
async fn nudge(browser: &Browser, testid: &str, steps: i32) -> TestResult {
    let key = if steps < 0 { Key::Left } else { Key::Right };
    press(browser, &format!("{testid}-slider"), &char::from(key).to_string(), steps.unsigned_abs() as usize).await
}

fn assert_clean(text: &str) {
    assert!(!text.contains("NaN") && !text.contains("Infinity") && !text.contains("undefined"), "the page shows NaN, Infinity or undefined:\n{text}");
}

#[tokio::test]
async fn every_bce_and_margin_control_changes_its_figure_and_p_zero_shows_infinity() -> TestResult {
    let browser = Browser::start().await;
    browser.open("/classification", "page-classification").await?;
    // Binary cross-entropy: y, the axis, the logit range.
    let mut before = browser.canvas_fingerprint("bce-canvas").await?;
    nudge(&browser, "bce-y", -30).await?;
    assert_eq!(shown(&browser, "bce-at-y").await?, 0.7);
    for change in ["axis", "zmax"] {
        match change {
            "axis" => choose(&browser, "bce-axis", 1).await?,
            _ => nudge(&browser, "bce-zmax", 200).await?,
        }
        let after = browser.canvas_fingerprint("bce-canvas").await?;
        assert_ne!(after, before, "{change} changes the plot");
        before = after;
    }
    // Far left on the logit axis: the exact loss keeps growing, PyTorch's stops at 100·y (y = 0.7).
    let left = char::from(Key::Left).to_string();
    browser.js("document.querySelector(\"[data-testid='bce-canvas']\").focus();").await?;
    for _ in 0..30 {
        browser.by_testid("bce-canvas").await?.send_keys(&format!("{}{left}", char::from(Key::Shift))).await?;
    }
    browser.settle().await?;
    let z = shown(&browser, "bce-at-z").await?;
    assert!(z < -150.0, "the pointer went far left: z = {z}");
    assert_eq!(shown(&browser, "bce-torch").await?, 70.0);
    assert!(shown(&browser, "bce-exact").await? > 100.0);
    assert!(browser.text_of("bce-differs").await?.contains("100"));
    // Back to p, y = 1, pointer at p = 0: ∞ beside 100.
    choose(&browser, "bce-axis", 0).await?;
    nudge(&browser, "bce-y", 30).await?;
    press(&browser, "bce-canvas", &left, 25).await?;
    assert_eq!(shown(&browser, "bce-at-p").await?, 0.0);
    assert_eq!(browser.text_of("bce-exact").await?.trim(), "∞");
    assert_eq!(shown(&browser, "bce-torch").await?, 100.0);

    // Margins: every toggle and both focal sliders change the plot.
    let mut before = browser.canvas_fingerprint("margin-canvas").await?;
    for toggle in ["margin-show-focal", "margin-show-hinge", "margin-show-zeroone"] {
        browser.js(&format!("document.querySelector(\"[data-testid='{toggle}']\").scrollIntoView({{block: 'center'}});")).await?;
        browser.by_testid(toggle).await?.click().await?;
        browser.settle().await?;
        let after = browser.canvas_fingerprint("margin-canvas").await?;
        assert_ne!(after, before, "{toggle} changes the plot");
        before = after;
    }
    for slider in ["margin-gamma", "margin-alpha"] {
        nudge(&browser, slider, 5).await?;
        let after = browser.canvas_fingerprint("margin-canvas").await?;
        assert_ne!(after, before, "{slider} changes the plot");
        before = after;
    }
    browser.by_testid("margin-show-hinge").await?.click().await?;
    // The pointer to m = 2 (0.5 + 30 · 0.05): the hinge is exactly flat there.
    press(&browser, "margin-canvas", &char::from(Key::Right).to_string(), 30).await?;
    assert_eq!(shown(&browser, "margin-at").await?, 2.0);
    assert_eq!(shown(&browser, "margin-hinge-value").await?, 0.0);
    assert_eq!(shown(&browser, "margin-hinge-slope").await?, 0.0);
    assert!(shown(&browser, "margin-logistic-slope").await? < 0.0);
    assert!(browser.text_of("margin-focal-share").await?.contains('%'));
    assert_clean(&browser.page_text().await?);
    let errors = browser.console_errors().await?;
    assert!(errors.is_empty(), "console errors: {errors:?}");
    browser.close().await
}

/// Selects the outlier preset's far point (the last point: `p` from no selection).
async fn select_far_point(browser: &Browser) -> TestResult {
    press(browser, "classify-canvas", "p", 1).await?;
    assert!(shown(browser, "classify-selected-margin").await?.is_finite());
    Ok(())
}

/// Plays until at least `steps` training steps are done (at most 20 s).
async fn play_for(browser: &Browser, steps: f64) -> TestResult {
    browser.js("document.querySelector(\"[data-testid='classify-play']\").scrollIntoView({block: 'center'});").await?;
    browser.by_testid("classify-play").await?.click().await?;
    let started = std::time::Instant::now();
    while shown(browser, "classify-steps").await? < steps && started.elapsed() < Duration::from_secs(20) {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    browser.by_testid("classify-play").await?.click().await?;
    browser.settle().await?;
    Ok(())
}

#[tokio::test]
async fn play_lowers_the_loss_and_hinge_silences_the_far_point_that_least_squares_follows() -> TestResult {
    let browser = Browser::start().await;
    browser.open("/classification?classify.preset=outlier&classify.loss=hinge", "page-classification").await?;
    select_far_point(&browser).await?;
    let loss_before = shown(&browser, "classify-mean-loss").await?;
    assert_eq!(shown(&browser, "classify-steps").await?, 0.0);
    play_for(&browser, 400.0).await?;
    let steps = shown(&browser, "classify-steps").await?;
    assert!(steps >= 400.0, "Play trains: {steps} steps");
    let loss_after = shown(&browser, "classify-mean-loss").await?;
    assert!(loss_after < loss_before / 2.0, "Play lowers the loss: {loss_before} → {loss_after}");
    // The far circle is right by a wide margin: exactly zero gradient under the hinge.
    assert!(shown(&browser, "classify-selected-margin").await? > 1.0);
    assert_eq!(shown(&browser, "classify-selected-slope").await?, 0.0);
    assert!(browser.text_of("classify-selected-zero").await?.len() > 10);
    assert!(shown(&browser, "classify-zero").await? >= 1.0);
    let hinge_line = [shown(&browser, "classify-w1").await?, shown(&browser, "classify-w2").await?, shown(&browser, "classify-b").await?];

    // Least squares from the same start: the far point pulls (a positive slope on its score).
    choose(&browser, "classify-loss", 4).await?;
    browser.by_testid("classify-reset").await?.click().await?;
    browser.settle().await?;
    assert_eq!(shown(&browser, "classify-steps").await?, 0.0);
    play_for(&browser, 400.0).await?;
    assert!(shown(&browser, "classify-selected-slope").await? > 0.0, "least squares pulls the far point's score down towards +1");
    assert!(!browser.by_testid("classify-selected-zero").await?.is_displayed().await?, "no zero-gradient note under least squares");
    let squares_line = [shown(&browser, "classify-w1").await?, shown(&browser, "classify-w2").await?, shown(&browser, "classify-b").await?];
    assert_ne!(hinge_line, squares_line);
    // Step does one step and pauses.
    let before = shown(&browser, "classify-steps").await?;
    browser.by_testid("classify-step").await?.click().await?;
    browser.settle().await?;
    assert_eq!(shown(&browser, "classify-steps").await?, before + 1.0);
    assert_clean(&browser.page_text().await?);
    let errors = browser.console_errors().await?;
    assert!(errors.is_empty(), "console errors: {errors:?}");
    browser.close().await
}

#[tokio::test]
async fn classifier_points_are_edited_by_keys_and_buttons_and_every_control_changes_the_figure() -> TestResult {
    let browser = Browser::start().await;
    browser.open("/classification", "page-classification").await?;
    let count = |text: String| text.split_whitespace().next().and_then(|n| n.parse::<usize>().ok()).unwrap_or(0);
    let n = count(browser.text_of("classify-count").await?);
    browser.js("document.querySelector(\"[data-testid='classify-add']\").scrollIntoView({block: 'center'});").await?;
    let before = browser.canvas_fingerprint("classify-canvas").await?;
    browser.by_testid("classify-add").await?.click().await?;
    browser.settle().await?;
    assert_eq!(count(browser.text_of("classify-count").await?), n + 1);
    assert_ne!(browser.canvas_fingerprint("classify-canvas").await?, before);
    // The added point is selected: c flips its class, arrows move it, Delete removes it.
    let class_before = browser.text_of("classify-selected-class").await?;
    press(&browser, "classify-canvas", "c", 1).await?;
    assert_ne!(browser.text_of("classify-selected-class").await?, class_before);
    let margin_before = shown(&browser, "classify-selected-margin").await?;
    press(&browser, "classify-canvas", &char::from(Key::Up).to_string(), 5).await?;
    assert_ne!(shown(&browser, "classify-selected-margin").await?, margin_before);
    press(&browser, "classify-canvas", &char::from(Key::Delete).to_string(), 1).await?;
    assert_eq!(count(browser.text_of("classify-count").await?), n);
    // The loss choice and the learning rate change what a step does.
    let before = browser.canvas_fingerprint("classify-bars-canvas").await?;
    choose(&browser, "classify-loss", 0).await?;
    assert_ne!(browser.canvas_fingerprint("classify-bars-canvas").await?, before, "the loss choice changes the bars");
    browser.by_testid("classify-step").await?.click().await?;
    browser.settle().await?;
    let w_slow = shown(&browser, "classify-w1").await?;
    browser.by_testid("classify-reset").await?.click().await?;
    nudge(&browser, "classify-rate", 40).await?;
    browser.by_testid("classify-step").await?.click().await?;
    browser.settle().await?;
    assert_ne!(shown(&browser, "classify-w1").await?, w_slow, "a larger η takes a larger step");
    // Two clusters, no points: a message, not NaN, and Play stops by itself.
    browser.by_testid("classify-preset-blobs").await?.click().await?;
    browser.settle().await?;
    assert_eq!(count(browser.text_of("classify-count").await?), 14);
    browser.open("/classification?classify.pts=", "page-classification").await?;
    assert!(browser.text_of("classify-no-points").await?.len() > 10);
    browser.by_testid("classify-play").await?.click().await?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(browser.by_testid("classify-play").await?.attr("aria-pressed").await?.as_deref(), Some("false"), "nothing to train: it pauses");
    assert_clean(&browser.page_text().await?);
    let errors = browser.console_errors().await?;
    assert!(errors.is_empty(), "console errors: {errors:?}");
    browser.close().await
}
