//! The margin figure: 0-1, hinge, squared hinge and logistic loss against the margin m = y·f, the band
//! 0 < m < 1 where a right answer is still penalised by the hinge, a pointer with every loss's value
//! and slope, and the focal loss (γ, α) as the extension that silences easy examples.

pub mod data;

pub use data::{build, focal_share, readings, MarginBase, MarginCurve, MarginData, MarginParams, MarginReading, AXES};

use super::{formulas, texts};
use crate::figure::input::{pointer_x, KeyInput};
use crate::figure::layout::{
    CanvasSpec, Cell, Formulas, Item, Label, Paragraph, Piece, Row, Section, Shown, Slider, Style, Table, Toggle, Toggles,
};
use crate::figure::query::{snap, Scale};
use crate::figure::{Edit, Figure, Pointer, Response, View};
use crate::formula::Formula;
use crate::i18n::Text;
use crate::plot::curves::{draw_curves_base, draw_curves_overlay, Band, CurveTitles, CurvesFrame, Dot, Sampled};
use crate::plot::panel::DrawResult;
use crate::plot::Ctx;
use plotters::coord::Shift;
use plotters::prelude::*;

/// The pointer's margin (hundredths), starting inside the band.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pointed {
    pub m: f64,
}

impl Default for Pointed {
    fn default() -> Self {
        Pointed { m: 0.5 }
    }
}

pub fn name(curve: MarginCurve) -> Text {
    match curve {
        MarginCurve::ZeroOne => texts::MARGIN_ZEROONE,
        MarginCurve::Hinge => texts::MARGIN_HINGE,
        MarginCurve::SquaredHinge => texts::MARGIN_SQHINGE,
        MarginCurve::Logistic => texts::MARGIN_LOGISTIC,
        MarginCurve::Focal => texts::MARGIN_FOCAL,
        MarginCurve::FocalFlat => texts::MARGIN_FOCAL_FLAT,
    }
}

fn formula(curve: MarginCurve) -> Formula {
    match curve {
        MarginCurve::ZeroOne => formulas::ZEROONE,
        MarginCurve::Hinge => formulas::HINGE,
        MarginCurve::SquaredHinge => formulas::SQHINGE,
        MarginCurve::Logistic => formulas::LOGISTIC,
        MarginCurve::Focal | MarginCurve::FocalFlat => formulas::FOCAL,
    }
}

const TEST_IDS: [&str; 5] = ["margin-show-zeroone", "margin-show-hinge", "margin-show-sqhinge", "margin-show-logistic", "margin-show-focal"];

/// The figure.
pub struct Margins;

impl Figure for Margins {
    const KEY: &'static str = "margin";
    type Params = MarginParams;
    type State = Pointed;
    type Data = MarginData;
    type Frame = CurvesFrame;
    type Base = MarginBase;

    fn build(params: &MarginParams) -> MarginData {
        build(params)
    }

    fn base(view: &View<'_, Self>) -> MarginBase {
        let data = view.data;
        data.base.clone()
    }

    fn canvases() -> &'static [CanvasSpec] {
        &[CanvasSpec {
            testid: "margin-canvas",
            wrapper_testid: "margin-figure",
            class: "",
            aria: texts::MARGIN_ARIA,
            interactive: true,
            export_name: "margin-losses",
        }]
    }

    fn draw_base<DB: DrawingBackend>(_: usize, area: &DrawingArea<DB, Shift>, ctx: &Ctx, base: &MarginBase) -> DrawResult<CurvesFrame, DB> {
        let titles = CurveTitles { loss: ctx.t(texts::MARGIN_LOSS_PANEL), grad: ctx.t(texts::MARGIN_GRAD_PANEL), x: ctx.t(texts::MARGIN_AXIS) };
        let band = Band { from: 0.0, to: 1.0, label: Some(ctx.t(texts::MARGIN_BAND)), tint: 1.0 };
        let still: Vec<Sampled<'_>> = base.still.iter().map(|c| c.sampled()).collect();
        draw_curves_base(area, ctx, &AXES, &titles, &[band], &still)
    }

    fn draw_overlay<DB: DrawingBackend>(_: usize, area: &DrawingArea<DB, Shift>, ctx: &Ctx, view: &View<'_, Self>) -> DrawResult<(), DB> {
        let moving: Vec<Sampled<'_>> = view.data.moving.iter().map(|c| c.sampled()).collect();
        let m = view.state.m;
        let dots: Vec<Dot> =
            readings(view.params, m).into_iter().map(|r| Dot { series: r.curve.series(), value: r.value, derivative: r.slope }).collect();
        draw_curves_overlay(area, ctx, &AXES, &[], &moving, Some((m, &dots)))
    }

    fn sections() -> Vec<Section<Self>> {
        let mut figure = Section::new(Some(texts::MARGIN_TITLE));
        figure.testid = Some("margin");
        figure.controls = vec![
            Item::Paragraph(Paragraph::new(texts::MARGIN_INTRO, Style::Plain)),
            Item::Toggles(Toggles::<Self> {
                legend: texts::MARGIN_SHOW,
                options: MarginCurve::SHOWABLE
                    .into_iter()
                    .zip(TEST_IDS)
                    .map(|(c, testid)| Toggle { testid, label: name(c), series: Some(c.series()) })
                    .collect(),
                get: |p, i| p.show.contains(&MarginCurve::SHOWABLE[i % MarginCurve::SHOWABLE.len()]),
                set: |p, i, on| p.set_shown(MarginCurve::SHOWABLE[i % MarginCurve::SHOWABLE.len()], on),
            }),
            Item::Slider(Slider::<Self> {
                testid: "margin-gamma",
                label: texts::MARGIN_GAMMA,
                scale: Scale::Linear(MarginParams::GAMMA),
                get: |p| p.gamma,
                set: |p, v| p.gamma = v,
                when: Some(|p| p.shows(MarginCurve::Focal)),
            }),
            Item::Slider(Slider::<Self> {
                testid: "margin-alpha",
                label: texts::MARGIN_ALPHA,
                scale: Scale::Linear(MarginParams::ALPHA),
                get: |p| p.alpha,
                set: |p, v| p.alpha = v,
                when: Some(|p| p.shows(MarginCurve::Focal)),
            }),
            Item::Paragraph(Paragraph::<Self> { when: Some(|v| v.params.shows(MarginCurve::Focal)), ..Paragraph::new(texts::MARGIN_FOCAL_HELP, Style::Hint) }),
            Item::List { title: texts::MARGIN_TRY_TITLE, items: vec![texts::MARGIN_TRY_1, texts::MARGIN_TRY_2, texts::MARGIN_TRY_3] },
        ];
        figure.main = vec![
            Item::Canvas(0),
            Item::Paragraph(Paragraph::<Self> {
                testid: Some("margin-none"),
                when: Some(|v| v.params.show.is_empty()),
                ..Paragraph::new(texts::MARGIN_NONE, Style::Hint)
            }),
            Item::Table(Table::<Self> {
                testid: Some("margin-readout"),
                caption: vec![
                    Piece::Text(texts::MARGIN_READOUT_TITLE),
                    Piece::Value { get: |v| Some(Shown::Number(v.state.m, 3)), testid: "margin-at", before: " m\u{a0}=\u{a0}y·f\u{a0}=\u{a0}", after: "" },
                ],
                columns: vec![texts::MARGIN_COL_LOSS, texts::MARGIN_COL_VALUE, texts::MARGIN_COL_SLOPE],
                rows: |v| {
                    readings(v.params, v.state.m)
                        .into_iter()
                        .map(|r| {
                            let key = r.curve.key();
                            Row {
                                key: r.curve as u32,
                                label: Label::Text(name(r.curve)),
                                series: Some(r.curve.series()),
                                cells: vec![
                                    Cell { testid: format!("margin-{key}-value"), value: Shown::Number(r.value, 6) },
                                    Cell { testid: format!("margin-{key}-slope"), value: Shown::Number(r.slope, 6) },
                                ],
                            }
                        })
                        .collect()
                },
                hint: Some(texts::MARGIN_READOUT_HINT),
                when: None,
                otherwise: None,
            }),
            Item::Paragraph(Paragraph::<Self> {
                testid: Some("margin-band-note"),
                when: Some(|v| v.state.m > 0.0 && v.state.m < 1.0),
                ..Paragraph::new(texts::MARGIN_IN_BAND, Style::Status)
            }),
            Item::Paragraph(Paragraph::<Self> {
                testid: Some("margin-focal-share"),
                when: Some(|v| v.params.shows(MarginCurve::Focal) && focal_share(v.params, v.state.m).is_some()),
                fill: Some(|v| {
                    vec![
                        ("share", Shown::maybe(focal_share(v.params, v.state.m).map(|s| 100.0 * s), 3)),
                        ("gamma", Shown::Number(v.params.gamma, 2)),
                    ]
                }),
                ..Paragraph::new(texts::MARGIN_FOCAL_SHARE, Style::Status)
            }),
        ];
        let mut formulas_section = Section::new(Some(texts::MARGIN_FORMULAS));
        formulas_section.class = "formulas";
        formulas_section.main = vec![Item::Formulas(Formulas::<Self> {
            list: |p| p.show.iter().map(|&c| formula(c)).collect(),
            values: |p| vec![("gamma", p.gamma), ("alpha", p.alpha)],
        })];
        vec![figure, formulas_section]
    }

    fn pointer(pointer: &Pointer, frame: &CurvesFrame, edit: &mut Edit<'_, Self>) -> Response {
        match pointer_x(pointer, &frame.x, 100.0, AXES.x) {
            Some(m) => {
                edit.state.m = m;
                Response::Handled
            }
            None => Response::Ignored,
        }
    }

    fn key(key: &KeyInput, edit: &mut Edit<'_, Self>) -> Response {
        match key.arrow_step(0.05) {
            Some(step) => {
                edit.state.m = snap(edit.state.m + step, 100.0, AXES.x);
                Response::Handled
            }
            None => Response::Ignored,
        }
    }
}
