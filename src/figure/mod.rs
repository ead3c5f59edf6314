//! One way to build a figure. A figure is one type implementing [`Figure`] in its chapter's folder,
//! plus its texts and formulas there. This module is plain Rust — no Leptos, no web-sys — so every
//! figure is built, drawn (to SVG), fuzzed and hit-tested natively. The browser side
//! (`crate::ui::figure`) gives every figure, once: layered canvases, pixel ratio and resize, pointer
//! capture and keyboard focus, timing, error display, copy link / PNG / SVG, themes, language and
//! URL state.
//!
//! A figure states:
//! * its **key** — the prefix of its URL parameters (`curves.delta=0.5`), its timing name;
//! * its **parameters** (in the URL) with their codec ([`UrlState`]: reading never fails, it clamps),
//!   and its **state** (not in the URL: the pointer, the selection);
//! * its **data**, built from the parameters with `crate::loss` (memoised: rebuilt only when the
//!   parameters change);
//! * its **canvases**: for each, a base layer (axes, grid, labels; redrawn only when [`Figure::Base`]
//!   changes) and an overlay (everything that moves), both generic over plotters' `DrawingBackend`;
//!   the base returns the [`Figure::Frame`] used to map pointer positions back to data;
//! * its **sections**: the controls, readouts, messages and formulas around the canvases,
//!   declared as data ([`layout`]) and rendered by the generic view;
//! * its **interaction**: pointer and key events, turned into edits of parameters and state.

pub mod input;
pub mod layout;
pub mod page;
pub mod points;
pub mod query;
pub mod shared;

pub use input::{KeyInput, Pointer, PointerPhase, Response};
pub use layout::{
    Button, CanvasSpec, Cell, CheckList, Choice, Formulas, Item, Label, Options, Paragraph, Piece, Row, Section, Shown, Slider, SliderList, Style,
    Table, Toggle, Toggles,
};
pub use page::{Chapter, PageBuilder};
pub use query::{FigureQuery, Query, QueryWriter, Scale, UrlState};

use crate::plot::panel::DrawResult;
use crate::plot::Ctx;
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};

/// What the readouts, sections and the overlay of a figure read: its parameters, the data built
/// from them, and its state.
pub struct View<'a, F: Figure> {
    pub params: &'a F::Params,
    pub data: &'a F::Data,
    pub state: &'a F::State,
}

/// What an event may change: the parameters and the state (the data is that of the parameters
/// before the event; `initial` are the parameters the page opened with, for "Reset").
pub struct Edit<'a, F: Figure> {
    pub params: &'a mut F::Params,
    pub state: &'a mut F::State,
    pub data: &'a F::Data,
    pub initial: &'a F::Params,
}

/// A figure: see the module documentation.
pub trait Figure: Sized + 'static {
    /// The prefix of its URL parameters, its timing name, the stem of its test ids.
    const KEY: &'static str;
    /// URL keys of links made before keys had prefixes, as (old key, parameter name): read when
    /// the prefixed key is absent, so old links open the same figure.
    const LEGACY_KEYS: &'static [(&'static str, &'static str)] = &[];

    /// Everything a link reproduces, with its URL codec ([`UrlState::read`] never fails: it clamps).
    type Params: UrlState + Clone + PartialEq + Default + std::fmt::Debug + Send + Sync + 'static;
    /// What a link does not carry: the pointer, the selection, a drag.
    type State: Clone + PartialEq + Default + std::fmt::Debug + Send + Sync + 'static;
    /// What the parameters give, computed with `crate::loss`.
    type Data: PartialEq + Send + Sync + 'static;
    /// Where a canvas's panels ended up (pixel ↔ data maps), from its base layer.
    type Frame: Clone + Default + Send + Sync + 'static;
    /// What the base layers depend on besides size, theme and language (axis ranges, counts).
    type Base: Clone + PartialEq + Send + Sync + 'static;

    /// The data of a set of parameters.
    fn build(params: &Self::Params) -> Self::Data;

    /// What the base layers depend on (of the parameters and data mostly; of the state where it moves
    /// what a base layer shows, e.g. points training moved). Compared after every change: the base
    /// layers are redrawn only when it differs.
    fn base(view: &View<'_, Self>) -> Self::Base;

    /// The canvases, in the order [`layout::Item::Canvas`] names them.
    fn canvases() -> &'static [CanvasSpec];

    /// Canvas `canvas`'s base layer: axes, grid, labels.
    fn draw_base<DB: DrawingBackend>(canvas: usize, area: &DrawingArea<DB, Shift>, ctx: &Ctx, base: &Self::Base) -> DrawResult<Self::Frame, DB>;

    /// Canvas `canvas`'s overlay: what moves.
    fn draw_overlay<DB: DrawingBackend>(canvas: usize, area: &DrawingArea<DB, Shift>, ctx: &Ctx, view: &View<'_, Self>) -> DrawResult<(), DB>;

    /// Everything around the canvases, section by section.
    fn sections() -> Vec<Section<Self>>;

    /// A pointer event on canvas `pointer.canvas`, whose base layer returned `frame`.
    fn pointer(_pointer: &Pointer, _frame: &Self::Frame, _edit: &mut Edit<'_, Self>) -> Response {
        Response::Ignored
    }

    /// A key pressed while one of its canvases has the focus.
    fn key(_key: &KeyInput, _edit: &mut Edit<'_, Self>) -> Response {
        Response::Ignored
    }

    /// Starts playing by itself once it is on screen (never when the reader prefers reduced motion).
    const AUTOPLAY: bool = false;

    /// One frame of the figure's animation (training, fitting), if it has one ([`layout::Item::Player`]
    /// gives it Play / Pause and Step): called once per animation frame while it plays, and by Step.
    /// Returns whether there is more to do (false: the player pauses).
    fn step(_edit: &mut Edit<'_, Self>) -> bool {
        false
    }
}

/// The query part of `F`'s parameters (`curves.delta=0.5&…`).
pub fn query_of<F: Figure>(params: &F::Params) -> String {
    let mut out = String::new();
    params.write(&mut QueryWriter::new(F::KEY, &mut out));
    out
}

/// `F`'s parameters from a page's query.
pub fn params_from<F: Figure>(query: &Query) -> F::Params {
    F::Params::read(&query.figure(F::KEY, F::LEGACY_KEYS))
}
