//! The fit-a-line lab: draggable points (mouse, touch, keyboard) with the MSE, MAE and Huber(δ)
//! lines fitted to them, the MSE line's residuals with ME and ±RMSE, and each point's share of each
//! loss and pull on each line.

pub mod data;
pub mod draw;
pub mod params;

pub use data::{build, Bars, Fit, FitId, LabData, NoFit, RESIDUAL_RANGE};
pub use params::{LabParams, LabPreset};

use super::curves::name;
use super::texts;
use crate::figure::input::KeyInput;
use crate::figure::points::{self, Selection};
use crate::figure::layout::{Button, CanvasSpec, Cell, Item, Label, Paragraph, Piece, Row, Section, Shown, Slider, Style, Table};
use crate::figure::query::Scale;
use crate::figure::{Edit, Figure, Pointer, Response, View};
use crate::plot::panel::DrawResult;
use crate::plot::{Ctx, Frame2};
use plotters::coord::Shift;
use plotters::prelude::*;

/// The figure.
pub struct Lab;

fn no_fit_message(problem: NoFit) -> crate::i18n::Text {
    match problem {
        NoFit::TooFewPoints => texts::LAB_TOO_FEW_POINTS,
        NoFit::AllOnOneVertical => texts::LAB_ALL_ON_ONE_VERTICAL,
        NoFit::NonFinite => texts::LAB_NON_FINITE,
    }
}

fn preset(edit: &mut Edit<'_, Lab>, preset: LabPreset) {
    edit.state.selected = None;
    let delta = edit.params.delta;
    *edit.params = LabParams { delta, ..LabParams::with_preset(preset) };
}

impl Figure for Lab {
    const KEY: &'static str = "lab";
    const LEGACY_KEYS: &'static [(&'static str, &'static str)] = &[("lab_delta", "delta"), ("lab", "preset"), ("pts", "pts")];
    type Params = LabParams;
    type State = Selection;
    type Data = LabData;
    type Frame = Frame2;
    type Base = ();

    fn build(params: &LabParams) -> LabData {
        build(params)
    }

    /// Neither canvas's axes depend on the parameters (the influence chart's x axis has no ticks).
    fn base(_: &View<'_, Self>) {}

    fn canvases() -> &'static [CanvasSpec] {
        &[
            CanvasSpec {
                testid: "lab-canvas",
                wrapper_testid: "lab-figure",
                class: "lab-canvas",
                aria: texts::LAB_ARIA,
                interactive: true,
                export_name: "fit-a-line-lab",
            },
            CanvasSpec {
                testid: "lab-influence-canvas",
                wrapper_testid: "lab-influence",
                class: "bars-canvas",
                aria: texts::INFLUENCE_ARIA,
                interactive: false,
                export_name: "fit-a-line-influence",
            },
        ]
    }

    fn draw_base<DB: DrawingBackend>(canvas: usize, area: &DrawingArea<DB, Shift>, ctx: &Ctx, _: &()) -> DrawResult<Frame2, DB> {
        match canvas {
            0 => draw::draw_lab_base(area, ctx),
            _ => draw::draw_influence_base(area, ctx),
        }
    }

    fn draw_overlay<DB: DrawingBackend>(canvas: usize, area: &DrawingArea<DB, Shift>, ctx: &Ctx, view: &View<'_, Self>) -> DrawResult<(), DB> {
        match canvas {
            0 => draw::draw_lab_overlay(area, ctx, view.data, view.state.selected),
            _ => draw::draw_influence_overlay(area, ctx, view.data, view.state.selected),
        }
    }

    fn sections() -> Vec<Section<Self>> {
        let mut lab = Section::new(Some(texts::LAB_TITLE));
        lab.class = "lab";
        lab.testid = Some("lab");
        lab.controls = vec![
            Item::Paragraph(Paragraph::new(texts::LAB_INTRO, Style::Plain)),
            Item::Slider(Slider::<Self> {
                testid: "lab-delta",
                label: texts::LAB_DELTA,
                scale: Scale::Log(LabParams::DELTA),
                get: |p| p.delta,
                set: |p, v| p.delta = v,
                when: None,
            }),
            Item::Paragraph(Paragraph::new(texts::LAB_DELTA_HELP, Style::Hint)),
            Item::Buttons(vec![
                Button::<Self> { testid: "lab-preset-outlier", label: texts::LAB_PRESET_OUTLIER, act: |e| preset(e, LabPreset::Outlier), enabled: None },
                Button::<Self> { testid: "lab-preset-line", label: texts::LAB_PRESET_LINE, act: |e| preset(e, LabPreset::Line), enabled: None },
                Button::<Self> {
                    testid: "lab-reset",
                    label: texts::LAB_RESET,
                    act: |e| {
                        e.state.selected = None;
                        *e.params = e.initial.clone();
                    },
                    enabled: None,
                },
                Button::<Self> {
                    testid: "lab-add",
                    label: texts::LAB_ADD_POINT,
                    act: |e| points::add_next(e.params, e.state, ()),
                    enabled: None,
                },
                Button::<Self> { testid: "lab-remove", label: texts::LAB_REMOVE_POINT, act: |e| points::remove_selected(e.params, e.state), enabled: Some(|v| v.state.selected.is_some()) },
            ]),
            Item::Paragraph(Paragraph::new(texts::LAB_HOW_TO, Style::Hint)),
            Item::Paragraph(Paragraph::<Self> {
                testid: Some("lab-count"),
                fill: Some(|v| vec![("n", Shown::Count(v.params.points.len()))]),
                ..Paragraph::new(texts::LAB_POINTS_COUNT, Style::Hint)
            }),
            Item::List { title: texts::LAB_TRY_TITLE, items: vec![texts::LAB_TRY_1, texts::LAB_TRY_2, texts::LAB_TRY_3, texts::LAB_TRY_4] },
        ];
        lab.main = vec![
            Item::Legend(FitId::ALL.into_iter().map(|id| (id.curve().series(), name(id.curve()))).collect()),
            Item::Canvas(0),
            Item::Paragraph(Paragraph::<Self> {
                text: None,
                pick: Some(|v| v.data.fits.as_ref().err().map(|problem| no_fit_message(*problem))),
                style: Style::Status,
                testid: Some("lab-message"),
                fill: None,
                when: None,
            }),
            Item::Table(Table::<Self> {
                testid: Some("lab-fits"),
                caption: vec![Piece::Text(texts::LAB_FITS_TITLE)],
                columns: vec![
                    texts::LAB_COL_FIT,
                    texts::LAB_COL_SLOPE,
                    texts::LAB_COL_INTERCEPT,
                    texts::LAB_COL_ME,
                    texts::LAB_COL_MSE,
                    texts::LAB_COL_RMSE,
                    texts::LAB_COL_MAE,
                ],
                rows: |v| {
                    FitId::ALL
                        .into_iter()
                        .enumerate()
                        .map(|(k, id)| {
                            let fit = v.data.fit(id);
                            let cell = |column: &str, digits: usize, pick: fn(&Fit) -> f64| Cell {
                                testid: format!("fit-{}-{column}", id.key()),
                                value: Shown::maybe(fit.map(pick), digits),
                            };
                            Row {
                                key: k as u32,
                                label: Label::Text(name(id.curve())),
                                series: Some(id.curve().series()),
                                cells: vec![
                                    cell("slope", 5, |f| f.line.slope),
                                    cell("intercept", 5, |f| f.line.intercept),
                                    cell("me", 3, |f| f.stats.me),
                                    cell("mse", 4, |f| f.stats.mse),
                                    cell("rmse", 4, |f| f.stats.rmse),
                                    cell("mae", 4, |f| f.stats.mae),
                                ],
                            }
                        })
                        .collect()
                },
                hint: Some(texts::LAB_RESIDUAL_NOTE),
                when: None,
                otherwise: None,
            }),
        ];

        let mut influence = Section::new(Some(texts::INFLUENCE_TITLE));
        influence.class = "lab-influence";
        influence.controls = vec![Item::Paragraph(Paragraph::new(texts::INFLUENCE_NOTE, Style::Plain))];
        influence.main = vec![
            Item::Canvas(1),
            Item::Table(Table::<Self> {
                testid: Some("lab-selected"),
                caption: vec![
                    Piece::Text(texts::INFLUENCE_SELECTED_TITLE),
                    Piece::Value {
                        get: |v| v.state.selected.and_then(|i| v.params.points.get(i)).map(|p| Shown::Number(p.0, 4)),
                        testid: "lab-selected-x",
                        before: ": (",
                        after: "",
                    },
                    Piece::Value {
                        get: |v| v.state.selected.and_then(|i| v.params.points.get(i)).map(|p| Shown::Number(p.1, 4)),
                        testid: "lab-selected-y",
                        before: ", ",
                        after: ")",
                    },
                ],
                columns: vec![texts::LAB_COL_FIT, texts::INFLUENCE_COL_RESIDUAL, texts::INFLUENCE_COL_SHARE, texts::INFLUENCE_COL_PULL],
                rows: |v| {
                    let Some(index) = v.state.selected else { return Vec::new() };
                    let bars = v.data.bars_of(index);
                    FitId::ALL
                        .into_iter()
                        .enumerate()
                        .map(|(k, id)| {
                            let key = id.key();
                            Row {
                                key: k as u32,
                                label: Label::Text(name(id.curve())),
                                series: Some(id.curve().series()),
                                cells: vec![
                                    Cell { testid: format!("lab-selected-{key}-residual"), value: Shown::maybe(v.data.residual(id, index), 4) },
                                    Cell { testid: format!("lab-selected-{key}-share"), value: Shown::maybe(bars.map(|b| b.share[k]), 3) },
                                    Cell { testid: format!("lab-selected-{key}-pull"), value: Shown::maybe(bars.map(|b| b.raw_pull[k]), 4) },
                                ],
                            }
                        })
                        .collect()
                },
                hint: None,
                when: Some(|v| v.state.selected.is_some()),
                otherwise: Some(texts::INFLUENCE_SELECTED_NONE),
            }),
        ];
        vec![lab, influence]
    }

    fn pointer(pointer: &Pointer, frame: &Frame2, edit: &mut Edit<'_, Self>) -> Response {
        if pointer.canvas != 0 {
            return Response::Ignored;
        }
        points::on_pointer(pointer, frame, edit.params, edit.state, ())
    }

    fn key(key: &KeyInput, edit: &mut Edit<'_, Self>) -> Response {
        points::on_key(key, edit.params, edit.state)
    }
}
