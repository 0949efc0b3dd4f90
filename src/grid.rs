//! A first, rule-based reading of Dutch grid-connection notes ("geen
//! transportcapaciteit tot 2029", "wachtrij", "aansluiting aanwezig") and of
//! RVB's Groen/Oranje/Rood rating. The full grid capability (capaciteitskaart
//! areas) builds on this status.

use std::fmt;

/// What a note says about connecting a cluster of homes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum GridStatus {
    /// A connection exists or capacity is available (RVB: Groen).
    Available,
    /// Capacity is limited (RVB: Oranje); optionally until a year.
    Limited { until_year: Option<i32> },
    /// No transport capacity / in the operator's queue; optionally until a year.
    Queue { until_year: Option<i32> },
    /// A connection has been requested; outcome unknown.
    Requested { year: Option<i32> },
    /// No connection on site yet.
    NotConnected,
    /// No note, or a note we cannot read.
    Unknown,
}

impl GridStatus {
    /// Stable key used in profiles (`categories`) and exports.
    pub fn key(self) -> &'static str {
        match self {
            GridStatus::Available => "available",
            GridStatus::Limited { .. } => "limited",
            GridStatus::Queue { .. } => "queue",
            GridStatus::Requested { .. } => "requested",
            GridStatus::NotConnected => "not_connected",
            GridStatus::Unknown => "unknown",
        }
    }
}

impl fmt::Display for GridStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GridStatus::Available => f.write_str("aansluiting aanwezig"),
            GridStatus::Limited {
                until_year: Some(y),
            } => write!(f, "beperkt tot {y}"),
            GridStatus::Limited { until_year: None } => f.write_str("beperkte capaciteit"),
            GridStatus::Queue {
                until_year: Some(y),
            } => write!(f, "wachtrij tot {y}"),
            GridStatus::Queue { until_year: None } => f.write_str("wachtrij (geen jaar bekend)"),
            GridStatus::Requested { year: Some(y) } => write!(f, "aangevraagd ({y})"),
            GridStatus::Requested { year: None } => f.write_str("aangevraagd"),
            GridStatus::NotConnected => f.write_str("geen aansluiting"),
            GridStatus::Unknown => f.write_str("onbekend"),
        }
    }
}

/// The largest plausible year (2000–2100) written in the note.
fn year_in(text: &str) -> Option<i32> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|t| t.len() == 4)
        .filter_map(|t| t.parse::<i32>().ok())
        .filter(|y| (2000..=2100).contains(y))
        .max()
}

/// Classifies a free-text note. Order matters: negations before "aanwezig".
pub fn classify_note(note: Option<&str>) -> GridStatus {
    let Some(note) = note else {
        return GridStatus::Unknown;
    };
    let t = note.trim().to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
    if t.is_empty() || has(&["onbekend", "n.v.t", "nvt"]) {
        return GridStatus::Unknown;
    }
    match t.as_str() {
        "groen" => return GridStatus::Available,
        "oranje" => return GridStatus::Limited { until_year: None },
        "rood" => return GridStatus::Queue { until_year: None },
        _ => {}
    }
    let year = year_in(&t);
    if has(&[
        "wachtrij",
        "geen capaciteit",
        "geen transportcapaciteit",
        "congestie",
        "vol",
    ]) {
        return GridStatus::Queue { until_year: year };
    }
    if has(&["beperkt", "schaars", "alleen afname", "alleen invoeding"]) {
        return GridStatus::Limited { until_year: year };
    }
    if has(&["aanvraag", "aangevraagd", "offerte"]) {
        return GridStatus::Requested { year };
    }
    if has(&["geen aansluiting", "niet aangesloten"]) {
        return GridStatus::NotConnected;
    }
    if has(&["aanwezig", "beschikbaar", "aangesloten", "voldoende"]) {
        return GridStatus::Available;
    }
    GridStatus::Unknown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_notes_planners_write() {
        let cases = [
            ("aansluiting aanwezig", GridStatus::Available),
            ("aansluiting aanwezig (3x80A)", GridStatus::Available),
            (
                "grootverbruik aansluiting 1,5 MVA aanwezig",
                GridStatus::Available,
            ),
            (
                "geen capaciteit tot 2029",
                GridStatus::Queue {
                    until_year: Some(2029),
                },
            ),
            (
                "geen transportcapaciteit tot 2031",
                GridStatus::Queue {
                    until_year: Some(2031),
                },
            ),
            (
                "wachtrij netbeheerder",
                GridStatus::Queue { until_year: None },
            ),
            (
                "netcongestie: wachtrij Stedin, verwachte realisatie Q3 2030",
                GridStatus::Queue {
                    until_year: Some(2030),
                },
            ),
            (
                "transportcapaciteit beperkt tot 2028, alleen afname",
                GridStatus::Limited {
                    until_year: Some(2028),
                },
            ),
            ("geen aansluiting", GridStatus::NotConnected),
            (
                "aanvraag ingediend bij Liander (2026)",
                GridStatus::Requested { year: Some(2026) },
            ),
            ("onbekend", GridStatus::Unknown),
            ("", GridStatus::Unknown),
            ("Rood", GridStatus::Queue { until_year: None }),
            ("Groen", GridStatus::Available),
        ];
        for (note, want) in cases {
            assert_eq!(classify_note(Some(note)), want, "{note}");
        }
        assert_eq!(classify_note(None), GridStatus::Unknown);
        assert_eq!(
            GridStatus::Queue {
                until_year: Some(2029)
            }
            .to_string(),
            "wachtrij tot 2029"
        );
    }
}
