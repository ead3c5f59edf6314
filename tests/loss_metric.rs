//! Metric learning (§7–11): distances, triplet categories with ties, miners, batch losses with both
//! reductions, circle loss (stable form, both gradients, boundaries), NT-Xent; gradients against
//! central differences away from kinks; errors.

use loss_lab::loss::metric::BatchLoss;
use loss_lab::chapters::circle::grid::{circle_points, linear_segment, loss_grid};
use loss_lab::loss::metric::circle::{BatchCircle, Circle};
use loss_lab::loss::metric::contrastive::{BatchContrastive, Contrastive, ContrastiveForm};
use loss_lab::loss::metric::distance::*;
use loss_lab::loss::metric::batch_triplet::*;
use loss_lab::loss::metric::miners::*;
use loss_lab::loss::metric::ntxent::NtXent;
use loss_lab::loss::metric::triplet::{Category, TripletMargin};
use loss_lab::loss::metric::Reduction;
use loss_lab::loss::LossError;
use proptest::prelude::*;

mod common;
use common::numeric_grad;

fn assert_grad(what: &str, g: &[f64], n: &[f64], tol: f64) {
    for (i, (a, b)) in g.iter().zip(n).enumerate() {
        assert!((a - b).abs() <= tol * (1.0 + a.abs()), "{what}[{i}]: analytic {a} vs numeric {b}");
    }
}

#[test]
fn distances_at_extremes_and_zero() {
    // Squares would overflow / underflow: exact for 3-4-5 scaled by powers of two, 1 ulp for 1e±200.
    let (big, tiny) = (2f64.powi(700), 2f64.powi(-700));
    assert_eq!(euclidean(&[3.0 * big, 0.0], &[0.0, 4.0 * big]).unwrap(), 5.0 * big);
    assert_eq!(euclidean(&[3.0 * tiny, 0.0], &[0.0, 4.0 * tiny]).unwrap(), 5.0 * tiny);
    assert!((euclidean(&[3e200, 0.0], &[0.0, 4e200]).unwrap() / 5e200 - 1.0).abs() < 2.3e-16);
    assert!((euclidean(&[3e-200, 0.0], &[0.0, 4e-200]).unwrap() / 5e-200 - 1.0).abs() < 2.3e-16);
    assert_eq!(norm(&[1e-320, 0.0]), 1e-320);
    assert_eq!(euclidean(&[1.0, 2.0], &[1.0, 2.0]).unwrap(), 0.0);
    assert_eq!(euclidean_grad(&[1.0, 2.0], &[1.0, 2.0]).unwrap(), vec![0.0, 0.0], "norm at 0 → 0");
    assert_eq!(euclidean_grad(&[3.0, 0.0], &[0.0, 4.0]).unwrap(), vec![0.6, -0.8]);
    assert_eq!(l2_normalize(&[0.0, 0.0]).unwrap(), vec![0.0, 0.0]);
    assert_eq!(l2_normalize(&[3e-200, 4e-200]).unwrap(), vec![0.6, 0.8]);
    assert_eq!(cosine_similarity(&[0.0, 0.0], &[1.0, 0.0]).unwrap(), 0.0);
    assert!((cosine_similarity(&[1.0, 1.0], &[2.0, 0.0]).unwrap() - 0.5f64.sqrt()).abs() < 1e-15);
    let a = [0.3, -1.2, 2.0];
    let b = [0.5, 0.7, -1.1];
    let g = cosine_similarity_grad(&a, &b).unwrap();
    assert_grad("∂cos/∂a", &g, &numeric_grad(|x| cosine_similarity(x, &b).unwrap(), &a), 1e-7);
    let e = Embeddings::from_rows(&[[0.0, 0.0], [3.0, 4.0]]).unwrap();
    assert_eq!(PairMatrix::euclidean(&e, false).as_slice(), &[0.0, 5.0, 5.0, 0.0]);
    assert_eq!(PairMatrix::euclidean(&e, true).get(0, 1), Some(1.0), "zero row stays zero after normalising");
    assert_eq!(PairMatrix::cosine(&e).get(1, 1), Some(1.0));
}

#[test]
fn triplet_categories_with_ties() {
    let m = 1.0;
    // t = d_an − d_ap: easy t > m; semi-hard 0 < t ≤ m; hard t ≤ 0.
    let cases = [(5.0, 6.5, Category::Easy), (5.0, 6.0, Category::SemiHard), (5.0, 5.5, Category::SemiHard), (5.0, 5.0, Category::Hard), (5.0, 4.0, Category::Hard)];
    for (dap, dan, want) in cases {
        assert_eq!(Category::of(dap, dan, m), want, "d_ap {dap}, d_an {dan}");
    }
    // FaceNet's strict, squared version: 5² = 25 < d_an² < 25 + α.
    assert!(Category::is_facenet_semi_hard(5.0, 5.5, 10.0));
    assert!(!Category::is_facenet_semi_hard(5.0, 5.0, 10.0), "tie d_an = d_ap is not semi-hard");
    assert!(!Category::is_facenet_semi_hard(5.0, 6.0, 11.0), "d_an² = d_ap² + α is excluded (strict)");
    assert!(Category::is_facenet_semi_hard(5.0, 6.0, 11.5));
    assert!(Category::Hard.is_mined_by_all() && Category::SemiHard.is_mined_by_all() && !Category::Easy.is_mined_by_all());
    let t = TripletMargin::new(m).unwrap();
    // d_an = d_ap + margin: semi-hard with loss 0 and gradient 0 (z = 0 is inactive).
    assert_eq!(t.element(5.0, 6.0), 0.0);
    assert_eq!(t.element_derivative(5.0, 6.0), (0.0, 0.0));
    assert_eq!(t.element_derivative(5.0, 6.0f64.next_down()), (1.0, -1.0));
    let g = t.grad(&[0.0, 0.0], &[3.0, 4.0], &[0.0, 6.0]).unwrap();
    assert_eq!(g.anchor, vec![0.0, 0.0]);
    // d_an = d_ap: hard, loss = margin.
    let (v, g) = t.value_and_grad(&[0.0, 0.0], &[3.0, 4.0], &[5.0, 0.0]).unwrap();
    assert_eq!(v, 1.0);
    assert_eq!(g.positive, vec![0.6, 0.8]);
    assert_eq!(g.negative, vec![-1.0, 0.0]);
    // Anchor on top of its positive: u_ap = 0 (norm at 0 → 0).
    let g = t.grad(&[1.0, 1.0], &[1.0, 1.0], &[1.5, 1.0]).unwrap();
    assert_eq!(g.positive, vec![0.0, 0.0]);
    assert_eq!(g.negative, vec![-1.0, 0.0]);
}

fn tie_batch() -> (Embeddings, Vec<usize>) {
    let pts = [[0.0, 0.0], [3.0, 4.0], [5.0, 0.0], [0.0, 6.0], [0.0, -5.5], [8.0, 0.0]];
    (Embeddings::from_rows(&pts).unwrap(), vec![0, 0, 1, 1, 1, 1])
}

#[test]
fn miners_on_ties_partition_all_valid_triplets() {
    let (e, labels) = tie_batch();
    let d = PairMatrix::euclidean(&e, false);
    let all = mine(&d, &labels, Miner::AllValid).unwrap();
    assert_eq!(all.len(), 2 * 4 + 4 * 3 * 2);
    let by = |kind| mine(&d, &labels, Miner::TripletMargin { margin: 1.0, kind }).unwrap();
    let (hard, semi, easy, mined_all) = (by(MinerKind::Hard), by(MinerKind::SemiHard), by(MinerKind::Easy), by(MinerKind::All));
    assert_eq!(hard.len() + semi.len() + easy.len(), all.len());
    let mut union: Vec<Triplet> = hard.iter().chain(&semi).copied().collect();
    union.sort();
    assert_eq!(union, mined_all, "\"all\" = hard ∪ semi-hard");
    let t = |a, p, n| Triplet { anchor: a, positive: p, negative: n };
    assert!(hard.contains(&t(0, 1, 2)), "d_an = d_ap is hard");
    assert!(semi.contains(&t(0, 1, 3)), "d_an = d_ap + margin is semi-hard");
    assert!(easy.contains(&t(0, 1, 5)));
    let cats = categorize(&d, &labels, 1.0).unwrap();
    assert_eq!(cats.iter().filter(|(_, c)| *c == Category::SemiHard).count(), semi.len());
}

#[test]
fn semi_hard_and_batch_hard_choices() {
    let (e, labels) = tie_batch();
    let d = PairMatrix::euclidean(&e, false);
    let t = |a, p, n| Triplet { anchor: a, positive: p, negative: n };
    let semi = mine(&d, &labels, Miner::SemiHard).unwrap();
    // (0,1): d_ap = 5; negatives at 5 (not > 5), 6, 5.5, 8 → closest beyond is 5.5 (index 4).
    assert!(semi.contains(&t(0, 1, 4)));
    // (1,0): d_ap = 5; negatives from (3,4): 4.47, 3.61, 9.62, 6.40 → closest beyond 5 is 6.40 (index 5).
    assert!(semi.contains(&t(1, 0, 5)));
    assert_eq!(semi.len(), 2 + 4 * 3);
    // Fallback: no negative beyond d_ap → the farthest negative.
    let e2 = Embeddings::from_rows(&[[0.0], [10.0], [1.0], [2.0]]).unwrap();
    let l2 = [0, 0, 1, 1];
    let semi2 = mine(&PairMatrix::euclidean(&e2, false), &l2, Miner::SemiHard).unwrap();
    assert!(semi2.contains(&t(0, 1, 3)), "{semi2:?}");
    let hard = mine(&d, &labels, Miner::BatchHard).unwrap();
    assert_eq!(hard.len(), 6);
    // Anchor 0: farthest positive 1, closest negative 2 (d = 5; tie-free here).
    assert!(hard.contains(&t(0, 1, 2)));
}

#[test]
fn batch_all_fused_equals_scoring_all_triplets() {
    let e = Embeddings::new((0..48).map(|i| ((i * 37 % 17) as f64 - 8.0) / 5.0).collect(), 4).unwrap();
    let labels = [0, 0, 0, 1, 1, 1, 2, 2, 2, 0, 1, 2];
    let all = all_valid_triplets(&labels);
    for normalize in [false, true] {
        for reduction in [Reduction::Mean, Reduction::MeanNonZero] {
            for margin in [0.0, 0.3, 5.0] {
                let fused = BatchTriplet::new(margin, reduction, normalize, Mining::All).unwrap();
                let listed = TripletLoss::new(margin, reduction, normalize).unwrap();
                let (v1, g1) = fused.value_and_grad(&e, &labels).unwrap();
                let (v2, g2) = listed.value_and_grad(&e, &all).unwrap();
                assert!((v1 - v2).abs() <= 1e-13 * (1.0 + v1.abs()), "{v1} vs {v2}");
                assert_grad("fused vs listed", &g1, &g2, 1e-12);
                assert_eq!(v1, fused.value(&e, &labels).unwrap());
            }
        }
    }
    // Reductions differ exactly by the share of non-zero triplets.
    let mean = BatchTriplet::new(0.3, Reduction::Mean, false, Mining::All).unwrap().value(&e, &labels).unwrap();
    let nz = BatchTriplet::new(0.3, Reduction::MeanNonZero, false, Mining::All).unwrap().value(&e, &labels).unwrap();
    assert!(nz >= mean && mean > 0.0);
}

#[test]
fn one_pass_stats_equal_the_categories_and_the_batch_all_losses() {
    let e = Embeddings::new((0..48).map(|i| ((i * 37 % 17) as f64 - 8.0) / 5.0).collect(), 4).unwrap();
    let labels = [0, 0, 0, 1, 1, 1, 2, 2, 2, 0, 1, 2];
    let d = PairMatrix::euclidean(&e, false);
    for margin in [0.0, 0.3, 1.0, 5.0] {
        let stats = triplet_stats(&d, &labels, margin).unwrap();
        let categories = categorize(&d, &labels, margin).unwrap();
        let count = |c: Category| categories.iter().filter(|(_, k)| *k == c).count();
        assert_eq!((stats.hard, stats.semi_hard, stats.easy), (count(Category::Hard), count(Category::SemiHard), count(Category::Easy)));
        assert_eq!(stats.total(), all_valid_triplets(&labels).len());
        for reduction in [Reduction::Mean, Reduction::MeanNonZero] {
            let want = BatchTriplet::new(margin, reduction, false, Mining::All).unwrap().value(&e, &labels).unwrap();
            assert!((stats.batch_all(reduction) - want).abs() <= 1e-13 * (1.0 + want), "{margin} {reduction:?}");
        }
    }
    // Ties: every point on one spot makes every triplet hard with loss = margin.
    let same = PairMatrix::euclidean(&Embeddings::new(vec![0.0; 12], 2).unwrap(), false);
    let stats = triplet_stats(&same, &[0, 0, 0, 1, 1, 1], 0.2).unwrap();
    assert_eq!((stats.hard, stats.active), (36, 36));
    assert!((stats.batch_all(Reduction::Mean) - 0.2).abs() < 1e-15);
}

#[test]
fn empty_sets_give_zero() {
    let e = Embeddings::from_rows(&[[0.0, 1.0], [1.0, 0.0], [2.0, 2.0]]).unwrap();
    let distinct = [0, 1, 2];
    for mining in [Mining::All, Mining::Hard, Mining::SemiHard] {
        for reduction in [Reduction::Mean, Reduction::MeanNonZero] {
            let (v, g) = BatchTriplet::new(0.2, reduction, true, mining).unwrap().value_and_grad(&e, &distinct).unwrap();
            assert_eq!((v, g), (0.0, vec![0.0; 6]));
        }
    }
    assert_eq!(BatchCircle::new(80.0, 0.4).unwrap().value(&e, &distinct).unwrap(), 0.0);
    assert_eq!(NtXent::new(0.1).unwrap().value(&e, &distinct).unwrap(), 0.0);
    assert_eq!(Circle::new(80.0, 0.4).unwrap().value(&[], &[0.3]).unwrap(), 0.0);
}

#[test]
fn offline_mining_scores_old_triplets_on_new_embeddings() {
    let labels = [0, 0, 1, 1];
    let old = Embeddings::from_rows(&[[0.0, 0.0], [1.0, 0.0], [0.5, 0.1], [3.0, 0.0]]).unwrap();
    let new = Embeddings::from_rows(&[[0.0, 0.0], [0.2, 0.0], [2.0, 0.0], [3.0, 0.0]]).unwrap();
    let trip = mine(&PairMatrix::euclidean(&old, false), &labels, Miner::TripletMargin { margin: 0.5, kind: MinerKind::All }).unwrap();
    assert!(!trip.is_empty());
    let loss = TripletLoss::new(0.5, Reduction::Mean, false).unwrap();
    assert!(loss.value(&old, &trip).unwrap() > 0.0);
    assert_eq!(loss.value(&new, &trip).unwrap(), 0.0, "the new embeddings have learned those triplets");
}

#[test]
fn contrastive_kinks_and_forms() {
    let c = Contrastive::new(2.0, ContrastiveForm::Article).unwrap();
    let s = Contrastive::new(2.0, ContrastiveForm::Squared).unwrap();
    // d = m for a dissimilar pair: inactive, flat side.
    assert_eq!((c.element(2.0, false), c.element_derivative(2.0, false)), (0.0, 0.0));
    assert_eq!((s.element(2.0, false), s.element_derivative(2.0, false)), (0.0, 0.0));
    assert_eq!(c.element_derivative(2.0f64.next_down(), false), -1.0);
    assert_eq!(c.kinks(false), vec![2.0]);
    assert_eq!((c.element(0.5, true), s.element(0.5, true)), (0.5, 0.25));
    assert_eq!((c.element(0.5, false), s.element(0.5, false)), (1.5, 2.25));
    // Coincident points (d = 0): gradient 0 for a similar pair in the article form (norm at 0).
    let g = c.grad(&[1.0, 1.0], &[1.0, 1.0], true).unwrap();
    assert_eq!(g.x1, vec![0.0, 0.0]);
    let (v, g) = c.value_and_grad(&[0.0, 0.0], &[0.6, 0.8], false).unwrap();
    assert_eq!(v, 1.0);
    assert_eq!(g.x1, vec![0.6, 0.8]);
    assert_eq!(g.x2, vec![-0.6, -0.8]);
}

#[test]
fn circle_loss_stable_form_and_boundaries() {
    // γ = 512: the literal form overflows, the stable one does not.
    for gamma in [256.0, 512.0] {
        let c = Circle::new(gamma, 0.25).unwrap();
        let (v, g) = c.value_and_grad(&[-1.0, 0.2], &[1.0, 0.9]).unwrap();
        assert!(v.is_finite() && v > 100.0 && g.s_p.iter().chain(&g.s_n).all(|x| x.is_finite()), "{v} {g:?}");
        let lit_overflows = (c.logit_n(1.0) + c.logit_p(-1.0)).exp().is_infinite();
        assert!(lit_overflows);
        // K = L = 1: element = value; grid = element.
        assert_eq!(c.element(0.7, 0.1), c.value(&[0.7], &[0.1]).unwrap());
        let (dp, dn) = c.element_derivative(0.7, 0.1);
        let g = c.grad(&[0.7], &[0.1]).unwrap();
        assert!((dp - g.s_p[0]).abs() <= 1e-15 * dp.abs() && (dn - g.s_n[0]).abs() <= 1e-15 * dn.abs());
    }
    let c = Circle::new(80.0, 0.4).unwrap();
    let grid = loss_grid(&c, (-1.0, 1.0), (-1.0, 1.0), 5, 3).unwrap();
    assert_eq!(grid.len(), 15);
    assert_eq!(grid[5 + 3], c.element(0.0, 0.5));
    // Boundaries.
    let b = c.circle_boundary();
    assert_eq!((b.center_s_n, b.center_s_p), (0.0, 1.0));
    assert!((b.radius - 2f64.sqrt() * 0.4).abs() < 1e-15);
    let pts = circle_points(&b, 200);
    assert!(!pts.is_empty());
    for (sn, sp) in pts {
        assert!((sn * sn + (sp - 1.0) * (sp - 1.0) - 2.0 * 0.16).abs() < 1e-12);
        assert!(sp <= 1.0);
    }
    let ((x0, y0), (x1, y1)) = linear_segment(&c.linear_boundary()).unwrap();
    assert_eq!((x0, y0), (-1.0, -0.6));
    assert_eq!((x1, y1), (0.6, 1.0));
    // The extremes of the domain: γ = 1e6, m = 1, similarities ±1 — finite value and gradients.
    let extreme = Circle::new(1e6, 1.0).unwrap();
    for (sp, sn) in [(-1.0, 1.0), (1.0, -1.0), (0.0, 0.0)] {
        let (v, g) = extreme.value_and_grad(&[sp, sp], &[sn]).unwrap();
        let ga = extreme.grad_alpha_differentiated(&[sp], &[sn, sn]).unwrap();
        assert!(v.is_finite() && g.s_p.iter().chain(&g.s_n).chain(&ga.s_p).chain(&ga.s_n).all(|x| x.is_finite()), "{sp} {sn}: {v} {g:?}");
    }
    // Large γ: the loss is ≈ 0 inside the circle's complement side and large on the other.
    let big = Circle::new(512.0, 0.25).unwrap();
    assert!(big.element(0.95, -0.2) < 1e-10);
    assert!(big.element(0.2, 0.8) > 10.0);
}

#[test]
fn errors() {
    assert!(matches!(Embeddings::new(vec![1.0, 2.0, 3.0], 2), Err(LossError::RaggedRows { .. })));
    assert!(matches!(Embeddings::new(vec![], 2), Err(LossError::Empty { .. })));
    assert!(matches!(Embeddings::new(vec![1.0], 0), Err(LossError::InvalidParameter { .. })));
    assert!(matches!(Embeddings::new(vec![f64::NAN], 1), Err(LossError::InvalidValue { .. })));
    assert!(matches!(Embeddings::from_rows(&[vec![1.0], vec![1.0, 2.0]]), Err(LossError::LengthMismatch { .. })));
    let e = Embeddings::from_rows(&[[0.0], [1.0]]).unwrap();
    let bt = BatchTriplet::new(0.2, Reduction::Mean, false, Mining::All).unwrap();
    assert!(matches!(bt.value(&e, &[0]), Err(LossError::LengthMismatch { .. })));
    let tl = TripletLoss::new(0.2, Reduction::Mean, false).unwrap();
    assert!(matches!(tl.value(&e, &[Triplet { anchor: 0, positive: 1, negative: 2 }]), Err(LossError::InvalidValue { .. })));
    assert!(matches!(TripletMargin::new(-0.1), Err(LossError::InvalidParameter { .. })));
    assert!(matches!(Circle::new(0.0, 0.25), Err(LossError::InvalidParameter { .. })));
    assert!(matches!(Circle::new(-1.0, 0.25), Err(LossError::InvalidParameter { .. })));
    assert!(matches!(Circle::new(80.0, f64::NAN), Err(LossError::InvalidParameter { .. })));
    assert!(matches!(NtXent::new(0.0), Err(LossError::InvalidParameter { .. })));
    assert!(matches!(Contrastive::new(f64::INFINITY, ContrastiveForm::Article), Err(LossError::InvalidParameter { .. })));
    assert!(matches!(euclidean(&[1.0], &[1.0, 2.0]), Err(LossError::LengthMismatch { .. })));
    assert!(matches!(Circle::new(80.0, 0.4).unwrap().value(&[f64::NAN], &[]), Err(LossError::InvalidValue { .. })));
    assert!(matches!(Circle::new(2e6, 0.25), Err(LossError::InvalidParameter { .. })));
    assert!(matches!(Circle::new(80.0, 1.5), Err(LossError::InvalidParameter { .. })));
    assert!(matches!(Circle::new(80.0, 0.4).unwrap().value(&[1.5], &[0.0]), Err(LossError::InvalidValue { name: "s_p", .. })));
    assert!(matches!(loss_grid(&Circle::new(80.0, 0.4).unwrap(), (-2.0, 1.0), (-1.0, 1.0), 4, 4), Err(LossError::InvalidValue { .. })));
    assert!(matches!(loss_grid(&Circle::new(80.0, 0.4).unwrap(), (-1.0, 1.0), (-1.0, 1.0), 20_000, 4), Err(LossError::InvalidParameter { .. })));
    assert!(Circle::new(80.0, 0.4).unwrap().value(&[1.0 + 1e-12], &[-1.0 - 1e-12]).is_ok(), "rounding slack");
    assert!(matches!(NtXent::new(1e-9), Err(LossError::InvalidParameter { .. })));
    let msg = Circle::new(0.0, 0.25).unwrap_err().to_string();
    assert!(msg.contains("γ") && msg.contains("greater than 0"), "{msg}");
}

/// A labelled batch: 3 classes × 3 points in `dim` dimensions.
fn batch(dim: usize) -> impl Strategy<Value = (Vec<f64>, Vec<usize>)> {
    prop::collection::vec(-2.0f64..2.0, 9 * dim).prop_map(|x| (x, vec![0, 0, 0, 1, 1, 1, 2, 2, 2]))
}

/// Smallest |margin + D_ap − D_an| over valid triplets, and the smallest gap between distinct
/// distances in a row (so argmax/argmin and activity do not flip within ±h).
fn kink_gap(x: &[f64], dim: usize, labels: &[usize], margin: f64, normalize: bool) -> f64 {
    let e = Embeddings::new(x.to_vec(), dim).unwrap();
    let d = PairMatrix::euclidean(&e, normalize);
    let mut gap = f64::INFINITY;
    for t in all_valid_triplets(labels) {
        let z = margin + d.get(t.anchor, t.positive).unwrap() - d.get(t.anchor, t.negative).unwrap();
        gap = gap.min(z.abs());
    }
    for i in 0..labels.len() {
        let row = d.row(i).unwrap();
        for j in 0..row.len() {
            for k in 0..j {
                if j != i && k != i {
                    gap = gap.min((row[j] - row[k]).abs());
                }
            }
        }
    }
    gap
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Batch triplet losses (all three minings, both reductions, with and without normalising),
    /// at least 1e−4 from every kink and tie: tolerance 1e−5·(1 + |g|) (h = 1e−6).
    #[test]
    fn batch_triplet_gradients((x, labels) in batch(3), margin in 0.0f64..1.0, normalize in any::<bool>(), nz in any::<bool>(), which in 0usize..3) {
        prop_assume!(kink_gap(&x, 3, &labels, margin, normalize) > 1e-4);
        let mining = [Mining::All, Mining::Hard, Mining::SemiHard][which];
        let reduction = if nz { Reduction::MeanNonZero } else { Reduction::Mean };
        let l = BatchTriplet::new(margin, reduction, normalize, mining).unwrap();
        let e = Embeddings::new(x.clone(), 3).unwrap();
        let g = l.grad(&e, &labels).unwrap();
        let n = numeric_grad(|y| l.value(&Embeddings::new(y.to_vec(), 3).unwrap(), &labels).unwrap(), &x);
        for (a, b) in g.iter().zip(&n) {
            prop_assert!((a - b).abs() <= 1e-5 * (1.0 + a.abs()), "{:?}: {} vs {}", mining, a, b);
        }
    }

    /// Batch contrastive, away from its kinks: tolerance 1e−5·(1 + |g|).
    #[test]
    fn batch_contrastive_gradients((x, labels) in batch(2), pos in 0.0f64..0.5, neg in 0.5f64..2.0, normalize in any::<bool>()) {
        let l = BatchContrastive::new(pos, neg, normalize).unwrap();
        let e = Embeddings::new(x.clone(), 2).unwrap();
        let d = PairMatrix::euclidean(&e, normalize);
        prop_assume!(d.as_slice().iter().all(|&v| (v - pos).abs() > 1e-4 && (v - neg).abs() > 1e-4 && v > 1e-4 || v == 0.0));
        let g = l.grad(&e, &labels).unwrap();
        let n = numeric_grad(|y| l.value(&Embeddings::new(y.to_vec(), 2).unwrap(), &labels).unwrap(), &x);
        for (a, b) in g.iter().zip(&n) {
            prop_assert!((a - b).abs() <= 1e-5 * (1.0 + a.abs()), "{} vs {}", a, b);
        }
    }

    /// NT-Xent is smooth: tolerance 1e−5·(1 + |g|).
    #[test]
    fn ntxent_gradients((x, labels) in batch(3), tau in 0.1f64..1.0) {
        let l = NtXent::new(tau).unwrap();
        let e = Embeddings::new(x.clone(), 3).unwrap();
        prop_assume!(e.rows().all(|r| norm(r) > 0.05));
        let g = l.grad(&e, &labels).unwrap();
        let n = numeric_grad(|y| l.value(&Embeddings::new(y.to_vec(), 3).unwrap(), &labels).unwrap(), &x);
        for (a, b) in g.iter().zip(&n) {
            prop_assert!((a - b).abs() <= 1e-5 * (1.0 + a.abs()), "{} vs {}", a, b);
        }
    }

    /// Circle loss on lists: the α-differentiated gradient is the true gradient (checked against
    /// central differences), and the detached one is the gradient with α frozen at the point
    /// (checked against differences of that frozen function); tolerance 1e−6·(1 + |g|), similarities
    /// at least 1e−4 from the α kinks s_p = 1 + m, s_n = −m.
    #[test]
    fn circle_gradients(
        sp in prop::collection::vec(-1.0f64..1.0, 1..4),
        sn in prop::collection::vec(-1.0f64..1.0, 1..4),
        gamma in 0.5f64..8.0,
        m in 0.0f64..0.5,
    ) {
        prop_assume!(sp.iter().all(|s| (s - 1.0 - m).abs() > 1e-4) && sn.iter().all(|s| (s + m).abs() > 1e-4));
        let c = Circle::new(gamma, m).unwrap();
        let full = c.grad_alpha_differentiated(&sp, &sn).unwrap();
        let np = numeric_grad(|x| c.value(x, &sn).unwrap(), &sp);
        let nn = numeric_grad(|x| c.value(&sp, x).unwrap(), &sn);
        for (a, b) in full.s_p.iter().zip(&np).chain(full.s_n.iter().zip(&nn)) {
            prop_assert!((a - b).abs() <= 1e-6 * (1.0 + a.abs()), "α-differentiated {} vs {}", a, b);
        }
        // α frozen: L(s) with α_p, α_n taken at the base point.
        let ap: Vec<f64> = sp.iter().map(|s| (1.0 + m - s).max(0.0)).collect();
        let an: Vec<f64> = sn.iter().map(|s| (s + m).max(0.0)).collect();
        let frozen = |xp: &[f64], xn: &[f64]| {
            let lp: Vec<f64> = xp.iter().zip(&ap).map(|(s, a)| -gamma * a * (s - (1.0 - m))).collect();
            let ln: Vec<f64> = xn.iter().zip(&an).map(|(s, a)| gamma * a * (s - m)).collect();
            let lse = |v: &[f64]| { let mx = v.iter().cloned().fold(f64::MIN, f64::max); mx + v.iter().map(|x| (x - mx).exp()).sum::<f64>().ln() };
            let z = lse(&ln) + lse(&lp);
            z.max(0.0) + (-z.abs()).exp().ln_1p()
        };
        let det = c.grad(&sp, &sn).unwrap();
        let np = numeric_grad(|x| frozen(x, &sn), &sp);
        let nn = numeric_grad(|x| frozen(&sp, x), &sn);
        for (a, b) in det.s_p.iter().zip(&np).chain(det.s_n.iter().zip(&nn)) {
            prop_assert!((a - b).abs() <= 1e-6 * (1.0 + a.abs()), "detached {} vs {}", a, b);
        }
    }

    /// Pair losses: triplet margin and contrastive, away from kinks: tolerance 1e−6·(1 + |g|).
    #[test]
    fn pair_and_triplet_gradients(a in prop::collection::vec(-2.0f64..2.0, 3), p in prop::collection::vec(-2.0f64..2.0, 3), n in prop::collection::vec(-2.0f64..2.0, 3), margin in 0.0f64..2.0, similar in any::<bool>(), squared in any::<bool>()) {
        let t = TripletMargin::new(margin).unwrap();
        let dap = euclidean(&a, &p).unwrap();
        let dan = euclidean(&a, &n).unwrap();
        prop_assume!((margin + dap - dan).abs() > 1e-4 && dap > 1e-3 && dan > 1e-3);
        let g = t.grad(&a, &p, &n).unwrap();
        assert_grad("∂/∂a", &g.anchor, &numeric_grad(|x| t.value(x, &p, &n).unwrap(), &a), 1e-6);
        assert_grad("∂/∂p", &g.positive, &numeric_grad(|x| t.value(&a, x, &n).unwrap(), &p), 1e-6);
        assert_grad("∂/∂n", &g.negative, &numeric_grad(|x| t.value(&a, &p, x).unwrap(), &n), 1e-6);
        let form = if squared { ContrastiveForm::Squared } else { ContrastiveForm::Article };
        let c = Contrastive::new(margin, form).unwrap();
        prop_assume!((dap - margin).abs() > 1e-4);
        let g = c.grad(&a, &p, similar).unwrap();
        assert_grad("contrastive ∂/∂x1", &g.x1, &numeric_grad(|x| c.value(x, &p, similar).unwrap(), &a), 1e-6);
        assert_grad("contrastive ∂/∂x2", &g.x2, &numeric_grad(|x| c.value(&a, x, similar).unwrap(), &p), 1e-6);
    }
}

/// Labelled batches of 12 points in 4-D for the miners: distances with many ties (a coarse grid, every
/// point on one spot) and without, several label layouts.
fn mining_layouts() -> Vec<(Vec<f64>, Vec<usize>)> {
    vec![
        ((0..48).map(|i| ((i * 37 % 17) as f64 - 8.0) / 5.0).collect(), vec![0, 0, 0, 1, 1, 1, 2, 2, 2, 0, 1, 2]),
        ((0..48).map(|i| (i % 3) as f64).collect(), vec![0, 1, 0, 1, 0, 1, 2, 2, 3, 3, 0, 0]),
        ((0..48).map(|i| ((i * 7919 % 101) as f64).sqrt()).collect(), vec![5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 4]),
        (vec![0.0; 48], vec![0, 0, 1, 1, 2, 2, 0, 0, 1, 1, 2, 2]),
    ]
}

#[test]
fn sorted_negatives_give_the_pass_counts_at_every_margin() {
    use loss_lab::loss::metric::miners::SortedNegatives;
    // Those layouts, and one class only (no anchor has a negative).
    for (points, labels) in mining_layouts().into_iter().chain([(vec![1.0; 48], vec![3; 12])]) {
        let d = PairMatrix::euclidean(&Embeddings::new(points, 4).unwrap(), false);
        let sorted = SortedNegatives::new(&d, &labels).unwrap();
        for margin in [0.0, 1e-9, 0.05, 0.3, 0.7, 2.0, 40.0] {
            let pass = triplet_stats(&d, &labels, margin).unwrap();
            let fast = sorted.stats(margin).unwrap();
            assert_eq!((fast.hard, fast.semi_hard, fast.easy, fast.active), (pass.hard, pass.semi_hard, pass.easy, pass.active), "{margin}");
            assert!((fast.sum - pass.sum).abs() <= 1e-12 * (1.0 + pass.sum), "{margin}: {} vs {}", fast.sum, pass.sum);
        }
        assert!(sorted.stats(-1.0).is_err() && sorted.stats(f64::NAN).is_err());
    }
    assert!(SortedNegatives::new(&PairMatrix::euclidean(&Embeddings::new(vec![0.0; 8], 2).unwrap(), false), &[0, 1, 2]).is_err());
}

/// The grid's fast paths (exponentials of rows times columns, the series and the logarithm near the
/// boundary, lanes, the scalar last column of an odd width) against the loss itself, cell by cell.
#[test]
fn the_loss_grid_equals_the_loss_in_every_cell() {
    let mut worst = 0.0f64;
    for gamma in [0.5, 4.0, 32.0, 80.0, 256.0, 1024.0] {
        for m in [0.05, 0.25, 0.4] {
            let c = Circle::new(gamma, m).unwrap();
            let (nx, ny) = (201, 150);
            let grid = loss_grid(&c, (-1.0, 1.0), (-0.9, 1.0), nx, ny).unwrap();
            for iy in 0..ny {
                for ix in 0..nx {
                    // The grid's own arguments: lo + step · index.
                    let (s_n, s_p) = (-1.0 + (2.0 / (nx - 1) as f64) * ix as f64, -0.9 + ((1.0 - -0.9) / (ny - 1) as f64) * iy as f64);
                    let (got, want) = (grid[iy * nx + ix], c.element(s_p, s_n));
                    let error = (got - want).abs() / want.abs().max(f64::MIN_POSITIVE);
                    worst = worst.max(error);
                    // e^z from the row's and column's exponentials differs from e^(rounded z) by up to
                    // |z|·2⁻⁵³ relative (|z| ≤ 36.8 in the band): a few ulp.
                    assert!(error <= 1e-14, "γ {gamma}, m {m}, ({s_n}, {s_p}): {got:e} vs {want:e}");
                }
            }
        }
    }
    // Not all exact: the check can see a difference.
    assert!(worst > 0.0);
    eprintln!("largest relative difference: {worst:e}");
}

#[test]
fn the_one_pass_of_a_mining_figure_equals_the_separate_miners() {
    use loss_lab::loss::metric::miners::{mine, mining_pass, Miner};
    for (points, labels) in mining_layouts() {
        let d = PairMatrix::euclidean(&Embeddings::new(points, 4).unwrap(), false);
        for margin in [0.0, 0.3, 2.0] {
            let one = mining_pass(&d, &labels, margin).unwrap();
            assert_eq!(one.stats, triplet_stats(&d, &labels, margin).unwrap());
            assert_eq!(one.batch_hard, mine(&d, &labels, Miner::BatchHard).unwrap());
            assert_eq!(one.semi_hard, mine(&d, &labels, Miner::SemiHard).unwrap());
            // Both lists against their definitions, written out here (first index among equals).
            let n = labels.len();
            let at = |i: usize, j: usize| d.get(i, j).unwrap();
            let first_by = |items: Vec<usize>, better: &dyn Fn(f64, f64) -> bool, a: usize| {
                items.into_iter().fold(None, |best: Option<usize>, j| match best {
                    Some(b) if !better(at(a, j), at(a, b)) => Some(b),
                    _ => Some(j),
                })
            };
            let (mut hard, mut semi) = (Vec::new(), Vec::new());
            for a in 0..n {
                let positives: Vec<usize> = (0..n).filter(|&j| j != a && labels[j] == labels[a]).collect();
                let negatives: Vec<usize> = (0..n).filter(|&j| labels[j] != labels[a]).collect();
                let far = first_by(negatives.clone(), &|x, y| x > y, a);
                if let (Some(p), Some(q)) = (first_by(positives.clone(), &|x, y| x > y, a), first_by(negatives.clone(), &|x, y| x < y, a)) {
                    hard.push((a, p, q));
                }
                for &p in &positives {
                    let beyond: Vec<usize> = negatives.iter().copied().filter(|&q| at(a, q) > at(a, p)).collect();
                    if let Some(q) = first_by(beyond, &|x, y| x < y, a).or(far) {
                        semi.push((a, p, q));
                    }
                }
            }
            let triples = |list: &[loss_lab::loss::metric::miners::Triplet]| list.iter().map(|t| (t.anchor, t.positive, t.negative)).collect::<Vec<_>>();
            assert_eq!(triples(&one.batch_hard), hard);
            assert_eq!(triples(&one.semi_hard), semi);
            let categories = categorize(&d, &labels, margin).unwrap();
            assert_eq!(one.stats.total(), categories.len());
        }
    }
}
