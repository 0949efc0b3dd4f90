//! Scoring: each site's facts (homes, term, grid, owner, function, status, year)
//! are read once from the layers and their joins, turned into per-criterion
//! sub-scores (0–100) by the profile's curves, and kept. A weight change then
//! only redoes a weighted sum — milliseconds for a million sites.
//!
//! `joins` and `facts` read what the criteria need about a site, `sub_score`
//! turns it into sub-scores, `scoring` keeps them ([`Scoring`]) and `rank`
//! weighs and orders them; on top of that `query` builds the candidate list,
//! `detail` explains one site, `sensitivity` tests the weights and `linked`
//! finds a listing's best-scoring site.

mod detail;
mod facts;
mod joins;
mod linked;
mod query;
mod rank;
mod scoring;
mod sensitivity;
mod sub_score;

pub use detail::{CriterionScore, SiteDetail};
pub use facts::{disposal_words, SiteFacts, Term};
pub use linked::LinkedScore;
pub use query::{ListQuery, SiteFilter, SortKey};
pub use scoring::{ScoreError, Scoring};
pub use sensitivity::{CriterionShift, Sensitivity, SensitivityInput, SiteStability};

#[cfg(test)]
mod tests {
    use locatiescout_model::nl::nl_number;

    #[test]
    fn dutch_numbers() {
        assert_eq!(nl_number(1234.56, 1), "1.234,6");
        assert_eq!(nl_number(1.2, 1), "1,2");
        assert_eq!(nl_number(36.0, 0), "36");
        assert_eq!(nl_number(1_000_000.0, 0), "1.000.000");
    }
}
