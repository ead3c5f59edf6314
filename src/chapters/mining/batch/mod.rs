//! The batch figure: a P × K batch from a seeded generator; the triplets batch-all, batch-hard and
//! semi-hard (FaceNet, with its fallback) mine for a chosen anchor, drawn as lines; the distance
//! matrix as a heatmap with the anchor's row categorised; every valid triplet counted by category;
//! each strategy's loss (mean over all or over the non-zero); and training with the chosen strategy,
//! where hardest-negative mining from an unstructured start collapses the embedding.

pub mod draw;
pub mod params;

pub use params::{BatchParams, Model};

use super::analysis::{descend, descend_layer, strategy_index, Analysis, Embedded, Layer, STRATEGIES};
use super::generator::{batch, Batch};
use super::{formulas, texts};
use crate::figure::input::{hit, next_index};
use crate::figure::layout::{Button, CanvasSpec, Cell, Choice, Formulas, Item, Label, Options, Paragraph, Piece, Row, Section, Shown, Slider, Style, Table};
use crate::figure::query::Scale;
use crate::figure::shared::{Recent, Shared};
use crate::figure::{Edit, Figure, KeyInput, Pointer, PointerPhase, Response, View};
use crate::i18n::Text;
use crate::loss::metric::batch_triplet::{BatchTriplet, Mining};
use crate::loss::{LossError, Reduction};
use crate::plot::panel::DrawResult;
use crate::plot::{Ctx, Frame2};
use params::BatchKey;
use plotters::coord::Shift;
use plotters::prelude::*;
use std::sync::Mutex;

/// Training stops after this many steps.
pub const MAX_STEPS: u32 = 3000;
/// The embedding counts as collapsed when its mean distance falls below this share of the start's.
pub const COLLAPSED: f64 = 0.1;
/// How close (CSS px) a press must be to a point to choose it as the anchor.
const PICK_RADIUS_CSS: f64 = 14.0;

/// What the loss settings are (an analysis holds for one of them).
type LossKey = (u64, Reduction);

fn loss_key(params: &BatchParams) -> LossKey {
    (params.margin.to_bits(), params.reduction)
}

/// The batch of the parameters, and its embedding read.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchData {
    pub batch: Batch,
    pub analysis: Result<Shared<Analysis>, LossError>,
}

/// Points moved by training, and their analysis under the loss settings last asked for (computed on
/// first use, then kept; another margin reuses the embedding's distances and lists).
#[derive(Debug)]
pub struct Trained {
    pub batch: BatchKey,
    pub points: Vec<(f64, f64)>,
    /// The layer that made them, when training moves a layer.
    pub layer: Option<Layer>,
    cache: Mutex<Option<(LossKey, Shared<Analysis>)>>,
}

impl Trained {
    fn analysis(&self, params: &BatchParams, labels: &[usize]) -> Option<Shared<Analysis>> {
        let key = loss_key(params);
        let mut cache = self.cache.lock().ok()?;
        let analysis = match cache.as_ref() {
            Some((k, analysis)) if *k == key => return Some(analysis.clone()),
            Some((_, earlier)) => Analysis::at(earlier.embedded.clone(), params.margin, params.reduction),
            None => Analysis::of(self.points.clone(), labels, params.margin, params.reduction),
        };
        let analysis = Shared::new(analysis.ok()?);
        *cache = Some((key, analysis.clone()));
        Some(analysis)
    }
}

/// What a link does not carry: the anchor, and the points as training moved them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Mined {
    pub anchor: usize,
    pub trained: Option<Shared<Trained>>,
    pub steps: u32,
}

fn trained<'a>(params: &BatchParams, state: &'a Mined) -> Option<&'a Trained> {
    state.trained.as_deref().filter(|t| t.batch == params.key())
}

/// The embedding shown: trained, else the batch as generated.
pub fn analysis(view: &View<'_, BatchFigure>) -> Option<Shared<Analysis>> {
    match trained(view.params, view.state) {
        Some(t) => t.analysis(view.params, &view.data.batch.labels),
        None => view.data.analysis.as_ref().ok().cloned(),
    }
}

fn anchor(view: &View<'_, BatchFigure>) -> usize {
    view.state.anchor.min(view.data.batch.labels.len().saturating_sub(1))
}

fn collapsed(view: &View<'_, BatchFigure>) -> bool {
    let start = view.data.analysis.as_ref().map_or(0.0, |a| a.mean_distance);
    view.state.steps > 0 && analysis(view).is_some_and(|a| a.mean_distance < COLLAPSED * start)
}

fn mining_text(mining: Mining) -> Text {
    match mining {
        Mining::All => texts::BATCH_MINING_ALL,
        Mining::Hard => texts::BATCH_MINING_HARD,
        Mining::SemiHard => texts::BATCH_MINING_SEMIHARD,
    }
}

fn row(key: u32, label: Text, cells: Vec<Cell>) -> Row {
    Row { key, label: Label::Text(label), series: None, cells }
}

fn cell(testid: String, value: Shown) -> Cell {
    Cell { testid, value }
}

/// The batch of the last parameters, and its embedding read (at the margin it was first read with).
static BATCH: Recent<BatchKey, (Batch, Result<Shared<Embedded>, LossError>)> = Recent::new();

/// The figure.
pub struct BatchFigure;

impl Figure for BatchFigure {
    const KEY: &'static str = "batch";
    type Params = BatchParams;
    type State = Mined;
    type Data = BatchData;
    type Frame = Frame2;
    type Base = draw::HeatBase;

    fn build(params: &BatchParams) -> BatchData {
        // The batch and what its embedding gives at any margin are kept while only the loss settings
        // change (a margin slider re-counts the triplets, it does not re-read the batch).
        let made = BATCH.get_or(params.key(), || {
            let batch = batch(params.classes, params.per_class, params.seed, params.spread);
            let embedded = Embedded::of(batch.points.clone(), &batch.labels, params.margin).map(Shared::new);
            (batch, embedded)
        });
        // (An embedding that could not be read is read again: the error may have been the margin's.)
        let embedded = match &made.1 {
            Ok(embedded) => Ok(embedded.clone()),
            Err(_) => Embedded::of(made.0.points.clone(), &made.0.labels, params.margin).map(Shared::new),
        };
        let analysis = embedded.and_then(|e| Analysis::at(e, params.margin, params.reduction)).map(Shared::new);
        BatchData { batch: made.0.clone(), analysis }
    }

    fn base(view: &View<'_, Self>) -> draw::HeatBase {
        draw::HeatBase { n: view.data.batch.labels.len(), per_class: view.params.per_class, embedded: analysis(view).map(|a| a.embedded.clone()) }
    }

    fn canvases() -> &'static [CanvasSpec] {
        &[
            CanvasSpec { testid: "batch-canvas", wrapper_testid: "batch-figure", class: "lab-canvas", aria: texts::BATCH_ARIA, interactive: true, export_name: "batch" },
            CanvasSpec {
                testid: "batch-heat-canvas",
                wrapper_testid: "batch-heat",
                class: "lab-canvas",
                aria: texts::BATCH_HEAT_ARIA,
                interactive: true,
                export_name: "batch-distances",
            },
        ]
    }

    fn draw_base<DB: DrawingBackend>(canvas: usize, area: &DrawingArea<DB, Shift>, ctx: &Ctx, base: &draw::HeatBase) -> DrawResult<Frame2, DB> {
        match canvas {
            0 => draw::draw_plane_base(area, ctx),
            _ => draw::draw_heat_base(area, ctx, base),
        }
    }

    fn draw_overlay<DB: DrawingBackend>(canvas: usize, area: &DrawingArea<DB, Shift>, ctx: &Ctx, view: &View<'_, Self>) -> DrawResult<(), DB> {
        let Some(a) = analysis(view) else { return Ok(()) };
        let (labels, at, p) = (&view.data.batch.labels, anchor(view), view.params);
        match canvas {
            0 => draw::draw_plane_overlay(area, ctx, &a, labels, at, p.mining, p.margin),
            _ => draw::draw_heat_overlay(area, ctx, &a, labels, at, p.margin),
        }
    }

    fn sections() -> Vec<Section<Self>> {
        let count_slider = |testid, label, get: fn(&BatchParams) -> f64, set: fn(&mut BatchParams, f64)| {
            Item::Slider(Slider::<Self> { testid, label, scale: Scale::Linear(BatchParams::COUNT), get, set, when: None })
        };
        let mut figure = Section::new(Some(texts::BATCH_TITLE));
        figure.class = "lab";
        figure.testid = Some("batch");
        figure.controls = vec![
            Item::Paragraph(Paragraph::new(texts::BATCH_INTRO, Style::Plain)),
            count_slider("batch-p", texts::BATCH_CLASSES, |p| p.classes as f64, |p, v| p.classes = v.round() as usize),
            count_slider("batch-k", texts::BATCH_PER_CLASS, |p| p.per_class as f64, |p, v| p.per_class = v.round() as usize),
            Item::Slider(Slider::<Self> {
                testid: "batch-spread",
                label: texts::BATCH_SPREAD,
                scale: Scale::Linear(BatchParams::SPREAD),
                get: |p| p.spread,
                set: |p, v| p.spread = v,
                when: None,
            }),
            Item::Buttons(vec![Button::<Self> {
                testid: "batch-reseed",
                label: texts::BATCH_RESEED,
                act: |e| {
                    e.params.seed = BatchParams::next_seed(e.params.seed);
                    e.state.trained = None;
                    e.state.steps = 0;
                },
                enabled: None,
            }]),
            Item::Paragraph(Paragraph::<Self> {
                testid: Some("batch-seed"),
                fill: Some(|v| vec![("seed", Shown::Count(v.params.seed as usize)), ("n", Shown::Count(v.data.batch.labels.len()))]),
                ..Paragraph::new(texts::BATCH_SEED, Style::Hint)
            }),
            Item::Choice(Choice::<Self> {
                testid: "batch-mining",
                label: texts::BATCH_MINING,
                options: Options::Fixed(STRATEGIES.into_iter().map(mining_text).collect()),
                get: |p| strategy_index(p.mining),
                set: |p, i| p.mining = STRATEGIES.get(i).copied().unwrap_or(Mining::All),
            }),
            Item::Choice(Choice::<Self> {
                testid: "batch-reduction",
                label: texts::BATCH_REDUCTION,
                options: Options::Fixed(vec![texts::BATCH_REDUCTION_NONZERO, texts::BATCH_REDUCTION_MEAN]),
                get: |p| usize::from(p.reduction == Reduction::Mean),
                set: |p, i| p.reduction = if i == 1 { Reduction::Mean } else { Reduction::MeanNonZero },
            }),
            Item::Choice(Choice::<Self> {
                testid: "batch-model",
                label: texts::BATCH_MODEL,
                options: Options::Fixed(vec![texts::BATCH_MODEL_POINTS, texts::BATCH_MODEL_LAYER]),
                get: |p| usize::from(p.model == Model::Layer),
                set: |p, i| p.model = if i == 1 { Model::Layer } else { Model::Points },
            }),
            Item::Slider(Slider::<Self> {
                testid: "batch-margin",
                label: texts::BATCH_MARGIN,
                scale: Scale::Linear(BatchParams::MARGIN),
                get: |p| p.margin,
                set: |p, v| p.margin = v,
                when: None,
            }),
            Item::Slider(Slider::<Self> {
                testid: "batch-rate",
                label: texts::BATCH_RATE,
                scale: Scale::Log(BatchParams::RATE),
                get: |p| p.rate,
                set: |p, v| p.rate = v,
                when: None,
            }),
            Item::Player,
            Item::Buttons(vec![Button::<Self> {
                testid: "batch-reset",
                label: texts::BATCH_RESET,
                act: |e| {
                    e.state.trained = None;
                    e.state.steps = 0;
                },
                enabled: Some(|v| v.state.trained.is_some()),
            }]),
            Item::Paragraph(Paragraph::new(texts::BATCH_HOW_TO, Style::Hint)),
            Item::List { title: texts::BATCH_TRY_TITLE, items: vec![texts::BATCH_TRY_1, texts::BATCH_TRY_2, texts::BATCH_TRY_3] },
        ];
        figure.main = vec![
            Item::Legend(vec![
                (draw::POSITIVE_LINE, texts::BATCH_LEGEND_POSITIVE),
                (draw::HARD_LINE, texts::BATCH_LEGEND_HARD),
                (draw::SEMI_HARD_LINE, texts::BATCH_LEGEND_SEMI_HARD),
            ]),
            Item::Canvas(0),
            Item::Paragraph(Paragraph::<Self> {
                testid: Some("batch-status"),
                fill: Some(|v| {
                    let a = analysis(v);
                    let i = strategy_index(v.params.mining);
                    vec![
                        ("step", Shown::Count(v.state.steps as usize)),
                        ("loss", Shown::maybe(a.as_ref().map(|a| a.losses[i]), 4)),
                        ("anchor", Shown::Count(anchor(v))),
                        ("class", Shown::Count(v.data.batch.labels.get(anchor(v)).map_or(0, |c| c + 1))),
                    ]
                }),
                ..Paragraph::new(texts::BATCH_STATUS, Style::Status)
            }),
            Item::Paragraph(Paragraph::<Self> { testid: Some("batch-collapsed"), when: Some(collapsed), ..Paragraph::new(texts::BATCH_COLLAPSED, Style::Status) }),
            Item::Table(Table::<Self> {
                testid: Some("batch-categories"),
                caption: vec![
                    Piece::Text(texts::BATCH_CATEGORIES_TITLE),
                    Piece::Value { get: |v| analysis(v).map(|a| Shown::Count(a.stats.total())), testid: "batch-total", before: ":\u{a0}", after: "" },
                ],
                columns: vec![texts::BATCH_COL_CATEGORY, texts::BATCH_COL_COUNT],
                rows: |v| {
                    let s = analysis(v).map(|a| a.stats).unwrap_or_default();
                    vec![
                        row(0, texts::BATCH_HARD, vec![cell("batch-hard-count".into(), Shown::Count(s.hard))]),
                        row(1, texts::BATCH_SEMI_HARD, vec![cell("batch-semihard-count".into(), Shown::Count(s.semi_hard))]),
                        row(2, texts::BATCH_EASY, vec![cell("batch-easy-count".into(), Shown::Count(s.easy))]),
                    ]
                },
                hint: None,
                when: None,
                otherwise: None,
            }),
            Item::Table(Table::<Self> {
                testid: Some("batch-strategies"),
                caption: vec![Piece::Text(texts::BATCH_STRATEGIES_TITLE)],
                columns: vec![texts::BATCH_COL_STRATEGY, texts::BATCH_COL_MINED, texts::BATCH_COL_CHECKSUM, texts::BATCH_COL_LOSS],
                rows: |v| {
                    let a = analysis(v);
                    STRATEGIES
                        .into_iter()
                        .enumerate()
                        .map(|(i, m)| {
                            let key = ["all", "hard", "semihard"][i];
                            row(
                                i as u32,
                                mining_text(m),
                                vec![
                                    cell(format!("batch-{key}-mined"), a.as_ref().map_or(Shown::Missing, |a| Shown::Count(a.counts[i]))),
                                    cell(
                                        format!("batch-{key}-checksum"),
                                        a.as_ref().and_then(|a| a.checksums[i]).map_or(Shown::Missing, |c| Shown::Count(c as usize)),
                                    ),
                                    cell(format!("batch-{key}-loss"), Shown::maybe(a.as_ref().map(|a| a.losses[i]), 4)),
                                ],
                            )
                        })
                        .collect()
                },
                hint: Some(texts::BATCH_STRATEGIES_HINT),
                when: None,
                otherwise: None,
            }),
            Item::Canvas(1),
            Item::Paragraph(Paragraph::new(texts::BATCH_HEAT_HINT, Style::Hint)),
        ];
        let mut formulas_section = Section::new(Some(texts::BATCH_FORMULAS));
        formulas_section.class = "formulas";
        formulas_section.main = vec![Item::Formulas(Formulas::<Self> {
            list: |_| vec![formulas::BATCH_ALL, formulas::BATCH_HARD, formulas::SEMI_HARD],
            values: |p| vec![("m", p.margin)],
        })];
        vec![figure, formulas_section]
    }

    /// Press a point (or a row of the heatmap) to make it the anchor.
    fn pointer(pointer: &Pointer, frame: &Frame2, edit: &mut Edit<'_, Self>) -> Response {
        if pointer.phase != PointerPhase::Down || !pointer.primary {
            return Response::Ignored;
        }
        let n = edit.data.batch.labels.len();
        let picked = match pointer.canvas {
            0 => {
                let points = trained(edit.params, edit.state).map_or(&edit.data.batch.points, |t| &t.points);
                hit(points.iter().map(|p| frame.to_pixels(*p)), pointer.at, PICK_RADIUS_CSS * pointer.scale)
            }
            _ => frame.to_data(pointer.at).and_then(|(_, y)| {
                let row = (n as f64 - y).floor();
                (row >= 0.0 && row < n as f64).then_some(row as usize)
            }),
        };
        match picked {
            Some(i) => {
                edit.state.anchor = i;
                Response::Handled
            }
            None => Response::Ignored,
        }
    }

    /// `n` / `p` (or → / ←) walk through the anchors.
    fn key(key: &KeyInput, edit: &mut Edit<'_, Self>) -> Response {
        let direction = match key.key.as_str() {
            "n" | "]" | "ArrowRight" | "ArrowDown" => 1,
            "p" | "[" | "ArrowLeft" | "ArrowUp" => -1,
            _ => return Response::Ignored,
        };
        let n = edit.data.batch.labels.len();
        edit.state.anchor = next_index(Some(edit.state.anchor.min(n.saturating_sub(1))), direction, n).unwrap_or(0);
        Response::Handled
    }

    /// One step of gradient descent with the chosen strategy, on the points or on the layer that
    /// makes them; pauses at loss 0.
    fn step(edit: &mut Edit<'_, Self>) -> bool {
        let params = edit.params.clone();
        let Ok(loss) = BatchTriplet::new(params.margin, params.reduction, false, params.mining) else { return false };
        let (inputs, labels) = (&edit.data.batch.points, &edit.data.batch.labels);
        let previous = trained(&params, edit.state);
        // A new run (another batch or model) counts its steps from 0.
        let steps = if previous.is_some() { edit.state.steps } else { 0 };
        if steps >= MAX_STEPS {
            return false;
        }
        let moved = match params.model {
            Model::Points => {
                let points = previous.map_or(inputs, |t| &t.points);
                descend(points, labels, loss, params.rate, draw::PLANE).map(|(points, value)| (points, None, value))
            }
            Model::Layer => {
                let layer = previous.and_then(|t| t.layer).unwrap_or(Layer::IDENTITY);
                descend_layer(inputs, labels, loss, params.rate, layer).map(|(layer, value)| (layer.embed(inputs), Some(layer), value))
            }
        };
        match moved {
            Ok((points, layer, value)) if value > 0.0 && points.iter().all(|p| p.0.is_finite() && p.1.is_finite()) => {
                edit.state.trained = Some(Shared::new(Trained { batch: params.key(), points, layer, cache: Mutex::new(None) }));
                edit.state.steps = steps + 1;
                true
            }
            _ => false,
        }
    }
}
