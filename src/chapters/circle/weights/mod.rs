//! The weights figure: K positive and L negative similarities as draggable points on two number
//! lines, and circle loss over all of them at once — each similarity's weight in its log-sum-exp
//! (the softmax of the ℓ terms), which γ sharpens from a soft average into a hard maximum, each one's
//! gradient, and a sentence when γ and m saturate the loss (a linear softplus, every weight on one
//! pair, or a loss flat at 0).

pub mod data;
pub mod draw;
pub mod params;

pub use data::{breakdown, saturations, Saturation};
pub use params::WeightsParams;

use super::{formulas, texts};
use crate::figure::layout::{CanvasSpec, Cell, Formulas, Item, Label, Paragraph, Piece, Row, Section, Shown, Slider, Style, Table};
use crate::figure::points::{self, Selection};
use crate::figure::query::Scale;
use crate::figure::{Edit, Figure, KeyInput, Pointer, Response, View};
use crate::loss::metric::circle::CircleBreakdown;
use crate::loss::num::sigmoid;
use crate::plot::panel::DrawResult;
use crate::plot::{Ctx, Frame2};
use plotters::coord::Shift;
use plotters::prelude::*;

/// The breakdown, computed once per change of the parameters.
#[derive(Debug, PartialEq)]
pub struct WeightsData {
    pub breakdown: Option<CircleBreakdown>,
    pub saturations: Vec<Saturation>,
}

fn saturated(view: &View<'_, WeightsFigure>, kind: Saturation) -> bool {
    view.data.saturations.contains(&kind)
}

fn row(view: &View<'_, WeightsFigure>, positive: bool, i: usize) -> Row {
    let p = view.params;
    let b = view.data.breakdown.as_ref();
    let (letter, list, series) = if positive { ('p', &p.s_p, draw::POSITIVE_SERIES) } else { ('n', &p.s_n, draw::NEGATIVE_SERIES) };
    let pick = |f: fn(&CircleBreakdown) -> &Vec<f64>| Shown::maybe(b.and_then(|b| f(b).get(i)).copied(), 4);
    let cell = |name: &str, value: Shown| Cell { testid: format!("weights-{letter}{}-{name}", i + 1), value };
    let (weight, grad) = if positive { (pick(|b| &b.weight_p), pick(|b| &b.grad.s_p)) } else { (pick(|b| &b.weight_n), pick(|b| &b.grad.s_n)) };
    Row {
        key: if positive { i as u32 } else { 100 + i as u32 },
        label: Label::Literal(format!("{letter}{}", i + 1)),
        series: Some(series),
        cells: vec![cell("s", Shown::maybe(list.get(i).copied(), 3)), cell("weight", weight), cell("grad", grad)],
    }
}

/// The figure.
pub struct WeightsFigure;

impl Figure for WeightsFigure {
    const KEY: &'static str = "weights";
    type Params = WeightsParams;
    type State = Selection;
    type Data = WeightsData;
    type Frame = Frame2;
    type Base = (usize, usize);

    fn build(params: &WeightsParams) -> WeightsData {
        let breakdown = breakdown(params);
        let saturations = breakdown.as_ref().map(saturations).unwrap_or_default();
        WeightsData { breakdown, saturations }
    }

    fn base(view: &View<'_, Self>) -> (usize, usize) {
        let params = view.params;
        (params.s_p.len(), params.s_n.len())
    }

    fn canvases() -> &'static [CanvasSpec] {
        &[
            CanvasSpec { testid: "weights-canvas", wrapper_testid: "weights-lines", class: "lines", aria: texts::WEIGHTS_LINES_ARIA, interactive: true, export_name: "circle-weights-lines" },
            CanvasSpec { testid: "weights-bars-canvas", wrapper_testid: "weights-bars", class: "bars-canvas", aria: texts::WEIGHTS_BARS_ARIA, interactive: false, export_name: "circle-weights" },
        ]
    }

    fn draw_base<DB: DrawingBackend>(canvas: usize, area: &DrawingArea<DB, Shift>, ctx: &Ctx, base: &(usize, usize)) -> DrawResult<Frame2, DB> {
        match canvas {
            0 => draw::draw_lines_base(area, ctx),
            _ => draw::draw_bars_base_layer(area, ctx, *base),
        }
    }

    fn draw_overlay<DB: DrawingBackend>(canvas: usize, area: &DrawingArea<DB, Shift>, ctx: &Ctx, view: &View<'_, Self>) -> DrawResult<(), DB> {
        let b = view.data.breakdown.as_ref();
        match canvas {
            0 => draw::draw_lines_overlay(area, ctx, view.params, b, view.state.selected),
            _ => draw::draw_bars_overlay_layer(area, ctx, view.params, b),
        }
    }

    fn sections() -> Vec<Section<Self>> {
        let mut figure = Section::new(Some(texts::WEIGHTS_TITLE));
        figure.class = "lab";
        figure.testid = Some("weights");
        figure.controls = vec![
            Item::Paragraph(Paragraph::new(texts::WEIGHTS_INTRO, Style::Plain)),
            Item::Slider(Slider::<Self> { testid: "weights-gamma", label: texts::PLANE_GAMMA, scale: Scale::Log(WeightsParams::GAMMA), get: |p| p.gamma, set: |p, v| p.gamma = v, when: None }),
            Item::Slider(Slider::<Self> { testid: "weights-m", label: texts::PLANE_M, scale: Scale::Linear(WeightsParams::M), get: |p| p.m, set: |p, v| p.m = v, when: None }),
            Item::Slider(Slider::<Self> {
                testid: "weights-k",
                label: texts::WEIGHTS_K,
                scale: Scale::Linear(WeightsParams::COUNT),
                get: |p| p.s_p.len() as f64,
                set: |p, v| WeightsParams::resize(&mut p.s_p, v as usize, 0.9),
                when: None,
            }),
            Item::Slider(Slider::<Self> {
                testid: "weights-l",
                label: texts::WEIGHTS_L,
                scale: Scale::Linear(WeightsParams::COUNT),
                get: |p| p.s_n.len() as f64,
                set: |p, v| WeightsParams::resize(&mut p.s_n, v as usize, 0.4),
                when: None,
            }),
            Item::Paragraph(Paragraph::new(texts::WEIGHTS_HOW_TO, Style::Hint)),
            Item::List { title: texts::PLANE_TRY_TITLE, items: vec![texts::WEIGHTS_TRY_1, texts::WEIGHTS_TRY_2, texts::WEIGHTS_TRY_3] },
        ];
        let status = |testid: &'static str, text, kind: fn(&View<'_, Self>) -> bool| {
            Item::Paragraph(Paragraph::<Self> { testid: Some(testid), when: Some(kind), ..Paragraph::new(text, Style::Status) })
        };
        figure.main = vec![
            Item::Legend(vec![(draw::POSITIVE_SERIES, texts::WEIGHTS_LEGEND_POSITIVE), (draw::NEGATIVE_SERIES, texts::WEIGHTS_LEGEND_NEGATIVE)]),
            Item::Canvas(0),
            status("weights-linear", texts::WEIGHTS_SATURATED_LINEAR, |v| saturated(v, Saturation::Linear)),
            status("weights-one-pair", texts::WEIGHTS_SATURATED_ONE_PAIR, |v| saturated(v, Saturation::OnePair)),
            status("weights-flat", texts::WEIGHTS_SATURATED_FLAT, |v| saturated(v, Saturation::Flat)),
            Item::Table(Table::<Self> {
                testid: Some("weights-readout"),
                caption: vec![
                    Piece::Value { get: |v| Some(Shown::maybe(v.data.breakdown.as_ref().map(|b| b.value), 4)), testid: "weights-loss", before: "L\u{a0}=\u{a0}", after: "" },
                    Piece::Value { get: |v| Some(Shown::maybe(v.data.breakdown.as_ref().map(|b| b.z), 4)), testid: "weights-z", before: " Z\u{a0}=\u{a0}", after: "" },
                    Piece::Value { get: |v| Some(Shown::maybe(v.data.breakdown.as_ref().map(|b| sigmoid(b.z)), 4)), testid: "weights-sigma", before: " σ(Z)\u{a0}=\u{a0}", after: "" },
                ],
                columns: vec![texts::WEIGHTS_COL_NAME, texts::WEIGHTS_COL_S, texts::WEIGHTS_COL_WEIGHT, texts::WEIGHTS_COL_GRAD],
                rows: |v| (0..v.params.s_p.len()).map(|i| row(v, true, i)).chain((0..v.params.s_n.len()).map(|j| row(v, false, j))).collect(),
                hint: Some(texts::WEIGHTS_READOUT_HINT),
                when: None,
                otherwise: None,
            }),
            Item::Canvas(1),
        ];
        let mut formulas_section = Section::new(Some(texts::PLANE_FORMULAS));
        formulas_section.class = "formulas";
        formulas_section.main = vec![Item::Formulas(Formulas::<Self> {
            list: |_| vec![formulas::CIRCLE_LISTS, formulas::WEIGHT_SOFTMAX, formulas::LISTS_GRADIENT],
            values: |p| vec![("gamma", p.gamma), ("m", p.m)],
        })];
        vec![figure, formulas_section]
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
