//! Throughput of the loss core (issue 3). Budgets that later figures need:
//! batch-all on 256 points in 2-D ≤ 2 ms; the 400 × 400 circle-loss grid ≤ 4 ms.
//!
//! Run: `CARGO_TARGET_DIR=/work/target-core cargo bench --bench loss -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use loss_lab::loss::Elementwise;
use loss_lab::loss::metric::BatchLoss;
use loss_lab::loss::classification::bce_with_logits_value_and_grad;
use loss_lab::chapters::circle::grid::loss_grid_into;
use loss_lab::loss::metric::circle::{Circle, Form};
use loss_lab::loss::metric::distance::{Embeddings, PairMatrix};
use loss_lab::loss::metric::batch_triplet::{BatchTriplet, Mining, TripletLoss};
use loss_lab::loss::metric::miners::{mine, Miner};
use loss_lab::loss::metric::Reduction;
use loss_lab::loss::multiclass::CrossEntropy;
use loss_lab::loss::regression::Regression;

#[path = "web/src/noise.rs"]
mod noise;
use noise::noise;

fn elementwise(c: &mut Criterion) {
    let n = 1_000_000;
    let pred = noise(n, 1).iter().map(|v| 3.0 * v).collect::<Vec<_>>();
    let target = noise(n, 2);
    let labels: Vec<f64> = noise(n, 3).iter().map(|v| if *v > 0.0 { 1.0 } else { 0.0 }).collect();
    let mut g = c.benchmark_group("elementwise_1M");
    g.throughput(Throughput::Elements(n as u64));
    g.bench_function("mse_value_and_grad", |b| b.iter(|| Regression::Mse.value_and_grad(black_box(&pred), black_box(&target))));
    let huber = Regression::huber(1.0).unwrap();
    g.bench_function("huber_value_and_grad", |b| b.iter(|| huber.value_and_grad(black_box(&pred), black_box(&target))));
    // The same, into a buffer the caller keeps (what a training loop and `cargo xtask bench` call).
    let mut grad = vec![0.0; n];
    g.bench_function("mse_value_and_grad_into", |b| b.iter(|| Regression::Mse.value_and_grad_into(black_box(&pred), black_box(&target), &mut grad)));
    g.bench_function("huber_value_and_grad_into", |b| b.iter(|| huber.value_and_grad_into(black_box(&pred), black_box(&target), &mut grad)));
    // The floor for a value + gradient over 1M pairs: read x and t, write one output, sum it.
    let mut out = vec![0.0; n];
    g.bench_function("memory_pass", |b| {
        b.iter(|| {
            let mut sum = 0.0;
            for ((o, &a), &t) in out.iter_mut().zip(black_box(&pred)).zip(black_box(&target)) {
                *o = a - t;
                sum += *o;
            }
            sum
        })
    });
    g.bench_function("bce_with_logits_value_and_grad", |b| b.iter(|| bce_with_logits_value_and_grad(black_box(&pred), black_box(&labels))));
    g.finish();
}

fn cross_entropy(c: &mut Criterion) {
    let (rows, classes) = (10_000, 100);
    let logits: Vec<f64> = noise(rows * classes, 4).iter().map(|v| 5.0 * v).collect();
    let target: Vec<usize> = (0..rows).map(|i| (i * 7919) % classes).collect();
    let ce = CrossEntropy::new(0.1).unwrap();
    let mut g = c.benchmark_group("cross_entropy_10000x100");
    g.throughput(Throughput::Elements((rows * classes) as u64));
    g.bench_function("value", |b| b.iter(|| ce.value(black_box(&logits), classes, black_box(&target))));
    g.bench_function("value_and_grad", |b| b.iter(|| ce.value_and_grad(black_box(&logits), classes, black_box(&target))));
    let mut grad = vec![0.0; logits.len()];
    g.bench_function("value_and_grad_into", |b| b.iter(|| ce.value_and_grad_into(black_box(&logits), classes, black_box(&target), &mut grad)));
    g.finish();
}

fn batch_all(c: &mut Criterion) {
    let labels: Vec<usize> = (0..256).map(|i| i / 16).collect();
    let mut g = c.benchmark_group("batch_all_256_points_16x16");
    for dim in [2usize, 128] {
        let emb = Embeddings::new(noise(256 * dim, 5 + dim as u64), dim).unwrap();
        let loss = BatchTriplet::new(0.2, Reduction::MeanNonZero, true, Mining::All).unwrap();
        g.bench_function(format!("{dim}d_fused_value"), |b| b.iter(|| loss.value(black_box(&emb), &labels)));
        g.bench_function(format!("{dim}d_fused_value_and_grad"), |b| b.iter(|| loss.value_and_grad(black_box(&emb), &labels)));
        // The miner/loss split: mine the index triplets (921,600 of them), then score them.
        let scorer = TripletLoss::new(0.2, Reduction::MeanNonZero, true).unwrap();
        g.bench_function(format!("{dim}d_miner_then_loss_value_and_grad"), |b| {
            b.iter(|| {
                let d = PairMatrix::euclidean(black_box(&emb), true);
                let t = mine(&d, &labels, Miner::AllValid).unwrap();
                scorer.value_and_grad(&emb, &t)
            })
        });
    }
    g.finish();
}

fn circle_grid(c: &mut Criterion) {
    let circle = Circle::new(80.0, 0.4).unwrap();
    let mut buf = vec![0.0; 400 * 400];
    let mut g = c.benchmark_group("circle_grid_400x400");
    g.throughput(Throughput::Elements(400 * 400));
    g.bench_function("grid_into", |b| b.iter(|| loss_grid_into(&circle, (-1.0, 1.0), (-1.0, 1.0), 400, 400, black_box(&mut buf))));
    let web = Circle::new(256.0, 0.25).unwrap();
    g.bench_function("grid_into_gamma_256_m_0_25", |b| b.iter(|| loss_grid_into(&web, (-1.0, 1.0), (-1.0, 1.0), 400, 400, black_box(&mut buf))));
    let big = Circle::new(512.0, 0.25).unwrap();
    g.bench_function("grid_into_gamma_512", |b| b.iter(|| loss_grid_into(&big, (-1.0, 1.0), (-1.0, 1.0), 400, 400, black_box(&mut buf))));
    // What the circle chapter's plane computes per γ or m step: the heat map's RGBA levels.
    g.bench_function("heat_map_rgba", |b| b.iter(|| loss_lab::chapters::circle::plane::data::heat(black_box(&circle), Form::Circle)));
    g.finish();
}

/// What the mining chapter reads per training frame of a 16 × 16 batch: distances, every triplet's
/// category, both miners' lists with checksums, the losses and the heat map.
fn mining_analysis(c: &mut Criterion) {
    use loss_lab::chapters::mining::analysis::Analysis;
    let b = loss_lab::chapters::mining::generator::batch(16, 16, 1, 0.6);
    let mut g = c.benchmark_group("mining_analysis_16x16");
    g.bench_function("analysis", |bench| bench.iter(|| Analysis::of(black_box(b.points.clone()), &b.labels, 0.2, Reduction::MeanNonZero)));
    g.finish();
}

criterion_group!(benches, elementwise, cross_entropy, batch_all, circle_grid, mining_analysis);
criterion_main!(benches);
