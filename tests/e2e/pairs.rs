//! End-to-end tests of the chapter "Pairs and triplets": dragging a negative turns it from easy to
//! semi-hard to hard exactly as the loss core classifies the distances the readouts show; the margin
//! slider moves the rings; Play lowers the loss; pressing a pair's mark makes it similar; two points
//! on each other (distance 0) keep every readout finite.

use crate::harness::{parse_shown_number, Browser, TestResult};
use fantoccini::actions::{InputSource, MouseActions, PointerAction, MOUSE_BUTTON_LEFT};
use fantoccini::key::Key;
use loss_lab::chapters::pairs::contrastive::draw::draw_plane_base;
use loss_lab::chapters::pairs::contrastive::ContrastiveParams;
use loss_lab::chapters::pairs::triplet::TripletParams;
use loss_lab::i18n::Locale;
use loss_lab::loss::metric::contrastive::{Contrastive, ContrastiveForm};
use loss_lab::loss::metric::triplet::Category;
use loss_lab::plot::{Ctx, Frame2, Theme};
use plotters::prelude::*;
use std::time::Duration;

type Error = Box<dyn std::error::Error>;

/// A plane canvas scrolled to the middle of the window: its CSS size and its data ↔ pixel frame,
/// computed by drawing the same base layer natively at that size.
pub async fn plane(browser: &Browser, testid: &str) -> Result<((f64, f64), Frame2), Error> {
    let size = browser.show_canvas(testid).await?;
    let mut svg = String::new();
    let root = SVGBackend::with_string(&mut svg, (size.0 as u32, size.1 as u32)).into_drawing_area();
    let frame = draw_plane_base(&root, &Ctx::new(1.0, Theme::Light, Locale::En), "").expect("the plane draws natively");
    Ok((size, frame))
}

/// A data point as a WebDriver offset from the canvas's centre.
fn offset(frame: &Frame2, size: (f64, f64), point: (f64, f64)) -> (f64, f64) {
    let (px, py) = frame.to_pixels(point);
    ((px - size.0 / 2.0).round(), (py - size.1 / 2.0).round())
}

async fn drag(browser: &Browser, testid: &str, from: (f64, f64), to: (f64, f64)) -> TestResult {
    let (size, frame) = plane(browser, testid).await?;
    let (start, end) = (offset(&frame, size, from), offset(&frame, size, to));
    let canvas = browser.by_testid(testid).await?;
    let drag = MouseActions::new("mouse".into())
        .then(PointerAction::MoveToElement { element: canvas, duration: None, x: start.0, y: start.1 })
        .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
        .then(PointerAction::MoveBy { duration: Some(Duration::from_millis(200)), x: end.0 - start.0, y: end.1 - start.1 })
        .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT });
    browser.client.perform_actions(drag).await?;
    browser.client.release_actions().await?;
    browser.settle().await?;
    Ok(())
}

async fn shown(browser: &Browser, testid: &str) -> Result<f64, Error> {
    Ok(parse_shown_number(&browser.text_of(testid).await?))
}

/// Negative `k`'s category as the page labels it, and as the loss core classifies the distances
/// the page reads out.
async fn category(browser: &Browser, k: usize, margin: f64) -> Result<(String, &'static str), Error> {
    let label = browser.text_of(&format!("triplet-n{k}-category")).await?;
    let (d_ap, d_an) = (shown(browser, "triplet-dap").await?, shown(browser, &format!("triplet-n{k}-dan")).await?);
    Ok((label, Category::of(d_ap, d_an, margin).name()))
}

fn assert_clean(text: &str) {
    assert!(!text.contains("NaN") && !text.contains("Infinity") && !text.contains("undefined"), "the page shows NaN, Infinity or undefined:\n{text}");
}

/// The mean loss in the triplet's status line ("Step 12: mean loss 0.25; …").
async fn triplet_loss(browser: &Browser) -> Result<f64, Error> {
    let status = browser.text_of("triplet-status").await?;
    let after = status.split("mean loss").nth(1).unwrap_or_default();
    Ok(parse_shown_number(after.split(';').next().unwrap_or_default()))
}

#[tokio::test]
async fn dragging_a_negative_through_the_rings_changes_its_category_as_the_core_says() -> TestResult {
    let browser = Browser::start().await;
    browser.open("/pairs", "page-pairs").await?;
    let start = TripletParams::START;
    let anchor = start[0];
    // n₁ starts easy (d(a, p) = 1, m = 0.5: the band is 1 < d(a, n) ≤ 1.5).
    assert_eq!(category(&browser, 1, 0.5).await?, ("easy".to_string(), "easy"));
    let band = (anchor.0 + 1.25, anchor.1);
    drag(&browser, "triplet-canvas", start[2], band).await?;
    let (label, core) = category(&browser, 1, 0.5).await?;
    assert_eq!(label, "semi-hard", "dragged into the band");
    assert_eq!(label, core, "the label is the core's category");
    let disc = (anchor.0 + 0.5, anchor.1 - 0.3);
    drag(&browser, "triplet-canvas", band, disc).await?;
    let (label, core) = category(&browser, 1, 0.5).await?;
    assert_eq!(label, "hard", "dragged into the disc");
    assert_eq!(label, core);
    assert!(browser.wait_for_hash(|h| h.contains("triplet.pts=")).await?.contains("triplet.pts="), "the URL carries the points");

    // The margin slider moves the outer ring: a pixel 1.75 from the anchor (outside the ring at
    // d(a, p) + 0.5 = 1.5) is in the tinted band once m = 1.
    let (size, frame) = plane(&browser, "triplet-canvas").await?;
    let (px, py) = frame.to_pixels((anchor.0, anchor.1 + 1.75));
    let script = format!(
        "const c = document.querySelector(\"[data-testid='triplet-canvas']\"); const r = c.width / c.clientWidth; \
         return c.getContext('2d').getImageData(Math.round({px} * r), Math.round({py} * r), 1, 1).data[3];"
    );
    let alpha = async |browser: &Browser| -> Result<f64, Error> { Ok(browser.js(&script).await?.as_f64().unwrap_or(-1.0)) };
    assert_eq!(alpha(&browser).await?, 0.0, "outside the outer ring nothing is drawn ({size:?})");
    let slider = browser.by_testid("triplet-margin-slider").await?;
    slider.send_keys(&std::iter::repeat_n(char::from(Key::Right), 10).collect::<String>()).await?;
    browser.settle().await?;
    assert!(alpha(&browser).await? > 0.0, "the band now reaches the probed pixel");
    // n₂ (t = 0.25) stays semi-hard, the dragged n₁ hard; n₃ as the core says.
    for k in 1..=3 {
        let (label, core) = category(&browser, k, 1.0).await?;
        assert_eq!(label, core, "n{k} at m = 1");
    }
    assert_clean(&browser.page_text().await?);
    let errors = browser.console_errors().await?;
    assert!(errors.is_empty(), "console errors: {errors:?}");
    browser.close().await
}

#[tokio::test]
async fn play_lowers_the_triplet_loss_until_every_triplet_is_easy() -> TestResult {
    let browser = Browser::start().await;
    browser.open("/pairs", "page-pairs").await?;
    plane(&browser, "triplet-canvas").await?;
    let before = triplet_loss(&browser).await?;
    assert!(before > 0.0, "the start has active triplets: {before}");
    assert!(!browser.by_testid("triplet-all-easy").await?.is_displayed().await?, "no all-easy message at the start");
    browser.by_testid("triplet-play").await?.click().await?;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let during = triplet_loss(&browser).await?;
    assert!(during < before, "Play lowers the loss: {before} → {during}");
    // It stops by itself once every triplet is easy.
    let mut waited = 0;
    // A hidden paragraph stays in the page (with `hidden`): wait until it is displayed.
    while !browser.by_testid("triplet-all-easy").await?.is_displayed().await? && waited < 40 {
        tokio::time::sleep(Duration::from_millis(250)).await;
        waited += 1;
    }
    assert!(browser.by_testid("triplet-all-easy").await?.is_displayed().await?, "the all-easy message is shown");
    assert_eq!(triplet_loss(&browser).await?, 0.0, "training ends at loss 0");
    assert_eq!(browser.by_testid("triplet-play").await?.attr("aria-pressed").await?.as_deref(), Some("false"), "the player paused");
    for k in 1..=3 {
        assert_eq!(browser.text_of(&format!("triplet-n{k}-category")).await?, "easy");
    }
    browser.close().await
}

#[tokio::test]
async fn contrastive_readouts_are_the_cores_and_a_pairs_mark_toggles_it() -> TestResult {
    let browser = Browser::start().await;
    browser.open("/pairs", "page-pairs").await?;
    let params = ContrastiveParams::default();
    let loss = Contrastive::new(params.margin, ContrastiveForm::Article)?;
    for k in 0..4 {
        let (a, b) = params.pair(k);
        let want = loss.value(&[a.0, a.1], &[b.0, b.1], params.similar[k])?;
        let got = shown(&browser, &format!("contrastive-{}-loss", k + 1)).await?;
        assert!((got - want).abs() <= 1e-3 * want.abs().max(1e-3), "pair {}: {got} vs the core's {want}", k + 1);
    }
    // Pair 3 is dissimilar and beyond the margin: no update.
    assert_eq!(browser.text_of("contrastive-3-effect").await?, "none");
    assert_eq!(shown(&browser, "contrastive-3-loss").await?, 0.0);
    // Pressing the mark between its points makes it similar (and its checkbox follows).
    let (a, b) = params.pair(2);
    let (size, frame) = plane(&browser, "contrastive-canvas").await?;
    let at = offset(&frame, size, ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0));
    let canvas = browser.by_testid("contrastive-canvas").await?;
    let click = MouseActions::new("mouse".into())
        .then(PointerAction::MoveToElement { element: canvas, duration: None, x: at.0, y: at.1 })
        .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
        .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT });
    browser.client.perform_actions(click).await?;
    browser.client.release_actions().await?;
    browser.settle().await?;
    assert_eq!(browser.text_of("contrastive-3-effect").await?, "pulls in");
    assert_eq!(browser.by_testid("contrastive-similar-2").await?.prop("checked").await?.as_deref(), Some("true"));
    assert!(shown(&browser, "contrastive-3-loss").await? > 2.0, "a similar pair's loss is its distance");
    // The squared form.
    browser
        .js("const s = document.querySelector(\"[data-testid='contrastive-form']\"); s.value = '1'; s.dispatchEvent(new Event('change', { bubbles: true }));")
        .await?;
    browser.settle().await?;
    let d = shown(&browser, "contrastive-1-d").await?;
    let squared = shown(&browser, "contrastive-1-loss").await?;
    assert!((squared - d * d).abs() < 1e-2, "squared form: {squared} vs d² = {}", d * d);
    assert_clean(&browser.page_text().await?);
    browser.close().await
}

#[tokio::test]
async fn points_on_each_other_keep_every_readout_finite() -> TestResult {
    let browser = Browser::start().await;
    // The positive on the anchor, a negative on both; a contrastive pair whose points coincide.
    browser
        .open("/pairs?triplet.pts=-1:0,-1:0,-1:0,0.5:0,2:1&contrastive.pts=0:0:d,0:0,1:1:s,1:1", "page-pairs")
        .await?;
    assert_eq!(shown(&browser, "triplet-dap").await?, 0.0);
    assert_eq!(shown(&browser, "triplet-n1-dan").await?, 0.0);
    assert_eq!(browser.text_of("triplet-n1-category").await?, "hard", "t = 0 is hard");
    assert_eq!(shown(&browser, "contrastive-1-d").await?, 0.0);
    assert_eq!(shown(&browser, "contrastive-1-loss").await?, 1.0, "a dissimilar pair at d = 0 has loss m");
    assert_eq!(shown(&browser, "contrastive-2-loss").await?, 0.0, "a similar pair at d = 0 has loss 0");
    assert_clean(&browser.page_text().await?);
    // Dragging one point onto another by hand.
    drag(&browser, "triplet-canvas", (0.5, 0.0), (2.0, 1.0)).await?;
    browser.by_testid("triplet-step").await?.click().await?;
    browser.settle().await?;
    assert_clean(&browser.page_text().await?);
    let errors = browser.console_errors().await?;
    assert!(errors.is_empty(), "console errors: {errors:?}");
    browser.close().await
}
