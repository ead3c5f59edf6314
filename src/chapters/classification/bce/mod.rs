//! The binary cross-entropy figure: the loss and its gradient against the probability p or the logit
//! z, for y = 1, y = 0 and a soft label, with PyTorch's clamped value beside the exact one where −ln p
//! runs to infinity.

pub mod data;
pub mod params;

pub use data::{build, reading, BceBase, BceCurve, BceData, BceReading};
pub use params::{BceAxis, BceParams};

use super::{formulas, texts};
use crate::figure::input::{pointer_x, KeyInput};
use crate::figure::layout::{CanvasSpec, Cell, Choice, Formulas, Item, Label, Options, Paragraph, Piece, Row, Section, Shown, Slider, Style, Table};
use crate::figure::query::{snap, Scale};
use crate::figure::{Edit, Figure, Pointer, Response, View};
use crate::i18n::Text;
use crate::plot::curves::{draw_curves_base, draw_curves_overlay, CurveTitles, CurvesFrame, Dot, Sampled};
use crate::plot::panel::DrawResult;
use crate::plot::Ctx;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Where the pointer is on each axis (p, and z), kept apart so switching axes keeps both.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pointed {
    pub p: f64,
    pub z: f64,
}

impl Default for Pointed {
    fn default() -> Self {
        Pointed { p: 0.2, z: -1.5 }
    }
}

impl Pointed {
    /// The pointer's x on `axis`.
    pub fn at(&self, axis: BceAxis) -> f64 {
        match axis {
            BceAxis::P => self.p,
            BceAxis::Logit => self.z,
        }
    }

    fn set(&mut self, axis: BceAxis, x: f64) {
        match axis {
            BceAxis::P => self.p = x,
            BceAxis::Logit => self.z = x,
        }
    }
}

/// The grid the pointer moves on: thousandths of p, hundredths of z.
fn grid(axis: BceAxis) -> f64 {
    match axis {
        BceAxis::P => 1000.0,
        BceAxis::Logit => 100.0,
    }
}

pub fn name(curve: BceCurve) -> Text {
    match curve {
        BceCurve::One => texts::BCE_CURVE_ONE,
        BceCurve::Zero => texts::BCE_CURVE_ZERO,
        BceCurve::Label => texts::BCE_CURVE_LABEL,
        BceCurve::Torch => texts::BCE_CURVE_TORCH,
    }
}

/// The reading at the pointer, the pointer kept inside the current axis.
fn reading_of(view: &View<'_, Bce>) -> BceReading {
    let x = view.state.at(view.params.axis).clamp(view.data.base.axes.x.0, view.data.base.axes.x.1);
    reading(view.params, x)
}

/// The figure.
pub struct Bce;

impl Figure for Bce {
    const KEY: &'static str = "bce";
    type Params = BceParams;
    type State = Pointed;
    type Data = BceData;
    type Frame = CurvesFrame;
    type Base = BceBase;

    fn build(params: &BceParams) -> BceData {
        build(params)
    }

    fn base(view: &View<'_, Self>) -> BceBase {
        let data = view.data;
        data.base.clone()
    }

    fn canvases() -> &'static [CanvasSpec] {
        &[CanvasSpec { testid: "bce-canvas", wrapper_testid: "bce-figure", class: "", aria: texts::BCE_ARIA, interactive: true, export_name: "binary-cross-entropy" }]
    }

    fn draw_base<DB: DrawingBackend>(_: usize, area: &DrawingArea<DB, Shift>, ctx: &Ctx, base: &BceBase) -> DrawResult<CurvesFrame, DB> {
        let (x, grad) = match base.axis {
            BceAxis::P => (texts::BCE_X_P, texts::BCE_GRAD_PANEL_P),
            BceAxis::Logit => (texts::BCE_X_Z, texts::BCE_GRAD_PANEL_Z),
        };
        let titles = CurveTitles { loss: ctx.t(texts::BCE_LOSS_PANEL), grad: ctx.t(grad), x: ctx.t(x) };
        let still: Vec<Sampled<'_>> = base.fixed.iter().map(|c| c.sampled()).collect();
        draw_curves_base(area, ctx, &base.axes, &titles, &[], &still)
    }

    fn draw_overlay<DB: DrawingBackend>(_: usize, area: &DrawingArea<DB, Shift>, ctx: &Ctx, view: &View<'_, Self>) -> DrawResult<(), DB> {
        let moving: Vec<Sampled<'_>> = view.data.label.iter().map(|c| c.sampled()).collect();
        let at = reading_of(view);
        let derivative = match view.params.axis {
            BceAxis::P => at.grad_p,
            BceAxis::Logit => at.grad_z,
        };
        let dots = [
            Dot { series: BceCurve::Label.series(), value: at.exact, derivative },
            Dot { series: BceCurve::Torch.series(), value: at.torch, derivative: f64::NAN },
        ];
        let x = view.state.at(view.params.axis).clamp(view.data.base.axes.x.0, view.data.base.axes.x.1);
        draw_curves_overlay(area, ctx, &view.data.base.axes, &[], &moving, Some((x, &dots)))
    }

    fn sections() -> Vec<Section<Self>> {
        let mut figure = Section::new(Some(texts::BCE_TITLE));
        figure.testid = Some("bce");
        figure.controls = vec![
            Item::Paragraph(Paragraph::new(texts::BCE_INTRO, Style::Plain)),
            Item::Choice(Choice::<Self> {
                testid: "bce-axis",
                label: texts::BCE_AXIS,
                options: Options::Fixed(vec![texts::BCE_AXIS_P, texts::BCE_AXIS_Z]),
                get: |p| p.axis as usize,
                set: |p, i| p.axis = BceAxis::ALL.get(i).copied().unwrap_or(BceAxis::P),
            }),
            Item::Slider(Slider::<Self> {
                testid: "bce-y",
                label: texts::BCE_Y,
                scale: Scale::Linear(BceParams::Y),
                get: |p| p.y,
                set: |p, v| p.y = v,
                when: None,
            }),
            Item::Paragraph(Paragraph::new(texts::BCE_Y_HELP, Style::Hint)),
            Item::Slider(Slider::<Self> {
                testid: "bce-zmax",
                label: texts::BCE_ZMAX,
                scale: Scale::Log(BceParams::ZMAX),
                get: |p| p.zmax,
                set: |p, v| p.zmax = v,
                when: Some(|p| p.axis == BceAxis::Logit),
            }),
            Item::List { title: texts::BCE_TRY_TITLE, items: vec![texts::BCE_TRY_1, texts::BCE_TRY_2, texts::BCE_TRY_3] },
        ];
        figure.main = vec![
            Item::Legend(BceCurve::ALL.into_iter().map(|c| (c.series(), name(c))).collect()),
            Item::Canvas(0),
            Item::Table(Table::<Self> {
                testid: Some("bce-readout"),
                caption: vec![
                    Piece::Text(texts::BCE_READOUT_TITLE),
                    Piece::Value { get: |v| Some(Shown::Number(reading_of(v).p, 4)), testid: "bce-at-p", before: " p\u{a0}=\u{a0}", after: "" },
                    Piece::Value { get: |v| Some(Shown::Number(reading_of(v).z, 4)), testid: "bce-at-z", before: " z\u{a0}=\u{a0}", after: "" },
                    Piece::Value { get: |v| Some(Shown::Number(v.params.y, 3)), testid: "bce-at-y", before: " y\u{a0}=\u{a0}", after: "" },
                ],
                columns: vec![texts::BCE_COL_WHAT, texts::BCE_COL_LOSS, texts::BCE_COL_GRAD_P, texts::BCE_COL_GRAD_Z],
                rows: |v| {
                    let at = reading_of(v);
                    vec![
                        Row {
                            key: 0,
                            label: Label::Text(texts::BCE_ROW_EXACT),
                            series: Some(BceCurve::Label.series()),
                            cells: vec![
                                Cell { testid: "bce-exact".into(), value: Shown::Number(at.exact, 6) },
                                Cell { testid: "bce-grad-p".into(), value: Shown::Number(at.grad_p, 6) },
                                Cell { testid: "bce-grad-z".into(), value: Shown::Number(at.grad_z, 6) },
                            ],
                        },
                        Row {
                            key: 1,
                            label: Label::Text(texts::BCE_ROW_TORCH),
                            series: Some(BceCurve::Torch.series()),
                            cells: vec![
                                Cell { testid: "bce-torch".into(), value: Shown::Number(at.torch, 6) },
                                Cell { testid: "bce-torch-grad-p".into(), value: Shown::Missing },
                                Cell { testid: "bce-torch-grad-z".into(), value: Shown::Missing },
                            ],
                        },
                    ]
                },
                hint: Some(texts::BCE_READOUT_HINT),
                when: None,
                otherwise: None,
            }),
            Item::Paragraph(Paragraph::<Self> {
                testid: Some("bce-differs"),
                when: Some(|v| {
                    let at = reading_of(v);
                    at.exact != at.torch
                }),
                fill: Some(|v| {
                    let at = reading_of(v);
                    vec![("torch", Shown::Number(at.torch, 6)), ("exact", Shown::Number(at.exact, 6))]
                }),
                ..Paragraph::new(texts::BCE_DIFFERS, Style::Status)
            }),
            Item::Paragraph(Paragraph::new(texts::BCE_INFINITY_NOTE, Style::Muted)),
        ];
        let mut formulas_section = Section::new(Some(texts::BCE_FORMULAS));
        formulas_section.class = "formulas";
        formulas_section.main =
            vec![Item::Formulas(Formulas::<Self> { list: |_| vec![formulas::BCE_P, formulas::BCE_Z, formulas::BCE_TORCH], values: |p| vec![("y", p.y)] })];
        vec![figure, formulas_section]
    }

    fn pointer(pointer: &Pointer, frame: &CurvesFrame, edit: &mut Edit<'_, Self>) -> Response {
        let axis = edit.params.axis;
        match pointer_x(pointer, &frame.x, grid(axis), edit.data.base.axes.x) {
            Some(x) => {
                edit.state.set(axis, x);
                Response::Handled
            }
            None => Response::Ignored,
        }
    }

    fn key(key: &KeyInput, edit: &mut Edit<'_, Self>) -> Response {
        let axis = edit.params.axis;
        let range = edit.data.base.axes.x;
        let step = match axis {
            BceAxis::P => 0.01,
            BceAxis::Logit => (range.1 - range.0) / 200.0,
        };
        match key.arrow_step(step) {
            Some(step) => {
                let x = snap(edit.state.at(axis).clamp(range.0, range.1) + step, grid(axis), range);
                edit.state.set(axis, x);
                Response::Handled
            }
            None => Response::Ignored,
        }
    }
}
