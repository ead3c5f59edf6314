//! The timing run (a measurement, not a timed assertion): every control of every figure, measured
//! from outside the app as the issue defines a frame — the input dispatched at the start of an
//! animation frame (inside its `requestAnimationFrame` callback), the clock stopped by a message
//! posted from that callback, which is delivered only after the frame has run every effect, readout
//! and formula update, style, layout, paint and commit. The steps start two frames after the control
//! is scrolled into view and set up (a drag's pointer down), so that no step's frame carries the
//! repaint of a scroll or a set-up the control did not make. The app's own overlay timer
//! (`window.lossLabRedrawMs`) is reported beside it as a breakdown. The heaviest sliders are measured
//! again at device pixel ratio 2 and at a 4× CPU slowdown (a slow laptop). Written to
//! `target/redraw-timing.txt`; `cargo xtask test` prints it.
//!
//! `LOSS_LAB_DIST=/path/to/dist` measures another build (the same controls, where it has them).

use crate::harness::{Browser, Options, TestResult};
use crate::lab::{frame_for, show_lab_canvas};
use loss_lab::chapters::pairs::triplet::TripletParams;
use loss_lab::chapters::regression::lab::LabPreset;
use serde_json::Value;

type Error = Box<dyn std::error::Error>;

/// Median and p95 of a list of durations.
fn stats(samples: &[f64]) -> (f64, f64, f64) {
    let mut sorted = samples.to_vec();
    sorted.sort_by(f64::total_cmp);
    let at = |q: f64| sorted[((sorted.len() - 1) as f64 * q).round() as usize];
    (at(0.5), at(0.95), at(1.0))
}

/// One control: how a step of it is performed in the page (JS with `i` the step number and `el` the
/// element named by `selector`), and how many steps.
struct Control {
    figure: &'static str,
    what: &'static str,
    selector: &'static str,
    /// Run once before the steps (e.g. a pointerdown to start a drag).
    setup: &'static str,
    step: &'static str,
    /// Run once after the steps.
    teardown: &'static str,
    steps: usize,
}

/// One control measured: its report line, and its whole-frame p95 (ms) under its name.
struct Measured {
    line: String,
    name: String,
    p95: f64,
}

/// The report: its text, and the whole-frame p95 of every control measured into it.
#[derive(Default)]
struct Report {
    text: String,
    p95: Vec<(String, f64)>,
}

impl Report {
    fn add(&mut self, measured: Vec<Measured>) {
        for m in measured {
            self.text += &m.line;
            self.text.push('\n');
            self.p95.push((m.name, m.p95));
        }
    }
}

/// Measures `control` (`None` if this build has no such control).
async fn measure(browser: &Browser, control: &Control, extra: &str) -> Result<Option<Measured>, Error> {
    let script = format!(
        "const done = arguments[arguments.length - 1]; \
         const el = document.querySelector(\"{selector}\"); if (!el) {{ done(null); return; }} \
         el.scrollIntoView({{block: 'center'}}); {extra} \
         window.lossLabRedrawMs = {{}}; \
         const channel = new MessageChannel(); \
         const frames = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))); \
         (async () => {{ await frames(); {setup}; await frames(); const out = []; \
           for (let i = 0; i < {steps}; i++) {{ \
             out.push(await new Promise(resolve => requestAnimationFrame(() => {{ \
               const t0 = performance.now(); {step}; \
               channel.port1.onmessage = () => resolve(performance.now() - t0); channel.port2.postMessage(0); }}))); }} \
           {teardown}; \
           await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))); \
           const own = window.lossLabRedrawMs || {{}}; \
           done({{ frame: out, overlay: own['{figure}'] || [], input: own['{figure}-input'] || [] }}); }})();",
        selector = control.selector,
        setup = control.setup,
        step = control.step,
        teardown = control.teardown,
        steps = control.steps,
        figure = control.figure,
    );
    let result: Value = browser.client.execute_async(&script, vec![]).await?;
    if result.is_null() {
        return Ok(None);
    }
    let list = |key: &str| -> Vec<f64> { result[key].as_array().map(|a| a.iter().filter_map(Value::as_f64).collect()).unwrap_or_default() };
    let (frame, overlay, input) = (list("frame"), list("overlay"), list("input"));
    assert_eq!(frame.len(), control.steps, "one measurement per step of {}", control.what);
    let (median, p95, max) = stats(&frame);
    let mut line = format!(
        "{:<9} {:<34} whole frame: median {median:.2} ms, p95 {p95:.2} ms, max {max:.2} ms (n = {})",
        control.figure,
        control.what,
        frame.len()
    );
    if !overlay.is_empty() {
        let (m, p, _) = stats(&overlay);
        line += &format!("; overlay redraw {m:.2}/{p:.2}");
    }
    if !input.is_empty() {
        let (m, p, _) = stats(&input);
        line += &format!("; input → redrawn {m:.2}/{p:.2}");
    }
    Ok(Some(Measured { line, name: format!("{} {}", control.figure, control.what), p95 }))
}

const SLIDER_STEP: &str = "el.value = String((i * 7) % (Number(el.max) + 1)); el.dispatchEvent(new Event('input', { bubbles: true }))";
const CLICK: &str = "el.click()";

/// A slider stepped `steps` times through its range.
fn slider(figure: &'static str, what: &'static str, selector: &'static str, steps: usize) -> Control {
    Control { figure, what, selector, setup: "", step: SLIDER_STEP, teardown: "", steps }
}

/// A pointer event on `el` at (x, y) CSS px from its top left.
fn pointer_js() -> &'static str {
    "const fire = (type, x, y) => { const b = el.getBoundingClientRect(); el.dispatchEvent(new PointerEvent(type, { bubbles: true, cancelable: true, \
     pointerId: 1, pointerType: 'mouse', isPrimary: true, button: 0, buttons: type === 'pointerup' || type === 'pointermove' && !window.__down ? 0 : 1, \
     clientX: b.left + x, clientY: b.top + y })); };"
}

/// A drag on `selector`: the pointer goes down at `at` (CSS px from the element's top left), each step
/// runs `step` (JS with `i`, `fire`), and it comes up at the end.
fn drag(figure: &'static str, what: &'static str, selector: &'static str, at: (f64, f64), step: &'static str) -> Control {
    let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
    Control {
        figure,
        what,
        selector,
        setup: leak(format!("window.__down = true; fire('pointerdown', {}, {})", at.0, at.1)),
        step,
        teardown: leak(format!("fire('pointerup', {}, {}); window.__down = false", at.0, at.1)),
        steps: 300,
    }
}

/// Measures every control of `controls` (those this build has).
async fn measure_all(browser: &Browser, controls: &[Control]) -> Result<Vec<Measured>, Error> {
    let mut measured = Vec::new();
    for control in controls {
        measured.extend(measure(browser, control, pointer_js()).await?);
    }
    Ok(measured)
}

/// Frame intervals while an animation plays (started by `start`, a script), and the app's own
/// redraw time of `figure` per frame: its report line.
async fn animation_line(browser: &Browser, figure: &str, what: &str, start: &str, stop: &str) -> Result<Option<String>, Error> {
    let script = format!(
        "const done = arguments[arguments.length - 1]; window.lossLabRedrawMs = {{}}; {start}; \
         const t = []; let last = null; \
         const frame = now => {{ if (last !== null) t.push(now - last); last = now; if (t.length < 300) requestAnimationFrame(frame); \
           else {{ {stop}; done({{ t, own: window.lossLabRedrawMs['{figure}'] || [], steps: window.lossLabRedrawMs['{figure}-step'] || [] }}); }} }}; requestAnimationFrame(frame);"
    );
    let result: Value = browser.client.execute_async(&script, vec![]).await?;
    let list = |key: &str| -> Vec<f64> { result[key].as_array().map(|a| a.iter().filter_map(Value::as_f64).collect()).unwrap_or_default() };
    let (intervals, own, steps) = (list("t"), list("own"), list("steps"));
    if intervals.is_empty() || own.is_empty() {
        return Ok(None);
    }
    let (m, p, max) = stats(&intervals);
    let (om, op, _) = stats(&own);
    let slow = intervals.iter().filter(|&&t| t > 20.0).count();
    // The split: the figure's step (its training maths) and the redraw that follows it.
    let split = if steps.is_empty() {
        String::new()
    } else {
        let (sm, sp, _) = stats(&steps);
        format!("; of which the step {sm:.2}/{sp:.2}")
    };
    Ok(Some(format!(
        "{figure:<9} {what:<34} frame interval: median {m:.2} ms, p95 {p:.2} ms, max {max:.2} ms, {slow} of {} over 20 ms; step + redraw {om:.2}/{op:.2}{split}\n",
        intervals.len()
    )))
}

#[tokio::test]
async fn redraw_timing_run() -> TestResult {
    let browser = Browser::start().await;
    let mut report = Report::default();
    report.text += "Whole frame per control (input dispatched in a requestAnimationFrame callback, clock stopped by a message \
         posted from it: effects, readouts, formulas, style, layout, paint, commit), headless Chromium, 1280×1000, DPR 1; \
         'overlay redraw' and 'input → redrawn' (median/p95 ms) are the app's own timers.\n";
    browser.open("/regression?curves=mse,mae,huber,smoothl1&lab=outlier", "page-regression").await?;
    let hover = "fire('pointermove', 40 + (i * 13) % 700, 120)";
    let controls = [
        slider("curves", "δ slider step", "[data-testid='delta-slider']", 300),
        slider("curves", "β slider step", "[data-testid='beta-slider']", 300),
        Control { figure: "curves", what: "curve toggle (log-cosh on/off)", selector: "[data-testid='toggle-logcosh']", setup: "", step: CLICK, teardown: "", steps: 60 },
        Control { figure: "curves", what: "pointer move (readout)", selector: "[data-testid='regression-canvas']", setup: "", step: hover, teardown: "", steps: 300 },
        slider("lab", "lab δ slider step", "[data-testid='lab-delta-slider']", 300),
        Control { figure: "lab", what: "add a point (button)", selector: "[data-testid='lab-add']", setup: "", step: CLICK, teardown: "", steps: 20 },
        Control { figure: "lab", what: "preset buttons (line/outlier)", selector: "[data-testid='lab-preset-line']", setup: "const other = document.querySelector(\"[data-testid='lab-preset-outlier']\")", step: "(i % 2 ? other : el).click()", teardown: "", steps: 60 },
    ];
    report.add(measure_all(&browser, &controls).await?);
    let reference = browser_floor(
        &browser,
        "The browser's own share, measured the same way on a page without the app: a slider and its number; with a canvas the \
         curves figure's size of which a step changes 2×2 pixels (what any canvas change costs); redrawing four curves (three \
         dashed, 401 points each) on it, as the curves figure's overlay does:\n",
    )
    .await?;
    // Dragging the outlier up and down through the others: each move refits the three lines.
    browser.open("/regression?lab=outlier", "page-regression").await?;
    let size = show_lab_canvas(&browser).await?;
    let frame = frame_for(size);
    let outlier = LabPreset::Outlier.points()[11];
    let (px, py) = frame.to_pixels(outlier);
    let (_, top) = frame.to_pixels((outlier.0, 10.0));
    let step = format!("const t = (i % 60) / 59; fire('pointermove', {px}, {py} + ({top} - {py}) * (t < 0.5 ? 2 * t : 2 - 2 * t))");
    let refit = drag("lab", "drag move (refit)", "[data-testid='lab-canvas']", (px, py), Box::leak(step.into_boxed_str()));
    report.add(measure_all(&browser, &[refit]).await?);
    // The Classification chapter: every control, a pointer readout, a point drag.
    browser.open("/classification", "page-classification").await?;
    let classification = [
        slider("bce", "label y slider step", "[data-testid='bce-y-slider']", 300),
        Control { figure: "bce", what: "pointer move (readout)", selector: "[data-testid='bce-canvas']", setup: "", step: hover, teardown: "", steps: 300 },
        Control { figure: "margin", what: "focal γ slider step", selector: "[data-testid='margin-gamma-slider']", setup: "document.querySelector(\"[data-testid='margin-show-focal']\").click()", step: SLIDER_STEP, teardown: "", steps: 300 },
        Control { figure: "margin", what: "pointer move (readout)", selector: "[data-testid='margin-canvas']", setup: "", step: hover, teardown: "", steps: 300 },
        slider("classify", "learning-rate slider step", "[data-testid='classify-rate-slider']", 300),
        Control { figure: "classify", what: "Step button (one GD step)", selector: "[data-testid='classify-step']", setup: "", step: CLICK, teardown: "", steps: 120 },
        drag("classify", "drag move (a point)", "[data-testid='classify-canvas']", (300.0, 200.0), "fire('pointermove', 300 + (i % 60) * 3, 200 + (i % 30) * 2)"),
    ];
    report.add(measure_all(&browser, &classification).await?);
    // Training: the interval between animation frames while Play runs (60 fps is 16.7 ms), and the
    // app's own redraw per step.
    let play = "document.querySelector(\"[data-testid='classify-play']\")";
    let start = format!("document.querySelector(\"[data-testid='classify-canvas']\").scrollIntoView({{block: 'center'}}); {play}.click()");
    if let Some(line) = animation_line(&browser, "classify", "training (Play)", &start, &format!("{play}.click()")).await? {
        report.text += &line;
    }
    // The "Many classes" chapter: sliders of a list, a checkbox, a KL bar dragged, the KL fit playing.
    browser.open("/multiclass", "page-multiclass").await?;
    let many = [
        slider("softmax", "logit slider step", "[data-testid='softmax-z-1-slider']", 300),
        slider("softmax", "temperature slider step", "[data-testid='softmax-t-slider']", 300),
        slider("multilabel", "logit slider step", "[data-testid='multilabel-z-0-slider']", 300),
        Control { figure: "multilabel", what: "class present (checkbox)", selector: "[data-testid='multilabel-y-2']", setup: "", step: CLICK, teardown: "", steps: 60 },
        drag("kl", "drag move (a bar of P)", "[data-testid='kl-canvas']", (120.0, 120.0), "fire('pointermove', 120, 60 + (i % 40) * 4)"),
    ];
    report.add(measure_all(&browser, &many).await?);
    let start = "document.querySelector(\"[data-testid='klfit-reset']\").click(); \
                 document.querySelector(\"[data-testid='klfit-canvas']\").scrollIntoView({block: 'center'}); \
                 const play = document.querySelector(\"[data-testid='klfit-play']\"); if (play.getAttribute('aria-pressed') !== 'true') play.click()";
    if let Some(line) = animation_line(&browser, "klfit", "fitting (autoplay)", start, "").await? {
        report.text += &line;
    }
    // The "Pairs and triplets" chapter: both margins, a pair made similar, a negative dragged, training.
    browser.open("/pairs?triplet.rate=0.005", "page-pairs").await?;
    let pairs = [
        slider("contrastive", "margin slider step", "[data-testid='contrastive-margin-slider']", 300),
        Control { figure: "contrastive", what: "pair similar (checkbox)", selector: "[data-testid='contrastive-similar-1']", setup: "", step: CLICK, teardown: "", steps: 60 },
        slider("triplet", "margin slider step", "[data-testid='triplet-margin-slider']", 300),
    ];
    report.add(measure_all(&browser, &pairs).await?);
    let (_, frame) = crate::pairs::plane(&browser, "triplet-canvas").await?;
    let (nx, ny) = frame.to_pixels(TripletParams::START[2]);
    let step = format!("const t = (i % 60) / 59; fire('pointermove', {nx} - 200 * (t < 0.5 ? 2 * t : 2 - 2 * t), {ny})");
    let negative = drag("triplet", "drag move (a negative)", "[data-testid='triplet-canvas']", (nx, ny), Box::leak(step.into_boxed_str()));
    report.add(measure_all(&browser, &[negative]).await?);
    let play = "document.querySelector(\"[data-testid='triplet-play']\")";
    let start = format!("document.querySelector(\"[data-testid='triplet-canvas']\").scrollIntoView({{block: 'center'}}); {play}.click()");
    if let Some(line) = animation_line(&browser, "triplet", "training (Play, η = 0.005)", &start, &format!("{play}.click()")).await? {
        report.text += &line;
    }
    // The Mining chapter: the batch's controls, an anchor picked on the heatmap, training a 16 × 16 batch.
    browser.open("/mining?batch.p=16&batch.k=16", "page-mining").await?;
    let mining = [
        slider("batch", "margin slider step (256 points)", "[data-testid='batch-margin-slider']", 120),
        Control { figure: "batch", what: "pointer press (anchor, heatmap)", selector: "[data-testid='batch-heat-canvas']", setup: "", step: "fire('pointerdown', 60 + (i * 7) % 300, 80 + (i * 5) % 250); fire('pointerup', 60, 80)", teardown: "", steps: 120 },
        slider("offline", "epoch length slider step", "[data-testid='offline-k-slider']", 120),
    ];
    report.add(measure_all(&browser, &mining).await?);
    for (mine, what) in [("all", "training 16×16 (Play, batch-all)"), ("hard", "training 16×16 (Play, batch-hard)")] {
        browser.open(&format!("/mining?batch.p=16&batch.k=16&batch.mine={mine}"), "page-mining").await?;
        let play = "document.querySelector(\"[data-testid='batch-play']\")";
        let start = format!("document.querySelector(\"[data-testid='batch-canvas']\").scrollIntoView({{block: 'center'}}); {play}.click()");
        if let Some(line) = animation_line(&browser, "batch", what, &start, &format!("{play}.click()")).await? {
            report.text += &line;
        }
    }
    // The Circle loss chapter: γ and m (each step recomputes the 400 × 400 heat map), the pointer
    // readout, the point dragged, descent playing; the weights figure's γ and a similarity dragged.
    browser.open("/circle?plane.step=3", "page-circle").await?;
    let circle = [
        slider("plane", "γ slider step (heat map rebuilt)", "[data-testid='plane-gamma-slider']", 300),
        slider("plane", "m slider step (heat map rebuilt)", "[data-testid='plane-m-slider']", 300),
        Control { figure: "plane", what: "pointer move (readout)", selector: "[data-testid='plane-canvas']", setup: "", step: "fire('pointermove', 60 + (i * 13) % 380, 60 + (i * 7) % 380)", teardown: "", steps: 300 },
        slider("weights", "γ slider step", "[data-testid='weights-gamma-slider']", 300),
    ];
    report.add(measure_all(&browser, &circle).await?);
    let (_, frame) = crate::circle::plane(&browser).await?;
    let (px, py) = frame.to_pixels(loss_lab::chapters::circle::plane::PlaneParams::START);
    let step = format!("const t = (i % 60) / 59; fire('pointermove', {px} - 150 * (t < 0.5 ? 2 * t : 2 - 2 * t), {py} - 100 * (t < 0.5 ? 2 * t : 2 - 2 * t))");
    let point = drag("plane", "drag move (the point)", "[data-testid='plane-canvas']", (px, py), Box::leak(step.into_boxed_str()));
    report.add(measure_all(&browser, &[point]).await?);
    let play = "document.querySelector(\"[data-testid='plane-play']\")";
    let start = format!("document.querySelector(\"[data-testid='plane-canvas']\").scrollIntoView({{block: 'center'}}); {play}.click()");
    browser.open("/circle?plane.step=3&plane.g=1&plane.at=0.9:-0.9", "page-circle").await?;
    if let Some(line) = animation_line(&browser, "plane", "descent (Play, γ = 1)", &start, &format!("{play}.click()")).await? {
        report.text += &line;
    }
    browser.open("/", "page-home").await?;
    let impurity = Control {
        figure: "impurity",
        what: "pointer move (readout)",
        selector: "[data-testid='impurity-canvas']",
        setup: "",
        step: "fire('pointermove', 50 + (i * 11) % 400, 80)",
        teardown: "",
        steps: 300,
    };
    report.add(measure(&browser, &impurity, pointer_js()).await?.into_iter().collect());
    let errors = browser.console_errors().await?;
    assert!(errors.is_empty(), "console errors: {errors:?}");
    browser.close().await?;
    let mut text = report.text + &against_target(&report.p95) + &reference;
    text += &hidpi_run().await?;
    text += &slow_cpu_run().await?;
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/redraw-timing.txt");
    std::fs::write(&out, &text)?;
    eprintln!("{text}");
    Ok(())
}

/// A page without the app, built in `about:blank`: a slider with its number field (the same CSS
/// box and containment as the app's) and, unless `canvas` is `None`, a canvas of that CSS size (at
/// the device pixel ratio) on which every step copies a cached grid with tick labels and strokes
/// four curves of 401 points, three of them dashed, 2 CSS px wide — what the curves figure's overlay
/// does, in hand-written JS (or, without `curves`, only changes 2×2 pixels: what any change of a
/// canvas costs) — and rewrites two numbers under it.
fn floor_page(canvas: Option<(f64, f64)>, curves: bool) -> String {
    let (width, height) = canvas.unwrap_or((0.0, 0.0));
    format!(
        "document.body.innerHTML = ''; \
         const slider = document.body.appendChild(document.createElement('input')); \
         Object.assign(slider, {{ type: 'range', min: 0, max: 1000, value: 500 }}); slider.id = 'floor-slider'; \
         slider.style.cssText = 'width: 300px; height: 44px; contain: strict'; \
         const field = document.body.appendChild(document.createElement('input')); field.type = 'number'; \
         field.style.cssText = 'width: 7rem; height: 2.25em; contain: strict'; \
         const readout = document.body.appendChild(document.createElement('p')).appendChild(document.createTextNode('')); \
         let draw = () => {{}}; \
         if ({width} > 0) {{ \
           const canvas = document.body.appendChild(document.createElement('canvas')); \
           canvas.style.cssText = 'display: block; width: {width}px; height: {height}px'; \
           const dpr = window.devicePixelRatio; canvas.width = Math.round({width} * dpr); canvas.height = Math.round({height} * dpr); \
           const grid = document.createElement('canvas'); grid.width = canvas.width; grid.height = canvas.height; \
           const g = grid.getContext('2d'); g.strokeStyle = '#d9d9de'; g.fillStyle = '#1d1d1f'; g.font = 12 * dpr + 'px sans-serif'; \
           for (let k = 0; k <= 20; k++) {{ const x = 40 + k * (canvas.width - 60) / 20; \
             g.beginPath(); g.moveTo(x, 10); g.lineTo(x, canvas.height - 30); g.stroke(); g.fillText((k / 10 - 1).toFixed(1), x - 8, canvas.height - 12); }} \
           const c = canvas.getContext('2d'); \
           const curve = (f, colour, dash) => {{ c.strokeStyle = colour; c.setLineDash(dash.map(v => v * dpr)); c.lineWidth = 2 * dpr; c.beginPath(); \
             for (let k = 0; k <= 400; k++) {{ const r = -3 + 6 * k / 400, x = 40 + k * (canvas.width - 60) / 400, y = canvas.height - 40 - f(r) * (canvas.height - 60) / 4.5; \
               if (k) c.lineTo(x, y); else c.moveTo(x, y); }} c.stroke(); }}; \
           draw = d => {{ if (!{curves}) {{ c.fillStyle = d > 1 ? '#000' : '#fff'; c.fillRect(0, 0, 2, 2); return; }} \
             c.clearRect(0, 0, canvas.width, canvas.height); c.drawImage(grid, 0, 0); \
             curve(r => r * r / 2, '#0072b2', []); curve(r => Math.abs(r), '#e69f00', [9, 5]); \
             curve(r => Math.abs(r) <= d ? r * r / 2 : d * (Math.abs(r) - d / 2), '#009e73', [3, 4]); \
             curve(r => Math.abs(r) < d ? r * r / (2 * d) : Math.abs(r) - d / 2, '#cc79a7', [9, 5]); }}; \
           draw(1); \
         }} \
         slider.addEventListener('input', () => {{ const d = 0.05 + 3 * slider.value / 1000; field.value = d.toFixed(3); draw(d); \
           readout.data = 'Huber ' + (d * d / 2).toFixed(4) + ', gradient ' + d.toFixed(4); }});"
    )
}

/// The browser's own share of a slider step here, measured as every control is, on the pages of
/// [`floor_page`]: a bare slider; a canvas the size of the curves figure's of which a step changes
/// 2×2 pixels; the same canvas redrawing four curves at each step. What no app can go below on this
/// machine; the report prints it beside the target, outside the tally. Run on the regression page
/// (whose curves canvas gives the size); `heading` goes first.
async fn browser_floor(browser: &Browser, heading: &str) -> Result<String, Error> {
    let size = browser.js("const b = document.querySelector(\"[data-testid='regression-canvas']\").getBoundingClientRect(); return [b.width, b.height];").await?;
    let canvas = (size[0].as_f64().unwrap_or(810.0), size[1].as_f64().unwrap_or(530.0));
    let mut report = Report { text: heading.to_string(), ..Report::default() };
    let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
    let touched = leak(format!("{:.0}×{:.0} canvas: 2×2 px changed", canvas.0, canvas.1));
    let curves = leak(format!("{:.0}×{:.0} canvas: 4 curves redrawn", canvas.0, canvas.1));
    for (what, page) in [("a bare slider step", floor_page(None, false)), (touched, floor_page(Some(canvas), false)), (curves, floor_page(Some(canvas), true))] {
        browser.client.goto("about:blank").await?;
        browser.js(&page).await?;
        let control = Control { figure: "no app", what, selector: "#floor-slider", setup: "", step: SLIDER_STEP, teardown: "", steps: 300 };
        report.add(measure(browser, &control, "").await?.into_iter().collect());
    }
    Ok(report.text)
}

/// The whole-frame target every control is held to, p95 in ms.
const TARGET_P95_MS: f64 = 4.0;

/// How many of the `measured` controls (name, whole-frame p95) meet [`TARGET_P95_MS`], and which
/// do not (with their p95).
fn against_target(measured: &[(String, f64)]) -> String {
    let over: Vec<String> = measured.iter().filter(|(_, p95)| *p95 > TARGET_P95_MS).map(|(name, p95)| format!("{name} {p95:.1}")).collect();
    format!(
        "Against the target (whole frame p95 ≤ {TARGET_P95_MS} ms at pixel ratio 1): {} of {} controls; over: {}\n",
        measured.len() - over.len(),
        measured.len(),
        if over.is_empty() { "none".to_string() } else { over.join(", ") }
    )
}

/// A few controls again at device pixel ratio 2 (most laptops and tablets): four times the canvas
/// pixels, which the browser hands over at every frame in proportion to their number.
async fn hidpi_run() -> Result<String, Error> {
    let options = Options { device_scale_factor: 2.0, ..Options::default() };
    again("At device pixel ratio 2, the same window (what a HiDPI screen adds):\n", options, None).await
}

/// The same controls on a slow machine: Chrome's CPU throttling at 4× (DevTools' "4× slowdown"),
/// a school laptop several times slower than this one — its frames, and whether a drag of a slider
/// still fits a 60 Hz frame (16.7 ms).
async fn slow_cpu_run() -> Result<String, Error> {
    again("With the CPU slowed down 4× (Chrome's CPU throttling: a slow laptop), pixel ratio 1:\n", Options::default(), Some(4.0)).await
}

/// A slider of each of a few figures (the heaviest steps), measured in a browser started with
/// `options` and, if given, a CPU slowed down by `slowdown`.
async fn again(heading: &str, options: Options, slowdown: Option<f64>) -> Result<String, Error> {
    let browser = Browser::start_with(options).await;
    if let Some(rate) = slowdown {
        browser.cdp("Emulation.setCPUThrottlingRate", serde_json::json!({ "rate": rate })).await?;
    }
    let mut report = Report { text: heading.to_string(), ..Report::default() };
    // Sliders only: under a forced pixel ratio, Chromium gives a script's PointerEvent a wrong
    // offsetX (real pointers are right: `phone_width_…` in main.rs moves one).
    let pages: [(&str, &str, Vec<Control>); 3] = [
        (
            "/regression?curves=mse,mae,huber,smoothl1&lab=outlier",
            "page-regression",
            vec![
                slider("curves", "δ slider step", "[data-testid='delta-slider']", 300),
                slider("lab", "lab δ slider step", "[data-testid='lab-delta-slider']", 300),
            ],
        ),
        ("/mining?batch.p=16&batch.k=16", "page-mining", vec![slider("batch", "margin slider step (256 points)", "[data-testid='batch-margin-slider']", 120)]),
        ("/circle?plane.step=3", "page-circle", vec![slider("plane", "γ slider step (heat map rebuilt)", "[data-testid='plane-gamma-slider']", 300)]),
    ];
    let mut floor = String::new();
    for (route, page, controls) in &pages {
        browser.open(route, page).await?;
        report.add(measure_all(&browser, controls).await?);
        if *page == "page-regression" {
            floor = browser_floor(&browser, "").await?;
        }
    }
    report.text += &floor;
    let errors = browser.console_errors().await?;
    assert!(errors.is_empty(), "console errors ({heading}): {errors:?}");
    browser.close().await?;
    Ok(report.text)
}
