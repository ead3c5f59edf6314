//! The contrastive (pairwise ranking) figure: four pairs of draggable points in a 2-D embedding,
//! each similar or dissimilar (press the mark between its points, or its checkbox); the margin m as a
//! circle around each dissimilar pair's first point; each point's descent arrow −∂L/∂x (similar pairs
//! pulled together, dissimilar pairs inside the margin pushed apart, outside it nothing); and the
//! loss and its slope against the distance, in the article's form and the squared one.

pub mod data;
pub mod draw;
pub mod params;

pub use data::{build, ContrastiveData, Effect, PairReading};
pub use params::{ContrastiveParams, PAIRS};

use super::{formulas, texts};
use crate::figure::input::hit;
use crate::figure::layout::{CanvasSpec, Cell, CheckList, Choice, Formulas, Item, Label, Options, Paragraph, Piece, Row, Section, Shown, Slider, Style, Table};
use crate::figure::points::{self, PointList, Selection};
use crate::figure::query::Scale;
use crate::figure::{Edit, Figure, KeyInput, Pointer, PointerPhase, Response, View};
use crate::i18n::Text;
use crate::loss::metric::contrastive::ContrastiveForm;
use crate::plot::curves::OwnedCurve;
use crate::plot::panel::DrawResult;
use crate::plot::{Ctx, Frame2};
use plotters::coord::Shift;
use plotters::prelude::*;

/// The pointer's reach around the mark between a pair's points (CSS px).
const PAIR_MARK_RADIUS_CSS: f64 = 16.0;

fn effect_text(effect: Effect) -> Text {
    match effect {
        Effect::Pull => texts::CONTRASTIVE_EFFECT_PULL,
        Effect::Push => texts::CONTRASTIVE_EFFECT_PUSH,
        Effect::Nothing => texts::CONTRASTIVE_EFFECT_NONE,
    }
}

fn toggle_pair(params: &mut ContrastiveParams, k: usize) {
    if let Some(similar) = params.similar.get_mut(k) {
        *similar = !*similar;
    }
}

fn cell(k: usize, name: &str, value: Shown) -> Cell {
    Cell { testid: format!("contrastive-{}-{name}", k + 1), value }
}

/// The figure.
pub struct ContrastiveFigure;

impl Figure for ContrastiveFigure {
    const KEY: &'static str = "contrastive";
    type Params = ContrastiveParams;
    type State = Selection;
    type Data = ContrastiveData;
    type Frame = Frame2;
    type Base = (ContrastiveForm, OwnedCurve);

    fn build(params: &ContrastiveParams) -> ContrastiveData {
        build(params)
    }

    fn base(view: &View<'_, Self>) -> (ContrastiveForm, OwnedCurve) {
        let (params, data) = (view.params, view.data);
        (params.form, data.similar_curve.clone())
    }

    fn canvases() -> &'static [CanvasSpec] {
        &[
            CanvasSpec {
                testid: "contrastive-canvas",
                wrapper_testid: "contrastive-figure",
                class: "lab-canvas",
                aria: texts::CONTRASTIVE_ARIA,
                interactive: true,
                export_name: "contrastive-pairs",
            },
            CanvasSpec {
                testid: "contrastive-curves-canvas",
                wrapper_testid: "contrastive-curves",
                class: "",
                aria: texts::CONTRASTIVE_CURVES_ARIA,
                interactive: false,
                export_name: "contrastive-curves",
            },
        ]
    }

    fn draw_base<DB: DrawingBackend>(canvas: usize, area: &DrawingArea<DB, Shift>, ctx: &Ctx, base: &Self::Base) -> DrawResult<Frame2, DB> {
        match canvas {
            0 => draw::draw_plane_base(area, ctx, ctx.t(texts::CONTRASTIVE_PLANE_PANEL)),
            _ => draw::draw_curves_base_layer(area, ctx, base.0, &base.1),
        }
    }

    fn draw_overlay<DB: DrawingBackend>(canvas: usize, area: &DrawingArea<DB, Shift>, ctx: &Ctx, view: &View<'_, Self>) -> DrawResult<(), DB> {
        match canvas {
            0 => draw::draw_plane_overlay(area, ctx, view.params, view.data, view.state.selected),
            _ => draw::draw_curves_overlay_layer(area, ctx, view.params, view.data),
        }
    }

    fn sections() -> Vec<Section<Self>> {
        let mut figure = Section::new(Some(texts::CONTRASTIVE_TITLE));
        figure.class = "lab";
        figure.testid = Some("contrastive");
        figure.controls = vec![
            Item::Paragraph(Paragraph::new(texts::CONTRASTIVE_INTRO, Style::Plain)),
            Item::Slider(Slider::<Self> {
                testid: "contrastive-margin",
                label: texts::CONTRASTIVE_MARGIN,
                scale: Scale::Linear(ContrastiveParams::MARGIN),
                get: |p| p.margin,
                set: |p, v| p.margin = v,
                when: None,
            }),
            Item::Choice(Choice::<Self> {
                testid: "contrastive-form",
                label: texts::CONTRASTIVE_FORM,
                options: Options::Fixed(vec![texts::CONTRASTIVE_FORM_ARTICLE, texts::CONTRASTIVE_FORM_SQUARED]),
                get: |p| usize::from(p.form == ContrastiveForm::Squared),
                set: |p, i| p.form = if i == 1 { ContrastiveForm::Squared } else { ContrastiveForm::Article },
            }),
            Item::Checks(CheckList::<Self> {
                testid: "contrastive-similar",
                legend: texts::CONTRASTIVE_SIMILAR_LEGEND,
                label: texts::CONTRASTIVE_SIMILAR_PAIR,
                count: |_| PAIRS,
                get: |p, k| p.similar.get(k).copied().unwrap_or(true),
                set: |p, k, on| {
                    if let Some(similar) = p.similar.get_mut(k) {
                        *similar = on;
                    }
                },
            }),
            Item::Paragraph(Paragraph::new(texts::CONTRASTIVE_HOW_TO, Style::Hint)),
            Item::List { title: texts::CONTRASTIVE_TRY_TITLE, items: vec![texts::CONTRASTIVE_TRY_1, texts::CONTRASTIVE_TRY_2, texts::CONTRASTIVE_TRY_3] },
        ];
        figure.main = vec![
            Item::Legend(vec![(data::SIMILAR, texts::CONTRASTIVE_LEGEND_SIMILAR), (data::DISSIMILAR, texts::CONTRASTIVE_LEGEND_DISSIMILAR)]),
            Item::Canvas(0),
            Item::Table(Table::<Self> {
                testid: Some("contrastive-readout"),
                caption: vec![
                    Piece::Text(texts::CONTRASTIVE_READOUT_TITLE),
                    Piece::Value { get: |v| Some(Shown::maybe(v.data.mean, 4)), testid: "contrastive-mean", before: "\u{a0}=\u{a0}", after: "" },
                ],
                columns: vec![
                    texts::CONTRASTIVE_COL_PAIR,
                    texts::CONTRASTIVE_COL_DISTANCE,
                    texts::CONTRASTIVE_COL_LOSS,
                    texts::CONTRASTIVE_COL_SLOPE,
                    texts::CONTRASTIVE_COL_EFFECT,
                ],
                rows: |v| {
                    (0..PAIRS)
                        .map(|k| {
                            let r = v.data.pairs.get(k).copied().flatten();
                            let similar = v.params.similar.get(k).copied().unwrap_or(true);
                            Row {
                                key: k as u32,
                                label: Label::Literal((k + 1).to_string()),
                                series: Some(data::series(similar)),
                                cells: vec![
                                    cell(k, "d", Shown::maybe(r.map(|r| r.d), 4)),
                                    cell(k, "loss", Shown::maybe(r.map(|r| r.loss), 4)),
                                    cell(k, "slope", Shown::maybe(r.map(|r| r.slope), 4)),
                                    cell(k, "effect", r.map_or(Shown::Missing, |r| Shown::Text(effect_text(r.effect())))),
                                ],
                            }
                        })
                        .collect()
                },
                hint: Some(texts::CONTRASTIVE_READOUT_HINT),
                when: None,
                otherwise: None,
            }),
            Item::Canvas(1),
        ];
        let mut formulas_section = Section::new(Some(texts::CONTRASTIVE_FORMULAS));
        formulas_section.class = "formulas";
        formulas_section.main = vec![Item::Formulas(Formulas::<Self> {
            list: |p| match p.form {
                ContrastiveForm::Article => vec![formulas::CONTRASTIVE_ARTICLE, formulas::CONTRASTIVE_GRADIENT],
                ContrastiveForm::Squared => vec![formulas::CONTRASTIVE_SQUARED, formulas::CONTRASTIVE_GRADIENT],
            },
            values: |p| vec![("m", p.margin)],
        })];
        vec![figure, formulas_section]
    }

    /// Press a point to drag it; press the mark between a pair's points to make it similar or dissimilar.
    fn pointer(pointer: &Pointer, frame: &Frame2, edit: &mut Edit<'_, Self>) -> Response {
        if pointer.canvas != 0 {
            return Response::Ignored;
        }
        let response = points::on_pointer(pointer, frame, edit.params, edit.state, ());
        if response != Response::Ignored || pointer.phase != PointerPhase::Down || !pointer.primary {
            return response;
        }
        let marks = (0..PAIRS).map(|k| {
            let (a, b) = edit.params.pair(k);
            frame.to_pixels(((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0))
        });
        match hit(marks, pointer.at, PAIR_MARK_RADIUS_CSS * pointer.scale) {
            Some(k) => {
                toggle_pair(edit.params, k);
                Response::Handled
            }
            None => Response::Ignored,
        }
    }

    /// `s` makes the selected point's pair similar or dissimilar; the rest as every lab.
    fn key(key: &KeyInput, edit: &mut Edit<'_, Self>) -> Response {
        if key.key == "s" {
            if let Some(index) = edit.state.selected.filter(|i| *i < edit.params.len()) {
                toggle_pair(edit.params, index / 2);
                return Response::Handled;
            }
        }
        points::on_key(key, edit.params, edit.state)
    }
}
