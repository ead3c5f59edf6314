//! Component tests in headless Chromium (wasm-bindgen-test): each mounts one component into a fresh
//! element, acts on it as a user would (events), waits a tick for the effects, and checks the DOM.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use loss_lab::chapters::regression::curves::CurvesParams as RegressionParams;
use loss_lab::chapters::regression::texts;
use loss_lab::chapters::Location;
use loss_lab::figure::query::Scale;
use loss_lab::format::number;
use loss_lab::i18n::{text, texts::site, Locale, Text};
use loss_lab::loss::regression::Regression;
use loss_lab::ui::app::chapter_page;
use loss_lab::ui::settings::provide_settings;
use loss_lab::ui::dom::into_view;
use loss_lab::ui::widgets::slider::{label, slider};
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlCanvasElement, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh container in the page (with every language's texts installed, as the site fetches them).
fn container() -> HtmlElement {
    loss_lab::i18n::install_built_in();
    let document = web_sys::window().unwrap().document().unwrap();
    let div: HtmlElement = document.create_element("div").unwrap().dyn_into().unwrap();
    div.style().set_property("width", "900px").unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    div
}

/// Lets effects and the next frame run.
async fn tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 30)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn find<T: JsCast>(root: &HtmlElement, testid: &str) -> T {
    root.query_selector(&format!("[data-testid='{testid}']"))
        .unwrap()
        .unwrap_or_else(|| panic!("no element with data-testid={testid}"))
        .dyn_into()
        .unwrap()
}

fn dispatch(element: &HtmlElement, event: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    element.dispatch_event(&web_sys::Event::new_with_event_init_dict(event, &init).unwrap()).unwrap();
}

#[wasm_bindgen_test]
async fn log_slider_range_and_number_field_edit_one_value() {
    let root = container();
    let value = RwSignal::new(1.0_f64);
    let handle = leptos::mount::mount_to(root.clone(), move || {
        provide_settings();
        let element = slider(
            label(texts::CURVES_DELTA, None),
            Scale::Log(RegressionParams::DELTA),
            Arc::new(move || value.get()),
            Arc::new(move |v| value.set(v)),
            "d",
        );
        into_view(element)
    });
    tick().await;
    let slider: HtmlInputElement = find(&root, "d-slider");
    assert_eq!(slider.value(), RegressionParams::DELTA.position_of(1.0).to_string());

    slider.set_value("40");
    dispatch(&slider, "input");
    tick().await;
    assert_eq!(value.get_untracked(), RegressionParams::DELTA.value_at(40));
    let number_field: HtmlInputElement = find(&root, "d-number");
    assert_eq!(number_field.value().parse::<f64>().unwrap(), value.get_untracked(), "the number field follows the slider");

    number_field.set_value("0.5");
    dispatch(&number_field, "change");
    tick().await;
    assert_eq!(value.get_untracked(), 0.5);
    assert_eq!(slider.value(), RegressionParams::DELTA.position_of(0.5).to_string(), "the slider follows the number field");

    number_field.set_value("hello");
    dispatch(&number_field, "change");
    tick().await;
    assert_eq!(value.get_untracked(), 0.5, "unreadable text changes nothing");
    let error: HtmlElement = find(&root, "d-error");
    assert!(error.text_content().unwrap().contains("0.05"), "the message gives the range");
    drop(handle);
}

#[wasm_bindgen_test]
async fn regression_page_draws_and_reads_out_the_loss_core() {
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        provide_settings();
        chapter_page("regression", Location::parse("#/regression?delta=1.5&curves=mse,mae,huber"), RwSignal::new(String::new()), false).0
    });
    tick().await;
    tick().await;
    let r: f64 = find::<HtmlElement>(&root, "readout-r").text_content().unwrap().replace('−', "-").parse().unwrap();
    let huber = Regression::huber(1.5).unwrap();
    let shown = |testid: &str| find::<HtmlElement>(&root, testid).text_content().unwrap();
    assert_eq!(shown("readout-huber-value"), number(huber.element(r), 6));
    assert_eq!(shown("readout-huber-grad"), number(huber.element_derivative(r), 6));
    assert_eq!(shown("readout-mse-value"), number(Regression::Mse.element(r), 6));

    let overlay: HtmlCanvasElement = find(&root, "regression-canvas");
    assert!(overlay.width() > 0 && overlay.height() > 0, "the overlay is sized");
    let context: web_sys::CanvasRenderingContext2d = overlay.get_context("2d").unwrap().unwrap().dyn_into().unwrap();
    let pixels = context.get_image_data(0.0, 0.0, f64::from(overlay.width()), f64::from(overlay.height())).unwrap().data();
    let painted = pixels.iter().skip(3).step_by(4).filter(|&&alpha| alpha > 0).count();
    assert!(painted > 1000, "curves are drawn ({painted} pixels)");

    // Hiding Huber removes its readout row and its formula.
    let toggle: HtmlInputElement = find(&root, "toggle-huber");
    toggle.click();
    tick().await;
    assert!(root.query_selector("[data-testid='readout-huber-value']").unwrap().is_none());
    assert!(root.query_selector("[data-testid='formula-huber']").unwrap().is_none());
    assert!(root.query_selector("[data-testid='formula-mse'] math").unwrap().is_some(), "formulas are MathML");
    drop(handle);
}

#[wasm_bindgen_test]
fn crash_message_has_a_reload_link() {
    loss_lab::i18n::install_built_in();
    loss_lab::ui::panic::show_crash_message("test detail <b>");
    let document = web_sys::window().unwrap().document().unwrap();
    let crash = document.get_element_by_id("crash").expect("the crash panel is in the page");
    assert_eq!(crash.get_attribute("role").as_deref(), Some("alert"));
    let text = crash.text_content().unwrap();
    assert!(text.contains(text_of(site::CRASH_TITLE)));
    assert!(text.contains("test detail <b>"), "the detail is shown as text, not HTML");
    let link = crash.query_selector("[data-testid='crash-reload']").unwrap().expect("a reload link");
    assert_eq!(link.text_content().unwrap(), text_of(site::CRASH_RELOAD));
    crash.remove();
}

fn text_of(key: Text) -> &'static str {
    text(Locale::En, key)
}

mod lab {
    use super::*;
    use loss_lab::chapters::home::impurity::{readout as impurity_readout, Impurity};
    use loss_lab::chapters::regression::lab::{build, FitId, Lab, LabParams, LabPreset};
    use loss_lab::figure::query::Query;
    use loss_lab::ui::figure::figure_view;
    use loss_lab::ui::page::PageCtx;

    fn shown(root: &HtmlElement, testid: &str) -> String {
        find::<HtmlElement>(root, testid).text_content().unwrap()
    }

    /// A page holding only the lab, opened with `query`.
    fn lab_page(query: &str) -> PageCtx {
        let settings = provide_settings();
        PageCtx::new("/regression".into(), Query::parse(query), settings.locale, 2)
    }

    #[wasm_bindgen_test]
    async fn fit_lab_shows_the_figure_modules_fits_and_follows_its_buttons() {
        let root = container();
        let page = StoredValue::new(None::<PageCtx>);
        let handle = leptos::mount::mount_to(root.clone(), move || {
            let ctx = lab_page("");
            page.set_value(Some(ctx));
            figure_view::<Lab>(&ctx)
        });
        tick().await;
        tick().await;
        let page = page.get_value().expect("the page was built");
        // The lab's parameters as they are now (read back from its URL part), and set as a URL would.
        let lab = move || LabParams::from_query(&page.figure_query("lab").unwrap());
        let set_lab = move |params: LabParams| page.follow(&params.to_query());
        assert_eq!(lab(), LabParams::default());
        let check_fits = |params: &LabParams| {
            let figure = build(params);
            for id in FitId::ALL {
                let fit = figure.fit(id).unwrap();
                assert_eq!(shown(&root, &format!("fit-{}-slope", id.key())), number(fit.line.slope, 5), "{id:?} slope");
                assert_eq!(shown(&root, &format!("fit-{}-intercept", id.key())), number(fit.line.intercept, 5), "{id:?} intercept");
                assert_eq!(shown(&root, &format!("fit-{}-rmse", id.key())), number(fit.stats.rmse, 4), "{id:?} RMSE");
            }
        };
        check_fits(&LabParams::default());
        assert_eq!(shown(&root, "fit-mse-me"), "0", "the MSE line's residuals cancel");

        // Both overlays are drawn.
        for testid in ["lab-canvas", "lab-influence-canvas"] {
            let canvas: HtmlCanvasElement = find(&root, testid);
            let context: web_sys::CanvasRenderingContext2d = canvas.get_context("2d").unwrap().unwrap().dyn_into().unwrap();
            let pixels = context.get_image_data(0.0, 0.0, f64::from(canvas.width()), f64::from(canvas.height())).unwrap().data();
            let painted = pixels.iter().skip(3).step_by(4).filter(|&&alpha| alpha > 0).count();
            assert!(painted > 500, "{testid} is drawn ({painted} pixels)");
        }

        // The preset buttons replace the points (keeping δ); the slider writes δ.
        set_lab(LabParams { delta: 2.0, ..lab() });
        tick().await;
        find::<HtmlElement>(&root, "lab-preset-line").click();
        tick().await;
        assert_eq!(lab().points, LabPreset::Line.points());
        assert_eq!(lab().delta, 2.0);
        check_fits(&lab());
        find::<HtmlElement>(&root, "lab-preset-outlier").click();
        tick().await;
        assert_eq!(lab().points, LabPreset::Outlier.points());
        assert_eq!(lab().delta, 2.0);
        check_fits(&lab());
        let slider: HtmlInputElement = find(&root, "lab-delta-slider");
        slider.set_value("0");
        dispatch(&slider, "input");
        tick().await;
        assert_eq!(lab().delta, LabParams::DELTA.min);
        check_fits(&lab());

        // Remove is disabled without a selection; Add selects the new point, Remove takes it away.
        let remove: HtmlElement = find(&root, "lab-remove");
        let disabled = |button: &HtmlElement| js_sys::Reflect::get(button, &"disabled".into()).unwrap().as_bool() == Some(true);
        assert!(disabled(&remove), "nothing selected: Remove is disabled");
        find::<HtmlElement>(&root, "lab-add").click();
        tick().await;
        assert_eq!(lab().points.len(), 13);
        assert!(!disabled(&remove), "the new point is selected");
        remove.click();
        tick().await;
        assert_eq!(lab().points.len(), 12);

        // Reset goes back to how the lab opened; then data no line fits shows its message and no numbers.
        find::<HtmlElement>(&root, "lab-reset").click();
        tick().await;
        assert_eq!(lab(), LabParams::default());
        set_lab(LabParams::from_query("pts=3:4"));
        tick().await;
        assert_eq!(shown(&root, "lab-message"), text(Locale::En, texts::LAB_TOO_FEW_POINTS));
        assert_eq!(shown(&root, "fit-huber-slope"), "—");
        assert!(!root.text_content().unwrap().contains("NaN"));
        drop(handle);
    }

    #[wasm_bindgen_test]
    async fn impurity_figure_reads_out_the_loss_core() {
        let root = container();
        let handle = leptos::mount::mount_to(root.clone(), || {
            let settings = provide_settings();
            let page = PageCtx::new("/".into(), Query::default(), settings.locale, 4);
            figure_view::<Impurity>(&page)
        });
        tick().await;
        tick().await;
        let p: f64 = shown(&root, "impurity-p").parse().unwrap();
        let readings = impurity_readout(p);
        assert_eq!(shown(&root, "impurity-gini-value"), number(readings[0].value, 4));
        assert_eq!(shown(&root, "impurity-entropy-value"), number(readings[1].value, 4));
        assert_eq!(shown(&root, "impurity-entropy-grad"), number(readings[1].derivative, 4));
        drop(handle);
    }

    /// The language switch re-renders every text of a figure, and its numbers stay.
    #[wasm_bindgen_test]
    async fn switching_the_language_rewrites_a_figure_in_chinese() {
        let root = container();
        let settings = StoredValue::new(None::<loss_lab::ui::settings::Settings>);
        let handle = leptos::mount::mount_to(root.clone(), move || {
            let chosen = provide_settings();
            chosen.locale.set(Locale::En);
            settings.set_value(Some(chosen));
            chapter_page("regression", Location::parse("#/regression"), RwSignal::new(String::new()), false).0
        });
        tick().await;
        tick().await;
        let english = root.text_content().unwrap();
        assert!(english.contains(text(Locale::En, texts::CURVES_TITLE)));
        let before = shown(&root, "readout-mse-value");
        settings.get_value().unwrap().locale.set(Locale::Zh);
        tick().await;
        let chinese = root.text_content().unwrap();
        assert!(chinese.contains(text(Locale::Zh, texts::CURVES_TITLE)), "the title is Chinese");
        assert!(!chinese.contains(text(Locale::En, texts::CURVES_TITLE)), "no English title left");
        assert!(chinese.contains(text(Locale::Zh, texts::LAB_RESIDUAL_NOTE)), "the lab's note too");
        assert_eq!(shown(&root, "readout-mse-value"), before, "numbers stay");
        settings.get_value().unwrap().locale.set(Locale::En);
        tick().await;
        drop(handle);
    }
}

#[path = "common/lanes.rs"]
mod lanes;

/// The loss core's two-lane kernels, compiled as the site is (WebAssembly SIMD128), give the scalar
/// kernels' bits: the native tests check the same on the portable pair of scalars.
#[wasm_bindgen_test]
fn simd_lanes_give_the_scalar_kernels_bits() {
    assert!(loss_lab::loss::lanes::SIMD, "the wasm build computes on SIMD128 lanes (.cargo/config.toml)");
    lanes::lanes_equal_scalar_kernels(200_000).unwrap();
}
