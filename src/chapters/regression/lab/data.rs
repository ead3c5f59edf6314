//! What the lab shows, computed from its parameters with `crate::loss::fit`: the MSE, MAE and
//! Huber(δ) lines (fitted once per change, and reused for every point's influence), the residual
//! summaries, and each point's share of each loss and pull on each line.

use super::params::LabParams;
use crate::chapters::regression::curves::CurveId;
use crate::loss::fit::{fit_all, influence_of, residual_stats, Fits, Line, ResidualStats};
use crate::loss::LossError;

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

    /// The curve whose name, colour and line style the fit shares.
    pub fn curve(self) -> CurveId {
        match self {
            FitId::Mse => CurveId::Mse,
            FitId::Mae => CurveId::Mae,
            FitId::Huber => CurveId::Huber,
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

impl From<LossError> for NoFit {
    fn from(error: LossError) -> NoFit {
        match error {
            LossError::TooFewPoints { .. } => NoFit::TooFewPoints,
            LossError::AllOnOneVertical { .. } => NoFit::AllOnOneVertical,
            _ => NoFit::NonFinite,
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
pub struct LabData {
    pub points: Vec<(f64, f64)>,
    pub delta: f64,
    /// The three fits, or why there is no line.
    pub fits: Result<[Fit; 3], NoFit>,
    /// One entry per point, ordered by x (ties by index), so the bars read left to right like the canvas.
    pub bars: Vec<Bars>,
    /// Residuals r_i = line(x_i) − y_i of the MSE line, per point (empty without a fit).
    pub mse_residuals: Vec<f64>,
}

impl LabData {
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

/// Fits the three lines once and measures each point's influence on them.
pub fn build(params: &LabParams) -> LabData {
    let points = params.points.clone();
    let delta = params.delta;
    let fitted = fit_all(&points, delta).map_err(NoFit::from);
    let fits = fitted.and_then(|lines| with_stats(&points, &lines, delta));
    let (bars, mse_residuals) = match (&fits, fitted) {
        (Ok(fits), Ok(lines)) => (bars_of(&points, &lines, delta).unwrap_or_default(), residuals(&points, &fits[0].line)),
        _ => (Vec::new(), Vec::new()),
    };
    LabData { points, delta, fits, bars, mse_residuals }
}

fn with_stats(points: &[(f64, f64)], lines: &Fits, delta: f64) -> Result<[Fit; 3], NoFit> {
    let fit = |id: FitId, line: Line| -> Result<Fit, NoFit> {
        let mut stats = residual_stats(points, &line, delta)?;
        stats.me = snap_cancelled(stats.me, stats.mae);
        Ok(Fit { id, line, stats })
    };
    Ok([fit(FitId::Mse, lines.mse)?, fit(FitId::Mae, lines.mae)?, fit(FitId::Huber, lines.huber)?])
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

fn bars_of(points: &[(f64, f64)], lines: &Fits, delta: f64) -> Result<Vec<Bars>, LossError> {
    let influence = influence_of(points, lines, delta)?;
    let pulls: Vec<[f64; 3]> = influence.iter().map(|i| [i.pull_mse, i.pull_mae, i.pull_huber]).collect();
    let mut totals = [0.0_f64; 3];
    for pull in &pulls {
        for k in 0..3 {
            totals[k] += pull[k].abs();
        }
    }
    let xs: Vec<f64> = points.iter().map(|p| p.0).collect();
    let order = crate::loss::num::argsort(&xs);
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

/// The y range of the residual panel: fixed, so the cached base layer survives every drag
/// (residuals beyond it are cut at the border).
pub const RESIDUAL_RANGE: (f64, f64) = (-6.0, 6.0);
