//! CART node impurities — Gini and entropy — and the information gain of a split, for the home page's
//! live figure of impurity against class proportion.
//!
//! For class proportions p_k (a probability distribution):
//! - Gini impurity G(p) = 1 − Σ p_k² (the chance that two draws with replacement disagree);
//! - entropy H(p) = −Σ p_k log₂ p_k in bits, with 0·log 0 = 0.
//!
//! Two classes with proportion p: G = 2p(1 − p), dG/dp = 2 − 4p; H = −p log₂ p − (1 − p) log₂(1 − p),
//! dH/dp = log₂((1 − p)/p), which is +∞ at p = 0 and −∞ at p = 1 (returned as such; the plot clamps).
//!
//! Information gain of a split: IG = I(parent) − Σ_c (n_c / n) I(child c), with I = G or H and
//! n_c, n the numbers of samples.

use super::LossError;

/// Tolerance on Σ p_k = 1 (as in `MATHS.md` §6).
pub const SUM_TOLERANCE: f64 = 1e-9;

/// Which impurity an information gain uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Impurity {
    /// Gini impurity 1 − Σ p_k².
    Gini,
    /// Entropy −Σ p_k log₂ p_k, in bits.
    Entropy,
}

/// Checks that `p` is a probability distribution: non-empty, finite, ≥ 0, Σ p = 1 within 1e−9.
fn check_distribution(p: &[f64]) -> Result<(), LossError> {
    const NAME: &str = "class proportions";
    if p.is_empty() {
        return Err(LossError::Empty { name: NAME });
    }
    let mut sum = 0.0;
    for (index, &value) in p.iter().enumerate() {
        if !value.is_finite() {
            return Err(LossError::InvalidValue { name: NAME, index, value, requirement: "must be a finite number" });
        }
        if value < 0.0 {
            return Err(LossError::InvalidValue { name: NAME, index, value, requirement: "must be a probability, at least 0" });
        }
        sum += value;
    }
    if (sum - 1.0).abs() > SUM_TOLERANCE {
        return Err(LossError::NotADistribution { name: NAME, sum });
    }
    Ok(())
}

/// Gini impurity G(p) = 1 − Σ p_k², in [0, 1 − 1/K].
///
/// Evaluated as Σ p_k(1 − p_k) (equal for a distribution, and accurate near a pure node).
/// Errors: `p` empty, non-finite, negative or not summing to 1 within 1e−9.
pub fn gini(p: &[f64]) -> Result<f64, LossError> {
    check_distribution(p)?;
    Ok(gini_unchecked(p.iter().copied()))
}

fn gini_unchecked(p: impl Iterator<Item = f64>) -> f64 {
    p.map(|pk| pk * (1.0 - pk)).sum::<f64>().max(0.0)
}

/// Entropy H(p) = −Σ p_k log₂ p_k in bits, with 0·log 0 = 0; in [0, log₂ K].
///
/// Errors: `p` empty, non-finite, negative or not summing to 1 within 1e−9.
pub fn entropy_bits(p: &[f64]) -> Result<f64, LossError> {
    check_distribution(p)?;
    Ok(entropy_unchecked(p.iter().copied()))
}

fn entropy_unchecked(p: impl Iterator<Item = f64>) -> f64 {
    p.map(|pk| if pk > 0.0 { -pk * pk.log2() } else { 0.0 })
        .sum::<f64>()
        .max(0.0)
}

/// Two-class Gini impurity against the proportion p of one class: G(p) = 2p(1 − p).
/// Defined on [0, 1]; NaN outside it (not a proportion) or for NaN.
pub fn gini_binary(p: f64) -> f64 {
    if !(0.0..=1.0).contains(&p) {
        return f64::NAN;
    }
    2.0 * p * (1.0 - p)
}

/// dG/dp = 2 − 4p for G(p) = 2p(1 − p). Defined on [0, 1]; NaN outside it.
pub fn gini_binary_derivative(p: f64) -> f64 {
    if !(0.0..=1.0).contains(&p) {
        return f64::NAN;
    }
    2.0 - 4.0 * p
}

/// Two-class entropy in bits: H(p) = −p log₂ p − (1 − p) log₂(1 − p), with H(0) = H(1) = 0.
/// (1 − p) log₂(1 − p) is formed with ln_1p(−p), accurate for small p. Defined on [0, 1]; NaN outside it.
pub fn entropy_binary_bits(p: f64) -> f64 {
    if !(0.0..=1.0).contains(&p) {
        return f64::NAN;
    }
    let a = if p > 0.0 { -p * p.log2() } else { 0.0 };
    let q = 1.0 - p;
    let b = if q > 0.0 {
        -q * (-p).ln_1p() / std::f64::consts::LN_2
    } else {
        0.0
    };
    (a + b).max(0.0)
}

/// dH/dp = log₂((1 − p)/p) for the two-class entropy, formed as (ln_1p(−p) − ln p)/ln 2.
/// **Infinite at the ends, on purpose:** +∞ at p = 0 and −∞ at p = 1 (the exact one-sided limits;
/// the figure clamps its axis). 0 at p = ½. Defined on [0, 1]; NaN outside it.
pub fn entropy_binary_bits_derivative(p: f64) -> f64 {
    if !(0.0..=1.0).contains(&p) {
        return f64::NAN;
    }
    if p == 0.0 {
        return f64::INFINITY;
    }
    if p == 1.0 {
        return f64::NEG_INFINITY;
    }
    ((-p).ln_1p() - p.ln()) / std::f64::consts::LN_2
}

/// Impurity of a node given its class counts (total > 0).
fn impurity_of_counts(counts: &[u64], total: u128, measure: Impurity) -> f64 {
    let t = total as f64;
    let props = counts.iter().map(move |&c| c as f64 / t);
    match measure {
        Impurity::Gini => gini_unchecked(props),
        Impurity::Entropy => entropy_unchecked(props),
    }
}

/// Information gain of splitting a node: IG = I(parent) − Σ_c (n_c / n) I(child c), where I is the Gini
/// impurity or the entropy in bits (`measure`) of the class proportions, n_c the size of child c and n
/// that of the parent. Empty children (n_c = 0) have weight 0. IG ≥ 0 (concavity of I; rounding noise
/// below 0 is returned as 0).
///
/// `parent_counts[k]` is the parent's number of samples of class k; `children_counts[c][k]` child c's.
/// Errors: no classes, an empty parent, no children, a child with a different number of classes, or
/// children whose counts of some class do not add up to the parent's (a split partitions the samples).
pub fn information_gain(
    parent_counts: &[u64],
    children_counts: &[&[u64]],
    measure: Impurity,
) -> Result<f64, LossError> {
    if parent_counts.is_empty() {
        return Err(LossError::Empty { name: "parent class counts" });
    }
    let n: u128 = parent_counts.iter().map(|&c| u128::from(c)).sum();
    if n == 0 {
        return Err(LossError::Undefined { what: "the impurity of a node with no samples" });
    }
    if children_counts.is_empty() {
        return Err(LossError::Empty { name: "children" });
    }
    let k = parent_counts.len();
    for counts in children_counts {
        if counts.len() != k {
            return Err(LossError::LengthMismatch {
                left_name: "a child's class counts",
                left: counts.len(),
                right_name: "the parent's class counts",
                right: k,
            });
        }
    }
    for (class, &parent) in parent_counts.iter().enumerate() {
        let children: u128 = children_counts
            .iter()
            .map(|c| c.get(class).map_or(0, |&v| u128::from(v)))
            .sum();
        if children != u128::from(parent) {
            return Err(LossError::InvalidValue {
                name: "children's class counts",
                index: class,
                value: children as f64,
                requirement: "must add up to the parent's count of that class (a split partitions the parent's samples)",
            });
        }
    }
    let parent_impurity = impurity_of_counts(parent_counts, n, measure);
    let nf = n as f64;
    let mut weighted = 0.0;
    for counts in children_counts {
        let nc: u128 = counts.iter().map(|&c| u128::from(c)).sum();
        if nc > 0 {
            weighted += (nc as f64 / nf) * impurity_of_counts(counts, nc, measure);
        }
    }
    // Mathematically ≥ 0 (I is concave); clamp rounding noise so a no-op split shows 0, not −1e−17.
    Ok((parent_impurity - weighted).max(0.0))
}
