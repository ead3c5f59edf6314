//! The home page's CART figure: Gini and entropy against the class proportion p (upper panel) and
//! their derivatives (lower panel), with the pointer.

use super::clip::clip_to_y;
use super::panel::{draw_axes_and_title, draw_zero_lines, map_of, panel, split, AxesStyle, DrawResult};
use super::{AxisMap, Layout, Palette};
use crate::figures::impurity::{ImpurityCurve, ImpurityId, ImpurityReading, AXES};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::RGBColor;

/// Texts of the base layer.
#[derive(Debug, Clone, PartialEq)]
pub struct ImpurityLabels {
    pub value_panel: String,
    pub derivative_panel: String,
    pub x_axis: String,
}

/// A curve's colour (Okabe–Ito blue and vermilion).
pub fn color(id: ImpurityId) -> RGBColor {
    match id {
        ImpurityId::Gini => RGBColor(0x00, 0x72, 0xb2),
        ImpurityId::Entropy => RGBColor(0xd5, 0x5e, 0x00),
    }
}

/// Share of the height given to the value panel.
const VALUE_PANEL_PERCENT: u32 = 55;

/// The base layer; returns the p axis for pointer mapping.
pub fn draw_impurity_base<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    labels: &ImpurityLabels,
    layout: &Layout,
    palette: &Palette,
) -> DrawResult<AxisMap, DB> {
    let (upper, lower) = split(root, VALUE_PANEL_PERCENT);
    let mut p_map = AxisMap { pixels: (0, 1), data: AXES.p };
    for (area, y, title, bottom) in [
        (&upper, AXES.value, &labels.value_panel, false),
        (&lower, AXES.derivative, &labels.derivative_panel, true),
    ] {
        let mut chart = panel(area, layout, AXES.p, y, bottom)?;
        let style = AxesStyle {
            x_ticks: 6,
            y_ticks: 5,
            tick_size: 11.0,
            title_size: 12.0,
            x_desc: bottom.then_some(labels.x_axis.as_str()),
        };
        draw_axes_and_title(&mut chart, &style, title, layout, palette)?;
        if bottom {
            draw_zero_lines(&mut chart, AXES.p, y, false, layout, palette)?;
        }
        p_map = map_of(&chart, AXES.p, y).0;
    }
    Ok(p_map)
}

/// The overlay: both curves in both panels, the pointer's guide and dots.
pub fn draw_impurity_overlay<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    curves: &[ImpurityCurve],
    pointer: Option<(f64, &[ImpurityReading])>,
    layout: &Layout,
    palette: &Palette,
) -> DrawResult<(), DB> {
    let (upper, lower) = split(root, VALUE_PANEL_PERCENT);
    for (area, y, is_value) in [(&upper, AXES.value, true), (&lower, AXES.derivative, false)] {
        let mut chart = panel(area, layout, AXES.p, y, !is_value)?;
        for curve in curves {
            let points = if is_value { &curve.value } else { &curve.derivative };
            let style = color(curve.id).stroke_width(layout.px(2.5));
            chart.draw_series(clip_to_y(points, y.0, y.1).into_iter().map(|run| PathElement::new(run, style)))?;
        }
        if let Some((p, readings)) = pointer.filter(|(p, _)| (AXES.p.0..=AXES.p.1).contains(p)) {
            let guide = palette.pointer.mix(0.6).stroke_width(layout.px(1.0));
            chart.draw_series([PathElement::new(vec![(p, y.0), (p, y.1)], guide)])?;
            let dots = readings.iter().filter_map(|reading| {
                let v = if is_value { reading.value } else { reading.derivative };
                (y.0..=y.1).contains(&v).then(|| Circle::new((p, v), layout.px(4.0), color(reading.id).filled()))
            });
            chart.draw_series(dots)?;
        }
    }
    Ok(())
}
