//! Reference values from PyTorch 2.x and pytorch-metric-learning 2.9 (tests/fixtures/*.json, made by
//! reference/make_fixtures.py in float64; each case's "call" field is the PyTorch expression that
//! produced its numbers). Where Loss Lab is deliberately exact where PyTorch clamps, the case holds
//! both: we check our exact "value"/"grad", and that "torch_value"/"torch_grad" really differ.

use loss_lab::loss::Elementwise;
use loss_lab::loss::metric::BatchLoss;
use loss_lab::loss::classification::{bce, bce_grad, bce_with_logits_value_and_grad, Margin};
use loss_lab::loss::divergence::{cross_entropy_logits_value_and_grad, cross_entropy_value_and_grad, entropy, Kl};
use loss_lab::loss::extras::Focal;
use loss_lab::loss::metric::circle::{BatchCircle, Circle};
use loss_lab::loss::metric::contrastive::{BatchContrastive, Contrastive, ContrastiveForm};
use loss_lab::loss::metric::distance::{Embeddings, PairMatrix};
use loss_lab::loss::metric::batch_triplet::{BatchTriplet, Mining};
use loss_lab::loss::metric::miners::{mine, Miner, MinerKind, Triplet};
use loss_lab::loss::metric::ntxent::NtXent;
use loss_lab::loss::metric::triplet::TripletMargin;
use loss_lab::loss::metric::Reduction;
use loss_lab::loss::multiclass::{CrossEntropy, MultiMargin};
use loss_lab::loss::multilabel::MultiLabel;
use loss_lab::loss::regression::Regression;
use serde_json::Value;

fn load(name: &str) -> Vec<Value> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let v: Value = serde_json::from_str(&text).unwrap();
    assert!(v["meta"]["torch"].as_str().unwrap().starts_with('2'), "fixtures come from PyTorch 2.x");
    v["cases"].as_array().unwrap().clone()
}

/// A number, or "inf" / "-inf" / "nan".
fn num(v: &Value) -> f64 {
    match v {
        Value::Number(n) => n.as_f64().unwrap(),
        Value::String(s) if s == "inf" => f64::INFINITY,
        Value::String(s) if s == "-inf" => f64::NEG_INFINITY,
        Value::String(s) if s == "nan" => f64::NAN,
        other => panic!("not a number: {other}"),
    }
}

fn nums(v: &Value) -> Vec<f64> {
    v.as_array().unwrap_or_else(|| panic!("not an array: {v}")).iter().map(num).collect()
}

fn param(c: &Value, k: &str) -> f64 {
    num(&c["params"][k])
}

/// |a − b| ≤ rel·max(|a|, |b|) + abs, with equal infinities accepted.
fn near(a: f64, b: f64, rel: f64, abs: f64) -> bool {
    if a.is_infinite() || b.is_infinite() {
        return a == b;
    }
    (a - b).abs() <= rel * a.abs().max(b.abs()) + abs
}

fn check(what: &str, got: f64, want: f64, rel: f64, abs: f64) {
    assert!(near(got, want, rel, abs), "{what}: got {got:e}, PyTorch {want:e}");
}

fn check_all(what: &str, got: &[f64], want: &[f64], rel: f64, abs: f64) {
    assert_eq!(got.len(), want.len(), "{what}: length");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        check(&format!("{what}[{i}]"), *g, *w, rel, abs);
    }
}

const REL: f64 = 1e-12;
const ABS: f64 = 1e-15;

#[test]
fn regression_matches_pytorch() {
    let cases = load("regression.json");
    assert!(cases.len() >= 15);
    for c in &cases {
        let loss = match c["loss"].as_str().unwrap() {
            "me" => Regression::Me,
            "mse" => Regression::Mse,
            "mae" => Regression::Mae,
            "rmse" => Regression::Rmse,
            "huber" => Regression::huber(param(c, "delta")).unwrap(),
            "smooth_l1" => Regression::smooth_l1(param(c, "beta")).unwrap(),
            "log_cosh" => Regression::LogCosh,
            "quantile" => Regression::quantile(param(c, "tau")).unwrap(),
            other => panic!("unknown {other}"),
        };
        let call = c["call"].as_str().unwrap();
        let (v, g) = loss.value_and_grad(&nums(&c["pred"]), &nums(&c["target"])).unwrap();
        check(call, v, num(&c["value"]), REL, ABS);
        check_all(call, &g, &nums(&c["grad"]), REL, ABS);
        if c.get("torch_grad").is_some() {
            // RMSE at zero: PyTorch's gradient is NaN, ours 0.
            assert!(nums(&c["torch_grad"]).iter().all(|x| x.is_nan()), "{call}");
        }
    }
}

#[test]
fn binary_matches_pytorch() {
    for c in &load("binary.json") {
        let call = c["call"].as_str().unwrap();
        let (x, y) = (nums(&c["x"]), nums(&c["y"]));
        let (v, g) = match c["loss"].as_str().unwrap() {
            "bce" => (bce(&x, &y).unwrap(), bce_grad(&x, &y).unwrap()),
            "bce_with_logits" => bce_with_logits_value_and_grad(&x, &y).unwrap(),
            "hinge" => Margin::Hinge.value_and_grad(&x, &y).unwrap(),
            "squared_hinge" => Margin::SquaredHinge.value_and_grad(&x, &y).unwrap(),
            "logistic" => Margin::Logistic.value_and_grad(&x, &y).unwrap(),
            "focal" => Focal::new(param(c, "alpha"), param(c, "gamma")).unwrap().value_and_grad(&x, &y).unwrap(),
            other => panic!("unknown {other}"),
        };
        check(call, v, num(&c["value"]), REL, ABS);
        check_all(call, &g, &nums(&c["grad"]), REL, ABS);
        if let Some(tv) = c.get("torch_value") {
            // PyTorch's clamp: a finite value where ours is +∞, or a 0 gradient where ours is ±1/n.
            let differs = num(tv) != v || nums(&c["torch_grad"]) != g;
            assert!(differs, "{call}: the documented PyTorch difference should show");
        }
    }
}

#[test]
fn bce_with_logits_tail_is_exact_where_pytorch_rounds() {
    // PyTorch's gradient sigmoid(50) − 1 rounds to 0; ours is −σ(−50) = −1.9287e−22.
    let (_, g) = bce_with_logits_value_and_grad(&[50.0], &[1.0]).unwrap();
    check("∂/∂x at x = 50, y = 1", g[0], -1.928749847963918e-22, 1e-15, 0.0);
}

#[test]
fn multiclass_matches_pytorch() {
    for c in &load("multiclass.json") {
        let call = c["call"].as_str().unwrap();
        let classes = c["classes"].as_u64().unwrap() as usize;
        let x = nums(&c["x"]);
        let y: Vec<usize> = c["y"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap() as usize).collect();
        let (v, g) = match c["loss"].as_str().unwrap() {
            "cross_entropy" => CrossEntropy::new(param(c, "label_smoothing")).unwrap().value_and_grad(&x, classes, &y).unwrap(),
            "multi_margin" => MultiMargin::new(param(c, "p") as u8, param(c, "margin")).unwrap().value_and_grad(&x, classes, &y).unwrap(),
            other => panic!("unknown {other}"),
        };
        check(call, v, num(&c["value"]), REL, 1e-13);
        check_all(call, &g, &nums(&c["grad"]), REL, ABS);
    }
}

#[test]
fn multilabel_matches_pytorch() {
    for c in &load("multilabel.json") {
        let call = c["call"].as_str().unwrap();
        let classes = c["classes"].as_u64().unwrap() as usize;
        let loss = match c["loss"].as_str().unwrap() {
            "sigmoid_bce" => MultiLabel::SigmoidBce,
            "softmax_normalised" => MultiLabel::SoftmaxNormalised,
            other => panic!("unknown {other}"),
        };
        let (v, g) = loss.value_and_grad(&nums(&c["x"]), classes, &nums(&c["y"])).unwrap();
        check(call, v, num(&c["value"]), REL, ABS);
        check_all(call, &g, &nums(&c["grad"]), REL, ABS);
    }
}

#[test]
fn divergence_matches_pytorch() {
    for c in &load("divergence.json") {
        let call = c["call"].as_str().unwrap();
        let (p, q) = (nums(&c["p"]), nums(&c["q"]));
        let (v, g) = match c["loss"].as_str().unwrap() {
            "kl_forward" => Kl::Forward.value_and_grad(&p, &q).unwrap(),
            "kl_reverse" => Kl::Reverse.value_and_grad(&p, &q).unwrap(),
            "cross_entropy" => cross_entropy_value_and_grad(&p, &q).unwrap(),
            "entropy" => (entropy(&p).unwrap(), Vec::new()),
            "kl_forward_logits" => Kl::Forward.value_and_grad_logits(&p, &q).unwrap(),
            "kl_reverse_logits" => Kl::Reverse.value_and_grad_logits(&p, &q).unwrap(),
            "cross_entropy_logits" => cross_entropy_logits_value_and_grad(&p, &q).unwrap(),
            other => panic!("unknown {other}"),
        };
        check(call, v, num(&c["value"]), REL, 1e-14);
        if !c["grad"].is_null() {
            check_all(call, &g, &nums(&c["grad"]), REL, 1e-14);
        }
        if c.get("torch_grad").is_some() {
            assert!(nums(&c["torch_grad"]).iter().any(|x| x.is_nan()), "{call}: PyTorch's NaN is documented");
        }
    }
}

fn embeddings(c: &Value) -> (Embeddings, Vec<usize>) {
    let dim = c["dim"].as_u64().unwrap() as usize;
    let e = Embeddings::new(nums(&c["embeddings"]), dim).unwrap();
    let labels = c["labels"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap() as usize).collect();
    (e, labels)
}

fn reduction(c: &Value) -> Reduction {
    match c["params"]["reduction"].as_str().unwrap() {
        "mean" => Reduction::Mean,
        "mean_non_zero" => Reduction::MeanNonZero,
        other => panic!("unknown reduction {other}"),
    }
}

#[test]
fn metric_matches_pytorch_metric_learning() {
    let cases = load("metric.json");
    let mut seen = std::collections::BTreeSet::new();
    for c in &cases {
        let call = c["call"].as_str().unwrap();
        let kind = c["loss"].as_str().unwrap();
        seen.insert(kind.to_string());
        // Through normalisation and cosine the reference and we round differently: 1e−10 relative.
        let (rel, abs) = (1e-10, 1e-13);
        match kind {
            "triplet" => {
                let t = TripletMargin::new(param(c, "margin")).unwrap();
                let (a, p, n) = (nums(&c["a"]), nums(&c["p"]), nums(&c["n"]));
                let (v, g) = t.value_and_grad(&a, &p, &n).unwrap();
                if param(c, "eps") == 0.0 {
                    check(call, v, num(&c["value"]), REL, ABS);
                    check_all(call, &g.anchor, &nums(&c["grad_a"]), REL, ABS);
                    check_all(call, &g.positive, &nums(&c["grad_p"]), REL, ABS);
                    check_all(call, &g.negative, &nums(&c["grad_n"]), REL, ABS);
                } else {
                    // PyTorch's default eps = 1e−6 inside the norm: a difference of order 1e−6, not 0.
                    let diff = (v - num(&c["value"])).abs();
                    assert!(v == 0.0 || (diff > 1e-9 && diff < 1e-5), "{call}: eps difference {diff:e}");
                }
            }
            "contrastive_pair" => {
                let form = if c["params"]["squared"].as_bool().unwrap() { ContrastiveForm::Squared } else { ContrastiveForm::Article };
                let l = Contrastive::new(param(c, "margin"), form).unwrap();
                let similar = c["params"]["similar"].as_bool().unwrap();
                let (v, g) = l.value_and_grad(&nums(&c["a"]), &nums(&c["p"]), similar).unwrap();
                check(call, v, num(&c["value"]), REL, ABS);
                check_all(call, &g.x1, &nums(&c["grad_a"]), REL, ABS);
                check_all(call, &g.x2, &nums(&c["grad_p"]), REL, ABS);
            }
            "batch_all" | "batch_hard" => {
                let (e, labels) = embeddings(c);
                let mining = if kind == "batch_all" { Mining::All } else { Mining::Hard };
                let normalize = c["params"]["normalize"].as_bool().unwrap();
                let l = BatchTriplet::new(param(c, "margin"), reduction(c), normalize, mining).unwrap();
                let (v, g) = l.value_and_grad(&e, &labels).unwrap();
                check(call, v, num(&c["value"]), rel, abs);
                check_all(call, &g, &nums(&c["grad"]), rel, abs);
            }
            "batch_contrastive" => {
                let (e, labels) = embeddings(c);
                let l = BatchContrastive::new(param(c, "pos_margin"), param(c, "neg_margin"), c["params"]["normalize"].as_bool().unwrap()).unwrap();
                let (v, g) = l.value_and_grad(&e, &labels).unwrap();
                check(call, v, num(&c["value"]), rel, abs);
                check_all(call, &g, &nums(&c["grad"]), rel, abs);
            }
            "batch_circle" => {
                let (e, labels) = embeddings(c);
                let l = BatchCircle::new(param(c, "gamma"), param(c, "m")).unwrap();
                let (v, g) = l.value_and_grad(&e, &labels).unwrap();
                check(call, v, num(&c["value"]), rel, abs);
                check_all(call, &g, &nums(&c["grad"]), rel, 1e-12);
            }
            "ntxent" => {
                let (e, labels) = embeddings(c);
                let l = NtXent::new(param(c, "temperature")).unwrap();
                let (v, g) = l.value_and_grad(&e, &labels).unwrap();
                check(call, v, num(&c["value"]), rel, abs);
                check_all(call, &g, &nums(&c["grad"]), rel, abs);
            }
            "circle_pair" | "circle_pair_alpha_grad" => {
                let l = Circle::new(param(c, "gamma"), param(c, "m")).unwrap();
                let (sp, sn) = (nums(&c["s_p"]), nums(&c["s_n"]));
                let v = l.value(&sp, &sn).unwrap();
                let g = if kind == "circle_pair" { l.grad(&sp, &sn).unwrap() } else { l.grad_alpha_differentiated(&sp, &sn).unwrap() };
                check(call, v, num(&c["value"]), REL, ABS);
                check_all(call, &g.s_p, &nums(&c["grad_p"]), REL, ABS);
                check_all(call, &g.s_n, &nums(&c["grad_n"]), REL, ABS);
            }
            "miner" => {
                let (e, labels) = embeddings(c);
                let d = PairMatrix::euclidean(&e, false);
                let miner = match c["params"]["kind"].as_str().unwrap() {
                    "batch_hard" => Miner::BatchHard,
                    k => Miner::TripletMargin {
                        margin: param(c, "margin"),
                        kind: match k {
                            "all" => MinerKind::All,
                            "hard" => MinerKind::Hard,
                            "semihard" => MinerKind::SemiHard,
                            "easy" => MinerKind::Easy,
                            other => panic!("unknown {other}"),
                        },
                    },
                };
                let got = mine(&d, &labels, miner).unwrap();
                let want: Vec<Triplet> = c["triplets"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|t| {
                        let t: Vec<usize> = t.as_array().unwrap().iter().map(|v| v.as_u64().unwrap() as usize).collect();
                        Triplet { anchor: t[0], positive: t[1], negative: t[2] }
                    })
                    .collect();
                assert_eq!(got, want, "{call}");
            }
            other => panic!("unknown {other}"),
        }
    }
    for k in ["triplet", "contrastive_pair", "batch_all", "batch_hard", "batch_contrastive", "batch_circle", "ntxent", "circle_pair", "circle_pair_alpha_grad", "miner"] {
        assert!(seen.contains(k), "fixtures have no {k} case");
    }
}

#[test]
fn miner_ties_are_categorised_as_in_section_8() {
    // The tie batch of the fixtures: anchor (0,0), positive (3,4): d_ap = 5; margin 1.
    let cases = load("metric.json");
    let semihard = cases
        .iter()
        .find(|c| c["loss"] == "miner" && c["params"]["kind"] == "semihard")
        .unwrap();
    let t = |a, p, n| vec![a, p, n];
    let listed: Vec<Vec<u64>> = semihard["triplets"].as_array().unwrap().iter().map(|v| v.as_array().unwrap().iter().map(|x| x.as_u64().unwrap()).collect()).collect();
    // d_an = d_ap + margin (6 = 5 + 1) is semi-hard; d_an = d_ap (5 = 5) is hard, so not listed.
    assert!(listed.contains(&t(0, 1, 3)));
    assert!(!listed.contains(&t(0, 1, 2)));
}
