//! Seeded batches of P classes × K points in the plane: class centres spread over the plane, each
//! class's points scattered around its centre. The same seed gives the same batch on every machine
//! (a 64-bit linear congruential generator and Marsaglia's polar method; no platform randomness).

/// A labelled batch: points in class order (point i has label i / K).
#[derive(Debug, Clone, PartialEq)]
pub struct Batch {
    pub points: Vec<(f64, f64)>,
    pub labels: Vec<usize>,
}

/// Uniform numbers in [0, 1) from a seed.
struct Uniform(u64);

impl Uniform {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Two independent standard normal numbers (Marsaglia's polar method).
    fn normal_pair(&mut self) -> (f64, f64) {
        loop {
            let (u, v) = (2.0 * self.next() - 1.0, 2.0 * self.next() - 1.0);
            let s = u * u + v * v;
            if s > 0.0 && s < 1.0 {
                let f = (-2.0 * s.ln() / s).sqrt();
                return (u * f, v * f);
            }
        }
    }
}

/// `classes` × `per_class` points: centres uniform in [−2, 2] × [−1.5, 1.5], each point its centre
/// plus normal noise of standard deviation `spread`, kept inside [−2.9, 2.9] × [−1.9, 1.9].
pub fn batch(classes: usize, per_class: usize, seed: u32, spread: f64) -> Batch {
    let mut random = Uniform(u64::from(seed) ^ 0x9e37_79b9_7f4a_7c15);
    let mut points = Vec::with_capacity(classes * per_class);
    let mut labels = Vec::with_capacity(classes * per_class);
    for class in 0..classes {
        let centre = (4.0 * random.next() - 2.0, 3.0 * random.next() - 1.5);
        for _ in 0..per_class {
            let (dx, dy) = random.normal_pair();
            points.push(((centre.0 + spread * dx).clamp(-2.9, 2.9), (centre.1 + spread * dy).clamp(-1.9, 1.9)));
            labels.push(class);
        }
    }
    Batch { points, labels }
}
