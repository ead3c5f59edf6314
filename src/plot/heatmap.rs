//! A heatmap: a grid of coloured cells over a panel, given as an RGBA pixel buffer (one pixel a cell,
//! row 0 at the top). On a canvas it is one image, put once per frame; elsewhere (SVG export, native
//! tests) one rectangle per cell.

use super::panel::{Chart, DrawResult};
use plotters::prelude::*;

/// The most cells a side a heat map is drawn with off the canvas (SVG export, native tests).
pub const MAX_VECTOR_CELLS: usize = 100;

/// A colour ramp for values in [0, 1] (dark violet → blue → green → yellow, after viridis): readable
/// in grey and by colour-blind readers, the same in every theme.
pub fn ramp(v: f64) -> [u8; 3] {
    const STOPS: [[f64; 3]; 5] = [[68.0, 1.0, 84.0], [59.0, 82.0, 139.0], [33.0, 145.0, 140.0], [94.0, 201.0, 98.0], [253.0, 231.0, 37.0]];
    let v = if v.is_nan() { 0.0 } else { v.clamp(0.0, 1.0) } * (STOPS.len() - 1) as f64;
    let i = (v as usize).min(STOPS.len() - 2);
    let f = v - i as f64;
    let mix = |k: usize| (STOPS[i][k] + (STOPS[i + 1][k] - STOPS[i][k]) * f).round() as u8;
    [mix(0), mix(1), mix(2)]
}

/// Draws `rgba` (`size` cells, row-major, 4 bytes a cell) over the whole data range `x` × `y` of
/// `chart`; cell (0, 0) is at the top left.
pub fn draw_heatmap<DB: DrawingBackend>(chart: &mut Chart<'_, DB>, rgba: &[u8], size: (u32, u32), x: (f64, f64), y: (f64, f64)) -> DrawResult<(), DB> {
    let (w, h) = (size.0 as usize, size.1 as usize);
    if w == 0 || h == 0 || rgba.len() < w * h * 4 {
        return Ok(());
    }
    #[cfg(target_arch = "wasm32")]
    if super::canvas::on_canvas() {
        let (left, top) = chart.as_coord_spec().translate(&(x.0, y.1));
        let (right, bottom) = chart.as_coord_spec().translate(&(x.1, y.0));
        let to = (f64::from(left), f64::from(top), f64::from(right - left), f64::from(bottom - top));
        if super::canvas::put_pixels(&rgba[..w * h * 4], size, to) {
            return Ok(());
        }
    }
    // Elsewhere one rectangle per cell, at most [`MAX_VECTOR_CELLS`] a side (a 400 × 400 map is
    // sampled every 4th cell: an SVG of 10,000 rectangles, not 160,000).
    let every = w.max(h).div_ceil(MAX_VECTOR_CELLS);
    let (cols, rows) = (w.div_ceil(every), h.div_ceil(every));
    let (cw, ch) = ((x.1 - x.0) / w as f64, (y.1 - y.0) / h as f64);
    let cells = (0..cols * rows).map(|i| {
        let (col, row) = ((i % cols) * every, (i / cols) * every);
        let at = (row * w + col) * 4;
        let px = &rgba[at..at + 4];
        let color = RGBAColor(px[0], px[1], px[2], f64::from(px[3]) / 255.0);
        let left = x.0 + col as f64 * cw;
        let top = y.1 - row as f64 * ch;
        let (right, bottom) = (x.0 + ((col + every).min(w)) as f64 * cw, y.1 - ((row + every).min(h)) as f64 * ch);
        Rectangle::new([(left, top), (right, bottom)], color.filled())
    });
    chart.draw_series(cells)?;
    Ok(())
}
