//! The KL divergence figure: two distributions P and Q over five outcomes whose bars are dragged
//! (the others rescale so each still sums to 1), KL(P‖Q) and KL(Q‖P) with each outcome's
//! contribution, and cross-entropy = entropy + KL as stacked bars. Where q = 0 < p, KL(P‖Q) = ∞ and
//! a sentence says why.

use super::{formulas, texts};
use crate::figure::input::{next_index, KeyInput};
use crate::figure::layout::{Button, CanvasSpec, Cell, Formulas, Item, Label, Paragraph, Row, Section, Shown, Style, Table};
use crate::figure::query::{parse_finite, FigureQuery, QueryWriter, UrlState};
use crate::figure::{Edit, Figure, Pointer, PointerPhase, Response, View};
use crate::loss::divergence::{cross_entropy, entropy, Kl};
use crate::loss::LossError;
use crate::plot::bars::{bar_at, draw_bars_base, draw_bars_overlay, BarAxes, BarGroup};
use crate::plot::panel::DrawResult;
use crate::plot::{Ctx, Dash, Frame2, Marker, Series, SeriesColor};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Outcomes.
pub const K: usize = 5;
/// Probabilities are kept in thousandths, so every distribution sums to exactly 1000/1000 and its
/// URL form is short and exact.
pub const UNITS: u32 = 1000;

const P_SERIES: Series = Series::new(SeriesColor::Blue, Dash::Solid, Marker::None);
const Q_SERIES: Series = Series::new(SeriesColor::Vermillion, Dash::Solid, Marker::None);
const ENTROPY: Series = Series::new(SeriesColor::Grey, Dash::Solid, Marker::None);

/// Whole units split in proportion to `weights` (largest remainders first): the parts sum to `total`.
pub fn apportion(weights: &[f64], total: u32) -> Vec<u32> {
    let sum: f64 = weights.iter().filter(|w| w.is_finite() && **w > 0.0).sum();
    if weights.is_empty() {
        return Vec::new();
    }
    if sum <= 0.0 {
        return apportion(&vec![1.0; weights.len()], total);
    }
    let exact: Vec<f64> = weights.iter().map(|&w| if w.is_finite() && w > 0.0 { w / sum * f64::from(total) } else { 0.0 }).collect();
    let mut parts: Vec<u32> = exact.iter().map(|e| e.floor() as u32).collect();
    // The units rounding left over go to the largest remainders (the first of equal ones).
    let mut remainders: Vec<f64> = exact.iter().map(|e| e - e.floor()).collect();
    for _ in 0..total.saturating_sub(parts.iter().sum()) {
        let best = (0..remainders.len()).fold(0, |best, i| if remainders[i] > remainders[best] { i } else { best });
        parts[best] += 1;
        remainders[best] = -1.0;
    }
    parts
}

/// Sets outcome `k` of `dist` to `value` thousandths and rescales the others so the sum stays 1000
/// (spread evenly when they were all 0).
pub fn set_share(dist: &mut [u32], k: usize, value: u32) {
    if k >= dist.len() {
        return;
    }
    let value = value.min(UNITS);
    let others: Vec<f64> = dist.iter().enumerate().filter(|(i, _)| *i != k).map(|(_, &v)| f64::from(v)).collect();
    let rest = apportion(&others, UNITS - value);
    let mut rest = rest.into_iter();
    for (i, slot) in dist.iter_mut().enumerate() {
        *slot = if i == k { value } else { rest.next().unwrap_or(0) };
    }
}

/// Which distribution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    P,
    Q,
}

/// Parameters: the two distributions, in thousandths.
#[derive(Debug, Clone, PartialEq)]
pub struct KlParams {
    pub p: Vec<u32>,
    pub q: Vec<u32>,
}

impl KlParams {
    pub const DEFAULT_P: [u32; K] = [100, 400, 300, 150, 50];
    pub const DEFAULT_Q: [u32; K] = [250, 250, 200, 200, 100];
    /// Q that calls outcome 3 impossible.
    pub const MISSING_Q: [u32; K] = [300, 350, 0, 250, 100];

    fn read_dist(query: &FigureQuery<'_>, name: &str, default: &[u32; K]) -> Vec<u32> {
        let values: Vec<f64> = query.list(name).unwrap_or_default().into_iter().filter_map(parse_finite).map(|v| v.max(0.0)).collect();
        if values.len() != K || values.iter().sum::<f64>() <= 0.0 {
            return default.to_vec();
        }
        apportion(&values, UNITS)
    }

    pub fn dist(&self, which: Which) -> &[u32] {
        match which {
            Which::P => &self.p,
            Which::Q => &self.q,
        }
    }

    fn dist_mut(&mut self, which: Which) -> &mut Vec<u32> {
        match which {
            Which::P => &mut self.p,
            Which::Q => &mut self.q,
        }
    }
}

impl Default for KlParams {
    fn default() -> Self {
        KlParams { p: Self::DEFAULT_P.to_vec(), q: Self::DEFAULT_Q.to_vec() }
    }
}

impl UrlState for KlParams {
    fn read(query: &FigureQuery<'_>) -> KlParams {
        KlParams { p: Self::read_dist(query, "p", &Self::DEFAULT_P), q: Self::read_dist(query, "q", &Self::DEFAULT_Q) }
    }

    fn write(&self, out: &mut QueryWriter<'_>) {
        for (name, dist) in [("p", &self.p), ("q", &self.q)] {
            let shown: Vec<String> = dist.iter().map(u32::to_string).collect();
            out.list(name, shown.iter().map(String::as_str));
        }
    }
}

fn probabilities(dist: &[u32]) -> Vec<f64> {
    dist.iter().map(|&v| f64::from(v) / f64::from(UNITS)).collect()
}

/// Everything the figure shows, from `crate::loss::divergence`.
#[derive(Debug, Clone, PartialEq)]
pub struct KlData {
    pub p: Vec<f64>,
    pub q: Vec<f64>,
    pub forward: Result<f64, LossError>,
    pub reverse: Result<f64, LossError>,
    pub entropy_p: Result<f64, LossError>,
    pub entropy_q: Result<f64, LossError>,
    pub cross_pq: Result<f64, LossError>,
    pub cross_qp: Result<f64, LossError>,
    /// Per outcome: p ln(p/q) and q ln(q/p).
    pub forward_terms: Vec<f64>,
    pub reverse_terms: Vec<f64>,
    /// Per outcome: ∂KL(P‖Q)/∂q_k and ∂KL(Q‖P)/∂q_k (±∞ where q_k or p_k is 0).
    pub forward_grad: Vec<f64>,
    pub reverse_grad: Vec<f64>,
}

pub fn build(params: &KlParams) -> KlData {
    let (p, q) = (probabilities(&params.p), probabilities(&params.q));
    KlData {
        forward: Kl::Forward.value(&p, &q),
        reverse: Kl::Reverse.value(&p, &q),
        entropy_p: entropy(&p),
        entropy_q: entropy(&q),
        cross_pq: cross_entropy(&p, &q),
        cross_qp: cross_entropy(&q, &p),
        forward_terms: p.iter().zip(&q).map(|(&p, &q)| Kl::Forward.element(p, q)).collect(),
        reverse_terms: p.iter().zip(&q).map(|(&p, &q)| Kl::Reverse.element(p, q)).collect(),
        forward_grad: p.iter().zip(&q).map(|(&p, &q)| Kl::Forward.element_derivative(p, q)).collect(),
        reverse_grad: p.iter().zip(&q).map(|(&p, &q)| Kl::Reverse.element_derivative(p, q)).collect(),
        p,
        q,
    }
}

/// The bar under the keyboard or the pointer, and whether it is being dragged.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Grip {
    /// 2k for P's bar of outcome k, 2k + 1 for Q's.
    pub selected: Option<usize>,
    pub dragging: bool,
}

fn bar_of(index: usize) -> (usize, Which) {
    (index / 2, if index.is_multiple_of(2) { Which::P } else { Which::Q })
}

fn names() -> Vec<String> {
    (1..=K).map(|k| k.to_string()).collect()
}

fn top_panels(ctx: &Ctx) -> [BarAxes<'_>; 2] {
    [BarAxes { y: (0.0, 1.0), title: ctx.t(texts::KL_DIST_PANEL) }, BarAxes { y: (-0.4, 1.2), title: ctx.t(texts::KL_TERMS_PANEL) }]
}

fn sums_panel(ctx: &Ctx) -> [BarAxes<'_>; 1] {
    [BarAxes { y: (0.0, 4.0), title: ctx.t(texts::KL_SUM_PANEL) }]
}

/// The first outcome where one distribution is 0 and the other is not (forward: q = 0 < p).
fn first_gap(data: &KlData, forward: bool) -> Option<usize> {
    data.p.iter().zip(&data.q).position(|(&p, &q)| if forward { q == 0.0 && p > 0.0 } else { p == 0.0 && q > 0.0 })
}

fn number(value: &Result<f64, LossError>) -> Shown {
    value.as_ref().map_or(Shown::Missing, |v| Shown::Number(*v, 5))
}

/// The figure.
pub struct KlFigure;

impl Figure for KlFigure {
    const KEY: &'static str = "kl";
    type Params = KlParams;
    type State = Grip;
    type Data = KlData;
    type Frame = Frame2;
    type Base = ();

    fn build(params: &KlParams) -> KlData {
        build(params)
    }

    fn base(_: &View<'_, Self>) {}

    fn canvases() -> &'static [CanvasSpec] {
        &[
            CanvasSpec { testid: "kl-canvas", wrapper_testid: "kl-figure", class: "drag", aria: texts::KL_ARIA, interactive: true, export_name: "kl-divergence" },
            CanvasSpec { testid: "kl-sums-canvas", wrapper_testid: "kl-sums", class: "bars-canvas", aria: texts::KL_SUMS_ARIA, interactive: false, export_name: "cross-entropy-entropy-kl" },
        ]
    }

    fn draw_base<DB: DrawingBackend>(canvas: usize, area: &DrawingArea<DB, Shift>, ctx: &Ctx, _: &()) -> DrawResult<Frame2, DB> {
        let frames = match canvas {
            0 => draw_bars_base(area, ctx, &names(), &top_panels(ctx))?,
            _ => draw_bars_base(area, ctx, &["H(P, Q)".to_string(), "H(Q, P)".to_string()], &sums_panel(ctx))?,
        };
        Ok(frames.into_iter().next().unwrap_or_default())
    }

    fn draw_overlay<DB: DrawingBackend>(canvas: usize, area: &DrawingArea<DB, Shift>, ctx: &Ctx, view: &View<'_, Self>) -> DrawResult<(), DB> {
        let d = view.data;
        if canvas == 0 {
            let [dists, terms] = top_panels(ctx);
            let top = [BarGroup::filled(P_SERIES, &d.p, 0), BarGroup::filled(Q_SERIES, &d.q, 1)];
            let bottom = [BarGroup::filled(P_SERIES, &d.forward_terms, 0), BarGroup::filled(Q_SERIES, &d.reverse_terms, 1)];
            let highlight = view.state.selected.map(|i| bar_of(i).0);
            return draw_bars_overlay(area, ctx, K, &[(dists, &top), (terms, &bottom)], highlight);
        }
        let value = |r: &Result<f64, LossError>| r.as_ref().copied().unwrap_or(f64::NAN);
        let entropies = [value(&d.entropy_p), value(&d.entropy_q)];
        let divergences = [value(&d.forward), value(&d.reverse)];
        // CE(P, Q) = H(P) + KL(P‖Q) in the first column, CE(Q, P) = H(Q) + KL(Q‖P) in the second.
        let (forward_only, reverse_only) = ([divergences[0], f64::NAN], [f64::NAN, divergences[1]]);
        let stacked = [
            BarGroup::filled(ENTROPY, &entropies, 0),
            BarGroup { from: Some(&entropies), ..BarGroup::filled(P_SERIES, &forward_only, 0) },
            BarGroup { from: Some(&entropies), ..BarGroup::filled(Q_SERIES, &reverse_only, 0) },
        ];
        let [axes] = sums_panel(ctx);
        draw_bars_overlay(area, ctx, 2, &[(axes, &stacked)], None)
    }

    fn sections() -> Vec<Section<Self>> {
        let mut figure = Section::new(Some(texts::KL_TITLE));
        figure.testid = Some("kl");
        figure.controls = vec![
            Item::Paragraph(Paragraph::new(texts::KL_INTRO, Style::Plain)),
            Item::Buttons(vec![
                Button::<Self> {
                    testid: "kl-missing",
                    label: texts::KL_PRESET_MISSING,
                    act: |e| {
                        *e.params = KlParams { p: KlParams::DEFAULT_P.to_vec(), q: KlParams::MISSING_Q.to_vec() };
                    },
                    enabled: None,
                },
                Button::<Self> {
                    testid: "kl-swap",
                    label: texts::KL_SWAP,
                    act: |e| {
                        let p = std::mem::take(&mut e.params.p);
                        e.params.p = std::mem::replace(&mut e.params.q, p);
                    },
                    enabled: None,
                },
                Button::<Self> { testid: "kl-reset", label: texts::KL_RESET, act: |e| *e.params = KlParams::default(), enabled: None },
            ]),
            Item::Paragraph(Paragraph::new(texts::KL_HOW_TO, Style::Hint)),
            Item::List { title: texts::KL_TRY_TITLE, items: vec![texts::KL_TRY_1, texts::KL_TRY_2, texts::KL_TRY_3] },
        ];
        figure.main = vec![
            Item::Legend(vec![(P_SERIES, texts::KL_LEGEND_P), (Q_SERIES, texts::KL_LEGEND_Q), (ENTROPY, texts::KL_LEGEND_ENTROPY)]),
            Item::Canvas(0),
            Item::Paragraph(Paragraph::<Self> {
                testid: Some("kl-infinite-forward"),
                when: Some(|v| first_gap(v.data, true).is_some()),
                fill: Some(|v| vec![("n", Shown::Count(first_gap(v.data, true).map_or(0, |k| k + 1)))]),
                ..Paragraph::new(texts::KL_INFINITE_FORWARD, Style::Status)
            }),
            Item::Paragraph(Paragraph::<Self> {
                testid: Some("kl-infinite-reverse"),
                when: Some(|v| first_gap(v.data, false).is_some()),
                fill: Some(|v| vec![("n", Shown::Count(first_gap(v.data, false).map_or(0, |k| k + 1)))]),
                ..Paragraph::new(texts::KL_INFINITE_REVERSE, Style::Status)
            }),
            Item::Table(Table::<Self> {
                testid: Some("kl-readout"),
                caption: vec![],
                columns: vec![texts::KL_COL_QUANTITY, texts::KL_COL_VALUE],
                rows: |v| {
                    let d = v.data;
                    let sum = |x: &[f64]| Shown::Number(x.iter().sum(), 6);
                    let rows = [
                        ("forward", texts::KL_ROW_FORWARD, number(&d.forward)),
                        ("reverse", texts::KL_ROW_REVERSE, number(&d.reverse)),
                        ("entropy-p", texts::KL_ROW_ENTROPY_P, number(&d.entropy_p)),
                        ("entropy-q", texts::KL_ROW_ENTROPY_Q, number(&d.entropy_q)),
                        ("cross-pq", texts::KL_ROW_CROSS_PQ, number(&d.cross_pq)),
                        ("cross-qp", texts::KL_ROW_CROSS_QP, number(&d.cross_qp)),
                        ("sum-p", texts::KL_ROW_SUM_P, sum(&d.p)),
                        ("sum-q", texts::KL_ROW_SUM_Q, sum(&d.q)),
                    ];
                    rows.into_iter()
                        .enumerate()
                        .map(|(i, (id, label, value))| Row { key: i as u32, label: Label::Text(label), series: None, cells: vec![Cell { testid: format!("kl-{id}"), value }] })
                        .collect()
                },
                hint: None,
                when: None,
                otherwise: None,
            }),
            Item::Table(Table::<Self> {
                testid: Some("kl-terms"),
                caption: vec![],
                columns: vec![
                    texts::KL_COL_OUTCOME,
                    texts::KL_COL_P,
                    texts::KL_COL_Q,
                    texts::KL_COL_FORWARD_TERM,
                    texts::KL_COL_REVERSE_TERM,
                    texts::KL_COL_FORWARD_GRAD,
                    texts::KL_COL_REVERSE_GRAD,
                ],
                rows: |v| {
                    let d = v.data;
                    (0..K)
                        .map(|k| {
                            let cell = |name: &str, value: f64| Cell { testid: format!("kl-{name}-{k}"), value: Shown::Number(value, 4) };
                            Row {
                                key: k as u32,
                                label: Label::Literal((k + 1).to_string()),
                                series: None,
                                cells: vec![
                                    cell("p", d.p[k]),
                                    cell("q", d.q[k]),
                                    cell("term-pq", d.forward_terms[k]),
                                    cell("term-qp", d.reverse_terms[k]),
                                    cell("grad-pq", d.forward_grad[k]),
                                    cell("grad-qp", d.reverse_grad[k]),
                                ],
                            }
                        })
                        .collect()
                },
                hint: Some(texts::KL_TERMS_HINT),
                when: None,
                otherwise: None,
            }),
            Item::Canvas(1),
        ];
        let mut formulas_section = Section::new(Some(texts::KL_FORMULAS));
        formulas_section.class = "formulas";
        formulas_section.main = vec![Item::Formulas(Formulas::<Self> { list: |_| vec![formulas::KL_FORWARD, formulas::KL_REVERSE, formulas::KL_CROSS], values: |_| Vec::new() })];
        vec![figure, formulas_section]
    }

    /// Press on a bar to grab it; drag up or down to set its probability (the others rescale).
    fn pointer(pointer: &Pointer, frame: &Frame2, edit: &mut Edit<'_, Self>) -> Response {
        if pointer.canvas != 0 {
            return Response::Ignored;
        }
        let set_from_y = |edit: &mut Edit<'_, Self>, index: usize| {
            if let Some(y) = frame.y.data_at_clamped(pointer.at.1) {
                let (k, which) = bar_of(index);
                set_share(edit.params.dist_mut(which), k, (y * f64::from(UNITS)).round().clamp(0.0, f64::from(UNITS)) as u32);
            }
        };
        match pointer.phase {
            PointerPhase::Down if pointer.primary => {
                let Some(x) = frame.x.data_at(pointer.at.0) else { return Response::Ignored };
                if frame.y.data_at(pointer.at.1).is_none() {
                    return Response::Ignored;
                }
                let Some((k, group)) = bar_at(x, K, 2) else { return Response::Ignored };
                let index = 2 * k + group;
                edit.state.selected = Some(index);
                edit.state.dragging = true;
                set_from_y(edit, index);
                Response::StartDrag
            }
            PointerPhase::Move if edit.state.dragging => {
                if let Some(index) = edit.state.selected {
                    set_from_y(edit, index);
                }
                Response::Handled
            }
            PointerPhase::Up if edit.state.dragging => {
                edit.state.dragging = false;
                Response::Handled
            }
            _ => Response::Ignored,
        }
    }

    /// ← / → walk over the ten bars, ↑ / ↓ change the selected one by 0.01 (Shift: 0.1).
    fn key(key: &KeyInput, edit: &mut Edit<'_, Self>) -> Response {
        match key.key.as_str() {
            "ArrowLeft" => edit.state.selected = next_index(edit.state.selected, -1, 2 * K),
            "ArrowRight" => edit.state.selected = next_index(edit.state.selected, 1, 2 * K),
            "ArrowUp" | "ArrowDown" => {
                let Some(index) = edit.state.selected else { return Response::Ignored };
                let (k, which) = bar_of(index);
                let step = key.arrow_step(10.0).unwrap_or(0.0);
                let dist = edit.params.dist_mut(which);
                let now = f64::from(dist[k]);
                set_share(dist, k, (now + step).clamp(0.0, f64::from(UNITS)) as u32);
            }
            _ => return Response::Ignored,
        }
        Response::Handled
    }
}
