//! The triplet margin loss of one triplet and the triplet categories (MATHS.md §8).
//!
//! z = margin + d_ap − d_an, L = max(0, z), d Euclidean without epsilon. With u_ap = (a−p)/d_ap,
//! u_an = (a−n)/d_an (0 at d = 0) and s = 𝟙(z > 0) (strict: z = 0 is inactive, the flat side):
//! ∂L/∂a = s(u_ap − u_an), ∂L/∂p = −s·u_ap, ∂L/∂n = s·u_an.
//!
//! Difference from PyTorch: `TripletMarginLoss` adds 1e−6 to every coordinate of a−p inside the norm
//! (`PairwiseDistance(eps=1e-6)`); we do not. Categories follow pytorch-metric-learning's
//! `TripletMarginMiner` exactly, ties included.

use super::distance::{dist_unchecked, unit_diff};
use crate::loss::num::{check_nonempty, check_param, check_same_len, check_finite};
use crate::loss::LossError;

/// The easy / semi-hard / hard category of a triplet, with t = d_an − d_ap:
/// easy t > margin; semi-hard 0 < t ≤ margin; hard t ≤ 0. So d_an = d_ap + margin is semi-hard
/// (with loss 0) and d_an = d_ap is hard. pytorch-metric-learning's "all" is hard ∪ semi-hard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    Easy,
    SemiHard,
    Hard,
}

impl Category {
    /// The category of a triplet with distances d_ap, d_an under `margin`.
    pub fn of(d_ap: f64, d_an: f64, margin: f64) -> Category {
        let t = d_an - d_ap;
        if t > margin {
            Category::Easy
        } else if t > 0.0 {
            Category::SemiHard
        } else {
            Category::Hard
        }
    }

    /// Whether pytorch-metric-learning's `type_of_triplets="all"` keeps it (t ≤ margin).
    pub fn is_mined_by_all(&self) -> bool {
        !matches!(self, Category::Easy)
    }

    /// FaceNet's own semi-hard test (Schroff et al. 2015, eq. 4), for the comparison note: squared
    /// distances and strict bounds, d_ap² < d_an² < d_ap² + α. Unlike [`Category::of`], a negative at
    /// exactly d_an² = d_ap² + α is *not* semi-hard here, and the margin α is on squared distances.
    pub fn is_facenet_semi_hard(d_ap: f64, d_an: f64, alpha: f64) -> bool {
        let (ap, an) = (d_ap * d_ap, d_an * d_an);
        ap < an && an < ap + alpha
    }

    /// English name.
    pub fn name(&self) -> &'static str {
        match self {
            Category::Easy => "easy",
            Category::SemiHard => "semi-hard",
            Category::Hard => "hard",
        }
    }
}

/// The gradient of a triplet loss with respect to its three points.
#[derive(Debug, Clone, PartialEq)]
pub struct TripletGrad {
    pub anchor: Vec<f64>,
    pub positive: Vec<f64>,
    pub negative: Vec<f64>,
}

/// The triplet margin loss with a validated margin (`torch.nn.TripletMarginLoss(margin, p=2)` minus its eps).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TripletMargin {
    margin: f64,
}

impl TripletMargin {
    /// The margin must be finite and ≥ 0 (PyTorch's default is 1, pytorch-metric-learning's 0.05).
    pub fn new(margin: f64) -> Result<Self, LossError> {
        check_param("margin", margin, margin.is_finite() && margin >= 0.0, "must be finite and at least 0")?;
        Ok(TripletMargin { margin })
    }

    /// The margin.
    pub fn margin(&self) -> f64 {
        self.margin
    }

    /// L = max(0, margin + d_ap − d_an) as a function of the two distances.
    pub fn element(&self, d_ap: f64, d_an: f64) -> f64 {
        (self.margin + d_ap - d_an).max(0.0)
    }

    /// (∂L/∂d_ap, ∂L/∂d_an) = (s, −s), s = 𝟙(z > 0) (0 at z = 0).
    pub fn element_derivative(&self, d_ap: f64, d_an: f64) -> (f64, f64) {
        if self.margin + d_ap - d_an > 0.0 {
            (1.0, -1.0)
        } else {
            (0.0, 0.0)
        }
    }

    /// The category of a triplet under this margin.
    pub fn category(&self, d_ap: f64, d_an: f64) -> Category {
        Category::of(d_ap, d_an, self.margin)
    }

    fn check(a: &[f64], p: &[f64], n: &[f64]) -> Result<(), LossError> {
        check_nonempty("anchor", a.len())?;
        check_same_len("anchor", a.len(), "positive", p.len())?;
        check_same_len("anchor", a.len(), "negative", n.len())?;
        check_finite("anchor", a)?;
        check_finite("positive", p)?;
        check_finite("negative", n)
    }

    /// The loss of one triplet of points.
    pub fn value(&self, a: &[f64], p: &[f64], n: &[f64]) -> Result<f64, LossError> {
        TripletMargin::check(a, p, n)?;
        Ok(self.element(dist_unchecked(a, p), dist_unchecked(a, n)))
    }

    /// The gradient with respect to the anchor, positive and negative.
    pub fn grad(&self, a: &[f64], p: &[f64], n: &[f64]) -> Result<TripletGrad, LossError> {
        Ok(self.value_and_grad(a, p, n)?.1)
    }

    /// Value and gradient together.
    pub fn value_and_grad(&self, a: &[f64], p: &[f64], n: &[f64]) -> Result<(f64, TripletGrad), LossError> {
        TripletMargin::check(a, p, n)?;
        let d_ap = dist_unchecked(a, p);
        let d_an = dist_unchecked(a, n);
        let v = self.element(d_ap, d_an);
        let dim = a.len();
        if v == 0.0 && self.margin + d_ap - d_an <= 0.0 {
            let z = vec![0.0; dim];
            return Ok((v, TripletGrad { anchor: z.clone(), positive: z.clone(), negative: z }));
        }
        let u_ap = unit_diff(a, p, d_ap);
        let u_an = unit_diff(a, n, d_an);
        let anchor = u_ap.iter().zip(&u_an).map(|(x, y)| x - y).collect();
        let positive = u_ap.iter().map(|x| -x).collect();
        Ok((v, TripletGrad { anchor, positive, negative: u_an }))
    }
}
