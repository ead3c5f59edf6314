//! The triplet figure: a draggable anchor, positive and three negatives in a 2-D embedding; around the
//! anchor the rings at d(a, p) and d(a, p) + m divide the plane into the hard disc, the semi-hard band
//! and the easy outside; every negative is labelled with its category as the loss core defines it;
//! each point's descent arrow; gradient descent on the points (Play / Step / Reset) showing that easy
//! triplets do not move; L2-normalised embeddings on the unit circle; and the loss and its slope
//! against t = d(a, n) − d(a, p) with the same three regions.

pub mod data;
pub mod draw;
pub mod params;

pub use data::{current, descend, evaluate, NegativeReading, TripletReading};
pub use params::{TripletParams, FIRST_NEGATIVE, NEGATIVES};

use super::{formulas, texts};
use crate::figure::layout::{Button, CanvasSpec, Cell, Formulas, Item, Label, Paragraph, Piece, Row, Section, Shown, Slider, Style, Table, Toggle, Toggles};
use crate::figure::points::{self, Selection};
use crate::figure::query::Scale;
use crate::figure::{Edit, Figure, KeyInput, Pointer, PointerPhase, Response, View};
use crate::i18n::Text;
use crate::loss::metric::triplet::Category;
use crate::plot::panel::DrawResult;
use crate::plot::{Ctx, Frame2};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Training stops after this many steps.
pub const MAX_STEPS: u32 = 5000;

pub fn category_text(category: Category) -> Text {
    match category {
        Category::Easy => texts::TRIPLET_EASY,
        Category::SemiHard => texts::TRIPLET_SEMI_HARD,
        Category::Hard => texts::TRIPLET_HARD,
    }
}

/// What a link does not carry: the selection, and the points as training has moved them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Training {
    pub selection: Selection,
    /// The points after `steps` steps of gradient descent (`None`: not trained, the parameters' own).
    pub trained: Option<Vec<(f64, f64)>>,
    pub steps: u32,
}

fn reading(view: &View<'_, TripletFigure>) -> Option<TripletReading> {
    evaluate(current(view.params, &view.state.trained), view.params.margin)
}

/// Moving a point by hand starts from where training left the points (the link then carries them).
fn take_trained(edit: &mut Edit<'_, TripletFigure>) {
    if let Some(points) = edit.state.trained.take() {
        if points.len() == edit.params.points.len() {
            edit.params.points = points;
        }
    }
    edit.state.steps = 0;
}

fn cell(k: usize, name: &str, value: Shown) -> Cell {
    Cell { testid: format!("triplet-n{}-{name}", k + 1), value }
}

/// The figure.
pub struct TripletFigure;

impl Figure for TripletFigure {
    const KEY: &'static str = "triplet";
    type Params = TripletParams;
    type State = Training;
    type Data = ();
    type Frame = Frame2;
    type Base = ();

    fn build(_: &TripletParams) {}

    fn base(_: &View<'_, Self>) {}

    fn canvases() -> &'static [CanvasSpec] {
        &[
            CanvasSpec {
                testid: "triplet-canvas",
                wrapper_testid: "triplet-figure",
                class: "lab-canvas",
                aria: texts::TRIPLET_ARIA,
                interactive: true,
                export_name: "triplet",
            },
            CanvasSpec {
                testid: "triplet-curves-canvas",
                wrapper_testid: "triplet-curves",
                class: "",
                aria: texts::TRIPLET_CURVES_ARIA,
                interactive: false,
                export_name: "triplet-curves",
            },
        ]
    }

    fn draw_base<DB: DrawingBackend>(canvas: usize, area: &DrawingArea<DB, Shift>, ctx: &Ctx, _: &()) -> DrawResult<Frame2, DB> {
        match canvas {
            0 => super::contrastive::draw::draw_plane_base(area, ctx, ctx.t(texts::TRIPLET_PLANE_PANEL)),
            _ => draw::draw_curves_base_layer(area, ctx),
        }
    }

    fn draw_overlay<DB: DrawingBackend>(canvas: usize, area: &DrawingArea<DB, Shift>, ctx: &Ctx, view: &View<'_, Self>) -> DrawResult<(), DB> {
        let r = reading(view);
        match canvas {
            0 => draw::draw_plane_overlay(area, ctx, view.params, current(view.params, &view.state.trained), r.as_ref(), view.state.selection.selected),
            _ => draw::draw_curves_overlay_layer(area, ctx, view.params, r.as_ref()),
        }
    }

    fn sections() -> Vec<Section<Self>> {
        let mut figure = Section::new(Some(texts::TRIPLET_TITLE));
        figure.class = "lab";
        figure.testid = Some("triplet");
        figure.controls = vec![
            Item::Paragraph(Paragraph::new(texts::TRIPLET_INTRO, Style::Plain)),
            Item::Slider(Slider::<Self> {
                testid: "triplet-margin",
                label: texts::TRIPLET_MARGIN,
                scale: Scale::Linear(TripletParams::MARGIN),
                get: |p| p.margin,
                set: |p, v| p.margin = v,
                when: None,
            }),
            Item::Toggles(Toggles::<Self> {
                legend: texts::TRIPLET_EMBEDDING,
                options: vec![Toggle { testid: "triplet-normalize", label: texts::TRIPLET_NORMALIZE, series: None }],
                get: |p, _| p.normalize,
                set: |p, _, on| {
                    p.normalize = on;
                    p.points = p.placed(&p.points);
                },
            }),
            Item::Slider(Slider::<Self> {
                testid: "triplet-rate",
                label: texts::TRIPLET_RATE,
                scale: Scale::Log(TripletParams::RATE),
                get: |p| p.rate,
                set: |p, v| p.rate = v,
                when: None,
            }),
            Item::Player,
            Item::Buttons(vec![Button::<Self> {
                testid: "triplet-reset",
                label: texts::TRIPLET_RESET,
                act: |e| {
                    e.state.trained = None;
                    e.state.steps = 0;
                },
                enabled: Some(|v| v.state.trained.is_some()),
            }]),
            Item::Paragraph(Paragraph::new(texts::TRIPLET_HOW_TO, Style::Hint)),
            Item::List { title: texts::TRIPLET_TRY_TITLE, items: vec![texts::TRIPLET_TRY_1, texts::TRIPLET_TRY_2, texts::TRIPLET_TRY_3, texts::TRIPLET_TRY_4] },
        ];
        figure.main = vec![
            Item::Legend(vec![
                (draw::ANCHOR_SERIES, texts::TRIPLET_LEGEND_ANCHOR),
                (draw::POSITIVE_SERIES, texts::TRIPLET_LEGEND_POSITIVE),
                (draw::NEGATIVE_SERIES, texts::TRIPLET_LEGEND_NEGATIVE),
            ]),
            Item::Canvas(0),
            Item::Paragraph(Paragraph::<Self> {
                testid: Some("triplet-status"),
                fill: Some(|v| {
                    let r = reading(v);
                    vec![
                        ("step", Shown::Count(v.state.steps as usize)),
                        ("loss", Shown::maybe(r.as_ref().map(|r| r.mean), 4)),
                        ("active", Shown::Count(r.as_ref().map_or(0, |r| r.active))),
                        ("n", Shown::Count(NEGATIVES)),
                    ]
                }),
                ..Paragraph::new(texts::TRIPLET_STATUS, Style::Status)
            }),
            Item::Paragraph(Paragraph::<Self> {
                testid: Some("triplet-all-easy"),
                when: Some(|v| reading(v).is_some_and(|r| r.active == 0)),
                ..Paragraph::new(texts::TRIPLET_ALL_EASY, Style::Status)
            }),
            Item::Table(Table::<Self> {
                testid: Some("triplet-readout"),
                caption: vec![
                    Piece::Text(texts::TRIPLET_READOUT_TITLE),
                    Piece::Value { get: |v| Some(Shown::maybe(reading(v).map(|r| r.d_ap), 4)), testid: "triplet-dap", before: " d(a,\u{a0}p)\u{a0}=\u{a0}", after: "" },
                ],
                columns: vec![
                    texts::TRIPLET_COL_NEGATIVE,
                    texts::TRIPLET_COL_DAN,
                    texts::TRIPLET_COL_T,
                    texts::TRIPLET_COL_CATEGORY,
                    texts::TRIPLET_COL_LOSS,
                ],
                rows: |v| {
                    let r = reading(v);
                    (0..NEGATIVES)
                        .map(|k| {
                            let n = r.as_ref().and_then(|r| r.negatives.get(k)).copied();
                            Row {
                                key: k as u32,
                                label: Label::Literal(format!("n{}", k + 1)),
                                series: Some(draw::NEGATIVE_SERIES),
                                cells: vec![
                                    cell(k, "dan", Shown::maybe(n.map(|n| n.d_an), 4)),
                                    cell(k, "t", Shown::maybe(n.map(|n| n.t), 4)),
                                    cell(k, "category", n.map_or(Shown::Missing, |n| Shown::Text(category_text(n.category)))),
                                    cell(k, "loss", Shown::maybe(n.map(|n| n.loss), 4)),
                                ],
                            }
                        })
                        .collect()
                },
                hint: Some(texts::TRIPLET_READOUT_HINT),
                when: None,
                otherwise: None,
            }),
            Item::Canvas(1),
        ];
        let mut formulas_section = Section::new(Some(texts::TRIPLET_FORMULAS));
        formulas_section.class = "formulas";
        formulas_section.main = vec![Item::Formulas(Formulas::<Self> {
            list: |_| vec![formulas::TRIPLET, formulas::TRIPLET_T, formulas::TRIPLET_STEP],
            values: |p| vec![("m", p.margin), ("rate", p.rate)],
        })];
        vec![figure, formulas_section]
    }

    fn pointer(pointer: &Pointer, frame: &Frame2, edit: &mut Edit<'_, Self>) -> Response {
        if pointer.canvas != 0 {
            return Response::Ignored;
        }
        if pointer.phase == PointerPhase::Down {
            take_trained(edit);
        }
        points::on_pointer(pointer, frame, edit.params, &mut edit.state.selection, ())
    }

    fn key(key: &KeyInput, edit: &mut Edit<'_, Self>) -> Response {
        if key.key.starts_with("Arrow") && edit.state.selection.selected.is_some() {
            take_trained(edit);
        }
        points::on_key(key, edit.params, &mut edit.state.selection)
    }

    /// One step of gradient descent on the mean loss; pauses when every triplet is easy.
    fn step(edit: &mut Edit<'_, Self>) -> bool {
        if edit.state.steps >= MAX_STEPS {
            return false;
        }
        let points = current(edit.params, &edit.state.trained).to_vec();
        match descend(&points, edit.params) {
            Some(moved) => {
                edit.state.trained = Some(moved);
                edit.state.steps += 1;
                true
            }
            None => false,
        }
    }
}
