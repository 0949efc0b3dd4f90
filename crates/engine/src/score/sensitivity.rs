//! How stable the top of the list is when each weight moves ±20 %.

use std::collections::HashMap;

use super::rank::{rank, weighted_scores};
use super::scoring::Scoring;

impl Scoring {
    /// How stable the top `n` is when each weight moves ±`shift` (0.2 = 20 %).
    pub fn sensitivity(&self, n: usize, shift: f64) -> Sensitivity {
        self.sensitivity_input().run(n, shift)
    }

    /// What [`Scoring::sensitivity`] reads, borrowed; `into_owned` lets a front end
    /// run it without holding the scoring (the app's map tiles need it meanwhile).
    pub fn sensitivity_input(&self) -> SensitivityInput<'_> {
        SensitivityInput {
            sub: std::borrow::Cow::Borrowed(&self.sub),
            knockout: std::borrow::Cow::Borrowed(&self.knockout),
            weights: self.weights.clone(),
            scored: (0..self.weights.len())
                .map(|c| self.spatial.scored(c))
                .collect(),
            keys: self
                .profile
                .criteria
                .iter()
                .map(|c| c.key.clone())
                .collect(),
        }
    }
}

/// The sub-scores, knock-outs and weights the weight sensitivity works on.
pub struct SensitivityInput<'a> {
    sub: std::borrow::Cow<'a, [f32]>,
    knockout: std::borrow::Cow<'a, [u32]>,
    weights: Vec<f64>,
    scored: Vec<bool>,
    keys: Vec<String>,
}

impl SensitivityInput<'_> {
    /// A copy that no longer borrows the scoring (5 M sites: ~200 MB, copied in ~0.1 s).
    pub fn into_owned(self) -> SensitivityInput<'static> {
        SensitivityInput {
            sub: std::borrow::Cow::Owned(self.sub.into_owned()),
            knockout: std::borrow::Cow::Owned(self.knockout.into_owned()),
            weights: self.weights,
            scored: self.scored,
            keys: self.keys,
        }
    }

    /// Whether the top `n` stays when each weight moves by ±`shift` (0.2 = 20 %).
    pub fn run(&self, n: usize, shift: f64) -> Sensitivity {
        let current = weighted_scores(&self.sub, &self.knockout, &self.scored, &self.weights);
        let base = rank(&current, &self.knockout, n);
        let n = base.len();
        let mut per_criterion = Vec::new();
        let mut worst_rank: HashMap<u32, usize> =
            base.iter().enumerate().map(|(r, &s)| (s, r)).collect();
        for (c, key) in self.keys.iter().enumerate() {
            let mut overlaps = [0.0; 2];
            for (d, factor) in [1.0 - shift, 1.0 + shift].into_iter().enumerate() {
                let mut w = self.weights.clone();
                w[c] = (w[c] * factor).clamp(0.0, 100.0);
                let scores = weighted_scores(&self.sub, &self.knockout, &self.scored, &w);
                // Look a little deeper than n so a site that drops out still gets a rank.
                let deeper = rank(&scores, &self.knockout, (n * 3).max(n + 10));
                let pos: HashMap<u32, usize> =
                    deeper.iter().enumerate().map(|(r, &s)| (s, r)).collect();
                let kept = base
                    .iter()
                    .filter(|s| pos.get(s).is_some_and(|&r| r < n))
                    .count();
                overlaps[d] = if n == 0 { 1.0 } else { kept as f64 / n as f64 };
                for s in &base {
                    let r = pos.get(s).copied().unwrap_or(usize::MAX);
                    if let Some(wr) = worst_rank.get_mut(s) {
                        *wr = (*wr).max(r);
                    }
                }
            }
            per_criterion.push(CriterionShift {
                key: key.clone(),
                overlap_down: overlaps[0],
                overlap_up: overlaps[1],
            });
        }
        let sites = base
            .iter()
            .enumerate()
            .map(|(r, s)| {
                let worst = worst_rank.get(s).copied().unwrap_or(r);
                SiteStability {
                    site: *s,
                    rank: r + 1,
                    worst_rank: worst.checked_add(1),
                    stable: worst < n,
                }
            })
            .collect();
        Sensitivity {
            top_n: n,
            shift,
            per_criterion,
            sites,
        }
    }
}

/// Result of the ±shift weight test.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Sensitivity {
    pub top_n: usize,
    pub shift: f64,
    pub per_criterion: Vec<CriterionShift>,
    pub sites: Vec<SiteStability>,
}

/// Share of the top-N that stays when one weight goes down / up.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CriterionShift {
    pub key: String,
    pub overlap_down: f64,
    pub overlap_up: f64,
}

/// Whether a top site stays in the top-N under every shift ("stabiel") or not ("gevoelig").
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SiteStability {
    pub site: u32,
    pub rank: usize,
    /// Worst rank seen (1-based) within the depth looked at; `None` when deeper.
    pub worst_rank: Option<usize>,
    pub stable: bool,
}
