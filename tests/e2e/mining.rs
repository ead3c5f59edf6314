//! End-to-end tests of the chapter "Mining": on a fixed seed the page's mined triplets, category
//! counts and losses are the loss core's; a press on the heatmap picks the anchor; Play trains, and
//! batch-hard mining on a shared layer collapses the embedding (with the message); the offline run's
//! stale triplets turn easy while the online run keeps mining.

use crate::harness::{parse_shown_number, Browser, TestResult};
use fantoccini::actions::{InputSource, MouseActions, PointerAction, MOUSE_BUTTON_LEFT};
use loss_lab::chapters::mining::analysis::checksum;
use loss_lab::chapters::mining::generator::batch;
use loss_lab::loss::metric::batch_triplet::{BatchTriplet, Mining};
use loss_lab::loss::metric::distance::{Embeddings, PairMatrix};
use loss_lab::loss::metric::miners::{categorize, mine, Miner};
use loss_lab::loss::metric::triplet::Category;
use loss_lab::loss::metric::BatchLoss;
use loss_lab::loss::Reduction;
use std::time::Duration;

type Error = Box<dyn std::error::Error>;

async fn shown(browser: &Browser, testid: &str) -> Result<f64, Error> {
    Ok(parse_shown_number(&browser.text_of(testid).await?))
}

/// Whether a paragraph is shown: a paragraph a figure hides stays in the page with `hidden`.
async fn shown_now(browser: &Browser, testid: &str) -> Result<bool, Error> {
    Ok(browser.by_testid(testid).await?.is_displayed().await?)
}

fn assert_clean(text: &str) {
    assert!(!text.contains("NaN") && !text.contains("Infinity") && !text.contains("undefined"), "the page shows NaN, Infinity or undefined:\n{text}");
}

#[tokio::test]
async fn a_fixed_seed_mines_the_triplets_the_core_mines() -> TestResult {
    let browser = Browser::start().await;
    let (p, k, seed, spread, margin) = (6, 5, 42, 0.5, 0.3);
    browser.open(&format!("/mining?batch.p={p}&batch.k={k}&batch.seed={seed}&batch.spread={spread}&batch.m={margin}"), "page-mining").await?;
    let b = batch(p, k, seed, spread);
    let emb = Embeddings::new(b.points.iter().flat_map(|q| [q.0, q.1]).collect(), 2)?;
    let d = PairMatrix::euclidean(&emb, false);
    for (key, miner) in [("hard", Miner::BatchHard), ("semihard", Miner::SemiHard)] {
        let mined = mine(&d, &b.labels, miner)?;
        assert_eq!(shown(&browser, &format!("batch-{key}-mined")).await? as usize, mined.len(), "{key}: count");
        assert_eq!(shown(&browser, &format!("batch-{key}-checksum")).await? as u32, checksum(&mined), "{key}: checksum");
    }
    let categories = categorize(&d, &b.labels, margin)?;
    let count = |c: Category| categories.iter().filter(|(_, x)| *x == c).count() as f64;
    assert_eq!(shown(&browser, "batch-hard-count").await?, count(Category::Hard));
    assert_eq!(shown(&browser, "batch-semihard-count").await?, count(Category::SemiHard));
    assert_eq!(shown(&browser, "batch-easy-count").await?, count(Category::Easy));
    assert_eq!(shown(&browser, "batch-all-mined").await?, categories.len() as f64);
    for (key, mining) in [("all", Mining::All), ("hard", Mining::Hard), ("semihard", Mining::SemiHard)] {
        let want = BatchTriplet::new(margin, Reduction::MeanNonZero, false, mining)?.value(&emb, &b.labels)?;
        let got = shown(&browser, &format!("batch-{key}-loss")).await?;
        assert!((got - want).abs() <= 1e-3 * want.abs().max(1e-3), "{key}: loss {got} vs the core's {want}");
    }
    // A press on the heatmap's row 7 makes point 7 the anchor.
    let (width, height) = browser.show_canvas("batch-heat-canvas").await?;
    let mut svg = String::new();
    let frame = {
        use plotters::prelude::*;
        let root = SVGBackend::with_string(&mut svg, (width as u32, height as u32)).into_drawing_area();
        let ctx = loss_lab::plot::Ctx::new(1.0, loss_lab::plot::Theme::Light, loss_lab::i18n::Locale::En);
        let base = loss_lab::chapters::mining::batch::draw::HeatBase { n: p * k, per_class: k, embedded: None };
        loss_lab::chapters::mining::batch::draw::draw_heat_base(&root, &ctx, &base).expect("draws natively")
    };
    let n = (p * k) as f64;
    let (px, py) = frame.to_pixels((n / 2.0, n - 7.5));
    let canvas = browser.by_testid("batch-heat-canvas").await?;
    let click = MouseActions::new("mouse".into())
        .then(PointerAction::MoveToElement { element: canvas, duration: None, x: (px - width / 2.0).round(), y: (py - height / 2.0).round() })
        .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
        .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT });
    browser.client.perform_actions(click).await?;
    browser.client.release_actions().await?;
    browser.settle().await?;
    assert!(browser.text_of("batch-status").await?.contains("anchor 7 "), "{}", browser.text_of("batch-status").await?);
    assert_clean(&browser.page_text().await?);
    let errors = browser.console_errors().await?;
    assert!(errors.is_empty(), "console errors: {errors:?}");
    browser.close().await
}

/// The loss in the status line ("Step 12: loss 0.25; …").
async fn status_loss(browser: &Browser) -> Result<f64, Error> {
    let status = browser.text_of("batch-status").await?;
    Ok(parse_shown_number(status.split("loss").nth(1).unwrap_or_default().split(';').next().unwrap_or_default()))
}

#[tokio::test]
async fn play_trains_and_batch_hard_on_a_shared_layer_collapses() -> TestResult {
    let browser = Browser::start().await;
    browser.open("/mining?batch.p=8&batch.k=8", "page-mining").await?;
    let before = status_loss(&browser).await?;
    browser.js("document.querySelector(\"[data-testid='batch-canvas']\").scrollIntoView({block: 'center'});").await?;
    browser.by_testid("batch-play").await?.click().await?;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let during = status_loss(&browser).await?;
    assert!(during < before, "Play lowers the batch-all loss: {before} → {during}");
    assert!(!shown_now(&browser, "batch-collapsed").await?, "free points do not collapse");
    // Pause before the next run (the figure stays, and so would its player).
    let play = browser.by_testid("batch-play").await?;
    if play.attr("aria-pressed").await?.as_deref() == Some("true") {
        play.click().await?;
    }

    browser.open("/mining?batch.p=8&batch.k=8&batch.model=layer&batch.mine=hard", "page-mining").await?;
    browser.js("document.querySelector(\"[data-testid='batch-canvas']\").scrollIntoView({block: 'center'});").await?;
    browser.by_testid("batch-play").await?.click().await?;
    let mut waited = 0;
    while !shown_now(&browser, "batch-collapsed").await? && waited < 40 {
        tokio::time::sleep(Duration::from_millis(250)).await;
        waited += 1;
    }
    assert!(shown_now(&browser, "batch-collapsed").await?, "batch-hard on a shared layer collapses the embedding");
    assert_clean(&browser.page_text().await?);
    browser.by_testid("batch-play").await?.click().await?;
    let errors = browser.console_errors().await?;
    assert!(errors.is_empty(), "console errors: {errors:?}");
    browser.close().await
}

#[tokio::test]
async fn offline_triplets_turn_easy_while_online_mining_keeps_finding_useful_ones() -> TestResult {
    let browser = Browser::start().await;
    browser.open("/mining?offline.k=100", "page-mining").await?;
    browser.js("document.querySelector(\"[data-testid='offline-canvas']\").scrollIntoView({block: 'center'});").await?;
    assert!(shown_now(&browser, "offline-ready").await?);
    assert!(!shown_now(&browser, "offline-status").await?, "no status before the first step");
    for _ in 0..15 {
        browser.by_testid("offline-step").await?.click().await?;
    }
    browser.settle().await?;
    // "Step 15. Online: N useful triplets, … Offline: U of the M triplets mined … (E have turned easy; …"
    let status = browser.text_of("offline-status").await?;
    let number_after = |marker: &str| parse_shown_number(status.split(marker).nth(1).unwrap_or_default().split_whitespace().next().unwrap_or_default());
    let easy = parse_shown_number(status.split('(').nth(1).unwrap_or_default().split_whitespace().next().unwrap_or_default());
    assert!(status.starts_with("Step 15."), "{status}");
    assert!(easy > 0.0, "some stale triplets have turned easy: {status}");
    assert!(number_after("Offline: ") + easy == number_after("of the "), "useful + easy = mined: {status}");
    assert_clean(&browser.page_text().await?);
    browser.close().await
}
