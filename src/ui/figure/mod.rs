//! The one generic view of a figure. [`figure_view`] makes the figure's signals (parameters, state,
//! the data memo, the base key — all holding type-erased values, see [`kind`]) as one [`Ops`], and
//! turns its declared sections into plain parts with closures. Everything else — canvases, effects,
//! timing, export, rendering — is written once, without generics ([`runtime`], [`render`]): a new
//! figure adds to the wasm its own code and little more.

pub mod kind;
pub mod player;
pub mod render;
pub mod runtime;

use super::page::PageCtx;
use super::settings::use_settings;
use super::text::shown;
use super::timing;
use crate::figure::layout::{Item, Options, Paragraph, Piece, Section, Shown, Style};
use crate::figure::{Figure, KeyInput, Pointer, PointerPhase, Query, Response, View};
use crate::formula::Formula;
use crate::i18n::{fill, text, Locale, Text};
use crate::plot::canvas::{redraw, redraw_over};
use crate::plot::{to_svg, Ctx, Series};
use kind::{Edited, Erased, Frame, Kind, KindOf, Parts};
use leptos::prelude::*;
use std::sync::Arc;
use web_sys::HtmlCanvasElement;

/// One figure's signals and its [`Kind`]: the only face of a figure the runtime and the page see.
/// Not generic, so the reactive machinery is compiled once for every figure.
#[derive(Clone, Copy)]
pub struct Ops {
    kind: &'static dyn Kind,
    params: RwSignal<Erased>,
    state: RwSignal<Erased>,
    data: Memo<Erased>,
    base: Memo<Erased>,
    frames: StoredValue<Vec<Option<Frame>>>,
    initial: StoredValue<Erased>,
    dragging: RwSignal<bool>,
    input_at: StoredValue<Option<f64>>,
    /// Its animation plays.
    pub playing: RwSignal<bool>,
}

impl Ops {
    fn new(kind: &'static dyn Kind, query: &Query, autoplay: bool) -> Ops {
        let initial = kind.read(query);
        let params = RwSignal::new(initial.clone());
        let data = Memo::new(move |_| kind.build(&params.get()));
        let state = RwSignal::new(kind.initial_state());
        let base = Memo::new(move |_| kind.base(&Parts { params: params.get(), state: state.get(), data: data.get() }));
        Ops {
            kind,
            params,
            state,
            data,
            base,
            frames: StoredValue::new(vec![None; kind.canvases().len()]),
            initial: StoredValue::new(initial),
            dragging: RwSignal::new(false),
            input_at: StoredValue::new(None),
            playing: RwSignal::new(autoplay),
        }
    }

    pub fn key(&self) -> &'static str {
        self.kind.key()
    }

    /// The figure's parameters, state and data (tracked).
    fn parts(&self) -> Parts {
        Parts { params: self.params.get(), state: self.state.get(), data: self.data.get() }
    }

    fn parts_untracked(&self) -> Parts {
        Parts { params: self.params.get_untracked(), state: self.state.get_untracked(), data: self.data.get_untracked() }
    }

    /// Runs an edit and writes back what it changed.
    fn edit(&self, act: &mut dyn FnMut(&mut Edited)) {
        let mut edited = Edited { before: self.parts_untracked(), initial: self.initial.get_value(), params: None, state: None };
        act(&mut edited);
        if edited.params.is_some() || edited.state.is_some() {
            self.input_at.set_value(Some(timing::now_ms()));
        }
        if let Some(params) = edited.params {
            self.params.set(params);
        }
        if let Some(state) = edited.state {
            self.state.set(state);
        }
    }

    /// The figure's URL part (tracked: the page's URL follows it).
    pub fn query(&self) -> String {
        self.kind.query(&self.params.get())
    }

    /// A drag is in progress (tracked: the URL waits for its end).
    pub fn dragging(&self) -> bool {
        self.dragging.get()
    }

    /// Takes the parameters a hand-edited URL gives, if they differ.
    pub fn follow(&self, query: &Query) {
        let wanted = self.kind.read(query);
        if self.params.with_untracked(|params| *params != wanted) {
            self.params.set(wanted);
        }
    }

    /// Subscribes the calling effect to what the base layers depend on.
    pub fn track_base(&self) {
        self.base.track();
    }

    /// Draws canvas `canvas`'s base layer and keeps its frame.
    pub fn draw_base(&self, canvas: usize, element: &HtmlCanvasElement, ctx: &Ctx) -> Result<(), String> {
        let base = self.base.get_untracked();
        let frame = redraw(element, |root| self.kind.draw_base(canvas, root, ctx, &base))?;
        self.frames.update_value(|frames| {
            if let Some(slot) = frames.get_mut(canvas) {
                *slot = Some(frame);
            }
        });
        Ok(())
    }

    /// Draws every overlay on its base layer's copy (subscribing the calling effect to the
    /// parameters, data and state): `layers` are (base, overlay) pairs.
    pub fn draw_overlays(&self, layers: &[(HtmlCanvasElement, HtmlCanvasElement)], ctx: &Ctx) -> Result<(), String> {
        let parts = self.parts();
        layers.iter().enumerate().try_for_each(|(canvas, (base, overlay))| redraw_over(overlay, base, |root| self.kind.draw_overlay(canvas, root, ctx, &parts)))
    }

    /// When the last input that changed the figure arrived (taken: `None` next time).
    pub fn take_input_time(&self) -> Option<f64> {
        let at = self.input_at.get_value();
        if at.is_some() {
            self.input_at.set_value(None);
        }
        at
    }

    /// Canvas `canvas` as an SVG document: both layers, on the theme's background.
    pub fn svg(&self, canvas: usize, size: (u32, u32), ctx: &Ctx) -> Result<String, String> {
        let (base, parts) = (self.base.get_untracked(), self.parts_untracked());
        to_svg(size, |root| {
            root.fill(&ctx.palette().background).map_err(|error| error.to_string())?;
            self.kind.draw_base(canvas, root, ctx, &base)?;
            self.kind.draw_overlay(canvas, root, ctx, &parts)
        })
    }

    pub fn pointer(&self, pointer: Pointer) -> Response {
        let frame = self.frames.with_value(|frames| frames.get(pointer.canvas).cloned().flatten());
        let pointer = Pointer { dragging: self.dragging.get_untracked(), ..pointer };
        let mut response = Response::Ignored;
        self.edit(&mut |edited| response = self.kind.pointer(&pointer, frame.as_ref(), edited));
        if response == Response::StartDrag {
            self.dragging.set(true);
        } else if pointer.phase == PointerPhase::Up && pointer.dragging {
            self.dragging.set(false);
        }
        response
    }

    pub fn key_input(&self, key: &KeyInput) -> Response {
        let mut response = Response::Ignored;
        self.edit(&mut |edited| response = self.kind.key_input(key, edited));
        response
    }

    /// One frame of the figure's animation; whether there is more to do.
    pub fn step(&self) -> bool {
        let mut more = false;
        self.edit(&mut |edited| more = self.kind.step(edited));
        more
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
    /// A slider per item: `value(i)`, `set((i, v))`.
    Sliders { testid: &'static str, label: Text, scale: crate::figure::Scale, count: Read<usize>, value: Arc<dyn Fn(usize) -> f64 + Send + Sync>, set: Write<(usize, f64)> },
    /// A checkbox per item.
    Checks { testid: &'static str, legend: Text, label: Text, count: Read<usize>, checked: Arc<dyn Fn(usize) -> bool + Send + Sync>, set: Write<(usize, bool)> },
    /// A drop-down: its options (a text, and the number its `{n}` shows), the chosen one.
    Choice { testid: &'static str, label: Text, options: Read<Vec<(Text, usize)>>, chosen: Read<usize>, set: Write<usize> },
    /// Play / Pause and Step.
    Player { key: &'static str, playing: RwSignal<bool>, step: Write<()> },
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
    let kind: &'static dyn Kind = KindOf::<F>::KIND;
    let still = use_settings().is_some_and(|settings| settings.reduced_motion.get_untracked());
    let ops = page.query.with_value(|query| Ops::new(kind, query, kind.autoplay() && !still));
    page.register(ops);
    let sections: Vec<SectionPart> = F::sections().into_iter().map(|section| erase(ops, page.locale, section)).collect();
    let runtime = runtime::Runtime::new(kind.key(), kind.canvases(), ops, page.path.get_value());
    runtime.install();
    render::figure(kind.key(), sections, runtime, page.heading_level)
}

fn erase<F: Figure>(ops: Ops, locale: RwSignal<Locale>, section: Section<F>) -> SectionPart {
    let parts = |items: Vec<Item<F>>| items.into_iter().map(|item| erase_item(ops, locale, item)).collect();
    SectionPart { class: section.class, testid: section.testid, title: section.title, controls: parts(section.controls), main: parts(section.main) }
}

/// A getter over the figure's view (tracks its parameters, state and data).
fn on_view<F: Figure, T: 'static>(ops: Ops, get: fn(&View<'_, F>) -> T) -> Read<T> {
    Arc::new(move || get(&ops.parts().view::<F>()))
}

/// A getter over the figure's parameters (tracks only them).
fn on_params<F: Figure, T: 'static>(ops: Ops, get: fn(&F::Params) -> T) -> Read<T> {
    Arc::new(move || get(ops.params.get().get::<F::Params>()))
}

/// An edit of the figure's parameters.
fn set_params<F: Figure, T: Copy + 'static>(ops: Ops, set: fn(&mut F::Params, T)) -> Write<T> {
    Arc::new(move |value: T| ops.edit(&mut |edited| edited.run::<F, _>(|edit| set(edit.params, value))))
}

/// What a paragraph says in this view: its text key and values, or nothing.
type Said = Option<(Text, Vec<(&'static str, Shown)>)>;

fn said<F: Figure>(ops: Ops, paragraph: Paragraph<F>) -> Read<Said> {
    Arc::new(move || {
        let parts = ops.parts();
        let view = parts.view::<F>();
        if paragraph.when.is_some_and(|when| !when(&view)) {
            return None;
        }
        let key = match paragraph.pick {
            Some(pick) => pick(&view)?,
            None => paragraph.text?,
        };
        Some((key, paragraph.fill.map(|fill_values| fill_values(&view)).unwrap_or_default()))
    })
}

/// A paragraph in the page language, its placeholders filled.
fn filled(locale: RwSignal<Locale>, said: Read<Said>) -> Read<Option<String>> {
    Arc::new(move || {
        let language = locale.get();
        let (key, values) = said()?;
        let values: Vec<(&str, String)> = values.into_iter().map(|(name, value)| (name, shown(language, value))).collect();
        let borrowed: Vec<(&str, &str)> = values.iter().map(|(name, value)| (*name, value.as_str())).collect();
        Some(fill(text(language, key), &borrowed))
    })
}

fn erase_item<F: Figure>(ops: Ops, locale: RwSignal<Locale>, item: Item<F>) -> Part {
    match item {
        Item::Paragraph(paragraph) => {
            let (style, testid) = (paragraph.style, paragraph.testid);
            Part::Paragraph { text: filled(locale, said(ops, paragraph)), style, testid }
        }
        Item::List { title, items } => Part::List { title, items },
        Item::Slider(slider) => Part::Slider {
            testid: slider.testid,
            label: slider.label,
            scale: slider.scale,
            value: on_params::<F, _>(ops, slider.get),
            set: set_params::<F, _>(ops, slider.set),
            visible: match slider.when {
                Some(when) => on_params::<F, _>(ops, when),
                None => Arc::new(|| true),
            },
        },
        Item::Toggles(toggles) => {
            let (get, set) = (toggles.get, toggles.set);
            Part::Toggles {
                legend: toggles.legend,
                options: toggles.options,
                checked: Arc::new(move |i| get(ops.params.get().get::<F::Params>(), i)),
                set: Arc::new(move |(i, on): (usize, bool)| ops.edit(&mut |edited| edited.run::<F, _>(|edit| set(edit.params, i, on)))),
            }
        }
        Item::Sliders(list) => {
            let (get, set) = (list.get, list.set);
            Part::Sliders {
                testid: list.testid,
                label: list.label,
                scale: list.scale,
                count: on_params::<F, _>(ops, list.count),
                value: Arc::new(move |i| get(ops.params.get().get::<F::Params>(), i)),
                set: Arc::new(move |(i, value): (usize, f64)| ops.edit(&mut |edited| edited.run::<F, _>(|edit| set(edit.params, i, value)))),
            }
        }
        Item::Checks(list) => {
            let (get, set) = (list.get, list.set);
            Part::Checks {
                testid: list.testid,
                legend: list.legend,
                label: list.label,
                count: on_params::<F, _>(ops, list.count),
                checked: Arc::new(move |i| get(ops.params.get().get::<F::Params>(), i)),
                set: Arc::new(move |(i, on): (usize, bool)| ops.edit(&mut |edited| edited.run::<F, _>(|edit| set(edit.params, i, on)))),
            }
        }
        Item::Choice(choice) => Part::Choice {
            testid: choice.testid,
            label: choice.label,
            options: match choice.options {
                Options::Fixed(texts) => {
                    let options: Vec<(Text, usize)> = texts.into_iter().enumerate().map(|(i, text)| (text, i + 1)).collect();
                    Arc::new(move || options.clone())
                }
                Options::Numbered { label, count } => {
                    let count = on_params::<F, _>(ops, count);
                    Arc::new(move || (1..=count()).map(|n| (label, n)).collect())
                }
            },
            chosen: on_params::<F, _>(ops, choice.get),
            set: set_params::<F, _>(ops, choice.set),
        },
        Item::Player => Part::Player {
            key: F::KEY,
            playing: ops.playing,
            step: Arc::new(move |()| {
                ops.playing.set(false);
                ops.step();
            }),
        },
        Item::Buttons(buttons) => Part::Buttons(
            buttons
                .into_iter()
                .map(|button| {
                    let act = button.act;
                    ButtonPart {
                        testid: button.testid,
                        label: button.label,
                        press: Arc::new(move |()| ops.edit(&mut |edited| edited.run::<F, _>(act))),
                        enabled: match button.enabled {
                            Some(enabled) => on_view(ops, enabled),
                            None => Arc::new(|| true),
                        },
                    }
                })
                .collect(),
        ),
        Item::Legend(entries) => Part::Legend(entries),
        Item::Canvas(index) => Part::Canvas(index),
        Item::Table(table) => {
            let caption = table
                .caption
                .into_iter()
                .map(|piece| match piece {
                    Piece::Text(key) => CaptionPart::Text(key),
                    Piece::Value { get, testid, before, after } => {
                        let value = on_view(ops, get);
                        CaptionPart::Value {
                            text: Arc::new(move || {
                                let language = locale.get();
                                value().map(|value| shown(language, value))
                            }),
                            testid,
                            before,
                            after,
                        }
                    }
                })
                .collect();
            Part::Table(TablePart {
                testid: table.testid,
                caption,
                columns: table.columns,
                rows: on_view(ops, table.rows),
                hint: table.hint,
                visible: match table.when {
                    Some(when) => on_view(ops, when),
                    None => Arc::new(|| true),
                },
                otherwise: table.otherwise,
            })
        }
        Item::Formulas(formulas) => Part::Formulas { list: on_params::<F, _>(ops, formulas.list), values: on_params::<F, _>(ops, formulas.values) },
    }
}
