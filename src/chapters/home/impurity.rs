//! The start page's CART figure: two-class Gini impurity and entropy (bits) against the class
//! proportion p, with their derivatives (from `crate::loss::impurity`), and an exact readout at the
//! pointer. Nothing of it goes into the URL: its only input is the pointer.

use super::texts;
use crate::figure::input::KeyInput;
use crate::figure::layout::{CanvasSpec, Cell, Item, Label, Paragraph, Piece, Row, Section, Shown, Style, Table};
use crate::figure::query::snap;
use crate::figure::{Edit, Figure, Pointer, PointerPhase, Response, View};
use crate::i18n::Text;
use crate::loss::impurity::{entropy_binary_bits, entropy_binary_bits_derivative, gini_binary, gini_binary_derivative};
use crate::loss::sample::sample_curve;
use crate::plot::panel::{draw_axes_and_title, draw_zero_lines, map_of, panel, split, AxesStyle, DrawResult};
use crate::plot::series::draw_curve;
use crate::plot::shapes::{dot, vertical};
use crate::plot::{AxisMap, Ctx, Dash, Marker, Series, SeriesColor};
use plotters::coord::Shift;
use plotters::prelude::*;

/// The two impurities drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImpurityId {
    Gini,
    Entropy,
}

impl ImpurityId {
    pub const ALL: [ImpurityId; 2] = [ImpurityId::Gini, ImpurityId::Entropy];

    pub fn key(self) -> &'static str {
        match self {
            ImpurityId::Gini => "gini",
            ImpurityId::Entropy => "entropy",
        }
    }

    pub fn value(self, p: f64) -> f64 {
        match self {
            ImpurityId::Gini => gini_binary(p),
            ImpurityId::Entropy => entropy_binary_bits(p),
        }
    }

    pub fn derivative(self, p: f64) -> f64 {
        match self {
            ImpurityId::Gini => gini_binary_derivative(p),
            ImpurityId::Entropy => entropy_binary_bits_derivative(p),
        }
    }

    fn name(self) -> Text {
        match self {
            ImpurityId::Gini => texts::IMPURITY_GINI,
            ImpurityId::Entropy => texts::IMPURITY_ENTROPY,
        }
    }

    /// Okabe–Ito blue, solid; vermilion, dashed.
    pub fn series(self) -> Series {
        match self {
            ImpurityId::Gini => Series::new(SeriesColor::Blue, Dash::Solid, Marker::None),
            ImpurityId::Entropy => Series::new(SeriesColor::Vermillion, Dash::Dashed, Marker::None),
        }
    }
}

/// Axis ranges: p on x; the value panel and the derivative panel (the entropy's derivative is
/// infinite at p = 0 and 1 and is cut at the border).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ImpurityAxes {
    pub p: (f64, f64),
    pub value: (f64, f64),
    pub derivative: (f64, f64),
}

pub const AXES: ImpurityAxes = ImpurityAxes { p: (0.0, 1.0), value: (0.0, 1.1), derivative: (-5.0, 5.0) };

/// Samples per curve.
pub const SAMPLES: usize = 201;
/// Where the readout starts before the pointer moves.
pub const START_P: f64 = 0.2;
/// Arrow-key step of p (Shift: ten times larger).
const KEY_STEP: f64 = 0.01;
/// Share of the height given to the value panel.
const VALUE_PANEL_PERCENT: u32 = 55;

/// One sampled impurity: value and derivative against p.
#[derive(Debug, Clone, PartialEq)]
pub struct ImpurityCurve {
    pub id: ImpurityId,
    pub value: Vec<(f64, f64)>,
    pub derivative: Vec<(f64, f64)>,
}

/// Both curves (they never change: the figure's only input is the pointer).
pub fn curves() -> Vec<ImpurityCurve> {
    ImpurityId::ALL
        .into_iter()
        .map(|id| ImpurityCurve {
            id,
            value: sample_curve(|p| id.value(p), AXES.p.0, AXES.p.1, SAMPLES, &[]),
            derivative: sample_curve(|p| id.derivative(p), AXES.p.0, AXES.p.1, SAMPLES, &[]),
        })
        .collect()
}

/// Exact values at one p.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ImpurityReading {
    pub id: ImpurityId,
    pub value: f64,
    pub derivative: f64,
}

/// Value and derivative of both impurities at `p` (clamped into [0, 1]; NaN reads as ½).
pub fn readout(p: f64) -> Vec<ImpurityReading> {
    let p = if p.is_nan() { 0.5 } else { p.clamp(0.0, 1.0) };
    ImpurityId::ALL
        .into_iter()
        .map(|id| ImpurityReading { id, value: id.value(p), derivative: id.derivative(p) })
        .collect()
}

/// The pointer's p.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pointed {
    pub p: f64,
}

impl Default for Pointed {
    fn default() -> Self {
        Pointed { p: START_P }
    }
}

/// The figure.
pub struct Impurity;

impl Figure for Impurity {
    const KEY: &'static str = "impurity";
    type Params = ();
    type State = Pointed;
    type Data = Vec<ImpurityCurve>;
    type Frame = AxisMap;
    /// The curves never change: they are drawn once, with the axes.
    type Base = Vec<ImpurityCurve>;

    fn build(_: &()) -> Vec<ImpurityCurve> {
        curves()
    }

    fn base(view: &View<'_, Self>) -> Vec<ImpurityCurve> {
        let data = view.data;
        data.clone()
    }

    fn canvases() -> &'static [CanvasSpec] {
        &[CanvasSpec {
            testid: "impurity-canvas",
            wrapper_testid: "impurity-figure",
            class: "small",
            aria: texts::IMPURITY_ARIA,
            interactive: true,
            export_name: "impurity",
        }]
    }

    fn draw_base<DB: DrawingBackend>(_: usize, root: &DrawingArea<DB, Shift>, ctx: &Ctx, curves: &Vec<ImpurityCurve>) -> DrawResult<AxisMap, DB> {
        let (upper, lower) = split(root, VALUE_PANEL_PERCENT);
        let mut p_map = AxisMap { pixels: (0, 1), data: AXES.p };
        for (area, y, title, bottom) in
            [(&upper, AXES.value, texts::IMPURITY_VALUE_PANEL, false), (&lower, AXES.derivative, texts::IMPURITY_DERIVATIVE_PANEL, true)]
        {
            let mut chart = panel(area, ctx, AXES.p, y, bottom)?;
            let style = AxesStyle {
                x_ticks: 6,
                y_ticks: 5,
                tick_size: 11.0,
                title_size: 12.0,
                x_desc: bottom.then(|| ctx.t(texts::IMPURITY_AXIS)),
            };
            draw_axes_and_title(&mut chart, &style, ctx.t(title), ctx)?;
            if bottom {
                draw_zero_lines(&mut chart, AXES.p, y, false, ctx)?;
            }
            for curve in curves {
                draw_curve(&mut chart, if bottom { &curve.derivative } else { &curve.value }, y, &curve.id.series(), 2.5, ctx)?;
            }
            p_map = map_of(&chart, AXES.p, y).0;
        }
        Ok(p_map)
    }

    fn draw_overlay<DB: DrawingBackend>(_: usize, root: &DrawingArea<DB, Shift>, ctx: &Ctx, view: &View<'_, Self>) -> DrawResult<(), DB> {
        let (upper, lower) = split(root, VALUE_PANEL_PERCENT);
        let p = view.state.p;
        let readings = readout(p);
        for (area, y, is_value) in [(&upper, AXES.value, true), (&lower, AXES.derivative, false)] {
            let mut chart = panel(area, ctx, AXES.p, y, !is_value)?;
            if (AXES.p.0..=AXES.p.1).contains(&p) {
                let guide = ctx.palette().pointer.mix(0.6).stroke_width(ctx.line(1.0));
                vertical(&mut chart, p, y, guide)?;
                for reading in &readings {
                    let v = if is_value { reading.value } else { reading.derivative };
                    if (y.0..=y.1).contains(&v) {
                        dot(&mut chart, (p, v), ctx.line(4.0) as i32, ctx.series(reading.id.series().color).filled())?;
                    }
                }
            }
        }
        Ok(())
    }

    fn sections() -> Vec<Section<Self>> {
        let mut section = Section::new(Some(texts::IMPURITY_TITLE));
        section.class = "impurity";
        section.main = vec![
            Item::Canvas(0),
            Item::Table(Table::<Self> {
                testid: Some("impurity-readout"),
                caption: vec![
                    Piece::Text(texts::IMPURITY_AT),
                    Piece::Value { get: |v| Some(Shown::Number(v.state.p, 3)), testid: "impurity-p", before: "\u{a0}", after: "" },
                ],
                columns: vec![texts::IMPURITY_CURVE, texts::IMPURITY_VALUE, texts::IMPURITY_DERIVATIVE],
                rows: |v| {
                    readout(v.state.p)
                        .into_iter()
                        .enumerate()
                        .map(|(i, reading)| Row {
                            key: i as u32,
                            label: Label::Text(reading.id.name()),
                            series: Some(reading.id.series()),
                            cells: vec![
                                Cell { testid: format!("impurity-{}-value", reading.id.key()), value: Shown::Number(reading.value, 4) },
                                Cell { testid: format!("impurity-{}-grad", reading.id.key()), value: Shown::Number(reading.derivative, 4) },
                            ],
                        })
                        .collect()
                },
                hint: None,
                when: None,
                otherwise: None,
            }),
            Item::Paragraph(Paragraph::new(texts::IMPURITY_NOTE, Style::Hint)),
        ];
        vec![section]
    }

    fn pointer(pointer: &Pointer, frame: &AxisMap, edit: &mut Edit<'_, Self>) -> Response {
        if !matches!(pointer.phase, PointerPhase::Move | PointerPhase::Down) {
            return Response::Ignored;
        }
        match frame.data_at(pointer.at.0) {
            Some(p) => {
                edit.state.p = snap(p, 1000.0, AXES.p);
                Response::Handled
            }
            None => Response::Ignored,
        }
    }

    fn key(key: &KeyInput, edit: &mut Edit<'_, Self>) -> Response {
        match key.arrow_step(KEY_STEP) {
            Some(step) => {
                edit.state.p = snap(edit.state.p + step, 1000.0, AXES.p);
                Response::Handled
            }
            None => Response::Ignored,
        }
    }
}
