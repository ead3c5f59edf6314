//! The classifier lab: two classes of draggable points and a linear classifier trained live by
//! gradient descent under the loss you choose (Play / Pause / Step / Reset), with the decision line,
//! the margin lines, each point's loss as a bar and the points whose gradient is exactly zero ringed.

pub mod data;
pub mod draw;
pub mod params;

pub use data::{build, point_reading, summary, ClassifierData, PointReading, Summary, Training, INITIAL};
pub use params::{Class, ClassifierParams, LabeledPoint, LossChoice, Preset};

use super::{formulas, texts};
use crate::figure::input::KeyInput;
use crate::figure::layout::{Button, CanvasSpec, Cell, Choice, Formulas, Item, Label, Options, Paragraph, Piece, Row, Section, Shown, Slider, Style, Table};
use crate::figure::points::{self, PointList};
use crate::figure::query::Scale;
use crate::figure::{Edit, Figure, Pointer, Response, View};
use crate::formula::Formula;
use crate::i18n::{texts::site, Text};
use crate::plot::panel::DrawResult;
use crate::plot::{Ctx, Frame2};
use plotters::coord::Shift;
use plotters::prelude::*;

fn loss_name(choice: LossChoice) -> Text {
    match choice {
        LossChoice::Logistic => texts::CLASSIFIER_LOSS_LOGISTIC,
        LossChoice::Hinge => texts::CLASSIFIER_LOSS_HINGE,
        LossChoice::SquaredHinge => texts::CLASSIFIER_LOSS_SQHINGE,
        LossChoice::Focal => texts::CLASSIFIER_LOSS_FOCAL,
        LossChoice::Squares => texts::CLASSIFIER_LOSS_SQUARES,
    }
}

fn loss_formula(choice: LossChoice) -> Formula {
    match choice {
        LossChoice::Logistic => formulas::LOGISTIC,
        LossChoice::Hinge => formulas::HINGE,
        LossChoice::SquaredHinge => formulas::SQHINGE,
        LossChoice::Focal => formulas::FOCAL,
        LossChoice::Squares => formulas::SQUARES,
    }
}

fn preset(edit: &mut Edit<'_, Classifier>, preset: Preset) {
    edit.state.selection = Default::default();
    let ClassifierParams { loss, rate, new_class, .. } = *edit.params;
    *edit.params = ClassifierParams { loss, rate, new_class, ..ClassifierParams::with_preset(preset) };
}

fn flip_selected(edit: &mut Edit<'_, Classifier>) {
    if let Some(point) = edit.state.selection.selected.and_then(|i| edit.params.points.get_mut(i)) {
        point.class = point.class.other();
    }
}

fn selected_reading(view: &View<'_, Classifier>) -> Option<PointReading> {
    view.state.selection.selected.and_then(|i| point_reading(view.data, &view.state.model, i))
}

fn summary_of(view: &View<'_, Classifier>) -> Option<Summary> {
    summary(view.data, &view.state.model).ok()
}

/// A row of the "classifier now" table.
fn row(key: u32, label: Text, testid: &str, value: Shown) -> Row {
    Row { key, label: Label::Text(label), series: None, cells: vec![Cell { testid: format!("classify-{testid}"), value }] }
}

/// The figure.
pub struct Classifier;

impl Figure for Classifier {
    const KEY: &'static str = "classify";
    type Params = ClassifierParams;
    type State = Training;
    type Data = ClassifierData;
    type Frame = Frame2;
    type Base = ();

    fn build(params: &ClassifierParams) -> ClassifierData {
        build(params)
    }

    /// Neither canvas's axes depend on the parameters (the bars' x axis has no ticks).
    fn base(_: &View<'_, Self>) {}

    fn canvases() -> &'static [CanvasSpec] {
        &[
            CanvasSpec {
                testid: "classify-canvas",
                wrapper_testid: "classify-figure",
                class: "lab-canvas",
                aria: texts::CLASSIFIER_ARIA,
                interactive: true,
                export_name: "classifier-lab",
            },
            CanvasSpec {
                testid: "classify-bars-canvas",
                wrapper_testid: "classify-bars",
                class: "bars-canvas",
                aria: texts::CLASSIFIER_BARS_ARIA,
                interactive: false,
                export_name: "classifier-lab-losses",
            },
        ]
    }

    fn draw_base<DB: DrawingBackend>(canvas: usize, area: &DrawingArea<DB, Shift>, ctx: &Ctx, _: &()) -> DrawResult<Frame2, DB> {
        match canvas {
            0 => draw::draw_points_base(area, ctx),
            _ => draw::draw_bars_base(area, ctx),
        }
    }

    fn draw_overlay<DB: DrawingBackend>(canvas: usize, area: &DrawingArea<DB, Shift>, ctx: &Ctx, view: &View<'_, Self>) -> DrawResult<(), DB> {
        let at = view.data.evaluate(&view.state.model).ok();
        let selected = view.state.selection.selected;
        match canvas {
            0 => draw::draw_points_overlay(area, ctx, view.data, &view.state.model, at.as_ref(), selected),
            _ => draw::draw_bars_overlay(area, ctx, view.data, at.as_ref(), selected),
        }
    }

    fn sections() -> Vec<Section<Self>> {
        let mut lab = Section::new(Some(texts::CLASSIFIER_TITLE));
        lab.class = "lab";
        lab.testid = Some("classify");
        lab.controls = vec![
            Item::Paragraph(Paragraph::new(texts::CLASSIFIER_INTRO, Style::Plain)),
            Item::Choice(Choice::<Self> {
                testid: "classify-loss",
                label: texts::CLASSIFIER_LOSS,
                options: Options::Fixed(LossChoice::ALL.into_iter().map(loss_name).collect()),
                get: |p| p.loss as usize,
                set: |p, i| p.loss = LossChoice::ALL.get(i).copied().unwrap_or(LossChoice::Hinge),
            }),
            Item::Slider(Slider::<Self> {
                testid: "classify-rate",
                label: texts::CLASSIFIER_RATE,
                scale: Scale::Log(ClassifierParams::RATE),
                get: |p| p.rate,
                set: |p, v| p.rate = v,
                when: None,
            }),
            Item::Player,
            Item::Buttons(vec![Button::<Self> {
                testid: "classify-reset",
                label: texts::CLASSIFIER_RESET,
                act: |e| {
                    e.state.model = INITIAL;
                    e.state.steps = 0;
                },
                enabled: None,
            }]),
            Item::Paragraph(Paragraph::new(texts::CLASSIFIER_LAMBDA_NOTE, Style::Hint)),
            Item::Choice(Choice::<Self> {
                testid: "classify-new",
                label: texts::CLASSIFIER_NEW_CLASS,
                options: Options::Fixed(vec![texts::CLASSIFIER_CLASS_A, texts::CLASSIFIER_CLASS_B]),
                get: |p| p.new_class as usize,
                set: |p, i| p.new_class = Class::ALL.get(i).copied().unwrap_or(Class::A),
            }),
            Item::Buttons(vec![
                Button::<Self> { testid: "classify-preset-outlier", label: texts::CLASSIFIER_PRESET_OUTLIER, act: |e| preset(e, Preset::Outlier), enabled: None },
                Button::<Self> { testid: "classify-preset-blobs", label: texts::CLASSIFIER_PRESET_BLOBS, act: |e| preset(e, Preset::Blobs), enabled: None },
                Button::<Self> {
                    testid: "classify-add",
                    label: texts::CLASSIFIER_ADD_POINT,
                    act: |e| points::add_next(e.params, &mut e.state.selection, e.params.new_class),
                    enabled: Some(|v| v.params.len() < ClassifierParams::FIELD.max_points),
                },
                Button::<Self> {
                    testid: "classify-remove",
                    label: texts::CLASSIFIER_REMOVE_POINT,
                    act: |e| points::remove_selected(e.params, &mut e.state.selection),
                    enabled: Some(|v| v.state.selection.selected.is_some()),
                },
                Button::<Self> { testid: "classify-flip", label: texts::CLASSIFIER_FLIP_CLASS, act: flip_selected, enabled: Some(|v| v.state.selection.selected.is_some()) },
            ]),
            Item::Paragraph(Paragraph::new(texts::CLASSIFIER_HOW_TO, Style::Hint)),
            Item::Paragraph(Paragraph::<Self> {
                testid: Some("classify-count"),
                fill: Some(|v| vec![("n", Shown::Count(v.params.points.len()))]),
                ..Paragraph::new(texts::CLASSIFIER_POINTS_COUNT, Style::Hint)
            }),
            Item::List { title: texts::CLASSIFIER_TRY_TITLE, items: vec![texts::CLASSIFIER_TRY_1, texts::CLASSIFIER_TRY_2, texts::CLASSIFIER_TRY_3] },
        ];
        lab.main = vec![
            Item::Canvas(0),
            Item::Paragraph(Paragraph::<Self> {
                testid: Some("classify-status"),
                when: Some(|v| summary_of(v).is_some()),
                fill: Some(|v| {
                    let s = summary_of(v);
                    vec![
                        ("step", Shown::Count(v.state.steps as usize)),
                        ("loss", Shown::maybe(s.map(|s| s.mean_loss), 5)),
                        ("objective", Shown::maybe(s.map(|s| s.objective), 5)),
                        ("errors", Shown::Count(s.map_or(0, |s| s.errors))),
                        ("zero", Shown::Count(s.map_or(0, |s| s.zero))),
                        ("n", Shown::Count(s.map_or(0, |s| s.n))),
                    ]
                }),
                ..Paragraph::new(texts::CLASSIFIER_STATUS, Style::Status)
            }),
            Item::Paragraph(Paragraph::<Self> {
                testid: Some("classify-no-points"),
                when: Some(|v| v.params.points.is_empty()),
                ..Paragraph::new(texts::CLASSIFIER_NO_POINTS, Style::Status)
            }),
            Item::Paragraph(Paragraph::<Self> {
                testid: Some("classify-no-line"),
                when: Some(|v| v.state.model.w == [0.0, 0.0]),
                ..Paragraph::new(texts::CLASSIFIER_NO_LINE, Style::Hint)
            }),
            Item::Canvas(1),
            Item::Table(Table::<Self> {
                testid: Some("classify-now"),
                caption: vec![Piece::Text(texts::CLASSIFIER_READOUT_TITLE)],
                columns: vec![texts::CLASSIFIER_COL_QUANTITY, texts::CLASSIFIER_COL_VALUE],
                rows: |v| {
                    let s = summary_of(v);
                    let m = v.state.model;
                    vec![
                        row(0, texts::CLASSIFIER_ROW_STEP, "steps", Shown::Count(v.state.steps as usize)),
                        row(1, texts::CLASSIFIER_ROW_W1, "w1", Shown::Number(m.w[0], 4)),
                        row(2, texts::CLASSIFIER_ROW_W2, "w2", Shown::Number(m.w[1], 4)),
                        row(3, texts::CLASSIFIER_ROW_B, "b", Shown::Number(m.b, 4)),
                        row(4, texts::CLASSIFIER_ROW_MEAN_LOSS, "mean-loss", Shown::maybe(s.map(|s| s.mean_loss), 5)),
                        row(5, texts::CLASSIFIER_ROW_OBJECTIVE, "objective", Shown::maybe(s.map(|s| s.objective), 5)),
                        row(6, texts::CLASSIFIER_ROW_ERRORS, "errors", s.map_or(Shown::Missing, |s| Shown::Count(s.errors))),
                        row(7, texts::CLASSIFIER_ROW_ZERO, "zero", s.map_or(Shown::Missing, |s| Shown::Count(s.zero))),
                    ]
                },
                hint: None,
                when: None,
                otherwise: None,
            }),
            Item::Table(Table::<Self> {
                testid: Some("classify-selected"),
                caption: vec![Piece::Text(texts::CLASSIFIER_SELECTED_TITLE)],
                columns: vec![texts::CLASSIFIER_COL_QUANTITY, texts::CLASSIFIER_COL_VALUE],
                rows: |v| {
                    let Some(r) = selected_reading(v) else { return Vec::new() };
                    let class = if r.label > 0.0 { texts::CLASSIFIER_CLASS_A } else { texts::CLASSIFIER_CLASS_B };
                    vec![
                        row(0, texts::CLASSIFIER_SELECTED_CLASS, "selected-class", Shown::Text(class)),
                        row(1, texts::CLASSIFIER_SELECTED_MARGIN, "selected-margin", Shown::Number(r.margin, 5)),
                        row(2, texts::CLASSIFIER_SELECTED_LOSS, "selected-loss", Shown::Number(r.loss, 5)),
                        row(3, texts::CLASSIFIER_SELECTED_SLOPE, "selected-slope", Shown::Number(r.slope, 5)),
                    ]
                },
                hint: None,
                when: Some(|v| selected_reading(v).is_some()),
                otherwise: Some(texts::CLASSIFIER_SELECTED_NONE),
            }),
            Item::Paragraph(Paragraph::<Self> {
                testid: Some("classify-selected-zero"),
                when: Some(|v| selected_reading(v).is_some_and(|r| r.slope == 0.0)),
                ..Paragraph::new(texts::CLASSIFIER_ZERO_GRADIENT, Style::Status)
            }),
            Item::Paragraph(Paragraph::<Self> {
                text: None,
                pick: Some(|v| (!v.params.points.is_empty() && summary_of(v).is_none()).then_some(site::FIGURE_ERROR)),
                style: Style::Status,
                testid: Some("classify-problem"),
                fill: Some(|v| v.data.evaluate(&v.state.model).err().map(|e| vec![("reason", Shown::Problem(e))]).unwrap_or_default()),
                when: None,
            }),
        ];
        let mut formulas_section = Section::new(Some(texts::CLASSIFIER_FORMULAS));
        formulas_section.class = "formulas";
        formulas_section.main = vec![Item::Formulas(Formulas::<Self> {
            list: |p| vec![formulas::OBJECTIVE, loss_formula(p.loss), formulas::STEP],
            values: |p| vec![("rate", p.rate), ("gamma", LossChoice::FOCAL_GAMMA), ("alpha", 1.0)],
        })];
        vec![lab, formulas_section]
    }

    fn pointer(pointer: &Pointer, frame: &Frame2, edit: &mut Edit<'_, Self>) -> Response {
        if pointer.canvas != 0 {
            return Response::Ignored;
        }
        let new = edit.params.new_class;
        points::on_pointer(pointer, frame, edit.params, &mut edit.state.selection, new)
    }

    fn key(key: &KeyInput, edit: &mut Edit<'_, Self>) -> Response {
        if key.key == "c" && edit.state.selection.selected.is_some() {
            flip_selected(edit);
            return Response::Handled;
        }
        points::on_key(key, edit.params, &mut edit.state.selection)
    }

    /// One gradient-descent step; training pauses when the objective cannot be computed (no points).
    fn step(edit: &mut Edit<'_, Self>) -> bool {
        match edit.data.step(&edit.state.model) {
            Ok(model) => {
                edit.state.model = model;
                edit.state.steps += 1;
                true
            }
            Err(_) => false,
        }
    }
}
