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
use crate::plot::Ctx;
use crate::ui::export;
use crate::ui::settings::use_settings;
use crate::ui::text::t as tr;
use crate::ui::timing;
use leptos::html::Canvas;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;

/// The base and overlay canvases of one figure canvas, and their wrapper.
#[derive(Clone, Copy)]
pub struct Layers {
    pub base: NodeRef<Canvas>,
    pub overlay: NodeRef<Canvas>,
    pub wrapper: NodeRef<leptos::html::Div>,
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
            layers: specs.iter().map(|_| Layers { base: NodeRef::new(), overlay: NodeRef::new(), wrapper: NodeRef::new() }).collect(),
            size: RwSignal::new(0),
            base_version: RwSignal::new(0),
            error: RwSignal::new(None),
            on_screen: RwSignal::new(true),
            ctx,
            path,
        }
    }

    /// Creates the effects that keep the canvases drawn.
    pub fn install(&self) {
        self.observe_sizes();
        self.observe_visibility();
        super::player::install(self.ops, self.on_screen);
        for (index, layers) in self.layers.iter().copied().enumerate() {
            let (ops, ctx, size, base_version, error) = (self.ops, self.ctx, self.size, self.base_version, self.error);
            Effect::new(move |_| {
                let ctx = ctx.get();
                size.track();
                ops.track_base();
                let (Some(base), Some(overlay)) = (layers.base.get(), layers.overlay.get()) else {
                    return;
                };
                if fit_to_css_box(&base, &ctx.layout).is_none() || fit_to_css_box(&overlay, &ctx.layout).is_none() {
                    return;
                }
                if let Err(reason) = ops.draw_base(index, &base, &ctx) {
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
            let pairs: Vec<(HtmlCanvasElement, HtmlCanvasElement)> =
                layers.iter().filter_map(|l| Some((l.base.get_untracked()?, l.overlay.get_untracked()?))).collect();
            let started = timing::now_ms();
            let result = ops.draw_overlays(&pairs, &ctx);
            if pairs.len() < layers.len() || base_version.get_untracked() == 0 {
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

    /// Keeps an observer on every canvas wrapper as it mounts, and disconnects it when the figure goes.
    fn watch_wrappers(&self, watcher: Watcher) {
        let holder = StoredValue::new_local(Some(watcher));
        let wrappers: Vec<NodeRef<leptos::html::Div>> = self.layers.iter().map(|l| l.wrapper).collect();
        Effect::new(move |_| {
            for wrapper in &wrappers {
                if let Some(element) = wrapper.get() {
                    holder.with_value(|h| {
                        if let Some(watcher) = h {
                            (watcher.observe)(&element);
                        }
                    });
                }
            }
        });
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

    /// Canvas `index` with its pointer and key handling and its tools.
    pub fn canvas_view(&self, index: usize) -> AnyView {
        let Some((&spec, &layers)) = self.specs.get(index).zip(self.layers.get(index)) else {
            return ().into_any();
        };
        let (ops, ctx) = (self.ops, self.ctx);
        let device_position = move |ev: &web_sys::MouseEvent| {
            let scale = ctx.get_untracked().layout.scale;
            (f64::from(ev.offset_x()) * scale, f64::from(ev.offset_y()) * scale)
        };
        let send = move |phase: PointerPhase, ev: &web_sys::MouseEvent, primary: bool| {
            let pointer = Pointer { phase, canvas: index, at: device_position(ev), scale: ctx.get_untracked().layout.scale, primary, dragging: false };
            ops.pointer(pointer)
        };
        let on_down = move |ev: web_sys::PointerEvent| {
            let response = send(PointerPhase::Down, &ev, ev.button() == 0);
            if response != Response::Ignored {
                ev.prevent_default();
            }
            if response == Response::StartDrag {
                if let Some(canvas) = layers.overlay.get_untracked() {
                    let _ = canvas.set_pointer_capture(ev.pointer_id());
                }
            }
        };
        let on_move = move |ev: web_sys::PointerEvent| {
            let dragging = untrack(|| ops.dragging());
            if send(PointerPhase::Move, &ev, true) != Response::Ignored && dragging {
                ev.prevent_default();
            }
        };
        let on_up = move |ev: web_sys::PointerEvent| {
            if untrack(|| ops.dragging()) {
                send(PointerPhase::Up, &ev, true);
                if let Some(canvas) = layers.overlay.get_untracked() {
                    let _ = canvas.release_pointer_capture(ev.pointer_id());
                }
            }
        };
        let on_double = move |ev: web_sys::MouseEvent| {
            if send(PointerPhase::DoubleClick, &ev, true) != Response::Ignored {
                ev.prevent_default();
            }
        };
        let on_key = move |ev: web_sys::KeyboardEvent| {
            if ops.key_input(&KeyInput { key: ev.key(), shift: ev.shift_key() }) != Response::Ignored {
                ev.prevent_default();
            }
        };
        let class = format!("figure-canvas {}", spec.class);
        let overlay_class = if spec.interactive { "layer overlay interactive" } else { "layer overlay" };
        let interactive = spec.interactive;
        let canvas = if interactive {
            view! {
                <canvas node_ref=layers.overlay class=overlay_class data-testid=spec.testid
                    tabindex="0" role="img" aria-label=move || tr(spec.aria)
                    on:pointerdown=on_down on:pointermove=on_move on:pointerup=on_up on:pointercancel=on_up
                    on:lostpointercapture=on_up on:dblclick=on_double on:keydown=on_key></canvas>
            }
            .into_any()
        } else {
            view! { <canvas node_ref=layers.overlay class=overlay_class data-testid=spec.testid role="img" aria-label=move || tr(spec.aria)></canvas> }
                .into_any()
        };
        let error = self.error;
        view! {
            <div class=class data-testid=spec.wrapper_testid node_ref=layers.wrapper>
                <canvas node_ref=layers.base class="layer base" aria-hidden="true"></canvas>
                {canvas}
            </div>
            {self.tools(index, spec, layers)}
            <Show when=move || error.with(Option::is_some)>
                <p class="field-error" role="alert">
                    {move || fill(tr(t::FIGURE_ERROR), &[("reason", &fill(tr(t::FIGURE_DRAW_FAILED), &[("detail", &error.get().unwrap_or_default())]))])}
                </p>
            </Show>
        }
        .into_any()
    }

    /// Copy link, PNG and SVG under a canvas.
    fn tools(&self, index: usize, spec: CanvasSpec, layers: Layers) -> impl IntoView {
        let status = RwSignal::new(None::<Text>);
        let shown_link = RwSignal::new(None::<String>);
        let runtime = self.clone();
        let copy = move |_| {
            let link = runtime.link();
            shown_link.set(Some(link.clone()));
            status.set(Some(t::FIGURE_LINK_TO_COPY));
            export::copy_text(&link, move |copied| {
                if copied {
                    status.set(Some(t::FIGURE_LINK_COPIED));
                }
            });
        };
        let ctx = self.ctx;
        let png = move |_| {
            let (Some(base), Some(overlay)) = (layers.base.get_untracked(), layers.overlay.get_untracked()) else {
                return;
            };
            let _ = base;
            export::download_png(&overlay, ctx.get_untracked().palette().background, spec.export_name);
        };
        let ops = self.ops;
        let svg = move |_| {
            let Some(overlay) = layers.overlay.get_untracked() else {
                return;
            };
            let context = ctx.get_untracked();
            if let Ok(svg) = ops.svg(index, (overlay.width().max(1), overlay.height().max(1)), &context) {
                export::download_svg(&svg, spec.export_name);
            }
        };
        let id = spec.testid;
        view! {
            <div class="figure-tools">
                <button type="button" data-testid=format!("{id}-link") title=move || tr(t::FIGURE_COPY_LINK_TITLE) on:click=copy>
                    {move || tr(t::FIGURE_COPY_LINK)}
                </button>
                <button type="button" data-testid=format!("{id}-png") title=move || tr(t::FIGURE_PNG_TITLE) on:click=png>
                    {move || tr(t::FIGURE_PNG)}
                </button>
                <button type="button" data-testid=format!("{id}-svg") title=move || tr(t::FIGURE_SVG_TITLE) on:click=svg>
                    {move || tr(t::FIGURE_SVG)}
                </button>
                <Show when=move || shown_link.with(Option::is_some)>
                    <span class="tool-status" role="status">{move || status.get().map(tr).unwrap_or_default()}</span>
                    <input type="text" readonly class="link-text" data-testid=format!("{id}-link-text")
                        prop:value=move || shown_link.get().unwrap_or_default()
                        on:focus=|ev| {
                            if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                input.select();
                            }
                        }/>
                </Show>
            </div>
        }
    }
}
