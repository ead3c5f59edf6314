//! End-to-end tests of what the figure framework gives every figure: links made before the URL had
//! prefixes, the Chinese page and the language switch, the dark and projector themes, PNG and SVG
//! export, copy link, and embedding.

use crate::harness::{parse_shown_number, Browser, TestResult};
use loss_lab::chapters::home::impurity::Impurity;
use loss_lab::figure::page::PageBuilder;
use loss_lab::figure::{query_of, Figure};
use std::collections::BTreeSet;
use loss_lab::i18n::Text;
use fantoccini::Locator;
use loss_lab::format::number;
use loss_lab::loss::fit::fit_mse;
use serde_json::{json, Value};

type Error = Box<dyn std::error::Error>;

/// Collects from figures (the registry read the way the page builds it) their canvases and the
/// names of the parameters their links carry in the state they open in.
#[derive(Default)]
struct Figures {
    canvases: Vec<&'static str>,
    names: BTreeSet<String>,
}

impl PageBuilder for Figures {
    fn heading(&mut self, _: Text) {}
    fn lead(&mut self, _: Text) {}
    fn paragraphs(&mut self, _: &[Text]) {}
    fn note(&mut self, _: &[Text]) {}
    fn figure<F: Figure>(&mut self) {
        self.canvases.extend(F::canvases().iter().map(|c| c.testid));
        let query = query_of::<F>(&F::Params::default());
        let names = query.split('&').filter_map(|pair| pair.split_once('=')?.0.split_once('.')).map(|(_, name)| name.to_string());
        self.names.extend(names);
    }
}

/// Every figure canvas of every chapter of the registry and of the start page, as (route, page
/// test id, canvas test id): a new chapter is covered the day it is registered.
fn every_canvas() -> Vec<(String, String, &'static str)> {
    let mut all = vec![("/".to_string(), "page-home".to_string(), "impurity-canvas")];
    for chapter in loss_lab::chapters::all::<Figures>() {
        let mut figures = Figures::default();
        (chapter.page)(&mut figures);
        all.extend(figures.canvases.into_iter().map(|c| (chapter.path(), format!("page-{}", chapter.key), c)));
    }
    all
}

/// Every page: the start page, every chapter, and "not found", as (route, page test id).
fn every_page() -> Vec<(String, String)> {
    let mut pages = vec![("/".to_string(), "page-home".to_string())];
    pages.extend(loss_lab::chapters::metadata().into_iter().map(|c| (c.path(), format!("page-{}", c.key))));
    pages.push(("/nothing-here".to_string(), "page-not-found".to_string()));
    pages
}

async fn number_field(browser: &Browser, testid: &str) -> Result<f64, Error> {
    let field = browser.by_testid(testid).await?;
    Ok(parse_shown_number(&field.prop("value").await?.unwrap_or_default()))
}

async fn checked(browser: &Browser, testid: &str) -> Result<bool, Error> {
    Ok(browser.by_testid(testid).await?.prop("checked").await?.as_deref() == Some("true"))
}

#[tokio::test]
async fn todays_links_open_the_same_figure_and_are_rewritten_with_prefixes() -> TestResult {
    let browser = Browser::start().await;
    // A link of the form the site wrote before figures had prefixes.
    let points = [(1.0, 1.0), (2.0, 3.0), (3.0, 2.5)];
    browser
        .open("/regression?delta=0.5&beta=2&curves=mse,huber,smoothl1&lab_delta=2&lab=line&pts=1:1,2:3,3:2.5", "page-regression")
        .await?;
    assert_eq!(number_field(&browser, "delta-number").await?, 0.5);
    assert_eq!(number_field(&browser, "beta-number").await?, 2.0);
    assert!(checked(&browser, "toggle-huber").await? && checked(&browser, "toggle-smoothl1").await?);
    assert!(!checked(&browser, "toggle-mae").await?, "MAE is not in the link");
    assert_eq!(number_field(&browser, "lab-delta-number").await?, 2.0);
    assert!(browser.text_of("lab-count").await?.starts_with('3'));
    let line = fit_mse(&points)?;
    assert_eq!(browser.text_of("fit-mse-slope").await?, number(line.slope, 5));
    // The page writes the same state back in the new form …
    let hash = browser.wait_for_hash(|h| h.contains("v=1")).await?;
    for part in ["curves.delta=0.5", "curves.beta=2", "curves.show=mse,huber,smoothl1", "lab.delta=2", "lab.preset=line", "lab.pts=1:1,2:3,3:2.5", "v=1"] {
        assert!(hash.contains(part), "{part} in {hash}");
    }
    // … which opens the same figure again.
    browser.open(hash.trim_start_matches('#'), "page-regression").await?;
    assert_eq!(number_field(&browser, "delta-number").await?, 0.5);
    assert_eq!(browser.text_of("fit-mse-slope").await?, number(line.slope, 5));
    let errors = browser.console_errors().await?;
    assert!(errors.is_empty(), "console errors: {errors:?}");
    browser.close().await
}

/// Words a Chinese page may keep in Latin letters: names, symbols, units.
const NAMES: [&str; 52] = [
    "loss", "lab", "mse", "mae", "rmse", "me", "huber", "smooth", "l1", "log", "cosh", "pytorch", "png", "svg", "cart", "gini",
    "adaline", "irls", "hinge", "function", "english", "delete", "shift", "f64", "x", "y", "r", "p", "n", "sign", "binary", "cross",
    "entropy", "logit", "logistic", "focal", "ln", "svm", "bcewithlogitsloss", "max", "softmax", "sigmoid", "kl", "multi-class",
    "multi-label", "batch-all", "batch-hard", "facenet", "arg", "min", "softplus", "lse",
];

/// Runs of three or more Latin words in a row that are not names: an English sentence left over.
fn english_runs(text: &str) -> Vec<String> {
    let mut runs = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for token in text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '\'' || c == '-')) {
        let word = token.trim_matches(|c: char| c == '\'' || c == '-');
        let latin = word.len() >= 2 && word.chars().all(|c| c.is_ascii_alphabetic() || c == '\'' || c == '-');
        if latin && !NAMES.contains(&word.to_ascii_lowercase().as_str()) {
            current.push(word);
        } else if !word.is_empty() {
            if current.len() >= 3 {
                runs.push(current.join(" "));
            }
            current.clear();
        }
    }
    if current.len() >= 3 {
        runs.push(current.join(" "));
    }
    runs
}

async fn html_lang(browser: &Browser) -> Result<String, Error> {
    Ok(browser.js("return document.documentElement.lang;").await?.as_str().unwrap_or_default().to_string())
}

async fn choose(browser: &Browser, testid: &str, value: &str) -> TestResult {
    let script = format!(
        "const s = document.querySelector(\"[data-testid='{testid}']\"); s.value = '{value}'; s.dispatchEvent(new Event('change', {{ bubbles: true }}));"
    );
    browser.js(&script).await?;
    browser.settle().await?;
    Ok(())
}

/// Parameter names figures read from the URL that a link carries only in some states (a point list
/// once a point moved, a model once chosen, …), listed by hand; a name no figure reads is ignored.
const SOMETIMES_WRITTEN: &str = "show alpha beta delta eps g gamma gap k m p rate seed spread t y zmax at axis field form loss mine model new norm preset pts reduce step";

/// Every parameter name a figure reads from the URL: those every figure's link carries in the
/// state it opens in (read from the registry: a new figure's are covered the day it is
/// registered) and [`SOMETIMES_WRITTEN`].
fn parameter_names() -> BTreeSet<String> {
    let mut figures = Figures::default();
    for chapter in loss_lab::chapters::all::<Figures>() {
        (chapter.page)(&mut figures);
    }
    figures.figure::<Impurity>();
    figures.names.extend(SOMETIMES_WRITTEN.split(' ').map(String::from));
    figures.names
}

/// A hand-edited link: every parameter of every figure of a page set to the same odd value — a huge
/// or tiny number, NaN, a word, a malformed list — gives figures with finite numbers, no crash and
/// no console error.
#[tokio::test]
async fn odd_values_for_every_parameter_keep_every_page_finite() -> TestResult {
    let names = parameter_names();
    let browser = Browser::start().await;
    for (path, page) in every_page().into_iter().filter(|(_, page)| page != "page-not-found") {
        browser.open(&path, &page).await?;
        let figures: Vec<String> = serde_json::from_value(browser.js("return [...document.querySelectorAll('[data-figure]')].map(f => f.getAttribute('data-figure'));").await?)?;
        assert!(!figures.is_empty(), "{path} has figures");
        for value in ["1e308", "-1e308", "NaN", "abc", "-0:0,0:1e-320"] {
            let query: Vec<String> = figures.iter().flat_map(|figure| names.iter().map(move |name| format!("{figure}.{name}={value}"))).collect();
            let route = format!("{path}?{}", query.join("&"));
            browser.open(&route, &page).await?;
            let text = browser.page_text().await?;
            for bad in ["NaN", "Infinity", "undefined"] {
                assert!(!text.contains(bad), "{path} with every parameter = {value} shows {bad}:\n{text}");
            }
            assert!(browser.js("return document.querySelector(\"[data-testid='crash']\") === null;").await?.as_bool().unwrap_or(false), "{path} with {value} crashed");
        }
    }
    let errors = browser.console_errors().await?;
    assert!(errors.is_empty(), "console errors: {errors:?}");
    browser.close().await
}

/// Random input on every page, in both languages (`random_input.js`: slider steps and ends, typed
/// numbers, clicks, drags across the canvases, keys on them; a fixed seed per page): no crash, no
/// "NaN", "Infinity" or "undefined" on screen, no console error.
#[tokio::test]
async fn random_input_on_every_page_never_crashes_nor_shows_a_non_number() -> TestResult {
    let browser = Browser::start().await;
    for (seed, (path, page)) in every_page().into_iter().filter(|(_, page)| page != "page-not-found").enumerate() {
        for lang in ["en", "zh"] {
            browser.open(&format!("{path}?lang={lang}"), &page).await?;
            let seed = 1 + seed as u64 * 7919 + u64::from(lang == "zh");
            let outcome = browser.client.execute_async(include_str!("random_input.js"), vec![json!(seed), json!(400)]).await?;
            assert_eq!(outcome, Value::from("ok"), "{path} in {lang}, seed {seed}");
        }
    }
    browser.close().await
}

#[tokio::test]
async fn the_chinese_page_has_no_english_sentence_and_the_switch_is_remembered() -> TestResult {
    let browser = Browser::start().await;
    for (path, page) in every_page() {
        let route = format!("{path}?lang=zh");
        browser.open(&route, &page).await?;
        assert_eq!(html_lang(&browser).await?, "zh", "{route}");
        let text = browser.page_text().await?;
        let runs = english_runs(&text);
        assert!(runs.is_empty(), "{route} has English sentences: {runs:?}");
        assert!(!text.contains("NaN"));
        // Titles, labels and options are text too.
        let attributes = browser
            .js("return [...document.querySelectorAll('[aria-label],[title]')].map(e => (e.getAttribute('aria-label') || '') + ' ' + (e.getAttribute('title') || '')).join(' | ');")
            .await?;
        let runs = english_runs(attributes.as_str().unwrap_or_default());
        assert!(runs.is_empty(), "{route} has English labels: {runs:?}");
    }
    // The header switch changes the language, and a reload keeps it (also when the link said zh).
    choose(&browser, "lang-switch", "en").await?;
    assert_eq!(html_lang(&browser).await?, "en");
    assert!(browser.page_text().await?.contains("There is no chapter"));
    browser.client.refresh().await?;
    browser.wait_for_testid("page-not-found").await?;
    browser.settle().await?;
    assert_eq!(html_lang(&browser).await?, "en", "the choice survives a reload");
    browser.open("/regression", "page-regression").await?;
    choose(&browser, "lang-switch", "zh").await?;
    assert_eq!(html_lang(&browser).await?, "zh");
    browser.client.refresh().await?;
    browser.wait_for_testid("page-regression").await?;
    browser.settle().await?;
    assert_eq!(html_lang(&browser).await?, "zh", "remembered without a lang= in the link");
    assert!(english_runs(&browser.page_text().await?).is_empty());
    let errors = browser.console_errors().await?;
    assert!(errors.is_empty(), "console errors: {errors:?}");
    browser.close().await
}

/// A canvas's opaque pixels: how many, and how many are within 12 of colour `rgb` in each channel.
async fn ink(browser: &Browser, testid: &str, rgb: [u8; 3]) -> Result<(u64, u64), Error> {
    let [r, g, b] = rgb;
    let script = format!(
        "const c = document.querySelector(\"[data-testid='{testid}']\"); \
         const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0, near = 0; \
         for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 200) {{ n++; \
           if (Math.abs(d[i] - {r}) <= 12 && Math.abs(d[i + 1] - {g}) <= 12 && Math.abs(d[i + 2] - {b}) <= 12) near++; }} \
         return [n, near];"
    );
    let v: Vec<u64> = serde_json::from_value(browser.js(&script).await?)?;
    Ok((v[0], v[1]))
}

/// The base layer's canvas of a figure canvas (its sibling).
async fn base_ink(browser: &Browser, testid: &str, rgb: [u8; 3]) -> Result<(u64, u64), Error> {
    browser
        .js(&format!(
            "document.querySelector(\"[data-testid='{testid}']\").previousElementSibling.setAttribute('data-testid', '{testid}-base');"
        ))
        .await?;
    ink(browser, &format!("{testid}-base"), rgb).await
}

async fn background(browser: &Browser) -> Result<String, Error> {
    Ok(browser.js("return getComputedStyle(document.body).backgroundColor;").await?.as_str().unwrap_or_default().to_string())
}

#[tokio::test]
async fn dark_follows_the_system_and_the_projector_draws_thicker() -> TestResult {
    let browser = Browser::start().await;
    browser.open("/regression", "page-regression").await?;
    let light_page = background(&browser).await?;
    let (light, dark) = (loss_lab::plot::theme::LIGHT.text, loss_lab::plot::theme::DARK.text);
    let (light, dark) = ([light.0, light.1, light.2], [dark.0, dark.1, dark.2]);
    let (_, light_labels) = base_ink(&browser, "regression-canvas", light).await?;
    let (light_curves, _) = ink(&browser, "regression-canvas", light).await?;
    assert!(light_labels > 300, "the light theme's dark labels on the canvas: {light_labels} px");

    // The system asks for dark: the page and its canvases follow.
    browser.cdp("Emulation.setEmulatedMedia", json!({ "features": [{ "name": "prefers-color-scheme", "value": "dark" }] })).await?;
    browser.open("/regression", "page-regression").await?;
    assert_eq!(browser.js("return document.documentElement.dataset.theme;").await?, Value::from("dark"));
    let dark_page = background(&browser).await?;
    assert_ne!(dark_page, light_page);
    let rgb: Vec<f64> = dark_page.trim_start_matches("rgb(").trim_end_matches(')').split(',').filter_map(|v| v.trim().parse().ok()).collect();
    assert!(rgb.len() == 3 && rgb.iter().all(|&c| c < 60.0), "a dark page: {dark_page}");
    let (_, dark_labels) = base_ink(&browser, "regression-canvas", dark).await?;
    let (_, dark_labels_left) = base_ink(&browser, "regression-canvas", light).await?;
    assert!(dark_labels > 300, "the dark theme's light labels on the canvas: {dark_labels} px");
    assert!(dark_labels_left * 20 < light_labels, "no light-theme ink left on the dark canvas: {dark_labels_left} px");
    browser.cdp("Emulation.setEmulatedMedia", json!({ "features": [{ "name": "prefers-color-scheme", "value": "light" }] })).await?;

    // The projector theme: the same curves, drawn with thicker lines.
    browser.open("/regression", "page-regression").await?;
    choose(&browser, "theme-switch", "projector").await?;
    assert_eq!(browser.js("return document.documentElement.dataset.theme;").await?, Value::from("projector"));
    let (projector_curves, _) = ink(&browser, "regression-canvas", light).await?;
    assert!(
        projector_curves as f64 > 1.4 * light_curves as f64,
        "projector lines are thicker: {projector_curves} painted pixels vs {light_curves}"
    );
    choose(&browser, "theme-switch", "auto").await?;
    let errors = browser.console_errors().await?;
    assert!(errors.is_empty(), "console errors: {errors:?}");
    browser.close().await
}

/// Makes the page record downloads instead of saving them.
async fn catch_downloads(browser: &Browser) -> TestResult {
    browser
        .js("window.__downloads = []; HTMLAnchorElement.prototype.click = function () { window.__downloads.push({ href: this.href, name: this.download }); };")
        .await?;
    Ok(())
}

#[tokio::test]
async fn every_figure_exports_a_png_and_an_svg_of_what_it_shows() -> TestResult {
    let browser = Browser::start().await;
    for (route, page, canvas) in every_canvas() {
        browser.open(&route, &page).await?;
        catch_downloads(&browser).await?;
        browser.js(&format!("document.querySelector(\"[data-testid='{canvas}-png']\").scrollIntoView({{block: 'center'}});")).await?;
        browser.by_testid(&format!("{canvas}-png")).await?.click().await?;
        browser.by_testid(&format!("{canvas}-svg")).await?.click().await?;
        browser.settle().await?;
        let check = browser
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1]; const [png, svg] = window.__downloads; \
                 (async () => { const img = new Image(); img.src = png.href; await img.decode(); \
                   const c = document.createElement('canvas'); c.width = img.width; c.height = img.height; \
                   const x = c.getContext('2d'); x.drawImage(img, 0, 0); const d = x.getImageData(0, 0, c.width, c.height).data; \
                   let differ = 0; for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - d[0]) + Math.abs(d[i+1] - d[1]) + Math.abs(d[i+2] - d[2]) > 60) differ++; \
                   const text = await (await fetch(svg.href)).text(); \
                   done({ png: png.name, svg: svg.name, width: img.width, differ, text }); })();",
                vec![],
            )
            .await?;
        let name = |key: &str| check[key].as_str().unwrap_or_default().to_string();
        assert!(name("png").ends_with(".png") && name("svg").ends_with(".svg"), "{canvas}: {check}");
        assert!(check["width"].as_u64().unwrap_or(0) > 200, "{canvas}: the PNG has the canvas's size");
        assert!(check["differ"].as_u64().unwrap_or(0) > 2000, "{canvas}: the PNG is not blank");
        let svg = name("text");
        assert!(svg.starts_with("<svg"), "{canvas}: an SVG document");
        assert!(svg.matches("<path").count() + svg.matches("<polyline").count() + svg.matches("<rect").count() > 10, "{canvas}: shapes in the SVG");
        assert!(!svg.contains("NaN"), "{canvas}");
        if canvas == "regression-canvas" {
            // The curves shown (MSE, MAE, Huber by default) in their colours.
            for colour in ["#0072B2", "#D55E00", "#009E73"] {
                assert!(svg.to_uppercase().contains(colour), "the SVG has the curve in {colour}");
            }
        }
    }
    let errors = browser.console_errors().await?;
    assert!(errors.is_empty(), "console errors: {errors:?}");
    browser.close().await
}

#[tokio::test]
async fn copy_link_reproduces_the_figure_in_a_fresh_tab() -> TestResult {
    let browser = Browser::start().await;
    browser.open("/regression", "page-regression").await?;
    browser.by_testid("delta-slider").await?.send_keys(&char::from(fantoccini::key::Key::Home).to_string()).await?;
    browser.by_testid("toggle-logcosh").await?.click().await?;
    browser.by_testid("lab-preset-line").await?.click().await?;
    browser.settle().await?;
    let delta = number_field(&browser, "delta-number").await?;
    let fits = browser.text_of("fit-huber-slope").await?;
    let curves_pixels = browser.canvas_fingerprint("regression-canvas").await?;
    browser.by_testid("regression-canvas-link").await?.click().await?;
    browser.settle().await?;
    let link = browser.by_testid("regression-canvas-link-text").await?.prop("value").await?.unwrap_or_default();
    assert!(link.starts_with(&browser.base) && link.contains("#/regression?") && link.contains("fig=curves"), "{link}");
    // A fresh browser, as the person the link was sent to.
    let fresh = Browser::start().await;
    let route = link.split_once('#').map(|(_, r)| r.to_string()).unwrap_or_default();
    fresh.open(&route, "page-regression").await?;
    assert_eq!(number_field(&fresh, "delta-number").await?, delta);
    assert!(checked(&fresh, "toggle-logcosh").await?);
    assert_eq!(fresh.canvas_fingerprint("regression-canvas").await?, curves_pixels, "the same curves, pixel for pixel");
    // The lab's own link carries its state too.
    browser.by_testid("lab-canvas-link").await?.click().await?;
    browser.settle().await?;
    let lab_link = browser.by_testid("lab-canvas-link-text").await?.prop("value").await?.unwrap_or_default();
    fresh.open(lab_link.split_once('#').map(|(_, r)| r).unwrap_or_default(), "page-regression").await?;
    assert_eq!(fresh.text_of("fit-huber-slope").await?, fits);
    fresh.close().await?;
    let errors = browser.console_errors().await?;
    assert!(errors.is_empty(), "console errors: {errors:?}");
    browser.close().await
}

/// Whether an element matching `css` comes to be there (`present`) or gone, within five seconds.
async fn eventually(browser: &Browser, css: &str, present: bool) -> Result<bool, Box<dyn std::error::Error>> {
    for _ in 0..50 {
        if browser.client.find_all(Locator::Css(css)).await?.is_empty() != present {
            return Ok(true);
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    Ok(false)
}

#[tokio::test]
async fn embed_shows_the_figures_without_the_site_around_them() -> TestResult {
    let browser = Browser::start().await;
    browser.open("/regression?embed=1", "page-regression").await?;
    for chrome in ["header", "nav", "footer"] {
        assert!(browser.client.find_all(Locator::Css(chrome)).await?.is_empty(), "no {chrome} when embedded");
    }
    for canvas in ["regression-canvas", "lab-canvas"] {
        assert!(browser.by_testid(canvas).await.is_ok(), "{canvas} is there");
    }
    // One figure alone. The same page with another query is not reloaded: the app re-renders it on
    // the hash change, which may come a few frames after `open` has found the (old) page.
    browser.open("/regression?embed=1&fig=lab", "page-regression").await?;
    assert!(eventually(&browser, "[data-testid='regression-canvas']", false).await?, "only the named figure");
    assert!(browser.by_testid("lab-canvas").await.is_ok());
    assert!(browser.client.find_all(Locator::Css("h1")).await?.is_empty());
    // Not embedded: the site is there.
    browser.open("/regression", "page-regression").await?;
    assert!(eventually(&browser, "header nav", true).await?, "the site's navigation");
    let errors = browser.console_errors().await?;
    assert!(errors.is_empty(), "console errors: {errors:?}");
    browser.close().await
}

/// The texts of the elements with these test ids, in order.
async fn texts_of(browser: &Browser, testids: &[&str]) -> Result<Vec<String>, Error> {
    let mut texts = Vec::new();
    for testid in testids {
        texts.push(browser.text_of(testid).await?);
    }
    Ok(texts)
}

/// Drags a slider the way a pointer does (one change per frame, `steps` frames), then waits for
/// the writes that follow a stream (a status sentence, a formula's numbers: at most every 500 ms)
/// and returns the texts of `watched`; the drag ends at the same position every time.
async fn drag_slider_and_wait(browser: &Browser, slider: &str, watched: &[&str], steps: u32) -> Result<Vec<String>, Error> {
    let script = format!(
        "const done = arguments[arguments.length - 1]; \
         const el = document.querySelector(\"[data-testid='{slider}']\"); const max = Number(el.max); let i = 0; \
         const frame = () => {{ el.value = String(Math.round(max * (0.1 + 0.8 * i / {last}))); \
           el.dispatchEvent(new Event('input', {{ bubbles: true }})); \
           if (++i <= {last}) requestAnimationFrame(frame); else setTimeout(() => done(el.value), 800); }}; \
         requestAnimationFrame(frame);",
        last = steps - 1
    );
    browser.client.execute_async(&script, vec![]).await?;
    browser.settle().await?;
    texts_of(browser, watched).await
}

/// Sets a slider to the position a drag of `drag_slider_and_wait` ends at, as one step after a pause.
async fn step_slider_to_the_end(browser: &Browser, slider: &str, watched: &[&str]) -> Result<Vec<String>, Error> {
    let script = format!(
        "const el = document.querySelector(\"[data-testid='{slider}']\"); el.value = String(Math.round(Number(el.max) * 0.9)); \
         el.dispatchEvent(new Event('input', {{ bubbles: true }}));"
    );
    browser.js(&script).await?;
    browser.settle().await?;
    texts_of(browser, watched).await
}

#[tokio::test]
async fn a_dragged_slider_leaves_every_sentence_and_formula_at_its_final_value() -> TestResult {
    let browser = Browser::start().await;
    // A status sentence and a formula follow a drag at most every 500 ms; after it they show the
    // values of where it ended, as the same position set in one step does. Also on a second page
    // (the clock they share outlives the first page's figures).
    let cases = [
        ("/pairs", "page-pairs", "triplet-margin-slider", ["triplet-status", "formula-triplet"]),
        ("/circle", "page-circle", "plane-gamma-slider", ["plane-status", "formula-unified"]),
        ("/classification?margin.show=logistic,focal", "page-classification", "margin-gamma-slider", ["margin-focal-share", "formula-focal"]),
    ];
    for (route, page, slider, watched) in cases {
        if route == "/pairs" {
            browser.open(route, page).await?;
        } else {
            // Within the app: the figures of the page before are disposed, the page is not reloaded.
            browser.js(&format!("location.hash = '#{route}';")).await?;
            browser.wait_for_testid(page).await?;
            browser.wait_for_testid(slider).await?;
        }
        browser.js(&format!("document.querySelector(\"[data-testid='{slider}']\").scrollIntoView({{block: 'center'}});")).await?;
        let dragged = drag_slider_and_wait(&browser, slider, &watched, 40).await?;
        // Somewhere else first, then the end position as a single step.
        browser.js(&format!("const el = document.querySelector(\"[data-testid='{slider}']\"); el.value = '0'; el.dispatchEvent(new Event('input', {{ bubbles: true }}));")).await?;
        browser.settle().await?;
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        let stepped = step_slider_to_the_end(&browser, slider, &watched).await?;
        assert!(dragged.iter().all(|t| !t.trim().is_empty()), "{route}: {dragged:?}");
        assert_eq!(dragged, stepped, "{route}: after a drag of {slider}, {watched:?} show the values it ended at");
    }
    let errors = browser.console_errors().await?;
    assert!(errors.is_empty(), "console errors: {errors:?}");
    browser.close().await
}
