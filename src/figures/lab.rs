//! The fit-a-line lab: the MSE, MAE and Huber(δ) lines through the user's points, each point's
//! influence on each fit, and the residual summaries — all from `src/loss/fit`.

use crate::loss::fit::{fit_huber, fit_mae, fit_mse, influence, residual_stats, FitError, Line, ResidualStats};
use crate::state::LabParams;

/// The three fits, in the order the lab shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FitId {
    Mse,
    Mae,
    Huber,
}

impl FitId {
    pub const ALL: [FitId; 3] = [FitId::Mse, FitId::Mae, FitId::Huber];

    /// The short name used in `data-testid`s (`fit-mse-slope`, …).
    pub fn key(self) -> &'static str {
        match self {
            FitId::Mse => "mse",
            FitId::Mae => "mae",
            FitId::Huber => "huber",
        }
    }

    /// The curve whose colour and name the fit shares.
    pub fn curve(self) -> crate::state::CurveId {
        match self {
            FitId::Mse => crate::state::CurveId::Mse,
            FitId::Mae => crate::state::CurveId::Mae,
            FitId::Huber => crate::state::CurveId::Huber,
        }
    }
}

/// Why no line can be drawn (shown as a message instead of the lines).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoFit {
    /// Fewer than two points.
    TooFewPoints,
    /// Every point has the same x.
    AllOnOneVertical,
    /// The numbers are out of f64's reach (cannot happen with clamped points; kept for safety).
    NonFinite,
}

impl From<FitError> for NoFit {
    fn from(error: FitError) -> NoFit {
        match error {
            FitError::TooFewPoints { .. } => NoFit::TooFewPoints,
            FitError::AllOnOneVertical { .. } => NoFit::AllOnOneVertical,
            FitError::NonFinite | FitError::InvalidDelta { .. } => NoFit::NonFinite,
        }
    }
}

/// One fitted line with the summary of its own residuals.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fit {
    pub id: FitId,
    pub line: Line,
    /// ME, MSE, RMSE, MAE (and mean Huber) of this line's residuals r_i = line(x_i) − y_i.
    pub stats: ResidualStats,
}

/// One point's bars: its share of each loss and its share of each fit's total pull, in
/// [`FitId::ALL`] order.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bars {
    /// Index of the point in [`LabParams::points`].
    pub point: usize,
    /// ℓ(r_i) / Σ_j ℓ(r_j) at that loss's own line, in [0, 1].
    pub share: [f64; 3],
    /// ψ(r_i) / Σ_j |ψ(r_j)| at that loss's own line, in [−1, 1] (0 when nothing pulls): the point's
    /// signed part of the push on the line. ψ = 2r (MSE), sign r (MAE), clamp(r, −δ, δ) (Huber).
    pub pull: [f64; 3],
    /// The raw pulls ψ(r_i), for the readout.
    pub raw_pull: [f64; 3],
}

/// Everything the lab shows for one set of parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct LabFigure {
    pub points: Vec<(f64, f64)>,
    pub delta: f64,
    /// The three fits, or why there is no line.
    pub fits: Result<[Fit; 3], NoFit>,
    /// One entry per point, ordered by x (ties by index), so the bars read left to right like the canvas.
    pub bars: Vec<Bars>,
    /// Residuals r_i = line(x_i) − y_i of the MSE line, per point (empty without a fit).
    pub mse_residuals: Vec<f64>,
}

impl LabFigure {
    /// The fit with this id, if there are fits.
    pub fn fit(&self, id: FitId) -> Option<&Fit> {
        self.fits.as_ref().ok().and_then(|fits| fits.iter().find(|f| f.id == id))
    }

    /// Point `index`'s residual r = line(x) − y under fit `id`, if both exist.
    pub fn residual(&self, id: FitId, index: usize) -> Option<f64> {
        let &(x, y) = self.points.get(index)?;
        Some(self.fit(id)?.line.at(x) - y)
    }

    /// Point `index`'s bars, if there are fits.
    pub fn bars_of(&self, index: usize) -> Option<Bars> {
        self.bars.iter().find(|b| b.point == index).copied()
    }
}

/// Fits the three lines and measures each point's influence.
pub fn build(params: &LabParams) -> LabFigure {
    let points = params.points.clone();
    let delta = params.delta;
    let fits = fit_all(&points, delta);
    let (bars, mse_residuals) = match &fits {
        Ok(fits) => (bars_of(&points, delta).unwrap_or_default(), residuals(&points, &fits[0].line)),
        Err(_) => (Vec::new(), Vec::new()),
    };
    LabFigure { points, delta, fits, bars, mse_residuals }
}

fn fit_all(points: &[(f64, f64)], delta: f64) -> Result<[Fit; 3], NoFit> {
    let lines = [fit_mse(points)?, fit_mae(points)?, fit_huber(points, delta)?];
    let fit = |i: usize| -> Result<Fit, NoFit> {
        let mut stats = residual_stats(points, &lines[i], delta)?;
        stats.me = snap_cancelled(stats.me, stats.mae);
        Ok(Fit { id: FitId::ALL[i], line: lines[i], stats })
    };
    Ok([fit(0)?, fit(1)?, fit(2)?])
}

/// A mean residual that is rounding noise next to the mean absolute residual (|ME| ≤ 1e−12·MAE:
/// the residuals cancel exactly, as they do for the MSE line) is shown as 0, not as 1e−16.
pub fn snap_cancelled(me: f64, mae: f64) -> f64 {
    if me.abs() <= 1e-12 * mae {
        0.0
    } else {
        me
    }
}

fn residuals(points: &[(f64, f64)], line: &Line) -> Vec<f64> {
    points.iter().map(|&(x, y)| line.at(x) - y).collect()
}

fn bars_of(points: &[(f64, f64)], delta: f64) -> Result<Vec<Bars>, FitError> {
    let influence = influence(points, delta)?;
    let pulls: Vec<[f64; 3]> = influence.iter().map(|i| [i.pull_mse, i.pull_mae, i.pull_huber]).collect();
    let mut totals = [0.0_f64; 3];
    for pull in &pulls {
        for k in 0..3 {
            totals[k] += pull[k].abs();
        }
    }
    let mut order: Vec<usize> = (0..points.len()).collect();
    order.sort_by(|&a, &b| points[a].0.total_cmp(&points[b].0).then(a.cmp(&b)));
    Ok(order
        .into_iter()
        .map(|i| {
            let inf = &influence[i];
            let mut pull = [0.0; 3];
            for k in 0..3 {
                pull[k] = if totals[k] > 0.0 && totals[k].is_finite() { pulls[i][k] / totals[k] } else { 0.0 };
            }
            Bars { point: i, share: [inf.share_mse, inf.share_mae, inf.share_huber], pull, raw_pull: pulls[i] }
        })
        .collect())
}

/// The point under a pointer: the nearest point whose centre is within `radius` of `at` (all in the
/// same pixel units), or `None`. Compares squared distances (no square root needed).
pub fn hit(points_px: &[(f64, f64)], at: (f64, f64), radius: f64) -> Option<usize> {
    let limit = radius * radius;
    points_px
        .iter()
        .enumerate()
        .map(|(i, &(x, y))| (i, (x - at.0) * (x - at.0) + (y - at.1) * (y - at.1)))
        .filter(|(_, d2)| d2.is_finite() && *d2 <= limit)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

/// The y range of the residual panel: fixed, so the cached base layer survives every drag
/// (residuals beyond it are cut at the border).
pub const RESIDUAL_RANGE: (f64, f64) = (-6.0, 6.0);

/// The point selected after stepping `direction` (+1 next, −1 previous) from `current` among `count`
/// points, wrapping around; with nothing selected, the first (or last) point. `None` without points.
pub fn next_index(current: Option<usize>, direction: isize, count: usize) -> Option<usize> {
    if count == 0 {
        return None;
    }
    let count = count as isize;
    let next = match current {
        Some(index) => (index as isize + direction).rem_euclid(count),
        None if direction < 0 => count - 1,
        None => 0,
    };
    Some(next as usize)
}
