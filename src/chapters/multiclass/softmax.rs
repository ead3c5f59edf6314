//! The softmax cross-entropy figure: 2–8 logits on sliders, the probabilities softmax(z/T) as bars
//! beside the (smoothed) target, the true class chosen by clicking its bar, and the gradient bars
//! p − q of cross-entropy beside those of PyTorch's multi-class hinge (`multi_margin_loss`).

use super::logits::{class_buttons, class_names, logit_sliders, read_logits, snap_logit, write_logits, ClassLogits};
use super::{formulas, texts};
use crate::figure::input::KeyInput;
use crate::figure::layout::{CanvasSpec, Cell, Choice, Formulas, Item, Label, Options, Paragraph, Piece, Row, Section, Shown, Slider, Style, Table};
use crate::figure::query::{FigureQuery, LinearRange, LogRange, QueryWriter, Scale, UrlState};
use crate::figure::{Edit, Figure, Pointer, PointerPhase, Response, View};
use crate::i18n::texts::site;
use crate::loss::multiclass::{CrossEntropy, MultiMargin};
use crate::loss::LossError;
use crate::plot::bars::{bar_at, draw_bars_base, draw_bars_overlay, BarAxes, BarGroup};
use crate::plot::panel::DrawResult;
use crate::plot::{Ctx, Dash, Frame2, Marker, Series, SeriesColor};
use plotters::coord::Shift;
use plotters::prelude::*;

const PROBABILITY: Series = Series::new(SeriesColor::Blue, Dash::Solid, Marker::None);
const TARGET: Series = Series::new(SeriesColor::Grey, Dash::Solid, Marker::None);
const CE_GRADIENT: Series = Series::new(SeriesColor::Blue, Dash::Solid, Marker::None);
const HINGE_GRADIENT: Series = Series::new(SeriesColor::Orange, Dash::Solid, Marker::None);

/// Parameters of the softmax figure.
#[derive(Debug, Clone, PartialEq)]
pub struct SoftmaxParams {
    pub logits: Vec<f64>,
    /// The true class (an index into `logits`).
    pub target: usize,
    pub temperature: f64,
    /// Label smoothing ε.
    pub smoothing: f64,
}

impl SoftmaxParams {
    pub const TEMPERATURE: LogRange = LogRange { min: 0.1, max: 10.0, steps: 200 };
    pub const SMOOTHING: LinearRange = LinearRange { min: 0.0, max: 0.5, step: 0.01 };
    pub const DEFAULT_LOGITS: [f64; 4] = [2.0, 1.0, 0.1, -1.0];

}

impl ClassLogits for SoftmaxParams {
    fn logits(&self) -> &[f64] {
        &self.logits
    }

    fn logits_mut(&mut self) -> &mut Vec<f64> {
        &mut self.logits
    }

    fn push_class(&mut self) {
        self.logits.push(0.0);
    }

    fn pop_class(&mut self) {
        self.logits.pop();
        self.target = self.target.min(self.logits.len().saturating_sub(1));
    }
}

impl Default for SoftmaxParams {
    fn default() -> Self {
        SoftmaxParams { logits: Self::DEFAULT_LOGITS.to_vec(), target: 0, temperature: 1.0, smoothing: 0.0 }
    }
}

impl UrlState for SoftmaxParams {
    fn read(query: &FigureQuery<'_>) -> SoftmaxParams {
        let logits = read_logits(query, "z", &Self::DEFAULT_LOGITS);
        let target = query.number("y").filter(|y| *y >= 0.0).map_or(0, |y| (y as usize).min(logits.len() - 1));
        SoftmaxParams {
            logits,
            target,
            temperature: query.scaled("t", &Scale::Log(Self::TEMPERATURE), 1.0),
            smoothing: query.scaled("eps", &Scale::Linear(Self::SMOOTHING), 0.0),
        }
    }

    fn write(&self, out: &mut QueryWriter<'_>) {
        write_logits(out, "z", &self.logits);
        out.number("y", self.target as f64);
        out.number("t", self.temperature);
        out.number("eps", self.smoothing);
    }
}

/// The losses and their gradients.
#[derive(Debug, Clone, PartialEq)]
pub struct Computed {
    pub p: Vec<f64>,
    pub q: Vec<f64>,
    pub ce: f64,
    pub ce_grad: Vec<f64>,
    pub hinge: f64,
    pub hinge_grad: Vec<f64>,
}

/// What the figure shows: the computed losses, or why they cannot be (parameters are clamped where
/// they enter, so this stays `Ok`).
#[derive(Debug, Clone, PartialEq)]
pub struct SoftmaxData {
    pub computed: Result<Computed, LossError>,
    /// The gradient panel's half-height: 1, or 1/T when a low temperature makes gradients larger.
    pub grad_range: f64,
}

pub fn build(params: &SoftmaxParams) -> SoftmaxData {
    let classes = params.logits.len();
    let target = [params.target];
    let computed = (|| {
        let ce = CrossEntropy::tempered(params.smoothing, params.temperature)?;
        let (ce_value, ce_grad) = ce.value_and_grad(&params.logits, classes, &target)?;
        let (hinge, hinge_grad) = MultiMargin::new(1, 1.0)?.value_and_grad(&params.logits, classes, &target)?;
        Ok(Computed { p: ce.probabilities(&params.logits), q: ce.smoothed_target(classes, params.target), ce: ce_value, ce_grad, hinge, hinge_grad })
    })();
    SoftmaxData { computed, grad_range: (1.0 / params.temperature).max(1.0).ceil() }
}

/// The base layer's key: the number of classes and the gradient panel's range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SoftmaxBase {
    pub classes: usize,
    pub grad_range: f64,
}

fn panels<'a>(ctx: &'a Ctx, grad_range: f64) -> [BarAxes<'a>; 2] {
    [BarAxes { y: (0.0, 1.0), title: ctx.t(texts::SOFTMAX_PROB_PANEL) }, BarAxes { y: (-grad_range, grad_range), title: ctx.t(texts::SOFTMAX_GRAD_PANEL) }]
}

fn set_target(params: &mut SoftmaxParams, k: usize) {
    params.target = k.min(params.logits.len() - 1);
}

/// The figure.
pub struct Softmax;

impl Figure for Softmax {
    const KEY: &'static str = "softmax";
    type Params = SoftmaxParams;
    type State = ();
    type Data = SoftmaxData;
    type Frame = Frame2;
    type Base = SoftmaxBase;

    fn build(params: &SoftmaxParams) -> SoftmaxData {
        build(params)
    }

    fn base(view: &View<'_, Self>) -> SoftmaxBase {
        let (params, data) = (view.params, view.data);
        SoftmaxBase { classes: params.logits.len(), grad_range: data.grad_range }
    }

    fn canvases() -> &'static [CanvasSpec] {
        &[CanvasSpec { testid: "softmax-canvas", wrapper_testid: "softmax-figure", class: "", aria: texts::SOFTMAX_ARIA, interactive: true, export_name: "softmax-cross-entropy" }]
    }

    fn draw_base<DB: DrawingBackend>(_: usize, area: &DrawingArea<DB, Shift>, ctx: &Ctx, base: &SoftmaxBase) -> DrawResult<Frame2, DB> {
        let frames = draw_bars_base(area, ctx, &class_names(base.classes), &panels(ctx, base.grad_range))?;
        Ok(frames.into_iter().next().unwrap_or_default())
    }

    fn draw_overlay<DB: DrawingBackend>(_: usize, area: &DrawingArea<DB, Shift>, ctx: &Ctx, view: &View<'_, Self>) -> DrawResult<(), DB> {
        let Ok(c) = &view.data.computed else { return Ok(()) };
        let [probabilities, gradients] = panels(ctx, view.data.grad_range);
        let top = [BarGroup::filled(PROBABILITY, &c.p, 0), BarGroup::outlined(TARGET, &c.q, 0)];
        let bottom = [BarGroup::filled(CE_GRADIENT, &c.ce_grad, 0), BarGroup::filled(HINGE_GRADIENT, &c.hinge_grad, 1)];
        draw_bars_overlay(area, ctx, view.params.logits.len(), &[(probabilities, &top), (gradients, &bottom)], Some(view.params.target))
    }

    fn sections() -> Vec<Section<Self>> {
        let mut figure = Section::new(Some(texts::SOFTMAX_TITLE));
        figure.testid = Some("softmax");
        figure.controls = vec![
            Item::Paragraph(Paragraph::new(texts::SOFTMAX_INTRO, Style::Plain)),
            logit_sliders("softmax-z"),
            class_buttons("softmax-add", "softmax-remove"),
            Item::Choice(Choice::<Self> {
                testid: "softmax-target",
                label: texts::SOFTMAX_TARGET,
                options: Options::Numbered { label: texts::SOFTMAX_CLASS_N, count: |p| p.logits.len() },
                get: |p| p.target,
                set: set_target,
            }),
            Item::Slider(Slider::<Self> {
                testid: "softmax-t",
                label: texts::SOFTMAX_TEMPERATURE,
                scale: Scale::Log(SoftmaxParams::TEMPERATURE),
                get: |p| p.temperature,
                set: |p, v| p.temperature = v,
                when: None,
            }),
            Item::Slider(Slider::<Self> {
                testid: "softmax-eps",
                label: texts::SOFTMAX_SMOOTHING,
                scale: Scale::Linear(SoftmaxParams::SMOOTHING),
                get: |p| p.smoothing,
                set: |p, v| p.smoothing = v,
                when: None,
            }),
            Item::Paragraph(Paragraph::new(texts::SOFTMAX_HOW_TO, Style::Hint)),
            Item::List { title: texts::SOFTMAX_TRY_TITLE, items: vec![texts::SOFTMAX_TRY_1, texts::SOFTMAX_TRY_2, texts::SOFTMAX_TRY_3] },
        ];
        figure.main = vec![
            Item::Legend(vec![(PROBABILITY, texts::SOFTMAX_LEGEND_P), (TARGET, texts::SOFTMAX_LEGEND_Q), (HINGE_GRADIENT, texts::SOFTMAX_LEGEND_HINGE)]),
            Item::Canvas(0),
            Item::Table(Table::<Self> {
                testid: Some("softmax-readout"),
                caption: vec![
                    Piece::Text(texts::SOFTMAX_CE),
                    Piece::Value { get: |v| v.data.computed.as_ref().ok().map(|c| Shown::Number(c.ce, 6)), testid: "softmax-ce", before: "\u{a0}", after: "" },
                    Piece::Text(texts::SOFTMAX_HINGE),
                    Piece::Value { get: |v| v.data.computed.as_ref().ok().map(|c| Shown::Number(c.hinge, 6)), testid: "softmax-hinge", before: "\u{a0}", after: "" },
                ],
                columns: vec![texts::SOFTMAX_COL_CLASS, texts::SOFTMAX_COL_Z, texts::SOFTMAX_COL_P, texts::SOFTMAX_COL_Q, texts::SOFTMAX_COL_CE_GRAD, texts::SOFTMAX_COL_HINGE_GRAD],
                rows: |v| {
                    let Ok(c) = &v.data.computed else { return Vec::new() };
                    (0..v.params.logits.len())
                        .map(|k| {
                            let cell = |name: &str, value: f64| Cell { testid: format!("softmax-{name}-{k}"), value: Shown::Number(value, 4) };
                            Row {
                                key: k as u32,
                                label: Label::Literal(format!("{}{}", k + 1, if k == v.params.target { " ✓" } else { "" })),
                                series: None,
                                cells: vec![
                                    cell("z", v.params.logits[k]),
                                    cell("p", c.p[k]),
                                    cell("q", c.q[k]),
                                    cell("grad", c.ce_grad[k]),
                                    cell("hinge-grad", c.hinge_grad[k]),
                                ],
                            }
                        })
                        .collect()
                },
                hint: Some(texts::SOFTMAX_READOUT_HINT),
                when: None,
                otherwise: None,
            }),
            Item::Paragraph(Paragraph::<Self> {
                text: None,
                pick: Some(|v| v.data.computed.as_ref().err().map(|_| site::FIGURE_ERROR)),
                style: Style::Status,
                testid: Some("softmax-problem"),
                fill: Some(|v| v.data.computed.as_ref().err().map(|e| vec![("reason", Shown::Problem(e.clone()))]).unwrap_or_default()),
                when: None,
            }),
        ];
        let mut formulas_section = Section::new(Some(texts::SOFTMAX_FORMULAS));
        formulas_section.class = "formulas";
        formulas_section.main = vec![Item::Formulas(Formulas::<Self> {
            list: |_| vec![formulas::SOFTMAX_CE, formulas::MULTI_MARGIN],
            values: |p| vec![("t", p.temperature), ("eps", p.smoothing)],
        })];
        vec![figure, formulas_section]
    }

    /// A press on a class's bars makes it the true class.
    fn pointer(pointer: &Pointer, frame: &Frame2, edit: &mut Edit<'_, Self>) -> Response {
        if pointer.phase != PointerPhase::Down {
            return Response::Ignored;
        }
        let n = edit.params.logits.len();
        match frame.x.data_at(pointer.at.0).and_then(|x| bar_at(x.min(n as f64 - 1e-9), n, 1)) {
            Some((k, _)) => {
                set_target(edit.params, k);
                Response::Handled
            }
            None => Response::Ignored,
        }
    }

    /// ← / → choose the true class; ↑ / ↓ move its logit (Shift: by 1).
    fn key(key: &KeyInput, edit: &mut Edit<'_, Self>) -> Response {
        let n = edit.params.logits.len();
        match key.key.as_str() {
            "ArrowLeft" => set_target(edit.params, (edit.params.target + n - 1) % n),
            "ArrowRight" => set_target(edit.params, (edit.params.target + 1) % n),
            "ArrowUp" | "ArrowDown" => {
                let step = key.arrow_step(0.1).unwrap_or(0.0);
                if let Some(z) = edit.params.logits.get_mut(edit.params.target) {
                    *z = snap_logit(*z + step);
                }
            }
            _ => return Response::Ignored,
        }
        Response::Handled
    }
}
