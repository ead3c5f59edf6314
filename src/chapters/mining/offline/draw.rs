//! The offline figure's canvases: the online and the offline run side by side, and the useful
//! triplets of each at every step.

use super::super::batch::draw::{class_style, PLANE};
use super::super::texts;
use super::Counts;
use crate::plot::panel::{draw_axes_and_title, panel, AxesStyle, DrawResult};
use crate::plot::plane::{draw_plane_base, equal_panel};
use crate::plot::series::{draw_curve, draw_marker};
use crate::plot::shapes::vertical;
use crate::plot::{Ctx, Dash, Frame2, Marker, Series, SeriesColor};
use plotters::coord::Shift;
use plotters::prelude::*;

pub const ONLINE: Series = Series::new(SeriesColor::Blue, Dash::Solid, Marker::None);
pub const OFFLINE: Series = Series::new(SeriesColor::Vermillion, Dash::Dashed, Marker::None);

fn halves<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>) -> (DrawingArea<DB, Shift>, DrawingArea<DB, Shift>) {
    let width = area.dim_in_pixel().0;
    area.split_horizontally(width / 2)
}

/// Both planes' axes, each titled with its run.
pub fn draw_planes_base<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, ctx: &Ctx) -> DrawResult<Frame2, DB> {
    let (left, right) = halves(area);
    for (half, title) in [(left, texts::OFFLINE_ONLINE_PANEL), (right, texts::OFFLINE_OFFLINE_PANEL)] {
        draw_plane_base(&half, ctx, PLANE.0, PLANE.1, ctx.t(title))?;
    }
    Ok(Frame2::default())
}

/// Both runs' points, by class.
pub fn draw_planes_overlay<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, ctx: &Ctx, runs: [&Vec<(f64, f64)>; 2], labels: &[usize]) -> DrawResult<(), DB> {
    let (left, right) = halves(area);
    for (half, points) in [(left, runs[0]), (right, runs[1])] {
        let (mut chart, _, _) = equal_panel(&half, ctx, PLANE.0, PLANE.1)?;
        for (p, &label) in points.iter().zip(labels) {
            let (color, marker) = class_style(label);
            draw_marker(&mut chart, *p, marker, ctx.line(4.5) as i32, ctx.series(color), ctx)?;
        }
    }
    Ok(())
}

fn ranges((steps, useful): (u32, usize)) -> ((f64, f64), (f64, f64)) {
    ((0.0, f64::from(steps.max(1))), (0.0, (useful.max(1) as f64) * 1.1))
}

/// The history plot's axes.
pub fn draw_history_base<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, ctx: &Ctx, steps: u32, useful: usize) -> DrawResult<Frame2, DB> {
    let (x, y) = ranges((steps, useful));
    let mut chart = panel(area, ctx, x, y, true)?;
    let style = AxesStyle { x_ticks: 7, y_ticks: 5, tick_size: 12.0, title_size: 13.0, x_desc: Some(ctx.t(texts::OFFLINE_STEP_AXIS)) };
    draw_axes_and_title(&mut chart, &style, ctx.t(texts::OFFLINE_HISTORY_PANEL), ctx)?;
    Ok(Frame2::default())
}

/// Useful triplets per step for both runs, and a guide at every mining of the offline run.
pub fn draw_history_overlay<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, ctx: &Ctx, base: (u32, usize), history: &[Counts], every: u32) -> DrawResult<(), DB> {
    let (x, y) = ranges(base);
    let mut chart = panel(area, ctx, x, y, true)?;
    let guide = ctx.palette().axis.mix(0.35).stroke_width(ctx.line(1.0));
    let every = every.max(1) as usize;
    for k in (0..history.len()).step_by(every) {
        vertical(&mut chart, k as f64, y, guide)?;
    }
    let online: Vec<(f64, f64)> = history.iter().enumerate().map(|(i, c)| (i as f64, c.online as f64)).collect();
    let offline: Vec<(f64, f64)> = history.iter().enumerate().map(|(i, c)| (i as f64, c.offline_useful as f64)).collect();
    draw_curve(&mut chart, &online, y, &ONLINE, 2.0, ctx)?;
    draw_curve(&mut chart, &offline, y, &OFFLINE, 2.0, ctx)
}
