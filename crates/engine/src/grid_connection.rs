//! Reading grid-connection information: Dutch free-text notes ("geen
//! transportcapaciteit tot 2029", "wachtrij Stedin, verwacht Q3 2030"), RVB's
//! Groen/Oranje/Rood rating and the capaciteitskaart's colour codes, each into
//! one [`GridStatus`] with the expected year, the operator and what decided it.
//! The rules are data (`data/grid_rules.toml`), not a chain of ifs.

use locatiescout_model::text::Text;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::LazyLock;

/// What the grid allows for a cluster of homes (a large-consumption connection).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum GridStatus {
    /// Capacity available (RVB: Groen; capaciteitskaart: transparent).
    Available,
    /// Capacity limited or scarce (RVB: Oranje; capaciteitskaart: yellow); optionally until a year.
    Limited { until_year: Option<i32> },
    /// No transport capacity: the operator's queue (RVB: Rood; capaciteitskaart: orange/red).
    Queue { until_year: Option<i32> },
    /// A connection is requested ("aanvraag ingediend bij Stedin (2029)"): the
    /// year the note names is when it is expected, kept rather than dropped.
    Requested { expected_year: Option<i32> },
    /// No information, or none that can be read.
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
            GridStatus::Unknown => "unknown",
        }
    }

    /// The Dutch name of the status (as in the rules file).
    pub fn dutch(self) -> &'static str {
        match self {
            GridStatus::Available => "beschikbaar",
            GridStatus::Limited { .. } => "beperkt",
            GridStatus::Queue { .. } => "wachtrij",
            GridStatus::Requested { .. } => "aangevraagd",
            GridStatus::Unknown => "onbekend",
        }
    }

    /// The kind alone, as [`GridStatus::dutch`] in the reader's language.
    pub fn kind_text(self) -> Text {
        Text::new(match self {
            GridStatus::Available => "grid.available",
            GridStatus::Limited { .. } => "grid.limited",
            GridStatus::Queue { .. } => "grid.kind.queue",
            GridStatus::Requested { .. } => "grid.requested",
            GridStatus::Unknown => "grid.unknown",
        })
    }

    /// Worse first: queue, limited, unknown, available. A site over two areas
    /// takes the worst; unknown ranks below a known limit, above a known "free".
    pub fn severity(self) -> u8 {
        match self {
            GridStatus::Queue { .. } => 3,
            GridStatus::Limited { .. } => 2,
            GridStatus::Requested { .. } => 1,
            GridStatus::Unknown => 1,
            GridStatus::Available => 0,
        }
    }

    /// The expected year capacity comes free, where there is one.
    pub fn year(self) -> Option<i32> {
        match self {
            GridStatus::Limited { until_year } | GridStatus::Queue { until_year } => until_year,
            GridStatus::Requested { expected_year } => expected_year,
            _ => None,
        }
    }

    fn with_year(kind: Kind, year: Option<i32>) -> GridStatus {
        match kind {
            Kind::Available => GridStatus::Available,
            Kind::Limited => GridStatus::Limited { until_year: year },
            Kind::Queue => GridStatus::Queue { until_year: year },
            Kind::Requested => GridStatus::Requested {
                expected_year: year,
            },
            Kind::Unknown => GridStatus::Unknown,
        }
    }
}

impl GridStatus {
    /// The status as a sentence part: "wachtrij tot 2029" / "queue until 2029".
    pub fn text(self) -> Text {
        let year = |key, y: i32| Text::new(key).str("year", y.to_string());
        match self {
            GridStatus::Available => Text::new("grid.available"),
            GridStatus::Limited {
                until_year: Some(y),
            } => year("grid.limited_until", y),
            GridStatus::Limited { until_year: None } => Text::new("grid.limited"),
            GridStatus::Queue {
                until_year: Some(y),
            } => year("grid.queue_until", y),
            GridStatus::Queue { until_year: None } => Text::new("grid.queue"),
            GridStatus::Requested {
                expected_year: Some(y),
            } => year("grid.requested_expected", y),
            GridStatus::Requested {
                expected_year: None,
            } => Text::new("grid.requested"),
            GridStatus::Unknown => Text::new("grid.unknown"),
        }
    }
}

impl fmt::Display for GridStatus {
    /// Dutch, the default language.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text().nl())
    }
}

/// Where a site's grid status comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GridSource {
    /// A free-text note on the site (or its listing).
    Note,
    /// RVB's Groen/Oranje/Rood rating (impact analysis, per EAN).
    Rvb,
    /// The congestion area (capaciteitskaart) the site lies in.
    Area,
}

impl GridSource {
    /// The key used in profiles (`grid_precedence`) and on the wire.
    pub fn key(self) -> &'static str {
        match self {
            GridSource::Note => "note",
            GridSource::Rvb => "rvb",
            GridSource::Area => "area",
        }
    }
}

/// A site's grid status with where it came from, for the explanation.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct GridReading {
    pub status: GridStatus,
    pub source: Option<GridSource>,
    /// "notitie: 'geen transportcapaciteit tot 2029'", "RVB-impactanalyse: Oranje",
    /// "capaciteitskaart: oranje, wachtrij 12 MW, opgelost 2029 (Stedin, gebied X)".
    pub detail: Text,
    /// For a note: the words that decided its status.
    pub phrase: Option<String>,
    pub operator: Option<String>,
    pub queue_mw: Option<f64>,
}

impl GridReading {
    pub fn unknown() -> GridReading {
        GridReading {
            status: GridStatus::Unknown,
            source: None,
            detail: Text::new("grid.no_data"),
            phrase: None,
            operator: None,
            queue_mw: None,
        }
    }
}

/// RVB's rating: exactly Groen, Oranje or Rood.
pub fn rvb_rating(text: &str) -> Option<GridStatus> {
    match text.trim().to_lowercase().as_str() {
        "groen" => Some(GridStatus::Available),
        "oranje" => Some(GridStatus::Limited { until_year: None }),
        "rood" => Some(GridStatus::Queue { until_year: None }),
        _ => None,
    }
}

/// The status names of the rules file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
enum Kind {
    #[serde(rename = "beschikbaar")]
    Available,
    #[serde(rename = "beperkt")]
    Limited,
    #[serde(rename = "wachtrij")]
    Queue,
    #[serde(rename = "aangevraagd")]
    Requested,
    #[serde(rename = "onbekend")]
    Unknown,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    rules: Vec<RuleGroup>,
    operators: BTreeMap<String, Vec<String>>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleGroup {
    status: Kind,
    phrases: Vec<String>,
}

/// The parsed rules: phrases as word lists, operators with their spellings.
pub struct GridRules {
    phrases: Vec<(Vec<String>, Kind)>,
    operators: Vec<(Vec<String>, String)>,
}

/// A rules file that cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("netregels {origin}: {message}")]
pub struct RulesError {
    origin: String,
    message: String,
}

/// Lower case, words of letters and digits only.
fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// A word of five letters or more may carry one typo (swap, drop, add, change).
fn word_matches(text: &str, phrase: &str) -> Option<bool> {
    if text == phrase {
        return Some(true);
    }
    let (t, p) = (text.chars().count(), phrase.chars().count());
    // One edit changes the length by at most one: most pairs stop here.
    if p < 5 || t.abs_diff(p) > 1 || phrase.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    (strsim::damerau_levenshtein(text, phrase) <= 1).then_some(false)
}

const DEFAULT_RULES: &str = include_str!("../../../data/grid_rules.toml");

static RULES: LazyLock<GridRules> = LazyLock::new(|| {
    // The embedded file is checked by a unit test; an empty rule set (every note
    // "onbekend") is the only possible outcome of a broken build.
    locatiescout_model::defaults::parsed("grid_rules.toml", DEFAULT_RULES, GridRules::parse)
        .unwrap_or(GridRules {
            phrases: Vec::new(),
            operators: Vec::new(),
        })
});

/// How good a phrase match is: words, all exact, characters, earlier rule.
type Rank = (usize, bool, usize, isize);

/// What one note says.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NoteReading {
    pub status: GridStatus,
    pub operator: Option<String>,
    /// The words of the note that decided the status (as written).
    pub phrase: Option<String>,
}

impl GridRules {
    pub fn parse(text: &str, origin: &str) -> Result<GridRules, RulesError> {
        let file: RulesFile = toml::from_str(text).map_err(|e| RulesError {
            origin: origin.to_string(),
            message: locatiescout_model::nl_error::toml_nl(&e, text),
        })?;
        let mut phrases = Vec::new();
        for g in file.rules {
            for p in g.phrases {
                let w = words(&p);
                if w.is_empty() {
                    return Err(RulesError {
                        origin: origin.to_string(),
                        message: format!("lege zin '{p}' bij status {:?}", g.status),
                    });
                }
                phrases.push((w, g.status));
            }
        }
        let operators = file
            .operators
            .into_iter()
            .flat_map(|(name, spellings)| {
                spellings
                    .into_iter()
                    .map(move |s| (words(&s), name.clone()))
            })
            .collect();
        Ok(GridRules { phrases, operators })
    }

    /// The rules shipped in `data/grid_rules.toml`.
    pub fn builtin() -> &'static GridRules {
        &RULES
    }

    /// Reads a note: the longest matching phrase decides (exact before a typo,
    /// then earlier in the file).
    pub fn read(&self, note: &str) -> NoteReading {
        let raw: Vec<&str> = note
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let text: Vec<String> = raw.iter().map(|w| w.to_lowercase()).collect();
        let mut best: Option<(Rank, Kind, usize, usize)> = None;
        for (r, (phrase, kind)) in self.phrases.iter().enumerate() {
            let n = phrase.len();
            if n > text.len() {
                continue;
            }
            for start in 0..=text.len() - n {
                let mut exact = true;
                let hit =
                    phrase.iter().zip(&text[start..start + n]).all(|(p, t)| {
                        match word_matches(t, p) {
                            Some(e) => {
                                exact &= e;
                                true
                            }
                            None => false,
                        }
                    });
                if hit {
                    let chars: usize = phrase.iter().map(|w| w.len()).sum();
                    let rank = (n, exact, chars, -(r as isize));
                    if best.as_ref().is_none_or(|(b, ..)| rank > *b) {
                        best = Some((rank, *kind, start, n));
                    }
                }
            }
        }
        let operator = self.operators.iter().find_map(|(spelling, name)| {
            text.windows(spelling.len())
                .any(|w| w == spelling.as_slice())
                .then(|| name.clone())
        });
        match best {
            Some((_, kind, start, n)) => NoteReading {
                status: GridStatus::with_year(kind, year_in(&text)),
                operator,
                phrase: Some(raw[start..start + n].join(" ")),
            },
            None => NoteReading {
                status: GridStatus::Unknown,
                operator,
                phrase: None,
            },
        }
    }
}

/// The expected year in a note: the latest plausible year (2000–2100) named, as
/// "2029", "tot 2029", "Q3 2027", "medio 2028" or Excel's "2031,0"; "na 2030"
/// means 2031 at the earliest.
fn year_in(words: &[String]) -> Option<i32> {
    words
        .iter()
        .enumerate()
        .filter_map(|(i, w)| {
            let y: i32 = w.parse().ok().filter(|_| w.len() == 4)?;
            if !(2000..=2100).contains(&y) {
                return None;
            }
            let after = i > 0 && words[i - 1] == "na";
            Some(if after { y + 1 } else { y })
        })
        .max()
}

/// Reads a free-text note with the built-in rules.
pub fn read_note(note: &str) -> NoteReading {
    GridRules::builtin().read(note)
}

/// The status a note gives; no note is [`GridStatus::Unknown`].
pub fn classify_note(note: Option<&str>) -> GridStatus {
    note.map_or(GridStatus::Unknown, |n| read_note(n).status)
}
