//! Clipping polylines to a chart's y range, so a curve that leaves the plot is cut at the border
//! (not flattened against it, and never drawn over the axis labels).

/// Splits `points` into the runs that lie inside `y_min ..= y_max`, with the crossing points
/// interpolated onto the border. Non-finite y values break the line (±∞ counts as beyond the border).
pub fn clip_to_y(points: &[(f64, f64)], y_min: f64, y_max: f64) -> Vec<Vec<(f64, f64)>> {
    let mut runs: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut current: Vec<(f64, f64)> = Vec::new();
    for pair in points.windows(2) {
        let [a, b] = [pair[0], pair[1]];
        match clip_segment(a, b, y_min, y_max) {
            Some((start, end)) => {
                if current.last() != Some(&start) {
                    if current.len() > 1 {
                        runs.push(std::mem::take(&mut current));
                    }
                    current.clear();
                    current.push(start);
                }
                current.push(end);
            }
            None => {
                if current.len() > 1 {
                    runs.push(std::mem::take(&mut current));
                }
                current.clear();
            }
        }
    }
    if current.len() > 1 {
        runs.push(current);
    }
    if runs.is_empty() {
        // A single point inside the range still deserves to be seen.
        if let [only] = points {
            if only.1.is_finite() && only.1 >= y_min && only.1 <= y_max {
                runs.push(vec![*only, *only]);
            }
        }
    }
    runs
}

/// The part of segment a→b inside the y band, or `None`.
fn clip_segment(a: (f64, f64), b: (f64, f64), y_min: f64, y_max: f64) -> Option<((f64, f64), (f64, f64))> {
    if a.1.is_nan() || b.1.is_nan() || !a.0.is_finite() || !b.0.is_finite() {
        return None;
    }
    if !a.1.is_finite() || !b.1.is_finite() {
        // An infinite end: keep the finite end only if it is inside (a vertical run to the border).
        return match (a.1.is_finite(), b.1.is_finite()) {
            (true, false) if (y_min..=y_max).contains(&a.1) => {
                let border = if b.1 > 0.0 { y_max } else { y_min };
                Some((a, (a.0, border)))
            }
            (false, true) if (y_min..=y_max).contains(&b.1) => {
                let border = if a.1 > 0.0 { y_max } else { y_min };
                Some(((b.0, border), b))
            }
            _ => None,
        };
    }
    let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
    let dy = b.1 - a.1;
    for (p, q) in [(-dy, a.1 - y_min), (dy, y_max - a.1)] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    if t0 > t1 {
        return None;
    }
    let at = |t: f64| {
        if t == 0.0 {
            a
        } else if t == 1.0 {
            b
        } else {
            (a.0 + t * (b.0 - a.0), (a.1 + t * dy).clamp(y_min, y_max))
        }
    };
    Some((at(t0), at(t1)))
}

#[cfg(test)]
mod tests {
    use super::clip_to_y;

    #[test]
    fn keeps_inside_cuts_outside_and_interpolates_crossings() {
        let line = [(0.0, 0.0), (1.0, 2.0), (2.0, 4.0), (3.0, 2.0), (4.0, 0.0)];
        let runs = clip_to_y(&line, -1.0, 3.0);
        assert_eq!(runs, vec![vec![(0.0, 0.0), (1.0, 2.0), (1.5, 3.0)], vec![(2.5, 3.0), (3.0, 2.0), (4.0, 0.0)]]);
    }

    #[test]
    fn fully_outside_gives_nothing_and_infinities_break_lines() {
        assert!(clip_to_y(&[(0.0, 10.0), (1.0, 11.0)], 0.0, 1.0).is_empty());
        let runs = clip_to_y(&[(0.0, 0.5), (1.0, f64::INFINITY), (2.0, 0.5), (3.0, 0.25)], 0.0, 1.0);
        assert_eq!(runs, vec![vec![(0.0, 0.5), (0.0, 1.0)], vec![(2.0, 1.0), (2.0, 0.5), (3.0, 0.25)]]);
        assert!(clip_to_y(&[(0.0, f64::NAN), (1.0, 0.5)], 0.0, 1.0).is_empty());
    }
}
