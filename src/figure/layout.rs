//! What a figure shows around its canvases, declared as data: sections with a column of controls and
//! a column of canvases, readout tables and messages. The generic view renders them in the page
//! language and keeps them live; native tests read the same declarations (every readout of every
//! figure is checked for NaN under fuzzed URLs).
//!
//! Getters are plain `fn` pointers over the figure's [`View`]: a section holds no state and no maths
//! of its own, only which number of the figure goes where.

use super::{Edit, Figure, View};
use crate::formula::Formula;
use crate::i18n::Text;
use crate::plot::Series;

/// One `<section>` of a figure.
pub struct Section<F: Figure> {
    /// Extra CSS class (`lab`, `formulas`, …).
    pub class: &'static str,
    /// Its `data-testid`, if tests address it.
    pub testid: Option<&'static str>,
    /// Its heading.
    pub title: Option<Text>,
    /// The left column: controls, help, "try this".
    pub controls: Vec<Item<F>>,
    /// The main column: canvases, readouts, messages.
    pub main: Vec<Item<F>>,
}

impl<F: Figure> Section<F> {
    /// A section with a heading and nothing in it yet.
    pub fn new(title: Option<Text>) -> Section<F> {
        Section { class: "", testid: None, title, controls: Vec::new(), main: Vec::new() }
    }
}

/// One thing in a section.
pub enum Item<F: Figure> {
    Paragraph(Paragraph<F>),
    /// A titled list ("Try this").
    List { title: Text, items: Vec<Text> },
    Slider(Slider<F>),
    /// A slider per item of a list the parameters size (a logit per class).
    Sliders(SliderList<F>),
    Toggles(Toggles<F>),
    /// A checkbox per item of a list the parameters size (a target per class).
    Checks(CheckList<F>),
    /// One option out of several (a drop-down).
    Choice(Choice<F>),
    /// Play / Pause and Step of the figure's animation ([`super::Figure::step`]).
    Player,
    Buttons(Vec<Button<F>>),
    /// Colour keys above a canvas.
    Legend(Vec<(Series, Text)>),
    /// Canvas `n` of [`Figure::canvases`], with its export tools.
    Canvas(usize),
    Table(Table<F>),
    Formulas(Formulas<F>),
}

/// How a paragraph looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    /// Help under a control, smaller.
    Hint,
    /// A side note.
    Muted,
    /// A message about the figure's state (announced to screen readers).
    Status,
}

/// Picks a text from a figure's view.
pub type PickText<F> = fn(&View<'_, F>) -> Option<Text>;
/// The values of a text's placeholders, from a figure's view.
pub type FillValues<F> = fn(&View<'_, F>) -> Vec<(&'static str, Shown)>;

/// A paragraph: a fixed text or one the view picks, with `{placeholders}` filled from the view.
pub struct Paragraph<F: Figure> {
    pub text: Option<Text>,
    /// Picks the text from the view (`None`: the paragraph is not shown). Overrides `text`.
    pub pick: Option<PickText<F>>,
    pub style: Style,
    pub testid: Option<&'static str>,
    /// Values of the text's placeholders.
    pub fill: Option<FillValues<F>>,
    /// Shown only while this holds.
    pub when: Option<fn(&View<'_, F>) -> bool>,
}

impl<F: Figure> Paragraph<F> {
    /// A fixed paragraph.
    pub fn new(text: Text, style: Style) -> Paragraph<F> {
        Paragraph { text: Some(text), pick: None, style, testid: None, fill: None, when: None }
    }
}

/// A number, a dash, a text or an error, formatted by the view in the page language.
#[derive(Debug, Clone, PartialEq)]
pub enum Shown {
    /// A real number with this many significant digits (NaN shows as "—", ±∞ as "∞").
    Number(f64, usize),
    /// A whole number.
    Count(usize),
    /// Nothing to show: "—".
    Missing,
    /// A text of the locale files.
    Text(Text),
    /// An error of the loss core, as a sentence in the page language.
    Problem(crate::loss::LossError),
}

impl Shown {
    /// `Number(v, digits)`, or `Missing` for `None`.
    pub fn maybe(value: Option<f64>, digits: usize) -> Shown {
        value.map_or(Shown::Missing, |v| Shown::Number(v, digits))
    }
}

/// A slider with a number field, editing one parameter.
pub struct Slider<F: Figure> {
    /// Stem of its test ids: `{testid}-slider`, `{testid}-number`, `{testid}-error`.
    pub testid: &'static str,
    pub label: Text,
    pub scale: super::Scale,
    pub get: fn(&F::Params) -> f64,
    pub set: fn(&mut F::Params, f64),
    /// Shown only while this holds.
    pub when: Option<fn(&F::Params) -> bool>,
}

/// A slider per item of a list whose length the parameters decide.
pub struct SliderList<F: Figure> {
    /// Stem of the test ids: item `i` (from 0) has `{testid}-{i}-slider`, `{testid}-{i}-number`.
    pub testid: &'static str,
    /// Each slider's label: `{n}` is the item's number from 1, `{sub}` the same as subscript digits.
    pub label: Text,
    pub scale: super::Scale,
    pub count: fn(&F::Params) -> usize,
    pub get: fn(&F::Params, usize) -> f64,
    pub set: fn(&mut F::Params, usize, f64),
}

/// A checkbox per item of a list whose length the parameters decide.
pub struct CheckList<F: Figure> {
    /// Item `i` (from 0) has the test id `{testid}-{i}`.
    pub testid: &'static str,
    pub legend: Text,
    /// Each checkbox's label (`{n}`, `{sub}` as for [`SliderList`]).
    pub label: Text,
    pub count: fn(&F::Params) -> usize,
    pub get: fn(&F::Params, usize) -> bool,
    pub set: fn(&mut F::Params, usize, bool),
}

/// One option out of several.
pub struct Choice<F: Figure> {
    pub testid: &'static str,
    pub label: Text,
    pub options: Options<F>,
    pub get: fn(&F::Params) -> usize,
    pub set: fn(&mut F::Params, usize),
}

/// The options of a [`Choice`].
pub enum Options<F: Figure> {
    /// These texts.
    Fixed(Vec<Text>),
    /// `count` options labelled by one text (`{n}`, `{sub}` as for [`SliderList`]).
    Numbered { label: Text, count: fn(&F::Params) -> usize },
}

/// A group of checkboxes (each doubling as a legend entry when it has a series).
pub struct Toggles<F: Figure> {
    pub legend: Text,
    pub options: Vec<Toggle>,
    pub get: fn(&F::Params, usize) -> bool,
    pub set: fn(&mut F::Params, usize, bool),
}

/// One checkbox.
pub struct Toggle {
    pub testid: &'static str,
    pub label: Text,
    pub series: Option<Series>,
}

/// A button that edits the figure.
pub struct Button<F: Figure> {
    pub testid: &'static str,
    pub label: Text,
    pub act: fn(&mut Edit<'_, F>),
    /// Disabled unless this holds.
    pub enabled: Option<fn(&View<'_, F>) -> bool>,
}

/// A readout table. Rows are keyed: when numbers change, only their text is rewritten.
pub struct Table<F: Figure> {
    pub testid: Option<&'static str>,
    /// The heading line above the table.
    pub caption: Vec<Piece<F>>,
    /// Column headings (empty: no header row). The first heads the row labels.
    pub columns: Vec<Text>,
    pub rows: fn(&View<'_, F>) -> Vec<Row>,
    /// Help under the table.
    pub hint: Option<Text>,
    /// The table is shown only while this holds; otherwise `otherwise` is.
    pub when: Option<fn(&View<'_, F>) -> bool>,
    pub otherwise: Option<Text>,
}

/// Part of a heading line: a text, or a live value with its test id (shown with `before` and
/// `after` when there is a value).
pub enum Piece<F: Figure> {
    Text(Text),
    Value { get: fn(&View<'_, F>) -> Option<Shown>, testid: &'static str, before: &'static str, after: &'static str },
}

/// One table row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Stable across updates (the row's identity).
    pub key: u32,
    pub label: Label,
    pub series: Option<Series>,
    pub cells: Vec<Cell>,
}

/// A row's label.
#[derive(Debug, Clone, PartialEq)]
pub enum Label {
    Text(Text),
    /// Not translated: a name or symbol.
    Literal(String),
}

/// One cell: its value and its test id.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub testid: String,
    pub value: Shown,
}

/// A list of live formulas.
pub struct Formulas<F: Figure> {
    /// The formulas shown for these parameters.
    pub list: fn(&F::Params) -> Vec<Formula>,
    /// Their parameter values (names as in their LaTeX placeholders).
    pub values: fn(&F::Params) -> Vec<(&'static str, f64)>,
}

/// One canvas of a figure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CanvasSpec {
    /// The overlay canvas's `data-testid` (the one that takes the pointer).
    pub testid: &'static str,
    /// The wrapper's `data-testid`.
    pub wrapper_testid: &'static str,
    /// Extra CSS class of the wrapper (its height: `tall`, `small`, `bars`).
    pub class: &'static str,
    /// What a screen reader says it shows.
    pub aria: Text,
    /// Takes pointer and key events (and the focus).
    pub interactive: bool,
    /// The file name of its exports (without extension).
    pub export_name: &'static str,
}
