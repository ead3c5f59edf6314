//! What every figure's canvases get, written once: two stacked canvases per figure canvas (a cached
//! base, a redrawn overlay) sized to their CSS box at the device pixel ratio and kept so by a
//! ResizeObserver; the base redrawn only when the size, theme, language or the figure's base key
//! change, the overlays on every change; pointer capture and keyboard focus; redraw timing into
//! `window.lossLabRedrawMs`; the error line; and the tools under each canvas — copy link, PNG, SVG.

use super::Ops;
use crate::figure::layout::CanvasSpec;
use crate::figure::{KeyInput, Pointer, PointerPhase, Response};
use crate::i18n::{fill, texts::site as t, Text};
use crate::plot::canvas::fit_to_css_box;
use crate::plot::{Ctx, Layout};
use std::cell::Cell;
use std::rc::Rc;
use crate::ui::export;
use crate::ui::settings::use_settings;
use crate::ui::text::t as tr;
use crate::ui::timing;
use crate::ui::dom::{self, attr, child, live_attr, live_prop, live_shown, live_text, on};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlCanvasElement, HtmlElement, Node};

/// The base and overlay canvases of one figure canvas, and their wrapper.
#[derive(Clone)]
pub struct Layers {
    pub base: HtmlCanvasElement,
    pub overlay: HtmlCanvasElement,
    pub wrapper: HtmlElement,
}

impl Layers {
    fn new() -> Layers {
        let canvas = || -> HtmlCanvasElement { dom::el("canvas", "").unchecked_into() };
        Layers { base: canvas(), overlay: canvas(), wrapper: dom::el("div", "") }
    }
}

/// An observer of the canvas wrappers: how to observe one, how to stop, and its callback (kept alive
/// as long as the observer).
struct Watcher {
    observe: Box<dyn Fn(&web_sys::Element)>,
    disconnect: Box<dyn Fn()>,
    _callback: Closure<dyn Fn(js_sys::Array)>,
}

/// One figure's canvases and their effects.
#[derive(Clone)]
pub struct Runtime {
    pub key: &'static str,
    pub specs: &'static [CanvasSpec],
    pub ops: Ops,
    pub layers: Vec<Layers>,
    /// Bumped when a canvas's CSS size changes.
    size: RwSignal<u64>,
    /// Bumped when a base layer was redrawn (its canvas was cleared and resized with it).
    base_version: RwSignal<u64>,
    pub error: RwSignal<Option<String>>,
    /// Some canvas of the figure is on screen (or near it).
    on_screen: RwSignal<bool>,
    ctx: Memo<Ctx>,
    /// The page's path (`/regression`), for links.
    path: String,
}

impl Runtime {
    pub fn new(key: &'static str, specs: &'static [CanvasSpec], ops: Ops, path: String) -> Runtime {
        let ctx = use_settings().map(|s| s.ctx).unwrap_or_else(|| Memo::new(|_| Ctx::new(1.0, Default::default(), Default::default())));
        Runtime {
            key,
            specs,
            ops,
            layers: specs.iter().map(|_| Layers::new()).collect(),
            size: RwSignal::new(0),
            base_version: RwSignal::new(0),
            error: RwSignal::new(None),
            on_screen: RwSignal::new(false),
            ctx,
            path,
        }
    }

    /// Creates the effects that keep the canvases drawn.
    pub fn install(&self) {
        self.observe_sizes();
        self.observe_visibility();
        super::player::install(self.key, self.ops, self.on_screen);
        for (index, layers) in self.layers.iter().cloned().enumerate() {
            let (ops, ctx, size, base_version, error) = (self.ops, self.ctx, self.size, self.base_version, self.error);
            // The canvases are fitted to their CSS box only when that box or the pixel ratio changed:
            // reading the box's size makes the browser lay out the page there and then, which after
            // the DOM writes of a step (a table rebuilt, a formula changed) is a second layout.
            let fitted: Rc<Cell<Option<(u64, Layout)>>> = Rc::default();
            Effect::new(move |_| {
                let ctx = ctx.get();
                let version = size.get();
                ops.track_base();
                let (base, overlay) = (&layers.base, &layers.overlay);
                if fitted.get() != Some((version, ctx.layout)) {
                    if fit_to_css_box(base, &ctx.layout).is_none() || fit_to_css_box(overlay, &ctx.layout).is_none() {
                        return;
                    }
                    fitted.set(Some((version, ctx.layout)));
                }
                if let Err(reason) = ops.draw_base(index, base, &ctx) {
                    error.set(Some(reason));
                }
                base_version.update(|v| *v += 1);
            });
        }
        let (ops, ctx, base_version, error, key) = (self.ops, self.ctx, self.base_version, self.error, self.key);
        let layers = self.layers.clone();
        Effect::new(move |_| {
            base_version.track();
            let ctx = ctx.get();
            let pairs: Vec<(HtmlCanvasElement, HtmlCanvasElement)> = layers.iter().map(|l| (l.base.clone(), l.overlay.clone())).collect();
            let started = timing::now_ms();
            let result = ops.draw_overlays(&pairs, &ctx);
            if base_version.get_untracked() == 0 {
                return;
            }
            let failed = result.err();
            if error.with_untracked(|e| *e != failed) {
                error.set(failed);
            }
            let done = timing::now_ms();
            timing::record(key, done - started);
            if let Some(at) = ops.take_input_time() {
                timing::record(&format!("{key}-input"), done - at);
            }
        });
    }

    /// An IntersectionObserver marks canvases far from the viewport `offscreen` (CSS hides them), so
    /// the browser does not upload their pixels with every frame of another figure. They stay drawn.
    /// An animation plays only while one of the figure's canvases is on screen (`on_screen`).
    fn observe_visibility(&self) {
        let on_screen = self.on_screen;
        let on_change = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let mut block = None;
            for entry in entries.iter() {
                let Ok(entry) = entry.dyn_into::<web_sys::IntersectionObserverEntry>() else {
                    continue;
                };
                let _ = entry.target().class_list().toggle_with_force("offscreen", !entry.is_intersecting());
                block = block.or_else(|| entry.target().closest(".figure-block").ok().flatten());
            }
            let Some(block) = block else { return };
            let visible = block.query_selector(".figure-canvas:not(.offscreen)").ok().flatten().is_some();
            if on_screen.get_untracked() != visible {
                on_screen.set(visible);
            }
        });
        let options = web_sys::IntersectionObserverInit::new();
        options.set_root_margin("600px 0px");
        let Ok(observer) = web_sys::IntersectionObserver::new_with_options(on_change.as_ref().unchecked_ref(), &options) else {
            return;
        };
        self.watch_wrappers(Watcher {
            observe: Box::new({
                let observer = observer.clone();
                move |element| observer.observe(element)
            }),
            disconnect: Box::new(move || observer.disconnect()),
            _callback: on_change,
        });
    }

    /// A ResizeObserver on the canvases' wrappers bumps `size` (and so redraws the base layers) when
    /// their CSS box changes: window resizes, the page's fonts arriving, a sidebar opening.
    fn observe_sizes(&self) {
        let size = self.size;
        let on_resize = Closure::<dyn Fn(js_sys::Array)>::new(move |_entries: js_sys::Array| size.update(|v| *v += 1));
        let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) else {
            return;
        };
        self.watch_wrappers(Watcher {
            observe: Box::new({
                let observer = observer.clone();
                move |element| observer.observe(element)
            }),
            disconnect: Box::new(move || observer.disconnect()),
            _callback: on_resize,
        });
    }

    /// Keeps an observer on every canvas wrapper, and disconnects it when the figure goes.
    fn watch_wrappers(&self, watcher: Watcher) {
        for layers in &self.layers {
            (watcher.observe)(&layers.wrapper);
        }
        let holder = StoredValue::new_local(Some(watcher));
        on_cleanup(move || {
            holder.update_value(|h| {
                if let Some(watcher) = h.take() {
                    (watcher.disconnect)();
                }
            })
        });
    }

    /// The link that opens this figure as it is now (in a fresh tab, scrolled to it).
    pub fn link(&self) -> String {
        let query = self.ops.query();
        let sep = if query.is_empty() { "" } else { "&" };
        format!("{}#{}?{query}{sep}v={}&fig={}", crate::ui::url::base_address(), self.path, crate::figure::query::URL_VERSION, self.key)
    }

    /// Appends canvas `index` to `parent`, with its pointer and key handling, its tools and its
    /// error line.
    pub fn canvas_view(&self, parent: &Node, index: usize) {
        let (Some(&spec), Some(layers)) = (self.specs.get(index), self.layers.get(index).cloned()) else { return };
        let (ops, ctx) = (self.ops, self.ctx);
        let wrapper = &layers.wrapper;
        wrapper.set_class_name(&format!("figure-canvas {}", spec.class));
        attr(wrapper, "data-testid", spec.wrapper_testid);
        layers.base.set_class_name("layer base");
        attr(&layers.base, "aria-hidden", "true");
        let overlay = &layers.overlay;
        overlay.set_class_name(if spec.interactive { "layer overlay interactive" } else { "layer overlay" });
        attr(overlay, "data-testid", spec.testid);
        attr(overlay, "role", "img");
        live_attr(overlay, "aria-label", Box::new(move || Some(tr(spec.aria).to_string())));
        dom::add(wrapper, &layers.base);
        dom::add(wrapper, overlay);
        dom::add(parent, wrapper);
        if spec.interactive {
            attr(overlay, "tabindex", "0");
            let send = move |phase: PointerPhase, event: &web_sys::MouseEvent, primary: bool| {
                let scale = ctx.get_untracked().layout.scale;
                let at = (f64::from(event.offset_x()) * scale, f64::from(event.offset_y()) * scale);
                ops.pointer(Pointer { phase, canvas: index, at, scale, primary, dragging: false })
            };
            let capture = overlay.clone();
            on(
                overlay,
                "pointerdown",
                Box::new(move |event| {
                    let event: web_sys::PointerEvent = event.unchecked_into();
                    let response = send(PointerPhase::Down, &event, event.button() == 0);
                    if response != Response::Ignored {
                        event.prevent_default();
                    }
                    if response == Response::StartDrag {
                        let _ = capture.set_pointer_capture(event.pointer_id());
                    }
                }),
            );
            on(
                overlay,
                "pointermove",
                Box::new(move |event| {
                    crate::ui::follow::input();
                    let event: web_sys::PointerEvent = event.unchecked_into();
                    let dragging = untrack(|| ops.dragging());
                    if send(PointerPhase::Move, &event, true) != Response::Ignored && dragging {
                        event.prevent_default();
                    }
                }),
            );
            for name in ["pointerup", "pointercancel", "lostpointercapture"] {
                let release = overlay.clone();
                on(
                    overlay,
                    name,
                    Box::new(move |event| {
                        let event: web_sys::PointerEvent = event.unchecked_into();
                        if untrack(|| ops.dragging()) {
                            send(PointerPhase::Up, &event, true);
                            let _ = release.release_pointer_capture(event.pointer_id());
                        }
                    }),
                );
            }
            on(
                overlay,
                "dblclick",
                Box::new(move |event| {
                    let event: web_sys::MouseEvent = event.unchecked_into();
                    if send(PointerPhase::DoubleClick, &event, true) != Response::Ignored {
                        event.prevent_default();
                    }
                }),
            );
            on(
                overlay,
                "keydown",
                Box::new(move |event| {
                    let event: web_sys::KeyboardEvent = event.unchecked_into();
                    if ops.key_input(&KeyInput { key: event.key(), shift: event.shift_key() }) != Response::Ignored {
                        event.prevent_default();
                    }
                }),
            );
        }
        self.tools(parent, index, spec, layers.clone());
        let error = self.error;
        let line = child(parent, "p", "field-error");
        attr(&line, "role", "alert");
        live_shown(&line, Box::new(move || error.with(Option::is_some)));
        live_text(
            &line,
            Box::new(move || fill(tr(t::FIGURE_ERROR), &[("reason", &fill(tr(t::FIGURE_DRAW_FAILED), &[("detail", &error.get().unwrap_or_default())]))])),
        );
    }

    /// Copy link, PNG and SVG under a canvas.
    fn tools(&self, parent: &Node, index: usize, spec: CanvasSpec, layers: Layers) {
        let status = RwSignal::new(None::<Text>);
        let shown_link = RwSignal::new(None::<String>);
        let row = child(parent, "div", "figure-tools");
        let id = spec.testid;
        let tool = |name: &str, label: Text, title: Text, press: Box<dyn Fn()>| {
            let button = child(&row, "button", "");
            attr(&button, "type", "button");
            attr(&button, "data-testid", &format!("{id}-{name}"));
            live_attr(&button, "title", Box::new(move || Some(tr(title).to_string())));
            live_text(&button, Box::new(move || tr(label).to_string()));
            on(&button, "click", Box::new(move |_| press()));
        };
        let runtime = self.clone();
        tool(
            "link",
            t::FIGURE_COPY_LINK,
            t::FIGURE_COPY_LINK_TITLE,
            Box::new(move || {
                let link = runtime.link();
                shown_link.set(Some(link.clone()));
                status.set(Some(t::FIGURE_LINK_TO_COPY));
                export::copy_text(&link, move |copied| {
                    if copied {
                        status.set(Some(t::FIGURE_LINK_COPIED));
                    }
                });
            }),
        );
        let ctx = self.ctx;
        let overlay = layers.overlay.clone();
        tool("png", t::FIGURE_PNG, t::FIGURE_PNG_TITLE, Box::new(move || export::download_png(&overlay, ctx.get_untracked().palette().background, spec.export_name)));
        let (ops, overlay) = (self.ops, layers.overlay);
        tool(
            "svg",
            t::FIGURE_SVG,
            t::FIGURE_SVG_TITLE,
            Box::new(move || {
                let context = ctx.get_untracked();
                if let Ok(svg) = ops.svg(index, (overlay.width().max(1), overlay.height().max(1)), &context) {
                    export::download_svg(&svg, spec.export_name);
                }
            }),
        );
        let message = child(&row, "span", "tool-status");
        attr(&message, "role", "status");
        live_text(&message, Box::new(move || status.get().map(|key| tr(key).to_string()).unwrap_or_default()));
        let field = child(&row, "input", "link-text");
        attr(&field, "type", "text");
        attr(&field, "readonly", "");
        attr(&field, "data-testid", &format!("{id}-link-text"));
        live_prop(&field, "value", Box::new(move || JsValue::from_str(&shown_link.get().unwrap_or_default())));
        for element in [&message, &field] {
            live_shown(element, Box::new(move || shown_link.with(Option::is_some)));
        }
        let select = field.clone();
        on(
            &field,
            "focus",
            Box::new(move |_| {
                if let Some(input) = select.dyn_ref::<web_sys::HtmlInputElement>() {
                    input.select();
                }
            }),
        );
    }
}
