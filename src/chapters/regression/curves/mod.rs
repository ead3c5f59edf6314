//! The curves figure: each chosen regression loss ℓ(r) and its gradient dℓ/dr against the residual
//! r, a δ slider for Huber (and β for smooth L1), the exact values at the pointer, and the formulas
//! with the current δ and β.

pub mod data;
pub mod draw;
pub mod params;

pub use data::{build, loss_of, readout, Axes, Curve, CurvesBase, CurvesData, Reading};
pub use draw::CurvesFrame;
pub use params::{CurveId, CurvesParams};

use super::{formulas, texts};
use crate::figure::input::KeyInput;
use crate::figure::layout::{
    CanvasSpec, Cell, Formulas, Item, Label, Paragraph, Piece, Row, Section, Shown, Slider, Style, Table, Toggle, Toggles,
};
use crate::figure::query::{snap, Scale};
use crate::figure::{Edit, Figure, Pointer, PointerPhase, Response, View};
use crate::formula::Formula;
use crate::i18n::{texts::site, Text};
use crate::plot::panel::DrawResult;
use crate::plot::Ctx;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Where the readout starts before the pointer moves: outside the default Huber band.
pub const START_R: f64 = 2.0;
/// Step of the pointer's r under the arrow keys (Shift: ten times larger).
const KEY_STEP: f64 = 0.05;

/// The display name of a curve.
pub fn name(id: CurveId) -> Text {
    match id {
        CurveId::Me => texts::NAMES_ME,
        CurveId::Mse => texts::NAMES_MSE,
        CurveId::Mae => texts::NAMES_MAE,
        CurveId::Rmse => texts::NAMES_RMSE,
        CurveId::Huber => texts::NAMES_HUBER,
        CurveId::SmoothL1 => texts::NAMES_SMOOTHL1,
        CurveId::LogCosh => texts::NAMES_LOGCOSH,
    }
}

/// The formula of a curve.
pub fn formula(id: CurveId) -> Formula {
    match id {
        CurveId::Me => formulas::ME,
        CurveId::Mse => formulas::MSE,
        CurveId::Mae => formulas::MAE,
        CurveId::Rmse => formulas::RMSE,
        CurveId::Huber => formulas::HUBER,
        CurveId::SmoothL1 => formulas::SMOOTHL1,
        CurveId::LogCosh => formulas::LOGCOSH,
    }
}

/// The parameters of the formulas: δ, δ/2, β, β/2.
pub fn formula_values(params: &CurvesParams) -> Vec<(&'static str, f64)> {
    vec![("delta", params.delta), ("half_delta", params.delta / 2.0), ("beta", params.beta), ("half_beta", params.beta / 2.0)]
}

/// The residual the readout and the pointer guide show.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pointed {
    pub r: f64,
}

impl Default for Pointed {
    fn default() -> Self {
        Pointed { r: START_R }
    }
}

/// The figure.
pub struct Curves;

const TEST_IDS: [&str; 7] = ["toggle-me", "toggle-mse", "toggle-mae", "toggle-rmse", "toggle-huber", "toggle-smoothl1", "toggle-logcosh"];

impl Figure for Curves {
    const KEY: &'static str = "curves";
    const LEGACY_KEYS: &'static [(&'static str, &'static str)] = &[("delta", "delta"), ("beta", "beta"), ("curves", "show")];
    type Params = CurvesParams;
    type State = Pointed;
    type Data = CurvesData;
    type Frame = CurvesFrame;
    type Base = CurvesBase;

    fn build(params: &CurvesParams) -> CurvesData {
        build(params)
    }

    fn base(view: &View<'_, Self>) -> CurvesBase {
        let data = view.data;
        CurvesBase::of(data)
    }

    fn canvases() -> &'static [CanvasSpec] {
        &[CanvasSpec {
            testid: "regression-canvas",
            wrapper_testid: "regression-figure",
            class: "",
            aria: texts::CURVES_ARIA,
            interactive: true,
            export_name: "regression-curves",
        }]
    }

    fn draw_base<DB: DrawingBackend>(_: usize, area: &DrawingArea<DB, Shift>, ctx: &Ctx, base: &CurvesBase) -> DrawResult<CurvesFrame, DB> {
        draw::draw_base(area, ctx, base)
    }

    fn draw_overlay<DB: DrawingBackend>(_: usize, area: &DrawingArea<DB, Shift>, ctx: &Ctx, view: &View<'_, Self>) -> DrawResult<(), DB> {
        let readings = readout(view.params, view.state.r).unwrap_or_default();
        draw::draw_overlay(area, ctx, view.data, Some((view.state.r, &readings)))
    }

    fn sections() -> Vec<Section<Self>> {
        let mut figure = Section::new(Some(texts::CURVES_TITLE));
        figure.controls = vec![
            Item::Slider(Slider::<Self> {
                testid: "delta",
                label: texts::CURVES_DELTA,
                scale: Scale::Log(CurvesParams::DELTA),
                get: |p| p.delta,
                set: |p, v| p.delta = v,
                when: None,
            }),
            Item::Slider(Slider::<Self> {
                testid: "beta",
                label: texts::CURVES_BETA,
                scale: Scale::Log(CurvesParams::BETA),
                get: |p| p.beta,
                set: |p, v| p.beta = v,
                when: Some(|p| p.shows(CurveId::SmoothL1)),
            }),
            Item::Paragraph(Paragraph::new(texts::CURVES_DELTA_HELP, Style::Hint)),
            Item::Toggles(Toggles::<Self> {
                legend: texts::CURVES_SHOW,
                options: CurveId::ALL
                    .into_iter()
                    .zip(TEST_IDS)
                    .map(|(id, testid)| Toggle { testid, label: name(id), series: Some(id.series()) })
                    .collect(),
                get: |p, i| p.shows(CurveId::ALL[i]),
                set: |p, i, on| p.set_shown(CurveId::ALL[i], on),
            }),
            Item::List { title: texts::CURVES_TRY_TITLE, items: vec![texts::CURVES_TRY_1, texts::CURVES_TRY_2, texts::CURVES_TRY_3] },
        ];
        figure.main = vec![
            Item::Canvas(0),
            Item::Paragraph(Paragraph::<Self> {
                text: None,
                pick: Some(|v| v.data.curves.as_ref().err().map(|_| site::FIGURE_ERROR)),
                style: Style::Status,
                testid: Some("curves-problem"),
                fill: Some(|v| v.data.curves.as_ref().err().map(|e| vec![("reason", Shown::Problem(e.clone()))]).unwrap_or_default()),
                when: None,
            }),
            Item::Paragraph(Paragraph::<Self> {
                testid: Some("no-curve"),
                when: Some(|v| v.params.curves.is_empty()),
                ..Paragraph::new(texts::CURVES_NO_CURVE, Style::Hint)
            }),
            Item::Table(Table::<Self> {
                testid: Some("readout"),
                caption: vec![
                    Piece::Text(texts::CURVES_READOUT_TITLE),
                    Piece::Text(texts::CURVES_READOUT_AT),
                    Piece::Value { get: |v| Some(Shown::Number(v.state.r, 4)), testid: "readout-r", before: "\u{a0}", after: "" },
                ],
                columns: vec![texts::CURVES_COL_CURVE, texts::CURVES_COL_VALUE, texts::CURVES_COL_GRADIENT],
                rows: |v| {
                    readout(v.params, v.state.r)
                        .unwrap_or_default()
                        .into_iter()
                        .map(|reading| {
                            let key = reading.id.key();
                            Row {
                                key: reading.id as u32,
                                label: Label::Text(name(reading.id)),
                                series: Some(reading.id.series()),
                                cells: vec![
                                    Cell { testid: format!("readout-{key}-value"), value: Shown::Number(reading.value, 6) },
                                    Cell { testid: format!("readout-{key}-grad"), value: Shown::Number(reading.derivative, 6) },
                                ],
                            }
                        })
                        .collect()
                },
                hint: Some(texts::CURVES_READOUT_HINT),
                when: None,
                otherwise: None,
            }),
        ];
        let mut formulas = Section::new(Some(texts::CURVES_FORMULAS));
        formulas.class = "formulas";
        formulas.main = vec![Item::Formulas(Formulas::<Self> {
            list: |p| p.curves.iter().map(|&id| formula(id)).collect(),
            values: formula_values,
        })];
        vec![figure, formulas]
    }

    fn pointer(pointer: &Pointer, frame: &CurvesFrame, edit: &mut Edit<'_, Self>) -> Response {
        if !matches!(pointer.phase, PointerPhase::Move | PointerPhase::Down) {
            return Response::Ignored;
        }
        match frame.x.data_at(pointer.at.0) {
            Some(r) => {
                edit.state.r = snap(r, 100.0, edit.data.axes.r);
                Response::Handled
            }
            None => Response::Ignored,
        }
    }

    fn key(key: &KeyInput, edit: &mut Edit<'_, Self>) -> Response {
        match key.arrow_step(KEY_STEP) {
            Some(step) => {
                edit.state.r = snap(edit.state.r + step, 100.0, edit.data.axes.r);
                Response::Handled
            }
            None => Response::Ignored,
        }
    }
}
