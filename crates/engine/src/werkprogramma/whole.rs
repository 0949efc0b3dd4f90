//! Whole persons and homes that add up: a table of rounded rows whose total is
//! rounded once (largest remainder), so no printed row contradicts its total.

/// Whole numbers near `exact` (each its floor or ceiling where the target
/// allows) that add up to `target`: the floors first, then one more to the
/// largest remainders, the earlier row first on a tie.
pub(crate) fn apportion(exact: &[f64], target: f64) -> Vec<f64> {
    let clean: Vec<f64> = exact
        .iter()
        .map(|v| if v.is_finite() { v.max(0.0) } else { 0.0 })
        .collect();
    let mut whole: Vec<f64> = clean.iter().map(|v| v.floor()).collect();
    if clean.is_empty() {
        return whole;
    }
    let target = if target.is_finite() {
        target.round().max(0.0)
    } else {
        0.0
    };
    let mut order: Vec<usize> = (0..clean.len()).collect();
    // Largest remainder first; the earlier row first on a tie.
    order.sort_by(|&a, &b| {
        (clean[b] - whole[b])
            .total_cmp(&(clean[a] - whole[a]))
            .then(a.cmp(&b))
    });
    let mut sum: f64 = whole.iter().sum();
    let mut k = 0;
    while sum < target {
        whole[order[k % order.len()]] += 1.0;
        sum += 1.0;
        k += 1;
    }
    // Too much (a target below the floors): take from the smallest remainders.
    let mut k = order.len();
    while sum > target {
        let i = order[(k - 1) % order.len()];
        if whole[i] >= 1.0 {
            whole[i] -= 1.0;
            sum -= 1.0;
        }
        k = if k == 1 { order.len() } else { k - 1 };
        if whole.iter().all(|w| *w < 1.0) {
            break;
        }
    }
    whole
}

/// The exact sum rounded once, half up.
pub(crate) fn rounded_sum(exact: &[f64]) -> f64 {
    (exact.iter().filter(|v| v.is_finite()).sum::<f64>() + 1e-9).round()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_add_up_to_the_total() {
        // A backlog of 10 over three periods: 4, 3, 3 (not 3, 3, 3).
        assert_eq!(apportion(&[10.0 / 3.0; 3], 10.0), vec![4.0, 3.0, 3.0]);
        // Three lines of 0,4 persons: 1,2 rounds to 1 person, on the first line.
        assert_eq!(
            apportion(&[0.4; 3], rounded_sum(&[0.4; 3])),
            vec![1.0, 0.0, 0.0]
        );
        // The ambition's parts add up to the ambition rounded up: 11,2 + 9,6 + 7,0 → 28.
        assert_eq!(apportion(&[11.2, 9.6, 7.0], 28.0), vec![11.0, 10.0, 7.0]);
        assert_eq!(apportion(&[2.0, 3.0], 5.0), vec![2.0, 3.0]);
        assert_eq!(apportion(&[], 3.0), Vec::<f64>::new());
        assert_eq!(apportion(&[1.5, 1.5], 2.0), vec![1.0, 1.0]);
    }
}
