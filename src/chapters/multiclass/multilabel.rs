//! Multi-class vs multi-label: the same logits through one softmax (against the normalised target
//! y/Σy, what the article's "correction" would do) and through one sigmoid per class (the standard),
//! against a multi-hot target; both losses and gradients side by side. Softmax probabilities sum to
//! 1, so with two true classes neither can pass ½; the sigmoids reach 1 each.

use super::logits::{class_buttons, class_names, logit_sliders, read_logits, snap_logit, write_logits, ClassLogits};
use super::{formulas, texts};
use crate::figure::input::{next_index, KeyInput};
use crate::figure::layout::{CanvasSpec, Cell, CheckList, Formulas, Item, Label, Paragraph, Piece, Row, Section, Shown, Style, Table};
use crate::figure::query::{FigureQuery, QueryWriter, UrlState};
use crate::figure::{Edit, Figure, Pointer, PointerPhase, Response, View};
use crate::loss::multilabel::MultiLabel;
use crate::loss::num::{sigmoid, softmax};
use crate::loss::LossError;
use crate::plot::bars::{bar_at, draw_bars_base, draw_bars_overlay, BarAxes, BarGroup};
use crate::plot::panel::DrawResult;
use crate::plot::{Ctx, Dash, Frame2, Marker, Series, SeriesColor};
use plotters::coord::Shift;
use plotters::prelude::*;

const SOFTMAX: Series = Series::new(SeriesColor::Vermillion, Dash::Solid, Marker::None);
const SIGMOID: Series = Series::new(SeriesColor::Blue, Dash::Solid, Marker::None);
const TARGET: Series = Series::new(SeriesColor::Grey, Dash::Solid, Marker::None);

/// Parameters of the multi-label figure.
#[derive(Debug, Clone, PartialEq)]
pub struct MultiLabelParams {
    pub logits: Vec<f64>,
    /// Which classes are present (as long as `logits`).
    pub present: Vec<bool>,
}

impl MultiLabelParams {
    pub const DEFAULT_LOGITS: [f64; 4] = [2.5, 2.0, -1.0, -2.0];
    pub const DEFAULT_PRESENT: [bool; 4] = [true, true, false, false];

    /// The multi-hot target as numbers.
    pub fn target(&self) -> Vec<f64> {
        self.present.iter().map(|&on| if on { 1.0 } else { 0.0 }).collect()
    }
}

impl Default for MultiLabelParams {
    fn default() -> Self {
        MultiLabelParams { logits: Self::DEFAULT_LOGITS.to_vec(), present: Self::DEFAULT_PRESENT.to_vec() }
    }
}

impl UrlState for MultiLabelParams {
    fn read(query: &FigureQuery<'_>) -> MultiLabelParams {
        let logits = read_logits(query, "z", &Self::DEFAULT_LOGITS);
        let present = match query.raw("y") {
            Some(bits) => (0..logits.len()).map(|k| bits.as_bytes().get(k) == Some(&b'1')).collect(),
            None => (0..logits.len()).map(|k| Self::DEFAULT_PRESENT.get(k).copied().unwrap_or(false)).collect(),
        };
        MultiLabelParams { logits, present }
    }

    fn write(&self, out: &mut QueryWriter<'_>) {
        write_logits(out, "z", &self.logits);
        let bits: String = self.present.iter().map(|&on| if on { '1' } else { '0' }).collect();
        out.text("y", &bits);
    }
}

/// One head: its probabilities, its target, loss, gradient and the lowest loss it can reach.
#[derive(Debug, Clone, PartialEq)]
pub struct Head {
    pub probabilities: Vec<f64>,
    pub target: Vec<f64>,
    pub loss: Result<(f64, Vec<f64>), LossError>,
    pub minimum: Result<f64, LossError>,
}

/// Both heads on the same logits.
#[derive(Debug, Clone, PartialEq)]
pub struct MultiLabelData {
    pub softmax: Head,
    pub sigmoid: Head,
}

pub fn build(params: &MultiLabelParams) -> MultiLabelData {
    let (z, y, c) = (&params.logits, params.target(), params.logits.len());
    let total: f64 = y.iter().sum();
    let normalised = y.iter().map(|&v| if total > 0.0 { v / total } else { 0.0 }).collect();
    let head = |kind: MultiLabel, probabilities: Vec<f64>, target: Vec<f64>| Head {
        probabilities,
        target,
        loss: kind.value_and_grad(z, c, &y),
        minimum: kind.minimum(c, &y),
    };
    MultiLabelData {
        softmax: head(MultiLabel::SoftmaxNormalised, softmax(z), normalised),
        sigmoid: head(MultiLabel::SigmoidBce, z.iter().map(|&v| sigmoid(v)).collect(), y.clone()),
    }
}

/// The selected class (keyboard).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Selected {
    pub class: Option<usize>,
}

fn toggle(params: &mut MultiLabelParams, k: usize) {
    if let Some(on) = params.present.get_mut(k) {
        *on = !*on;
    }
}

impl ClassLogits for MultiLabelParams {
    fn logits(&self) -> &[f64] {
        &self.logits
    }

    fn logits_mut(&mut self) -> &mut Vec<f64> {
        &mut self.logits
    }

    fn push_class(&mut self) {
        self.logits.push(0.0);
        self.present.push(false);
    }

    fn pop_class(&mut self) {
        self.logits.pop();
        self.present.pop();
    }
}

fn panels(ctx: &Ctx) -> [BarAxes<'_>; 2] {
    [BarAxes { y: (0.0, 1.0), title: ctx.t(texts::MULTILABEL_PROB_PANEL) }, BarAxes { y: (-1.0, 1.0), title: ctx.t(texts::MULTILABEL_GRAD_PANEL) }]
}

fn loss_of(head: &Head) -> Option<Shown> {
    Some(match &head.loss {
        Ok((value, _)) => Shown::Number(*value, 5),
        Err(_) => Shown::Missing,
    })
}

fn grad_of(head: &Head, k: usize) -> Shown {
    head.loss.as_ref().ok().and_then(|(_, g)| g.get(k)).map_or(Shown::Missing, |g| Shown::Number(*g, 4))
}

/// The figure.
pub struct MultiLabelFigure;

impl Figure for MultiLabelFigure {
    const KEY: &'static str = "multilabel";
    type Params = MultiLabelParams;
    type State = Selected;
    type Data = MultiLabelData;
    type Frame = Frame2;
    type Base = usize;

    fn build(params: &MultiLabelParams) -> MultiLabelData {
        build(params)
    }

    fn base(view: &View<'_, Self>) -> usize {
        let params = view.params;
        params.logits.len()
    }

    fn canvases() -> &'static [CanvasSpec] {
        &[CanvasSpec { testid: "multilabel-canvas", wrapper_testid: "multilabel-figure", class: "", aria: texts::MULTILABEL_ARIA, interactive: true, export_name: "multi-class-vs-multi-label" }]
    }

    fn draw_base<DB: DrawingBackend>(_: usize, area: &DrawingArea<DB, Shift>, ctx: &Ctx, classes: &usize) -> DrawResult<Frame2, DB> {
        Ok(draw_bars_base(area, ctx, &class_names(*classes), &panels(ctx))?.into_iter().next().unwrap_or_default())
    }

    fn draw_overlay<DB: DrawingBackend>(_: usize, area: &DrawingArea<DB, Shift>, ctx: &Ctx, view: &View<'_, Self>) -> DrawResult<(), DB> {
        let (s, g) = (&view.data.softmax, &view.data.sigmoid);
        let empty = Vec::new();
        let gradient = |head: &Head| head.loss.as_ref().map_or(&empty, |(_, grad)| grad).clone();
        let (sg, gg) = (gradient(s), gradient(g));
        let [probabilities, gradients] = panels(ctx);
        let top = [
            BarGroup::filled(SOFTMAX, &s.probabilities, 0),
            BarGroup::outlined(TARGET, &s.target, 0),
            BarGroup::filled(SIGMOID, &g.probabilities, 1),
            BarGroup::outlined(TARGET, &g.target, 1),
        ];
        let bottom = [BarGroup::filled(SOFTMAX, &sg, 0), BarGroup::filled(SIGMOID, &gg, 1)];
        draw_bars_overlay(area, ctx, view.params.logits.len(), &[(probabilities, &top), (gradients, &bottom)], view.state.class)
    }

    fn sections() -> Vec<Section<Self>> {
        let mut figure = Section::new(Some(texts::MULTILABEL_TITLE));
        figure.testid = Some("multilabel");
        figure.controls = vec![
            Item::Paragraph(Paragraph::new(texts::MULTILABEL_INTRO, Style::Plain)),
            logit_sliders("multilabel-z"),
            Item::Checks(CheckList::<Self> {
                testid: "multilabel-y",
                legend: texts::MULTILABEL_PRESENT,
                label: texts::SOFTMAX_CLASS_N,
                count: |p| p.present.len(),
                get: |p, i| p.present.get(i).copied().unwrap_or(false),
                set: |p, i, on| {
                    if let Some(v) = p.present.get_mut(i) {
                        *v = on;
                    }
                },
            }),
            class_buttons("multilabel-add", "multilabel-remove"),
            Item::Paragraph(Paragraph::new(texts::MULTILABEL_HOW_TO, Style::Hint)),
            Item::List { title: texts::SOFTMAX_TRY_TITLE, items: vec![texts::MULTILABEL_TRY_1, texts::MULTILABEL_TRY_2, texts::MULTILABEL_TRY_3] },
        ];
        figure.main = vec![
            Item::Legend(vec![(SOFTMAX, texts::MULTILABEL_LEGEND_SOFTMAX), (SIGMOID, texts::MULTILABEL_LEGEND_SIGMOID), (TARGET, texts::MULTILABEL_LEGEND_TARGET)]),
            Item::Canvas(0),
            Item::Table(Table::<Self> {
                testid: Some("multilabel-readout"),
                caption: vec![
                    Piece::Text(texts::MULTILABEL_SOFTMAX_LOSS),
                    Piece::Value { get: |v| loss_of(&v.data.softmax), testid: "multilabel-softmax-loss", before: "\u{a0}", after: "" },
                    Piece::Text(texts::MULTILABEL_SIGMOID_LOSS),
                    Piece::Value { get: |v| loss_of(&v.data.sigmoid), testid: "multilabel-sigmoid-loss", before: "\u{a0}", after: "" },
                ],
                columns: vec![
                    texts::SOFTMAX_COL_CLASS,
                    texts::SOFTMAX_COL_Z,
                    texts::MULTILABEL_COL_Y,
                    texts::MULTILABEL_COL_SOFTMAX,
                    texts::MULTILABEL_COL_SIGMOID,
                    texts::MULTILABEL_COL_SOFTMAX_GRAD,
                    texts::MULTILABEL_COL_SIGMOID_GRAD,
                ],
                rows: |v| {
                    let (s, g) = (&v.data.softmax, &v.data.sigmoid);
                    (0..v.params.logits.len())
                        .map(|k| {
                            let cell = |name: &str, value: Shown| Cell { testid: format!("multilabel-{name}-{k}"), value };
                            Row {
                                key: k as u32,
                                label: Label::Literal((k + 1).to_string()),
                                series: None,
                                cells: vec![
                                    cell("z", Shown::Number(v.params.logits[k], 3)),
                                    cell("y", Shown::Count(usize::from(v.params.present[k]))),
                                    cell("softmax", Shown::Number(s.probabilities[k], 4)),
                                    cell("sigmoid", Shown::Number(g.probabilities[k], 4)),
                                    cell("softmax-grad", grad_of(s, k)),
                                    cell("sigmoid-grad", grad_of(g, k)),
                                ],
                            }
                        })
                        .collect()
                },
                hint: Some(texts::MULTILABEL_READOUT_HINT),
                when: None,
                otherwise: None,
            }),
            Item::Paragraph(Paragraph::<Self> {
                testid: Some("multilabel-cap"),
                when: Some(|v| v.params.present.iter().filter(|p| **p).count() >= 2),
                fill: Some(|v| {
                    let k = v.params.present.iter().filter(|p| **p).count();
                    vec![
                        ("k", Shown::Count(k)),
                        ("softmax_min", v.data.softmax.minimum.as_ref().map_or(Shown::Missing, |m| Shown::Number(*m, 4))),
                    ]
                }),
                ..Paragraph::new(texts::MULTILABEL_CAP, Style::Status)
            }),
            Item::Paragraph(Paragraph::<Self> {
                testid: Some("multilabel-none"),
                when: Some(|v| !v.params.present.contains(&true)),
                ..Paragraph::new(texts::MULTILABEL_NONE, Style::Status)
            }),
        ];
        let mut formulas_section = Section::new(Some(texts::MULTILABEL_FORMULAS));
        formulas_section.class = "formulas";
        formulas_section.main = vec![Item::Formulas(Formulas::<Self> { list: |_| vec![formulas::MULTILABEL_SIGMOID, formulas::MULTILABEL_SOFTMAX], values: |_| Vec::new() })];
        vec![figure, formulas_section]
    }

    /// A press on a class's bars switches it between present and absent.
    fn pointer(pointer: &Pointer, frame: &Frame2, edit: &mut Edit<'_, Self>) -> Response {
        if pointer.phase != PointerPhase::Down {
            return Response::Ignored;
        }
        let n = edit.params.logits.len();
        match frame.x.data_at(pointer.at.0).and_then(|x| bar_at(x.min(n as f64 - 1e-9), n, 1)) {
            Some((k, _)) => {
                edit.state.class = Some(k);
                toggle(edit.params, k);
                Response::Handled
            }
            None => Response::Ignored,
        }
    }

    /// ← / → select a class, Space or Enter switches it, ↑ / ↓ move its logit (Shift: by 1).
    fn key(key: &KeyInput, edit: &mut Edit<'_, Self>) -> Response {
        let n = edit.params.logits.len();
        match key.key.as_str() {
            "ArrowLeft" => edit.state.class = next_index(edit.state.class, -1, n),
            "ArrowRight" => edit.state.class = next_index(edit.state.class, 1, n),
            " " | "Enter" => match edit.state.class {
                Some(k) => toggle(edit.params, k),
                None => return Response::Ignored,
            },
            "ArrowUp" | "ArrowDown" => {
                let step = key.arrow_step(0.1).unwrap_or(0.0);
                match edit.state.class.and_then(|k| edit.params.logits.get_mut(k)) {
                    Some(z) => *z = snap_logit(*z + step),
                    None => return Response::Ignored,
                }
            }
            _ => return Response::Ignored,
        }
        Response::Handled
    }
}
