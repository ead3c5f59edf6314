//! The pieces every figure's panels share: the layout of one panel (identical for the base layer and
//! the overlay, so both agree to the pixel), the vertical split, the styled axes and title, and the
//! pixel ↔ data maps.

use super::{AxisMap, Ctx};
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;

/// A chart over f64 × f64.
pub type Chart<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;
/// What every draw function returns.
pub type DrawResult<T, DB> = Result<T, DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// Lays out one panel over `x` × `y`; only the bottom panel has room for an x-axis description.
pub fn panel<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    ctx: &Ctx,
    x: (f64, f64),
    y: (f64, f64),
    with_x_labels: bool,
) -> DrawResult<Chart<'a, DB>, DB> {
    // Label areas grow with the theme's type size, so large projector labels still fit.
    let type_scale = ctx.theme.font_factor();
    let mut builder = ChartBuilder::on(area);
    builder
        .margin_top(ctx.px(8.0))
        .margin_right(ctx.px(12.0))
        .margin_left(ctx.px(4.0))
        .y_label_area_size(ctx.px(44.0 * type_scale))
        .x_label_area_size(if with_x_labels { ctx.px(40.0 * type_scale) } else { ctx.px(22.0 * type_scale) });
    builder.build_cartesian_2d(x.0..x.1, y.0..y.1)
}

/// Splits the drawing into an upper panel of `upper_percent` % of the height and a lower one.
pub fn split<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    upper_percent: u32,
) -> (DrawingArea<DB, Shift>, DrawingArea<DB, Shift>) {
    let height = root.dim_in_pixel().1;
    root.split_vertically(height * upper_percent / 100)
}

/// The pixel ↔ data maps of a laid-out panel.
pub fn map_of<DB: DrawingBackend>(chart: &Chart<'_, DB>, x: (f64, f64), y: (f64, f64)) -> (AxisMap, AxisMap) {
    let (x_px, y_px) = chart.plotting_area().get_pixel_range();
    (
        AxisMap { pixels: (x_px.start, x_px.end), data: x },
        // Pixel rows grow downwards: the top row is the largest value.
        AxisMap { pixels: (y_px.start, y_px.end), data: (y.1, y.0) },
    )
}

/// Tick labels: short, with a real minus sign.
pub fn tick(ctx: &Ctx, value: f64) -> String {
    ctx.number(value, 2)
}

/// How a panel's axes look: tick counts, font sizes (CSS px), and the x-axis description if any.
pub struct AxesStyle<'a> {
    pub x_ticks: usize,
    pub y_ticks: usize,
    pub tick_size: f64,
    pub title_size: f64,
    pub x_desc: Option<&'a str>,
}

/// Grid, axes, tick labels, the optional x description and the panel's title (top left inside it),
/// in the same style in every figure.
pub fn draw_axes_and_title<DB: DrawingBackend>(
    chart: &mut Chart<'_, DB>,
    style: &AxesStyle<'_>,
    title: &str,
    ctx: &Ctx,
) -> DrawResult<(), DB> {
    let palette = ctx.palette();
    let tick_font = crate::plot::font(ctx.font(style.tick_size)).color(&palette.text);
    let title_size = ctx.font(style.title_size);
    let title_font = crate::plot::font(title_size).color(&palette.text);
    let area = chart.plotting_area().strip_coord_spec();
    let width = |text: &str| area.estimate_text_size(text, &title_font).map_or(0.0, |(w, _)| f64::from(w));
    let format = |v: &f64| tick(ctx, *v);
    let mut mesh = chart.configure_mesh();
    mesh.x_labels(style.x_ticks)
        .y_labels(style.y_ticks)
        .label_style(tick_font)
        .axis_style(palette.axis.stroke_width(ctx.line(1.0)))
        .bold_line_style(palette.grid.stroke_width(ctx.line(1.0)))
        .light_line_style(TRANSPARENT)
        .x_label_formatter(&format)
        .y_label_formatter(&format);
    if style.x_ticks == 0 {
        mesh.disable_x_mesh();
    }
    if let Some(desc) = style.x_desc {
        // Centred under the plot: made smaller where it would be wider (a phone).
        let room = f64::from(area.dim_in_pixel().0) - f64::from(ctx.px(4.0));
        // As for the title below: a text that fits at 1 em a character is not measured.
        let wide = if desc.chars().count() as f64 * title_size <= room { 0.0 } else { width(desc) };
        let size = if wide > room { title_size * room / wide } else { title_size };
        mesh.x_desc(desc).axis_desc_style(crate::plot::font(size).color(&palette.text));
    }
    mesh.draw()?;
    let room = f64::from(area.dim_in_pixel().0) - f64::from(ctx.px(12.0));
    let (x, mut y) = (ctx.px(6.0) as i32, ctx.px(4.0) as i32);
    // No character is wider than 1 em: a title that fits by that count is not measured.
    let lines = if title.chars().count() as f64 * title_size <= room { vec![title] } else { wrap(title, room, width) };
    for line in lines {
        area.draw_text(line, &title_font, (x, y))?;
        y += ctx.px(style.title_size * 1.3) as i32;
    }
    Ok(())
}

/// `text` in lines no wider than `room` (as `width` measures them): broken after the last space
/// that fits, or, in text without one (Chinese), after the last character that fits. The longest
/// prefix that fits is found by bisection (a width grows with the prefix): a few measurements per
/// line, not one per character — the title of a base redrawn every frame is wrapped every frame.
pub fn wrap<'t>(text: &'t str, room: f64, width: impl Fn(&str) -> f64) -> Vec<&'t str> {
    let mut lines = Vec::new();
    let mut rest = text;
    while width(rest) > room {
        // The first `k` characters of the rest, as a byte length.
        let prefix = |k: usize| rest.char_indices().nth(k).map_or(rest.len(), |(i, _)| i);
        // Bisection over the number of characters: `fit` of them fit, `over` do not.
        let (mut fit, mut over) = (0, rest.char_indices().count());
        while over - fit > 1 {
            let mid = (fit + over) / 2;
            if width(&rest[..prefix(mid)]) <= room {
                fit = mid;
            } else {
                over = mid;
            }
        }
        let fits = prefix(fit);
        // The last space at or before that end.
        let space = rest.char_indices().take_while(|&(i, _)| i <= fits).filter(|&(i, c)| i > 0 && c == ' ').last();
        let end = space.map_or(fits, |(i, _)| i);
        if end == 0 {
            break;
        }
        lines.push(rest[..end].trim_end());
        rest = rest[end..].trim_start();
    }
    lines.push(rest);
    lines
}

#[cfg(test)]
mod tests {
    use super::wrap;

    /// Every character one unit wide.
    fn chars(text: &str) -> f64 {
        text.chars().count() as f64
    }

    #[test]
    fn a_title_that_fits_is_one_line() {
        assert_eq!(wrap("distance matrix", 20.0, chars), vec!["distance matrix"]);
    }

    #[test]
    fn a_long_title_breaks_after_the_last_space_that_fits() {
        assert_eq!(wrap("distance matrix D (row: anchor)", 18.0, chars), vec!["distance matrix D", "(row: anchor)"]);
    }

    #[test]
    fn text_without_spaces_breaks_after_the_last_character_that_fits() {
        assert_eq!(wrap("距离矩阵行是锚点", 3.0, chars), vec!["距离矩", "阵行是", "锚点"]);
    }

    #[test]
    fn chinese_with_a_space_breaks_at_the_space() {
        assert_eq!(wrap("距离矩阵 D（行：锚点）", 8.0, chars), vec!["距离矩阵", "D（行：锚点）"]);
    }

    #[test]
    fn no_room_keeps_the_text_whole_instead_of_looping() {
        assert_eq!(wrap("abc", 0.0, chars), vec!["abc"]);
    }
}

/// A line across the panel at y = 0 (and, with `vertical`, at x = 0), a little stronger than the grid.
pub fn draw_zero_lines<DB: DrawingBackend>(
    chart: &mut Chart<'_, DB>,
    x: (f64, f64),
    y: (f64, f64),
    vertical: bool,
    ctx: &Ctx,
) -> DrawResult<(), DB> {
    let zero = ctx.palette().axis.mix(0.55).stroke_width(ctx.line(1.0));
    super::shapes::horizontal(chart, 0.0, x, zero)?;
    if vertical {
        super::shapes::vertical(chart, 0.0, y, zero)?;
    }
    Ok(())
}
