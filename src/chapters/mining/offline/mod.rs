//! Offline against online mining, the article's distinction: two copies of one batch train side by
//! side with the same loss; the online one mines its hard and semi-hard triplets afresh at every step,
//! the offline one uses the triplets it mined at the start of its "epoch" (every k steps). Each step
//! counts how many of the triplets used still have a positive loss; stale ones go easy (useless)
//! as the embedding moves.

pub mod draw;

use super::analysis::{embeddings, moved};
use super::generator::{batch, Batch};
use super::{formulas, texts};
use crate::figure::layout::{Button, CanvasSpec, Formulas, Item, Paragraph, Section, Shown, Slider, Style};
use crate::figure::query::{FigureQuery, LinearRange, LogRange, QueryWriter, Scale, UrlState};
use crate::figure::shared::Shared;
use crate::figure::{Edit, Figure, View};
use crate::loss::metric::batch_triplet::TripletLoss;
use crate::loss::metric::distance::{norm, PairMatrix};
use crate::loss::metric::miners::{mine, Miner, MinerKind, Triplet};
use crate::loss::metric::BatchLoss;
use crate::loss::{LossError, Reduction};
use crate::plot::panel::DrawResult;
use crate::plot::{Ctx, Frame2};
use plotters::coord::Shift;
use plotters::prelude::*;

/// The batch both runs train: 4 classes of 6 points.
pub const CLASSES: usize = 4;
pub const PER_CLASS: usize = 6;
pub const SPREAD: f64 = 0.6;
/// Training stops after this many steps.
pub const MAX_STEPS: u32 = 600;

/// Parameters of the figure: `offline.k` (steps between two minings of the offline run: its
/// epoch), `offline.seed`, `offline.m` (the margin), `offline.rate`.
#[derive(Debug, Clone, PartialEq)]
pub struct OfflineParams {
    pub every: u32,
    pub seed: u32,
    pub margin: f64,
    pub rate: f64,
}

impl OfflineParams {
    pub const EVERY: LinearRange = LinearRange { min: 1.0, max: 100.0, step: 1.0 };
    pub const MARGIN: LinearRange = LinearRange { min: 0.05, max: 1.0, step: 0.05 };
    pub const RATE: LogRange = LogRange { min: 0.01, max: 10.0, steps: 300 };
}

impl Default for OfflineParams {
    fn default() -> Self {
        OfflineParams { every: 40, seed: 7, margin: 0.3, rate: 0.2 }
    }
}

impl UrlState for OfflineParams {
    fn read(query: &FigureQuery<'_>) -> OfflineParams {
        let mut params = OfflineParams::default();
        params.every = query.scaled("k", &Scale::Linear(Self::EVERY), f64::from(params.every)).round() as u32;
        params.seed = query.number("seed").map_or(params.seed, |s| s.round().clamp(1.0, 99_999.0) as u32);
        params.margin = query.scaled("m", &Scale::Linear(Self::MARGIN), params.margin);
        params.rate = query.scaled("rate", &Scale::Log(Self::RATE), params.rate);
        params
    }

    fn write(&self, out: &mut QueryWriter<'_>) {
        out.number("k", f64::from(self.every));
        out.number("seed", f64::from(self.seed));
        out.number("m", self.margin);
        out.number("rate", self.rate);
    }
}

/// The triplets either run mines: every one that is not easy (t ≤ m), as pytorch-metric-learning's
/// `TripletMarginMiner(type_of_triplets="all")` does.
pub fn mine_useful(points: &[(f64, f64)], labels: &[usize], margin: f64) -> Result<Vec<Triplet>, LossError> {
    let d = PairMatrix::euclidean(&embeddings(points)?, false);
    mine(&d, labels, Miner::TripletMargin { margin, kind: MinerKind::All })
}

/// How many of `triplets` have a positive loss on `points`.
pub fn still_useful(points: &[(f64, f64)], triplets: &[Triplet], margin: f64) -> usize {
    let dist = |i: usize, j: usize| norm(&[points[i].0 - points[j].0, points[i].1 - points[j].1]);
    triplets.iter().filter(|t| margin + dist(t.anchor, t.positive) - dist(t.anchor, t.negative) > 0.0).count()
}

/// One step of the counts.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Counts {
    /// Triplets the online run mined (all useful when mined).
    pub online: usize,
    /// Of the offline run's triplets, those still useful.
    pub offline_useful: usize,
    /// The offline run's triplets (mined at the start of its epoch).
    pub offline_mined: usize,
    /// What mining the offline run's embedding now would give.
    pub offline_fresh: usize,
}

/// Both runs after some steps.
#[derive(Debug, Clone, PartialEq)]
pub struct Runs {
    pub online: Vec<(f64, f64)>,
    pub offline: Vec<(f64, f64)>,
    /// The offline run's triplets and the step they were mined at.
    pub stale: Vec<Triplet>,
    pub mined_at: u32,
    /// The counts at every step so far.
    pub history: Vec<Counts>,
    /// Each run's loss at the last step.
    pub losses: (f64, f64),
}

/// The batch both runs start from.
#[derive(Debug, Clone, PartialEq)]
pub struct OfflineData {
    pub batch: Batch,
    /// The non-easy triplets of the start (the plot's height).
    pub start_useful: usize,
}

/// What a link does not carry: the runs so far.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Training {
    pub runs: Option<Shared<Runs>>,
    pub steps: u32,
}

fn step_run(points: &[(f64, f64)], triplets: &[Triplet], margin: f64, rate: f64) -> Result<(Vec<(f64, f64)>, f64), LossError> {
    let loss = TripletLoss::new(margin, Reduction::MeanNonZero, false)?;
    let (value, grad) = loss.value_and_grad(&embeddings(points)?, triplets)?;
    Ok((moved(points, &grad, rate, super::batch::draw::PLANE), value))
}

/// One step of both runs from `runs` (or from the start).
pub fn advance(params: &OfflineParams, data: &OfflineData, runs: Option<&Runs>, step: u32) -> Result<Runs, LossError> {
    let labels = &data.batch.labels;
    let start = &data.batch.points;
    let (online, offline) = runs.map_or((start.clone(), start.clone()), |r| (r.online.clone(), r.offline.clone()));
    let fresh_online = mine_useful(&online, labels, params.margin)?;
    let fresh_offline = mine_useful(&offline, labels, params.margin)?;
    let (stale, mined_at) = match runs {
        Some(r) if step - r.mined_at < params.every.max(1) => (r.stale.clone(), r.mined_at),
        _ => (fresh_offline.clone(), step),
    };
    let counts = Counts {
        online: still_useful(&online, &fresh_online, params.margin),
        offline_useful: still_useful(&offline, &stale, params.margin),
        offline_mined: stale.len(),
        offline_fresh: still_useful(&offline, &fresh_offline, params.margin),
    };
    let (online, online_loss) = step_run(&online, &fresh_online, params.margin, params.rate)?;
    let (offline, offline_loss) = step_run(&offline, &stale, params.margin, params.rate)?;
    let mut history = runs.map_or_else(Vec::new, |r| r.history.clone());
    history.push(counts);
    Ok(Runs { online, offline, stale, mined_at, history, losses: (online_loss, offline_loss) })
}

fn last(view: &View<'_, OfflineFigure>) -> Counts {
    view.state.runs.as_ref().and_then(|r| r.history.last().copied()).unwrap_or_default()
}

/// The figure.
pub struct OfflineFigure;

impl Figure for OfflineFigure {
    const KEY: &'static str = "offline";
    type Params = OfflineParams;
    type State = Training;
    type Data = OfflineData;
    type Frame = Frame2;
    /// The history plot's step range and height.
    type Base = (u32, usize);

    fn build(params: &OfflineParams) -> OfflineData {
        let batch = batch(CLASSES, PER_CLASS, params.seed, SPREAD);
        let start_useful = mine_useful(&batch.points, &batch.labels, params.margin).map_or(0, |t| t.len());
        OfflineData { batch, start_useful }
    }

    fn base(view: &View<'_, Self>) -> (u32, usize) {
        let data = view.data;
        (MAX_STEPS, data.start_useful)
    }

    fn canvases() -> &'static [CanvasSpec] {
        &[
            CanvasSpec { testid: "offline-canvas", wrapper_testid: "offline-figure", class: "bars-canvas", aria: texts::OFFLINE_ARIA, interactive: false, export_name: "offline-online" },
            CanvasSpec {
                testid: "offline-history-canvas",
                wrapper_testid: "offline-history",
                class: "bars-canvas",
                aria: texts::OFFLINE_HISTORY_ARIA,
                interactive: false,
                export_name: "offline-online-useful",
            },
        ]
    }

    fn draw_base<DB: DrawingBackend>(canvas: usize, area: &DrawingArea<DB, Shift>, ctx: &Ctx, base: &(u32, usize)) -> DrawResult<Frame2, DB> {
        match canvas {
            0 => draw::draw_planes_base(area, ctx),
            _ => draw::draw_history_base(area, ctx, base.0, base.1),
        }
    }

    fn draw_overlay<DB: DrawingBackend>(canvas: usize, area: &DrawingArea<DB, Shift>, ctx: &Ctx, view: &View<'_, Self>) -> DrawResult<(), DB> {
        let start = &view.data.batch.points;
        let runs = view.state.runs.as_deref();
        match canvas {
            0 => draw::draw_planes_overlay(
                area,
                ctx,
                [runs.map_or(start, |r| &r.online), runs.map_or(start, |r| &r.offline)],
                &view.data.batch.labels,
            ),
            _ => draw::draw_history_overlay(area, ctx, (MAX_STEPS, view.data.start_useful), runs.map_or(&[], |r| &r.history), view.params.every),
        }
    }

    fn sections() -> Vec<Section<Self>> {
        let mut figure = Section::new(Some(texts::OFFLINE_TITLE));
        figure.class = "lab";
        figure.testid = Some("offline");
        figure.controls = vec![
            Item::Paragraph(Paragraph::new(texts::OFFLINE_INTRO, Style::Plain)),
            Item::Slider(Slider::<Self> {
                testid: "offline-k",
                label: texts::OFFLINE_EVERY,
                scale: Scale::Linear(OfflineParams::EVERY),
                get: |p| f64::from(p.every),
                set: |p, v| p.every = v.round() as u32,
                when: None,
            }),
            Item::Slider(Slider::<Self> {
                testid: "offline-margin",
                label: texts::OFFLINE_MARGIN,
                scale: Scale::Linear(OfflineParams::MARGIN),
                get: |p| p.margin,
                set: |p, v| p.margin = v,
                when: None,
            }),
            Item::Slider(Slider::<Self> {
                testid: "offline-rate",
                label: texts::OFFLINE_RATE,
                scale: Scale::Log(OfflineParams::RATE),
                get: |p| p.rate,
                set: |p, v| p.rate = v,
                when: None,
            }),
            Item::Player,
            Item::Buttons(vec![
                Button::<Self> {
                    testid: "offline-reset",
                    label: texts::OFFLINE_RESET,
                    act: |e| {
                        e.state.runs = None;
                        e.state.steps = 0;
                    },
                    enabled: Some(|v| v.state.runs.is_some()),
                },
                Button::<Self> {
                    testid: "offline-reseed",
                    label: texts::OFFLINE_RESEED,
                    act: |e| {
                        e.params.seed = super::batch::BatchParams::next_seed(e.params.seed);
                        e.state.runs = None;
                        e.state.steps = 0;
                    },
                    enabled: None,
                },
            ]),
            Item::List { title: texts::OFFLINE_TRY_TITLE, items: vec![texts::OFFLINE_TRY_1, texts::OFFLINE_TRY_2] },
        ];
        figure.main = vec![
            Item::Canvas(0),
            Item::Paragraph(Paragraph::<Self> {
                testid: Some("offline-status"),
                fill: Some(|v| {
                    let c = last(v);
                    let (online_loss, offline_loss) = v.state.runs.as_ref().map_or((f64::NAN, f64::NAN), |r| r.losses);
                    vec![
                        ("step", Shown::Count(v.state.steps as usize)),
                        ("online", Shown::Count(c.online)),
                        ("useful", Shown::Count(c.offline_useful)),
                        ("mined", Shown::Count(c.offline_mined)),
                        ("easy", Shown::Count(c.offline_mined - c.offline_useful.min(c.offline_mined))),
                        ("fresh", Shown::Count(c.offline_fresh)),
                        ("online_loss", Shown::maybe(online_loss.is_finite().then_some(online_loss), 4)),
                        ("offline_loss", Shown::maybe(offline_loss.is_finite().then_some(offline_loss), 4)),
                    ]
                }),
                when: Some(|v| v.state.runs.is_some()),
                ..Paragraph::new(texts::OFFLINE_STATUS, Style::Status)
            }),
            Item::Paragraph(Paragraph::<Self> {
                testid: Some("offline-ready"),
                fill: Some(|v| vec![("n", Shown::Count(v.data.start_useful))]),
                when: Some(|v| v.state.runs.is_none()),
                ..Paragraph::new(texts::OFFLINE_READY, Style::Hint)
            }),
            Item::Legend(vec![(draw::ONLINE, texts::OFFLINE_LEGEND_ONLINE), (draw::OFFLINE, texts::OFFLINE_LEGEND_OFFLINE)]),
            Item::Canvas(1),
        ];
        let mut formulas_section = Section::new(Some(texts::OFFLINE_FORMULAS));
        formulas_section.class = "formulas";
        formulas_section.main = vec![Item::Formulas(Formulas::<Self> { list: |_| vec![formulas::USEFUL], values: |p| vec![("m", p.margin)] })];
        vec![figure, formulas_section]
    }

    /// One step of both runs; stops when both losses reach 0 or after [`MAX_STEPS`].
    fn step(edit: &mut Edit<'_, Self>) -> bool {
        if edit.state.steps >= MAX_STEPS {
            return false;
        }
        match advance(edit.params, edit.data, edit.state.runs.as_deref(), edit.state.steps) {
            Ok(runs) => {
                let done = runs.losses == (0.0, 0.0);
                edit.state.runs = Some(Shared::new(runs));
                edit.state.steps += 1;
                !done
            }
            Err(_) => false,
        }
    }
}
