//! The plane figure: circle loss in three steps (the paper's derivation) on the (s_n, s_p) plane.
//! Step 1, the unified form γ(s_n − s_p + m): a straight boundary and the same gradient everywhere
//! (the paper's points A, B, C); step 2, the self-paced weights α_n, α_p: the gradient field bends;
//! step 3, the margins Δ_n = m, Δ_p = 1 − m: the boundary is the circle s_n² + (s_p − 1)² = 2m².
//! The loss as a heat map, γ and m with the paper's and pytorch-metric-learning's presets, the
//! gradient field (of this step's loss or of the linear one), and a draggable point with its path
//! under gradient descent, α detached (as the reference code) or differentiated.

pub mod data;
pub mod draw;
pub mod params;

pub use data::{build, descend, reading, PlaneData, Reading};
pub use params::{Arrows, PlaneParams, STEPS};

use super::{formulas, texts};
use crate::figure::layout::{Button, CanvasSpec, Cell, Choice, Formulas, Item, Label, Options, Paragraph, Row, Section, Shown, Slider, Style, Table, Toggle, Toggles};
use crate::figure::points::{self, Selection};
use crate::figure::query::Scale;
use crate::figure::{Edit, Figure, KeyInput, Pointer, PointerPhase, Response, View};
use crate::i18n::Text;
use crate::loss::metric::circle::{Boundary, PAPER_FACE, PML_DEFAULT};
use crate::plot::panel::DrawResult;
use crate::plot::{Ctx, Frame2};
use plotters::coord::Shift;
use plotters::prelude::*;

/// What a link does not carry: the selection, the pointer, the path of gradient descent.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Descent {
    pub selection: Selection,
    /// Where the pointer hovers over the plane (s_n, s_p).
    pub probe: Option<(f64, f64)>,
    /// The point's positions since Play or Step started (empty: not trained).
    pub path: Vec<(f64, f64)>,
    pub steps: u32,
}

const STEP_TITLES: [Text; 3] = [texts::PLANE_STEP_1_TITLE, texts::PLANE_STEP_2_TITLE, texts::PLANE_STEP_3_TITLE];
const STEP_TEXTS: [Text; 3] = [texts::PLANE_STEP_1, texts::PLANE_STEP_2, texts::PLANE_STEP_3];

fn at_reading(view: &View<'_, PlaneFigure>) -> Option<Reading> {
    view.data.circle.as_ref().map(|c| reading(view.params, c, view.params.at))
}

fn probe_reading(view: &View<'_, PlaneFigure>) -> Option<Reading> {
    view.data.circle.as_ref().zip(view.state.probe).map(|(c, at)| reading(view.params, c, at))
}

fn go_to(edit: &mut Edit<'_, PlaneFigure>, step: usize) {
    edit.params.step = step.min(STEPS.len() - 1);
    edit.state.path.clear();
    edit.state.steps = 0;
}

fn preset(edit: &mut Edit<'_, PlaneFigure>, (gamma, m): (f64, f64)) {
    edit.params.gamma = gamma;
    edit.params.m = m;
}

/// The readout: one row per quantity, a column for the point and one for the pointer.
fn reading_rows(view: &View<'_, PlaneFigure>) -> Vec<Row> {
    let (point, probe) = (at_reading(view), probe_reading(view));
    let quantities: [(&str, Label, fn(&Reading) -> f64); 7] = [
        ("sn", Label::Text(texts::PLANE_COL_SN), |r| r.s_n),
        ("sp", Label::Text(texts::PLANE_COL_SP), |r| r.s_p),
        ("loss", Label::Text(texts::PLANE_COL_LOSS), |r| r.value),
        ("dn", Label::Text(texts::PLANE_COL_DN), |r| r.d_n),
        ("dp", Label::Text(texts::PLANE_COL_DP), |r| r.d_p),
        ("alpha-n", Label::Text(texts::PLANE_COL_ALPHA_N), |r| r.alpha_n),
        ("alpha-p", Label::Text(texts::PLANE_COL_ALPHA_P), |r| r.alpha_p),
    ];
    quantities
        .into_iter()
        .enumerate()
        .map(|(key, (name, label, get))| Row {
            key: key as u32,
            label,
            series: None,
            cells: vec![
                Cell { testid: format!("plane-point-{name}"), value: Shown::maybe(point.as_ref().map(get), 4) },
                Cell { testid: format!("plane-probe-{name}"), value: Shown::maybe(probe.as_ref().map(get), 4) },
            ],
        })
        .collect()
}

/// The figure.
pub struct PlaneFigure;

impl Figure for PlaneFigure {
    const KEY: &'static str = "plane";
    type Params = PlaneParams;
    type State = Descent;
    type Data = PlaneData;
    type Frame = Frame2;
    type Base = ();

    fn build(params: &PlaneParams) -> PlaneData {
        build(params)
    }

    fn base(_: &View<'_, Self>) {}

    fn canvases() -> &'static [CanvasSpec] {
        &[CanvasSpec { testid: "plane-canvas", wrapper_testid: "plane-figure", class: "square", aria: texts::PLANE_ARIA, interactive: true, export_name: "circle-plane" }]
    }

    fn draw_base<DB: DrawingBackend>(_: usize, area: &DrawingArea<DB, Shift>, ctx: &Ctx, _: &()) -> DrawResult<Frame2, DB> {
        draw::draw_base(area, ctx)
    }

    fn draw_overlay<DB: DrawingBackend>(_: usize, area: &DrawingArea<DB, Shift>, ctx: &Ctx, view: &View<'_, Self>) -> DrawResult<(), DB> {
        let data = view.data;
        draw::draw_overlay(
            area,
            ctx,
            &draw::Scene::of(view.params, data),
            view.params.at,
            &view.state.path,
            view.state.selection.selected.is_some(),
            view.state.probe,
        )
    }

    fn sections() -> Vec<Section<Self>> {
        let mut figure = Section::new(Some(texts::PLANE_TITLE));
        figure.class = "lab";
        figure.testid = Some("plane");
        figure.controls = vec![
            Item::Paragraph(Paragraph::<Self> {
                testid: Some("plane-step"),
                fill: Some(|v| vec![("n", Shown::Count(v.params.step + 1)), ("title", Shown::Text(STEP_TITLES[v.params.step.min(2)]))]),
                ..Paragraph::new(texts::PLANE_STEP_HEADING, Style::Status)
            }),
            Item::Buttons(vec![
                Button::<Self> { testid: "plane-back", label: texts::PLANE_BACK, act: |e| {
                    let back = e.params.step.saturating_sub(1);
                    go_to(e, back)
                }, enabled: Some(|v| v.params.step > 0) },
                Button::<Self> { testid: "plane-next", label: texts::PLANE_NEXT, act: |e| {
                    let next = e.params.step + 1;
                    go_to(e, next)
                }, enabled: Some(|v| v.params.step + 1 < STEPS.len()) },
            ]),
            Item::Paragraph(Paragraph::<Self> { pick: Some(|v| Some(STEP_TEXTS[v.params.step.min(2)])), testid: Some("plane-step-text"), ..Paragraph::new(texts::PLANE_STEP_1, Style::Plain) }),
            Item::Slider(Slider::<Self> { testid: "plane-gamma", label: texts::PLANE_GAMMA, scale: Scale::Log(PlaneParams::GAMMA), get: |p| p.gamma, set: |p, v| p.gamma = v, when: None }),
            Item::Slider(Slider::<Self> { testid: "plane-m", label: texts::PLANE_M, scale: Scale::Linear(PlaneParams::M), get: |p| p.m, set: |p, v| p.m = v, when: None }),
            Item::Buttons(vec![
                Button::<Self> { testid: "plane-preset-paper", label: texts::PLANE_PRESET_PAPER, act: |e| preset(e, PAPER_FACE), enabled: None },
                Button::<Self> { testid: "plane-preset-pml", label: texts::PLANE_PRESET_PML, act: |e| preset(e, PML_DEFAULT), enabled: None },
                Button::<Self> { testid: "plane-preset-start", label: texts::PLANE_PRESET_START, act: |e| preset(e, (32.0, 0.25)), enabled: None },
            ]),
            Item::Choice(Choice::<Self> {
                testid: "plane-arrows",
                label: texts::PLANE_ARROWS,
                options: Options::Fixed(vec![texts::PLANE_ARROWS_STEP, texts::PLANE_ARROWS_LINEAR, texts::PLANE_ARROWS_OFF]),
                get: |p| Arrows::ALL.iter().position(|a| *a == p.arrows).unwrap_or(0),
                set: |p, i| p.arrows = Arrows::ALL[i.min(Arrows::ALL.len() - 1)],
            }),
            Item::Toggles(Toggles::<Self> {
                legend: texts::PLANE_ALPHA_LEGEND,
                options: vec![Toggle { testid: "plane-alpha", label: texts::PLANE_ALPHA, series: None }],
                get: |p, _| p.alpha_differentiated,
                set: |p, _, on| p.alpha_differentiated = on,
            }),
            Item::Player,
            Item::Buttons(vec![Button::<Self> {
                testid: "plane-reset",
                label: texts::PLANE_RESET,
                act: |e| {
                    if let Some(&start) = e.state.path.first() {
                        e.params.at = start;
                    }
                    e.state.path.clear();
                    e.state.steps = 0;
                },
                enabled: Some(|v| !v.state.path.is_empty()),
            }]),
            Item::Paragraph(Paragraph::new(texts::PLANE_HOW_TO, Style::Hint)),
            Item::List { title: texts::PLANE_TRY_TITLE, items: vec![texts::PLANE_TRY_1, texts::PLANE_TRY_2, texts::PLANE_TRY_3, texts::PLANE_TRY_4] },
        ];
        figure.main = vec![
            Item::Paragraph(Paragraph::new(texts::PLANE_COLOUR, Style::Hint)),
            Item::Canvas(0),
            Item::Paragraph(Paragraph::<Self> {
                testid: Some("plane-boundary"),
                pick: Some(|v| {
                    Some(match v.data.circle.map(|c| c.form_boundary(v.params.form())) {
                        Some(Boundary::Line(_)) | None => texts::PLANE_BOUNDARY_LINE,
                        Some(Boundary::Arc { .. }) => texts::PLANE_BOUNDARY_CIRCLE,
                    })
                }),
                fill: Some(|v| match v.data.circle.map(|c| c.form_boundary(v.params.form())) {
                    Some(Boundary::Arc { circle: c, flat_s_p }) => vec![
                        ("cx", Shown::Number(c.center_s_n, 3)),
                        ("cy", Shown::Number(c.center_s_p, 3)),
                        ("r", Shown::Number(c.radius, 4)),
                        ("m", Shown::Number(v.params.m, 3)),
                        ("flat", Shown::Number(flat_s_p, 3)),
                    ],
                    _ => vec![("m", Shown::Number(v.params.m, 3))],
                }),
                ..Paragraph::new(texts::PLANE_BOUNDARY_LINE, Style::Status)
            }),
            Item::Paragraph(Paragraph::<Self> {
                testid: Some("plane-status"),
                fill: Some(|v| vec![("step", Shown::Count(v.state.steps as usize)), ("loss", Shown::maybe(at_reading(v).map(|r| r.value), 4))]),
                ..Paragraph::new(texts::PLANE_STATUS, Style::Status)
            }),
            Item::Table(Table::<Self> {
                testid: Some("plane-readout"),
                caption: vec![crate::figure::layout::Piece::Text(texts::PLANE_READOUT_TITLE)],
                columns: vec![texts::PLANE_COL_WHERE, texts::PLANE_ROW_POINT, texts::PLANE_ROW_PROBE],
                rows: reading_rows,
                hint: Some(texts::PLANE_READOUT_HINT),
                when: None,
                otherwise: None,
            }),
        ];
        let mut formulas_section = Section::new(Some(texts::PLANE_FORMULAS));
        formulas_section.class = "formulas";
        formulas_section.main = vec![Item::Formulas(Formulas::<Self> {
            list: |p| match p.step {
                0 => vec![formulas::UNIFIED, formulas::UNIFIED_GRADIENT, formulas::DESCENT],
                1 => vec![formulas::SELF_PACED, formulas::WEIGHTS, formulas::SELF_PACED_BOUNDARY, formulas::DESCENT],
                _ => vec![formulas::CIRCLE, formulas::WEIGHTS, formulas::CIRCLE_BOUNDARY, formulas::CIRCLE_GRADIENT, formulas::DESCENT],
            },
            values: |p| vec![("gamma", p.gamma), ("m", p.m)],
        })];
        vec![figure, formulas_section]
    }

    fn pointer(pointer: &Pointer, frame: &Frame2, edit: &mut Edit<'_, Self>) -> Response {
        if pointer.phase == PointerPhase::Move && !pointer.dragging && edit.state.selection.dragging.is_none() {
            let probe = frame.to_data(pointer.at);
            if probe == edit.state.probe {
                return Response::Ignored;
            }
            edit.state.probe = probe;
            return Response::Handled;
        }
        if pointer.phase == PointerPhase::Down {
            edit.state.path.clear();
            edit.state.steps = 0;
        }
        points::on_pointer(pointer, frame, edit.params, &mut edit.state.selection, ())
    }

    fn key(key: &KeyInput, edit: &mut Edit<'_, Self>) -> Response {
        let step = match key.key.as_str() {
            "PageDown" => Some(edit.params.step + 1),
            "PageUp" => Some(edit.params.step.saturating_sub(1)),
            "1" => Some(0),
            "2" => Some(1),
            "3" => Some(2),
            _ => None,
        };
        if let Some(step) = step {
            go_to(edit, step);
            return Response::Handled;
        }
        if key.key.starts_with("Arrow") {
            edit.state.selection.selected = Some(0);
            edit.state.path.clear();
            edit.state.steps = 0;
        }
        points::on_key(key, edit.params, &mut edit.state.selection)
    }

    /// One step of gradient descent on the point; pauses when it no longer moves.
    fn step(edit: &mut Edit<'_, Self>) -> bool {
        let Some(circle) = edit.data.circle else { return false };
        if edit.state.steps >= data::MAX_STEPS {
            return false;
        }
        match descend(edit.params, &circle, edit.params.at) {
            Some(to) => {
                if edit.state.path.is_empty() {
                    edit.state.path.push(edit.params.at);
                }
                edit.params.at = to;
                edit.state.path.push(to);
                edit.state.steps += 1;
                true
            }
            None => false,
        }
    }
}
