//! Fitting a one-peaked Q = softmax(z), z_k = −(k − μ)²/(2σ²), to a two-peaked P by gradient descent
//! on (μ, ln σ), once on KL(P‖Q) and once on KL(Q‖P), side by side and from the same start (a narrow
//! bump near the right peak). KL(P‖Q) is infinite-ish wherever P has mass and Q none, so Q widens to
//! cover both peaks (mean-seeking); KL(Q‖P) only counts where Q has mass, and punishes mass where P
//! has none, so Q stays narrow on the one peak it started near (mode-seeking).

use super::{formulas, texts};
use crate::figure::layout::{Button, CanvasSpec, Cell, Formulas, Item, Label, Paragraph, Row, Section, Shown, Slider, Style, Table};
use crate::figure::query::{FigureQuery, LinearRange, QueryWriter, Scale, UrlState};
use crate::figure::{Edit, Figure, View};
use crate::loss::divergence::{GaussianQ, Kl};
use crate::loss::num::softmax;
use crate::plot::bars::{draw_bars_base, draw_bars_overlay, BarAxes, BarGroup};
use crate::plot::panel::DrawResult;
use crate::plot::{Ctx, Dash, Frame2, Marker, Series, SeriesColor};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Bins of the distributions.
pub const BINS: usize = 24;
/// The learning rate of both fits.
pub const RATE: f64 = 0.1;
/// Gradient steps per animation frame.
pub const STEPS_PER_FRAME: u64 = 8;
/// The animation stops here (both fits have long settled).
pub const MAX_STEPS: u64 = 6000;

const P_SERIES: Series = Series::new(SeriesColor::Grey, Dash::Solid, Marker::None);
const FORWARD: Series = Series::new(SeriesColor::Blue, Dash::Solid, Marker::None);
const REVERSE: Series = Series::new(SeriesColor::Vermillion, Dash::Solid, Marker::None);

/// Parameters: how far apart the peaks of P are, in bins.
#[derive(Debug, Clone, PartialEq)]
pub struct FitParams {
    pub gap: f64,
}

impl FitParams {
    pub const GAP: LinearRange = LinearRange { min: 4.0, max: 16.0, step: 1.0 };
}

impl UrlState for FitParams {
    fn read(query: &FigureQuery<'_>) -> FitParams {
        FitParams { gap: query.scaled("gap", &Scale::Linear(FitParams::GAP), 12.0) }
    }

    fn write(&self, out: &mut QueryWriter<'_>) {
        out.number("gap", self.gap);
    }
}

impl Default for FitParams {
    fn default() -> Self {
        FitParams { gap: 12.0 }
    }
}

/// Width (σ, in bins) of each of P's peaks.
pub const PEAK_WIDTH: f64 = 1.2;
/// P's floor: no outcome is impossible (KL(Q‖P) would be ∞ for any Q), but the valley is nearly so.
pub const FLOOR: f64 = 1e-6;

/// P: two equal bumps `gap` bins apart around the middle, plus a tiny floor, normalised.
pub fn target(gap: f64) -> Vec<f64> {
    let centre = (BINS as f64 - 1.0) / 2.0;
    let bump = |k: f64, c: f64| (-0.5 * ((k - c) / PEAK_WIDTH).powi(2)).exp();
    let raw: Vec<f64> = (0..BINS).map(|k| bump(k as f64, centre - gap / 2.0) + bump(k as f64, centre + gap / 2.0) + FLOOR).collect();
    let sum: f64 = raw.iter().sum();
    raw.into_iter().map(|v| v / sum).collect()
}

/// The start of both fits: a narrow bump (σ = 1.5 bins) 2.5 bins right of the middle.
pub const START: GaussianQ = GaussianQ { mu: (BINS as f64 - 1.0) / 2.0 + 2.5, log_sigma: 0.405_465_108_108_164_4 };

/// Both fits and how many steps they have taken.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fits {
    pub forward: GaussianQ,
    pub reverse: GaussianQ,
    pub steps: u64,
}

impl Default for Fits {
    fn default() -> Self {
        Fits { forward: START, reverse: START, steps: 0 }
    }
}

/// What a fit shows: Q, the divergence it minimises, and Q's mass left of the middle.
#[derive(Debug, Clone, PartialEq)]
pub struct Fitted {
    pub q: Vec<f64>,
    pub divergence: f64,
    pub left: f64,
    pub sigma: f64,
}

pub fn fitted(kl: Kl, p: &[f64], fit: &GaussianQ) -> Fitted {
    let z = fit.logits(p.len());
    let q = softmax(&z);
    let divergence = kl.value_logits(p, &z).unwrap_or(f64::NAN);
    Fitted { divergence, left: q.iter().take(p.len() / 2).sum(), sigma: fit.log_sigma.exp(), q }
}

fn panels(ctx: &Ctx) -> [BarAxes<'_>; 2] {
    [BarAxes { y: (0.0, 0.4), title: ctx.t(texts::KLFIT_FORWARD_PANEL) }, BarAxes { y: (0.0, 0.4), title: ctx.t(texts::KLFIT_REVERSE_PANEL) }]
}

fn both(view: &View<'_, KlFit>) -> [Fitted; 2] {
    [fitted(Kl::Forward, view.data, &view.state.forward), fitted(Kl::Reverse, view.data, &view.state.reverse)]
}

/// The figure.
pub struct KlFit;

impl Figure for KlFit {
    const KEY: &'static str = "klfit";
    const AUTOPLAY: bool = true;
    type Params = FitParams;
    type State = Fits;
    type Data = Vec<f64>;
    type Frame = Frame2;
    type Base = ();

    fn build(params: &FitParams) -> Vec<f64> {
        target(params.gap)
    }

    fn base(_: &View<'_, Self>) {}

    fn canvases() -> &'static [CanvasSpec] {
        &[CanvasSpec { testid: "klfit-canvas", wrapper_testid: "klfit-figure", class: "", aria: texts::KLFIT_ARIA, interactive: false, export_name: "kl-fit-forward-reverse" }]
    }

    fn draw_base<DB: DrawingBackend>(_: usize, area: &DrawingArea<DB, Shift>, ctx: &Ctx, _: &()) -> DrawResult<Frame2, DB> {
        draw_bars_base(area, ctx, &vec![String::new(); BINS], &panels(ctx))?;
        Ok(Frame2::default())
    }

    fn draw_overlay<DB: DrawingBackend>(_: usize, area: &DrawingArea<DB, Shift>, ctx: &Ctx, view: &View<'_, Self>) -> DrawResult<(), DB> {
        let [forward, reverse] = both(view);
        let [top, bottom] = panels(ctx);
        let forward_bars = [BarGroup::filled(FORWARD, &forward.q, 0), BarGroup::outlined(P_SERIES, view.data, 0)];
        let reverse_bars = [BarGroup::filled(REVERSE, &reverse.q, 0), BarGroup::outlined(P_SERIES, view.data, 0)];
        draw_bars_overlay(area, ctx, BINS, &[(top, &forward_bars), (bottom, &reverse_bars)], None)
    }

    fn sections() -> Vec<Section<Self>> {
        let mut figure = Section::new(Some(texts::KLFIT_TITLE));
        figure.testid = Some("klfit");
        figure.controls = vec![
            Item::Paragraph(Paragraph::new(texts::KLFIT_INTRO, Style::Plain)),
            Item::Player,
            Item::Buttons(vec![Button::<Self> { testid: "klfit-reset", label: texts::KL_RESET, act: |e| *e.state = Fits::default(), enabled: None }]),
            Item::Slider(Slider::<Self> {
                testid: "klfit-gap",
                label: texts::KLFIT_GAP,
                scale: Scale::Linear(FitParams::GAP),
                get: |p| p.gap,
                set: |p, v| p.gap = v,
                when: None,
            }),
            Item::Paragraph(Paragraph::new(texts::KLFIT_MOTION_NOTE, Style::Hint)),
            Item::List { title: texts::KL_TRY_TITLE, items: vec![texts::KLFIT_TRY_1, texts::KLFIT_TRY_2, texts::KLFIT_TRY_3] },
        ];
        figure.main = vec![
            Item::Legend(vec![(P_SERIES, texts::KLFIT_LEGEND_P), (FORWARD, texts::KLFIT_LEGEND_FORWARD), (REVERSE, texts::KLFIT_LEGEND_REVERSE)]),
            Item::Canvas(0),
            Item::Table(Table::<Self> {
                testid: Some("klfit-readout"),
                caption: vec![],
                columns: vec![texts::KLFIT_COL_FIT, texts::KLFIT_COL_DIVERGENCE, texts::KLFIT_COL_SIGMA, texts::KLFIT_COL_LEFT],
                rows: |v| {
                    let fits = both(v);
                    [("forward", texts::KLFIT_LEGEND_FORWARD, FORWARD), ("reverse", texts::KLFIT_LEGEND_REVERSE, REVERSE)]
                        .into_iter()
                        .zip(fits)
                        .enumerate()
                        .map(|(i, ((id, label, series), fit))| Row {
                            key: i as u32,
                            label: Label::Text(label),
                            series: Some(series),
                            cells: vec![
                                Cell { testid: format!("klfit-{id}-kl"), value: Shown::Number(fit.divergence, 4) },
                                Cell { testid: format!("klfit-{id}-sigma"), value: Shown::Number(fit.sigma, 3) },
                                Cell { testid: format!("klfit-{id}-left"), value: Shown::Number(fit.left, 3) },
                            ],
                        })
                        .collect()
                },
                hint: None,
                when: None,
                otherwise: None,
            }),
            Item::Paragraph(Paragraph::<Self> {
                testid: Some("klfit-steps"),
                fill: Some(|v| vec![("steps", Shown::Count(v.state.steps as usize))]),
                ..Paragraph::new(texts::KLFIT_STEPS, Style::Hint)
            }),
        ];
        let mut formulas_section = Section::new(Some(texts::KLFIT_FORMULAS));
        formulas_section.class = "formulas";
        formulas_section.main = vec![Item::Formulas(Formulas::<Self> { list: |_| vec![formulas::KL_GAUSSIAN, formulas::KL_GRAD_FORWARD, formulas::KL_GRAD_REVERSE], values: |_| Vec::new() })];
        vec![figure, formulas_section]
    }

    /// A few gradient-descent steps of both fits; done after [`MAX_STEPS`].
    fn step(edit: &mut Edit<'_, Self>) -> bool {
        for _ in 0..STEPS_PER_FRAME {
            let (Ok((_, forward)), Ok((_, reverse))) =
                (edit.state.forward.descend(Kl::Forward, edit.data, RATE), edit.state.reverse.descend(Kl::Reverse, edit.data, RATE))
            else {
                return false;
            };
            edit.state.forward = forward;
            edit.state.reverse = reverse;
            edit.state.steps += 1;
        }
        edit.state.steps < MAX_STEPS
    }
}
