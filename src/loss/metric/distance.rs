//! Embeddings, distances and similarities (MATHS.md §7–9).
//!
//! * Euclidean distance d(a, b) = ‖a − b‖₂, no epsilon, computed without overflow or underflow;
//!   ∂d/∂a = (a − b)/d, and 0 at d = 0 (the norm's kink takes the flat side).
//! * L2 normalisation x/‖x‖; the zero vector stays zero (PyTorch's `F.normalize` does the same via its
//!   1e−12 clamp).
//! * Cosine similarity a·b/(‖a‖‖b‖); 0 when either vector is zero (PyTorch clamps the norms at 1e−8,
//!   also giving 0).

use crate::loss::num::{check_finite, check_nonempty, check_same_len};
use crate::loss::LossError;

/// A batch of N embeddings of dimension `dim`, stored row-major. Always non-empty and finite.
#[derive(Debug, Clone, PartialEq)]
pub struct Embeddings {
    data: Vec<f64>,
    dim: usize,
}

impl Embeddings {
    /// From a flat row-major vector; `data.len()` must be a non-zero multiple of `dim > 0`, all finite.
    pub fn new(data: Vec<f64>, dim: usize) -> Result<Self, LossError> {
        if dim == 0 {
            return Err(LossError::InvalidParameter { name: "dimension", value: 0.0, requirement: "must be at least 1" });
        }
        check_nonempty("embeddings", data.len())?;
        if !data.len().is_multiple_of(dim) {
            return Err(LossError::RaggedRows { name: "embeddings", len: data.len(), width: dim });
        }
        check_finite("embeddings", &data)?;
        Ok(Embeddings { data, dim })
    }

    /// From rows of equal length.
    pub fn from_rows<R: AsRef<[f64]>>(rows: &[R]) -> Result<Self, LossError> {
        let dim = rows.first().map(|r| r.as_ref().len()).unwrap_or(0);
        let mut data = Vec::with_capacity(dim * rows.len());
        for r in rows {
            check_same_len("first embedding", dim, "another embedding", r.as_ref().len())?;
            data.extend_from_slice(r.as_ref());
        }
        Embeddings::new(data, dim)
    }

    /// Number of embeddings N.
    pub fn len(&self) -> usize {
        self.data.len() / self.dim
    }

    /// Never true (an `Embeddings` is non-empty), provided for completeness.
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    /// The dimension.
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// The flat row-major data.
    pub fn as_slice(&self) -> &[f64] {
        &self.data
    }

    /// Row i, if it exists.
    pub fn get(&self, i: usize) -> Option<&[f64]> {
        let start = i.checked_mul(self.dim)?;
        self.data.get(start..start.checked_add(self.dim)?)
    }

    /// Iterator over the rows.
    pub fn rows(&self) -> std::slice::ChunksExact<'_, f64> {
        self.data.chunks_exact(self.dim)
    }

    /// Every row divided by its norm (zero rows stay zero).
    pub fn normalized(&self) -> Embeddings {
        let mut data = self.data.clone();
        for row in data.chunks_exact_mut(self.dim) {
            let n = norm(row);
            if n > 0.0 {
                for v in row.iter_mut() {
                    *v /= n;
                }
            }
        }
        Embeddings { data, dim: self.dim }
    }

    /// `self` or its normalised copy.
    pub(crate) fn maybe_normalized(&self, normalize: bool) -> std::borrow::Cow<'_, Embeddings> {
        if normalize {
            std::borrow::Cow::Owned(self.normalized())
        } else {
            std::borrow::Cow::Borrowed(self)
        }
    }

    /// Checks that `labels` has one entry per embedding.
    pub(crate) fn check_labels(&self, labels: &[usize]) -> Result<(), LossError> {
        check_same_len("embeddings", self.len(), "labels", labels.len())
    }
}

/// ‖x‖₂ without overflow or underflow (a scaled second pass only when the plain sum of squares is
/// outside the safe range).
pub fn norm(x: &[f64]) -> f64 {
    let s: f64 = x.iter().map(|v| v * v).sum();
    if s.is_finite() && s > 1e-280 {
        return s.sqrt();
    }
    scaled_norm(x.iter().copied())
}

fn scaled_norm(x: impl Iterator<Item = f64> + Clone) -> f64 {
    let m = x.clone().fold(0.0f64, |a, v| a.max(v.abs()));
    if m == 0.0 || !m.is_finite() {
        return m;
    }
    // Only reached when the plain sum of squares overflowed (m > ~1e151) or underflowed
    // (m < ~1e−140): rescale by 2^∓600, which is exact, then undo.
    let (pre, post) = if m > 1.0 { (2f64.powi(-600), 2f64.powi(600)) } else { (2f64.powi(600), 2f64.powi(-600)) };
    let s: f64 = x.map(|v| (v * pre) * (v * pre)).sum();
    s.sqrt() * post
}

/// ‖a − b‖₂ of two equally long slices (no checks; see [`euclidean`]).
#[inline]
pub(crate) fn dist_unchecked(a: &[f64], b: &[f64]) -> f64 {
    let s: f64 = a.iter().zip(b).map(|(x, y)| (x - y) * (x - y)).sum();
    if s.is_finite() && s > 1e-280 {
        return s.sqrt();
    }
    scaled_norm(a.iter().zip(b).map(|(x, y)| x - y))
}

fn check_vectors(a: &[f64], b: &[f64]) -> Result<(), LossError> {
    crate::loss::num::check_pair("a", a, "b", b)
}

/// Euclidean distance ‖a − b‖₂ (no epsilon; exact for 1e±200 coordinates).
pub fn euclidean(a: &[f64], b: &[f64]) -> Result<f64, LossError> {
    check_vectors(a, b)?;
    Ok(dist_unchecked(a, b))
}

/// ∂‖a − b‖/∂a = (a − b)/‖a − b‖, the zero vector at a = b (flat side). ∂/∂b is its negative.
pub fn euclidean_grad(a: &[f64], b: &[f64]) -> Result<Vec<f64>, LossError> {
    let d = euclidean(a, b)?;
    Ok(unit_diff(a, b, d))
}

/// (a − b)/d, or zeros when d = 0.
pub(crate) fn unit_diff(a: &[f64], b: &[f64], d: f64) -> Vec<f64> {
    if d == 0.0 {
        return vec![0.0; a.len()];
    }
    a.iter().zip(b).map(|(x, y)| (x - y) / d).collect()
}

/// x/‖x‖₂; the zero vector stays zero.
pub fn l2_normalize(x: &[f64]) -> Result<Vec<f64>, LossError> {
    check_nonempty("x", x.len())?;
    check_finite("x", x)?;
    let n = norm(x);
    Ok(if n > 0.0 { x.iter().map(|v| v / n).collect() } else { vec![0.0; x.len()] })
}

/// Cosine similarity a·b/(‖a‖‖b‖) ∈ [−1, 1]; 0 if either vector is zero.
pub fn cosine_similarity(a: &[f64], b: &[f64]) -> Result<f64, LossError> {
    check_vectors(a, b)?;
    let (na, nb) = (norm(a), norm(b));
    if na == 0.0 || nb == 0.0 {
        return Ok(0.0);
    }
    let s: f64 = a.iter().zip(b).map(|(x, y)| (x / na) * (y / nb)).sum();
    Ok(s.clamp(-1.0, 1.0))
}

/// ∂cos/∂a = b/(‖a‖‖b‖) − cos·a/‖a‖²; zero if either vector is zero.
pub fn cosine_similarity_grad(a: &[f64], b: &[f64]) -> Result<Vec<f64>, LossError> {
    let c = cosine_similarity(a, b)?;
    let (na, nb) = (norm(a), norm(b));
    if na == 0.0 || nb == 0.0 {
        return Ok(vec![0.0; a.len()]);
    }
    Ok(a.iter().zip(b).map(|(x, y)| (y / nb - c * x / na) / na).collect())
}

/// A dense symmetric N×N matrix of pairwise values (distances or similarities).
#[derive(Debug, Clone, PartialEq)]
pub struct PairMatrix {
    n: usize,
    values: Vec<f64>,
}

impl PairMatrix {
    /// Euclidean distances between the rows (after L2 normalisation if `normalize`).
    pub fn euclidean(emb: &Embeddings, normalize: bool) -> PairMatrix {
        let x = emb.maybe_normalized(normalize);
        PairMatrix::euclidean_of(&x)
    }

    pub(crate) fn euclidean_of(x: &Embeddings) -> PairMatrix {
        // The diagonal stays 0: d(x, x) = 0 exactly.
        PairMatrix::symmetric_of(x, false, dist_unchecked)
    }

    /// The n × n matrix of `pair(row_i, row_j)` for a symmetric `pair`, computed once per unordered
    /// pair (and on the diagonal when `with_diagonal`; otherwise the diagonal is 0).
    fn symmetric_of(x: &Embeddings, with_diagonal: bool, pair: impl Fn(&[f64], &[f64]) -> f64) -> PairMatrix {
        let n = x.len();
        let dim = x.dim();
        let data = x.as_slice();
        let mut values = vec![0.0; n * n];
        for i in 0..n {
            let a = &data[i * dim..(i + 1) * dim];
            let first = if with_diagonal { i } else { i + 1 };
            for j in first..n {
                let b = &data[j * dim..(j + 1) * dim];
                let v = pair(a, b);
                values[i * n + j] = v;
                values[j * n + i] = v;
            }
        }
        PairMatrix { n, values }
    }

    /// Cosine similarities between the rows (the dot products of the normalised rows).
    pub fn cosine(emb: &Embeddings) -> PairMatrix {
        PairMatrix::dot_of(&emb.normalized())
    }

    pub(crate) fn dot_of(x: &Embeddings) -> PairMatrix {
        PairMatrix::symmetric_of(x, true, |a, b| a.iter().zip(b).map(|(x, y)| x * y).sum())
    }

    /// N.
    pub fn n(&self) -> usize {
        self.n
    }

    /// Entry (i, j), if both are below N.
    pub fn get(&self, i: usize, j: usize) -> Option<f64> {
        if i < self.n && j < self.n {
            self.values.get(i * self.n + j).copied()
        } else {
            None
        }
    }

    /// Row i.
    pub fn row(&self, i: usize) -> Option<&[f64]> {
        if i >= self.n {
            return None;
        }
        self.values.get(i * self.n..(i + 1) * self.n)
    }

    /// The flat row-major values.
    pub fn as_slice(&self) -> &[f64] {
        &self.values
    }
}

/// Given G = ∂L/∂D (N×N, row-major) for D the Euclidean distance matrix of the rows of `x`, returns
/// ∂L/∂x (flat like `x`): each (i, j) adds G_ij·u to x_i and −G_ij·u to x_j, u = (x_i − x_j)/D_ij
/// (0 when D_ij = 0).
pub(crate) fn backprop_distances(x: &Embeddings, d: &PairMatrix, g: &[f64]) -> Vec<f64> {
    let n = x.len();
    let dim = x.dim();
    let data = x.as_slice();
    let mut out = vec![0.0; data.len()];
    // D is symmetric: (i, j) and (j, i) move the same pair along the same u, so merge them.
    for i in 0..n {
        for j in (i + 1)..n {
            let gij = g[i * n + j] + g[j * n + i];
            let dij = d.values[i * n + j];
            if gij == 0.0 || dij == 0.0 {
                continue;
            }
            let w = gij / dij;
            let (head, tail) = out.split_at_mut(j * dim);
            let oi = &mut head[i * dim..(i + 1) * dim];
            let oj = &mut tail[..dim];
            let xi = &data[i * dim..(i + 1) * dim];
            let xj = &data[j * dim..(j + 1) * dim];
            for (((a, b), &p), &q) in oi.iter_mut().zip(oj.iter_mut()).zip(xi).zip(xj) {
                let step = w * (p - q);
                *a += step;
                *b -= step;
            }
        }
    }
    out
}

/// Given G = ∂L/∂S (N×N) for S_ij = x_i·x_j, returns ∂L/∂x: x_i gets G_ij·x_j and x_j gets G_ij·x_i.
pub(crate) fn backprop_dots(x: &Embeddings, g: &[f64]) -> Vec<f64> {
    let n = x.len();
    let dim = x.dim();
    let data = x.as_slice();
    let mut out = vec![0.0; data.len()];
    // S is symmetric: merge (i, j) and (j, i); the diagonal S_ii = x_i·x_i gives 2·G_ii·x_i.
    for i in 0..n {
        let xi = &data[i * dim..(i + 1) * dim];
        let gii = 2.0 * g[i * n + i];
        if gii != 0.0 {
            for (o, &v) in out[i * dim..(i + 1) * dim].iter_mut().zip(xi) {
                *o += gii * v;
            }
        }
        for j in (i + 1)..n {
            let gij = g[i * n + j] + g[j * n + i];
            if gij == 0.0 {
                continue;
            }
            let xj = &data[j * dim..(j + 1) * dim];
            let (head, tail) = out.split_at_mut(j * dim);
            let oi = &mut head[i * dim..(i + 1) * dim];
            let oj = &mut tail[..dim];
            for (((a, b), &p), &q) in oi.iter_mut().zip(oj.iter_mut()).zip(xi).zip(xj) {
                *a += gij * q;
                *b += gij * p;
            }
        }
    }
    out
}

/// Given ∂L/∂x̂ for x̂ = x/‖x‖ (row-wise), returns ∂L/∂x = (ĝ − x̂(x̂·ĝ))/‖x‖; 0 for a zero row.
pub(crate) fn backprop_normalize(raw: &Embeddings, g_hat: &[f64]) -> Vec<f64> {
    let dim = raw.dim();
    let mut out = vec![0.0; g_hat.len()];
    for ((x, g), o) in raw.rows().zip(g_hat.chunks_exact(dim)).zip(out.chunks_exact_mut(dim)) {
        let n = norm(x);
        if n == 0.0 {
            continue;
        }
        let dot: f64 = x.iter().zip(g).map(|(xv, gv)| xv / n * gv).sum();
        for ((ov, &xv), &gv) in o.iter_mut().zip(x).zip(g) {
            *ov = (gv - xv / n * dot) / n;
        }
    }
    out
}

/// ∂L/∂(raw embeddings) from G = ∂L/∂D for Euclidean distances on (optionally normalised) embeddings.
pub(crate) fn distance_grad_to_embeddings(raw: &Embeddings, used: &Embeddings, d: &PairMatrix, g: &[f64], normalize: bool) -> Vec<f64> {
    let gx = backprop_distances(used, d, g);
    if normalize {
        backprop_normalize(raw, &gx)
    } else {
        gx
    }
}

/// The end of a batch loss on cosine similarities: the mean of `count` terms summing to `sum`, and,
/// with `want_grad`, `g` (∂sum/∂similarities, n × n) averaged the same way and carried back to the
/// raw embeddings. No terms give 0 with a zero gradient.
pub(crate) fn mean_over_cosine_terms(
    emb: &Embeddings,
    xhat: &Embeddings,
    sum: f64,
    count: usize,
    mut g: Vec<f64>,
    want_grad: bool,
) -> (f64, Vec<f64>) {
    if count == 0 {
        return (0.0, if want_grad { vec![0.0; emb.as_slice().len()] } else { Vec::new() });
    }
    let inv = 1.0 / count as f64;
    if !want_grad {
        return (sum * inv, Vec::new());
    }
    for v in g.iter_mut() {
        *v *= inv;
    }
    (sum * inv, cosine_grad_to_embeddings(emb, xhat, &g))
}


/// ∂L/∂(raw embeddings) from G = ∂L/∂S for cosine similarities S of the normalised embeddings `xhat`.
pub(crate) fn cosine_grad_to_embeddings(raw: &Embeddings, xhat: &Embeddings, g: &[f64]) -> Vec<f64> {
    let gx = backprop_dots(xhat, g);
    backprop_normalize(raw, &gx)
}
