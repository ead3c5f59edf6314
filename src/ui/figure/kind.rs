//! A figure with its types erased. The signals of every figure hold [`Erased`] values (shared,
//! comparable, of any type), and what only a figure's own types can do — build its data, draw, read
//! its URL, handle an event — is reached through [`Kind`], one small implementation per figure. The
//! reactive machinery and the runtime are then compiled once for all figures, which keeps the cost
//! of each new figure in the wasm to its own code.

use crate::figure::layout::CanvasSpec;
use crate::figure::{params_from, query_of, Edit, Figure, KeyInput, Pointer, Query, Response, View};
use crate::plot::backend::Backend;
use crate::plot::Ctx;
use plotters::coord::Shift;
use plotters::prelude::DrawingArea;
use std::any::Any;
use std::marker::PhantomData;
use std::sync::Arc;

/// A value that can be compared with another of unknown type.
trait Value: Any + Send + Sync {
    fn same(&self, other: &dyn Any) -> bool;
    fn as_any(&self) -> &dyn Any;
}

impl<T: PartialEq + Send + Sync + 'static> Value for T {
    fn same(&self, other: &dyn Any) -> bool {
        other.downcast_ref::<T>().is_some_and(|other| self == other)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// A figure's parameters, state, data or base key, shared (cloning is cheap) and comparable.
#[derive(Clone)]
pub struct Erased(Arc<dyn Value>);

impl Erased {
    pub fn new<T: PartialEq + Send + Sync + 'static>(value: T) -> Erased {
        Erased(Arc::new(value))
    }

    /// The value as its type. Every `Erased` of a figure is made by that figure's [`Kind`], so
    /// the type always matches; a mismatch is a bug in this module.
    pub(super) fn get<T: 'static>(&self) -> &T {
        match self.0.as_any().downcast_ref::<T>() {
            Some(value) => value,
            None => mismatch(),
        }
    }
}

/// The one panic of every [`Erased::get`] (out of line: each of its many instances only calls it).
#[cold]
#[inline(never)]
fn mismatch() -> ! {
    unreachable!("a figure value read as another type")
}

impl PartialEq for Erased {
    fn eq(&self, other: &Erased) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || self.0.same(other.0.as_any())
    }
}

/// Where a canvas's panels ended up, as the figure's base layer returned it.
pub type Frame = Arc<dyn Any + Send + Sync>;

/// A drawing area on the canvas or in an SVG document.
pub type Area<'a> = DrawingArea<Backend<'a>, Shift>;

/// What a figure's readouts and overlays read.
#[derive(Clone)]
pub struct Parts {
    pub params: Erased,
    pub state: Erased,
    pub data: Erased,
}

impl Parts {
    /// The figure's [`View`] of these parts.
    pub fn view<F: Figure>(&self) -> View<'_, F> {
        View { params: self.params.get(), state: self.state.get(), data: self.data.get() }
    }
}

/// An edit in progress: what it started from, and what it changed.
pub struct Edited {
    pub before: Parts,
    pub initial: Erased,
    pub params: Option<Erased>,
    pub state: Option<Erased>,
}

impl Edited {
    /// Runs `act` on copies of `F`'s parameters and state, and keeps those that changed.
    pub fn run<F: Figure, R>(&mut self, act: impl FnOnce(&mut Edit<'_, F>) -> R) -> R {
        let mut act = Some(act);
        let mut result = None;
        self.run_dyn::<F>(&mut |edit| {
            if let Some(act) = act.take() {
                result = Some(act(edit));
            }
        });
        match result {
            Some(result) => result,
            None => unreachable!("run_dyn calls its closure once"),
        }
    }

    /// The work of [`Edited::run`], compiled once per figure (not once per control).
    #[inline(never)]
    fn run_dyn<F: Figure>(&mut self, act: &mut dyn FnMut(&mut Edit<'_, F>)) {
        let mut params: F::Params = self.params.as_ref().unwrap_or(&self.before.params).get::<F::Params>().clone();
        let mut state: F::State = self.state.as_ref().unwrap_or(&self.before.state).get::<F::State>().clone();
        act(&mut Edit { params: &mut params, state: &mut state, data: self.before.data.get(), initial: self.initial.get() });
        if params != *self.before.params.get::<F::Params>() {
            self.params = Some(Erased::new(params));
        }
        if state != *self.before.state.get::<F::State>() {
            self.state = Some(Erased::new(state));
        }
    }
}

/// What only a figure's own types can do.
pub trait Kind: Send + Sync {
    fn key(&self) -> &'static str;
    fn canvases(&self) -> &'static [CanvasSpec];
    /// The parameters a page's query gives.
    fn read(&self, query: &Query) -> Erased;
    /// The parameters as the figure's URL part.
    fn query(&self, params: &Erased) -> String;
    fn initial_state(&self) -> Erased;
    fn build(&self, params: &Erased) -> Erased;
    fn base(&self, parts: &Parts) -> Erased;
    fn draw_base(&self, canvas: usize, area: &Area<'_>, ctx: &Ctx, base: &Erased) -> Result<Frame, String>;
    fn draw_overlay(&self, canvas: usize, area: &Area<'_>, ctx: &Ctx, parts: &Parts) -> Result<(), String>;
    fn pointer(&self, pointer: &Pointer, frame: Option<&Frame>, edit: &mut Edited) -> Response;
    fn key_input(&self, key: &KeyInput, edit: &mut Edited) -> Response;
    fn autoplay(&self) -> bool;
    /// One frame of the animation; whether there is more to do.
    fn step(&self, edit: &mut Edited) -> bool;
}

/// The [`Kind`] of figure `F`.
pub struct KindOf<F>(PhantomData<fn() -> F>);

impl<F: Figure> KindOf<F> {
    pub const KIND: &'static KindOf<F> = &KindOf(PhantomData);
}

impl<F: Figure> Kind for KindOf<F> {
    fn key(&self) -> &'static str {
        F::KEY
    }

    fn canvases(&self) -> &'static [CanvasSpec] {
        F::canvases()
    }

    fn read(&self, query: &Query) -> Erased {
        Erased::new(params_from::<F>(query))
    }

    fn query(&self, params: &Erased) -> String {
        query_of::<F>(params.get())
    }

    fn initial_state(&self) -> Erased {
        Erased::new(F::State::default())
    }

    fn build(&self, params: &Erased) -> Erased {
        Erased::new(F::build(params.get()))
    }

    fn base(&self, parts: &Parts) -> Erased {
        Erased::new(F::base(&parts.view::<F>()))
    }

    fn draw_base(&self, canvas: usize, area: &Area<'_>, ctx: &Ctx, base: &Erased) -> Result<Frame, String> {
        match F::draw_base(canvas, area, ctx, base.get()) {
            Ok(frame) => Ok(Arc::new(frame)),
            Err(error) => Err(error.to_string()),
        }
    }

    fn draw_overlay(&self, canvas: usize, area: &Area<'_>, ctx: &Ctx, parts: &Parts) -> Result<(), String> {
        F::draw_overlay(canvas, area, ctx, &parts.view::<F>()).map_err(|error| error.to_string())
    }

    fn pointer(&self, pointer: &Pointer, frame: Option<&Frame>, edit: &mut Edited) -> Response {
        let fallback = F::Frame::default();
        let frame = frame.and_then(|frame| frame.downcast_ref::<F::Frame>()).unwrap_or(&fallback);
        edit.run::<F, _>(|edit| F::pointer(pointer, frame, edit))
    }

    fn key_input(&self, key: &KeyInput, edit: &mut Edited) -> Response {
        edit.run::<F, _>(|edit| F::key(key, edit))
    }

    fn autoplay(&self) -> bool {
        F::AUTOPLAY
    }

    fn step(&self, edit: &mut Edited) -> bool {
        edit.run::<F, _>(F::step)
    }
}
