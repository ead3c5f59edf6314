//! The one generic view of a figure. [`figure_view`] is the only code instantiated per figure: it
//! makes the figure's signals (parameters, state, the data memo, the base key), wraps them in
//! [`FigureOps`] (an object-safe face of the figure) and turns its declared sections into plain
//! parts with closures. Everything else — canvases, effects, timing, export, rendering — is written
//! once, without generics ([`runtime`], [`render`]), which also keeps the wasm small.

pub mod render;
pub mod runtime;

use super::page::PageCtx;
use super::text::shown;
use super::timing;
use crate::figure::layout::{Item, Paragraph, Piece, Section, Style};
use crate::figure::{params_from, query_of, Edit, Figure, KeyInput, Pointer, PointerPhase, Query, Response, View};
use crate::formula::Formula;
use crate::i18n::{fill, text, Locale, Text};
use crate::plot::canvas::{redraw, redraw_over};
use crate::plot::{to_svg, Ctx, Series};
use leptos::prelude::*;
use std::sync::Arc;
use web_sys::HtmlCanvasElement;

/// A figure as the runtime sees it (object-safe, one implementation for every figure).
pub trait FigureOps: Send + Sync {
    fn key(&self) -> &'static str;
    /// The figure's URL part (tracked: the page's URL follows it).
    fn query(&self) -> String;
    /// A drag is in progress (tracked: the URL waits for its end).
    fn dragging(&self) -> bool;
    /// Takes the parameters a hand-edited URL gives, if they differ.
    fn follow(&self, query: &Query);
    /// Subscribes the calling effect to what the base layers depend on.
    fn track_base(&self);
    /// Draws canvas `canvas`'s base layer and keeps its frame.
    fn draw_base(&self, canvas: usize, element: &HtmlCanvasElement, ctx: &Ctx) -> Result<(), String>;
    /// Draws every overlay on its base layer's copy (subscribing the calling effect to the
    /// parameters, data and state): `layers` are (base, overlay) pairs.
    fn draw_overlays(&self, layers: &[(HtmlCanvasElement, HtmlCanvasElement)], ctx: &Ctx) -> Result<(), String>;
    /// When the last input that changed the figure arrived (taken: `None` next time).
    fn take_input_time(&self) -> Option<f64>;
    /// Canvas `canvas` as an SVG document: both layers, on the theme's background.
    fn svg(&self, canvas: usize, size: (u32, u32), ctx: &Ctx) -> Result<String, String>;
    fn pointer(&self, pointer: Pointer) -> Response;
    fn key_input(&self, key: &KeyInput) -> Response;
}

/// The signals of one figure.
struct Ops<F: Figure> {
    params: RwSignal<F::Params>,
    state: RwSignal<F::State>,
    data: Memo<F::Data>,
    base: Memo<F::Base>,
    frames: StoredValue<Vec<F::Frame>>,
    initial: StoredValue<F::Params>,
    dragging: RwSignal<bool>,
    input_at: StoredValue<Option<f64>>,
}

impl<F: Figure> Clone for Ops<F> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<F: Figure> Copy for Ops<F> {}

impl<F: Figure> Ops<F> {
    fn new(initial: F::Params) -> Ops<F> {
        let params = RwSignal::new(initial.clone());
        let data = Memo::new(move |_| params.with(F::build));
        let base = Memo::new(move |_| params.with(|p| data.with(|d| F::base(p, d))));
        Ops {
            params,
            state: RwSignal::new(F::State::default()),
            data,
            base,
            frames: StoredValue::new(vec![F::Frame::default(); F::canvases().len()]),
            initial: StoredValue::new(initial),
            dragging: RwSignal::new(false),
            input_at: StoredValue::new(None),
        }
    }

    /// Runs an edit on copies of the parameters and the state, and writes back what changed.
    fn edit<R>(&self, act: impl FnOnce(&mut Edit<'_, F>) -> R) -> R {
        let mut params = self.params.get_untracked();
        let mut state = self.state.get_untracked();
        let result = self.initial.with_value(|initial| {
            self.data.with_untracked(|data| act(&mut Edit { params: &mut params, state: &mut state, data, initial }))
        });
        let params_changed = self.params.with_untracked(|p| *p != params);
        let state_changed = self.state.with_untracked(|s| *s != state);
        if params_changed || state_changed {
            self.input_at.set_value(Some(timing::now_ms()));
        }
        if params_changed {
            self.params.set(params);
        }
        if state_changed {
            self.state.set(state);
        }
        result
    }

    fn with_view<R>(&self, read: impl FnOnce(&View<'_, F>) -> R) -> R {
        self.params.with(|params| self.state.with(|state| self.data.with(|data| read(&View { params, data, state }))))
    }
}

impl<F: Figure> FigureOps for Ops<F> {
    fn key(&self) -> &'static str {
        F::KEY
    }

    fn query(&self) -> String {
        self.params.with(query_of::<F>)
    }

    fn dragging(&self) -> bool {
        self.dragging.get()
    }

    fn follow(&self, query: &Query) {
        let wanted = params_from::<F>(query);
        if self.params.with_untracked(|p| *p != wanted) {
            self.params.set(wanted);
        }
    }

    fn track_base(&self) {
        self.base.track();
    }

    fn draw_base(&self, canvas: usize, element: &HtmlCanvasElement, ctx: &Ctx) -> Result<(), String> {
        let frame = self.base.with_untracked(|base| redraw(element, |root| F::draw_base(canvas, root, ctx, base)))?;
        self.frames.update_value(|frames| {
            if let Some(slot) = frames.get_mut(canvas) {
                *slot = frame;
            }
        });
        Ok(())
    }

    fn draw_overlays(&self, layers: &[(HtmlCanvasElement, HtmlCanvasElement)], ctx: &Ctx) -> Result<(), String> {
        self.with_view(|view| {
            layers
                .iter()
                .enumerate()
                .try_for_each(|(canvas, (base, overlay))| redraw_over(overlay, base, |root| F::draw_overlay(canvas, root, ctx, view)))
        })
    }

    fn take_input_time(&self) -> Option<f64> {
        let at = self.input_at.get_value();
        if at.is_some() {
            self.input_at.set_value(None);
        }
        at
    }

    fn svg(&self, canvas: usize, size: (u32, u32), ctx: &Ctx) -> Result<String, String> {
        to_svg(size, |root| {
            root.fill(&ctx.palette().background)?;
            self.base.with_untracked(|base| F::draw_base(canvas, root, ctx, base))?;
            self.params.with_untracked(|params| {
                self.state.with_untracked(|state| {
                    self.data.with_untracked(|data| F::draw_overlay(canvas, root, ctx, &View { params, data, state }))
                })
            })
        })
    }

    fn pointer(&self, pointer: Pointer) -> Response {
        let frame = self.frames.with_value(|frames| frames.get(pointer.canvas).cloned()).unwrap_or_default();
        let pointer = Pointer { dragging: self.dragging.get_untracked(), ..pointer };
        let response = self.edit(|edit| F::pointer(&pointer, &frame, edit));
        if response == Response::StartDrag {
            self.dragging.set(true);
        } else if pointer.phase == PointerPhase::Up && pointer.dragging {
            self.dragging.set(false);
        }
        response
    }

    fn key_input(&self, key: &KeyInput) -> Response {
        self.edit(|edit| F::key(key, edit))
    }
}

/// A read of the figure (tracked when called inside a reactive closure). Parts hold plain shared
/// closures, and the renderer (written once) wraps them in signals: the reactive machinery is then
/// compiled once for all figures, not once per figure.
pub type Read<T> = Arc<dyn Fn() -> T + Send + Sync>;
/// An edit of the figure.
pub type Write<T> = Arc<dyn Fn(T) + Send + Sync>;

/// A section with its items made plain.
pub struct SectionPart {
    pub class: &'static str,
    pub testid: Option<&'static str>,
    pub title: Option<Text>,
    pub controls: Vec<Part>,
    pub main: Vec<Part>,
}

/// One item, its getters and setters bound to the figure's signals.
pub enum Part {
    Paragraph { text: Read<Option<String>>, style: Style, testid: Option<&'static str> },
    List { title: Text, items: Vec<Text> },
    Slider { testid: &'static str, label: Text, scale: crate::figure::Scale, value: Read<f64>, set: Write<f64>, visible: Read<bool> },
    Toggles { legend: Text, options: Vec<crate::figure::Toggle>, checked: Arc<dyn Fn(usize) -> bool + Send + Sync>, set: Write<(usize, bool)> },
    Buttons(Vec<ButtonPart>),
    Legend(Vec<(Series, Text)>),
    Canvas(usize),
    Table(TablePart),
    Formulas { list: Read<Vec<Formula>>, values: Read<Vec<(&'static str, f64)>> },
}

pub struct ButtonPart {
    pub testid: &'static str,
    pub label: Text,
    pub press: Write<()>,
    pub enabled: Read<bool>,
}

pub struct TablePart {
    pub testid: Option<&'static str>,
    pub caption: Vec<CaptionPart>,
    pub columns: Vec<Text>,
    pub rows: Read<Vec<crate::figure::Row>>,
    pub hint: Option<Text>,
    pub visible: Read<bool>,
    pub otherwise: Option<Text>,
}

pub enum CaptionPart {
    Text(Text),
    Value { text: Read<Option<String>>, testid: &'static str, before: &'static str, after: &'static str },
}

/// The figure `F` with its parameters read from the page's URL: its sections, controls, canvases
/// and readouts, all live.
pub fn figure_view<F: Figure>(page: &PageCtx) -> AnyView {
    let ops = Ops::<F>::new(page.query.with_value(params_from::<F>));
    let shared: Arc<dyn FigureOps> = Arc::new(ops);
    page.register(shared.clone());
    let runtime = runtime::Runtime::new(F::KEY, F::canvases(), shared, page.path.get_value());
    runtime.install();
    let locale = page.locale;
    let sections: Vec<SectionPart> = F::sections().into_iter().map(|section| erase(ops, locale, section)).collect();
    render::figure(F::KEY, sections, runtime, page.heading_level)
}

fn erase<F: Figure>(ops: Ops<F>, locale: RwSignal<Locale>, section: Section<F>) -> SectionPart {
    let parts = |items: Vec<Item<F>>| items.into_iter().map(|item| erase_item(ops, locale, item)).collect();
    SectionPart { class: section.class, testid: section.testid, title: section.title, controls: parts(section.controls), main: parts(section.main) }
}

/// A view-dependent text: `key` in the page language with its placeholders filled.
fn filled<F: Figure>(ops: Ops<F>, locale: RwSignal<Locale>, paragraph: Paragraph<F>) -> Read<Option<String>> {
    Arc::new(move || {
        let language = locale.get();
        ops.with_view(|view| {
            if paragraph.when.is_some_and(|when| !when(view)) {
                return None;
            }
            let key = match paragraph.pick {
                Some(pick) => pick(view)?,
                None => paragraph.text?,
            };
            let template = text(language, key);
            Some(match paragraph.fill {
                Some(fill_values) => {
                    let values: Vec<(&str, String)> = fill_values(view).into_iter().map(|(name, value)| (name, shown(language, value))).collect();
                    let borrowed: Vec<(&str, &str)> = values.iter().map(|(name, value)| (*name, value.as_str())).collect();
                    fill(template, &borrowed)
                }
                None => template.to_string(),
            })
        })
    })
}

fn erase_item<F: Figure>(ops: Ops<F>, locale: RwSignal<Locale>, item: Item<F>) -> Part {
    match item {
        Item::Paragraph(paragraph) => {
            let (style, testid) = (paragraph.style, paragraph.testid);
            Part::Paragraph { text: filled(ops, locale, paragraph), style, testid }
        }
        Item::List { title, items } => Part::List { title, items },
        Item::Slider(slider) => {
            let (get, set, when) = (slider.get, slider.set, slider.when);
            Part::Slider {
                testid: slider.testid,
                label: slider.label,
                scale: slider.scale,
                value: Arc::new(move || ops.params.with(get)),
                set: Arc::new(move |value: f64| ops.edit(|edit| set(edit.params, value))),
                visible: Arc::new(move || when.is_none_or(|when| ops.params.with(when))),
            }
        }
        Item::Toggles(toggles) => {
            let (get, set) = (toggles.get, toggles.set);
            Part::Toggles {
                legend: toggles.legend,
                options: toggles.options,
                checked: Arc::new(move |i| ops.params.with(|p| get(p, i))),
                set: Arc::new(move |(i, on): (usize, bool)| ops.edit(|edit| set(edit.params, i, on))),
            }
        }
        Item::Buttons(buttons) => Part::Buttons(
            buttons
                .into_iter()
                .map(|button| {
                    let (act, enabled) = (button.act, button.enabled);
                    ButtonPart {
                        testid: button.testid,
                        label: button.label,
                        press: Arc::new(move |()| ops.edit(act)),
                        enabled: Arc::new(move || enabled.is_none_or(|enabled| ops.with_view(enabled))),
                    }
                })
                .collect(),
        ),
        Item::Legend(entries) => Part::Legend(entries),
        Item::Canvas(index) => Part::Canvas(index),
        Item::Table(table) => {
            let (rows, when) = (table.rows, table.when);
            let caption = table
                .caption
                .into_iter()
                .map(|piece| match piece {
                    Piece::Text(key) => CaptionPart::Text(key),
                    Piece::Value { get, testid, before, after } => CaptionPart::Value {
                        text: Arc::new(move || {
                            let language = locale.get();
                            ops.with_view(get).map(|value| shown(language, value))
                        }),
                        testid,
                        before,
                        after,
                    },
                })
                .collect();
            Part::Table(TablePart {
                testid: table.testid,
                caption,
                columns: table.columns,
                rows: Arc::new(move || ops.with_view(rows)),
                hint: table.hint,
                visible: Arc::new(move || when.is_none_or(|when| ops.with_view(when))),
                otherwise: table.otherwise,
            })
        }
        Item::Formulas(formulas) => {
            let (list, values) = (formulas.list, formulas.values);
            Part::Formulas { list: Arc::new(move || ops.params.with(list)), values: Arc::new(move || ops.params.with(values)) }
        }
    }
}
