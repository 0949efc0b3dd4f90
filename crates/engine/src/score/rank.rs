//! Scores from sub-scores and weights, and the ranking: what a weight change
//! redoes, and what the weight sensitivity repeats.

use rayon::prelude::*;

/// Every site's score under `weights`: a knocked-out site 0, else the weighted
/// mean of its sub-scores, where a criterion that cannot be scored gives its
/// weight to the others.
pub(super) fn weighted_scores(
    sub: &[f32],
    knockout: &[u32],
    scored: &[bool],
    weights: &[f64],
) -> Vec<f32> {
    let k = weights.len();
    let weights: Vec<f64> = weights
        .iter()
        .enumerate()
        .map(|(c, w)| {
            if scored.get(c).copied().unwrap_or(true) {
                *w
            } else {
                0.0
            }
        })
        .collect();
    let total: f64 = weights.iter().sum();
    let wf: Vec<f32> = weights
        .iter()
        .map(|x| if total > 0.0 { (x / total) as f32 } else { 0.0 })
        .collect();
    (0..knockout.len())
        .into_par_iter()
        .map(|i| {
            if knockout[i] != 0 {
                0.0
            } else {
                sub[i * k..(i + 1) * k]
                    .iter()
                    .zip(&wf)
                    .map(|(s, w)| s * w)
                    .sum()
            }
        })
        .collect()
}

/// The best `n` site indices, best first: knocked-out sites last, ties by index.
pub(super) fn rank(scores: &[f32], knockout: &[u32], n: usize) -> Vec<u32> {
    let cmp = |a: &u32, b: &u32| {
        let (a, b) = (*a as usize, *b as usize);
        (knockout[a] != 0)
            .cmp(&(knockout[b] != 0))
            .then(scores[b].total_cmp(&scores[a]))
            .then(a.cmp(&b))
    };
    let mut idx: Vec<u32> = (0..scores.len() as u32).collect();
    let n = n.min(idx.len());
    if n == 0 {
        return Vec::new();
    }
    if n < idx.len() {
        idx.select_nth_unstable_by(n - 1, cmp);
        idx.truncate(n);
    }
    idx.sort_unstable_by(cmp);
    idx
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rank_puts_knockouts_last_and_is_deterministic() {
        let scores = [50.0, 80.0, 80.0, 0.0, 90.0];
        let ko = [0, 0, 0, 1, 1];
        assert_eq!(rank(&scores, &ko, 5), vec![1, 2, 0, 4, 3]);
        assert_eq!(rank(&scores, &ko, 2), vec![1, 2]);
    }
}
