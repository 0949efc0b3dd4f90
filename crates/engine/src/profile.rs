//! Scoring profiles are data (`data/profiles/*.toml`): criteria with
//! piecewise-linear curves or category tables, weights, knock-outs and
//! parameters. Loading validates every number and names file, key and range.

use std::path::Path;

use chrono::NaiveDate;
use locatiescout_model::text::Text;

/// What a criterion looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Input {
    /// Estimated number of homes.
    Homes,
    /// Land area in m².
    AreaM2,
    /// Floor area in m².
    FloorAreaM2,
    /// Years of availability (open end = `open_end_years`).
    TermYears,
    /// Grid status category, with `wait_curve` over years of waiting.
    Grid,
    OwnerType,
    /// BAG gebruiksdoelen: the best-scoring function of the building counts.
    Functions,
    /// BAG pand or verblijfsobject status (and "buiten gebruik" of its units).
    Status,
    /// RVB afstootstatus: a separate fact, so a demolition permit is never hidden by a disposal decision.
    Disposal,
    YearBuilt,
    /// Percent of the site covered by standing BAG panden (the loaded panden).
    BuiltShare,
    /// Percent of the site inside the features of `layer` (optionally `filter`ed).
    OverlapShare,
    /// Metres, edge to edge, to the nearest feature of `layer`.
    DistanceM,
    /// The `attribute` of the `layer` polygon covering most of the site, by `categories`.
    Zoning,
}

impl Input {
    pub fn is_categorical(self) -> bool {
        matches!(
            self,
            Input::Grid
                | Input::OwnerType
                | Input::Functions
                | Input::Status
                | Input::Disposal
                | Input::Zoning
        )
    }

    /// Read from geometry against another layer (see `spatial`).
    pub fn is_spatial(self) -> bool {
        matches!(
            self,
            Input::BuiltShare | Input::OverlapShare | Input::DistanceM | Input::Zoning
        )
    }

    /// Whether the input names an overlay layer (`layer = "…"`).
    pub fn needs_layer(self) -> bool {
        matches!(self, Input::OverlapShare | Input::DistanceM | Input::Zoning)
    }
}

/// Only features whose `attribute` equals `value` (case-insensitive) count.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct AttributeFilter {
    pub attribute: String,
    pub value: String,
}

/// A category rule: values containing `match` (lower case) score `score`.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    #[serde(rename = "match")]
    pub pattern: String,
    pub score: f64,
    #[serde(default)]
    pub knockout: bool,
}

#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    pub key: String,
    pub label: String,
    /// The label in English; the Dutch one when absent.
    #[serde(default)]
    pub label_en: Option<String>,
    /// A short Dutch column head for tables (≤ 7 characters); the label's first word when absent.
    #[serde(default)]
    pub short: Option<String>,
    pub input: Input,
    pub weight: f64,
    /// Breakpoints (input value, score 0–100), ascending in input.
    #[serde(default)]
    pub curve: Vec<[f64; 2]>,
    #[serde(default)]
    pub categories: Vec<Category>,
    /// For `grid`: score by years of waiting for a queue/limit with a known year.
    #[serde(default)]
    pub wait_curve: Vec<[f64; 2]>,
    /// A numeric input below this knocks the site out.
    pub knockout_below: Option<f64>,
    /// A numeric input above this knocks the site out (built or protected share, distance).
    pub knockout_above: Option<f64>,
    /// The named overlay layer a spatial input reads (`natura2000`, `stations`, …).
    pub layer: Option<String>,
    /// Only the layer's features with this attribute value count.
    pub filter: Option<AttributeFilter>,
    /// For `zoning`: the attribute holding the zoning category.
    pub attribute: Option<String>,
    /// Score when the input is unknown.
    #[serde(default = "default_unknown")]
    pub unknown_score: f64,
}

fn default_unknown() -> f64 {
    50.0
}

#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub min_score: f64,
    pub label: String,
    /// The label in English; the Dutch one when absent.
    #[serde(default)]
    pub label_en: Option<String>,
}

impl Band {
    pub fn text(&self) -> Text {
        Text::named(self.label.clone(), self.label_en.as_deref())
    }
}

impl Profile {
    pub fn title_text(&self) -> Text {
        Text::named(self.title.clone(), self.title_en.as_deref())
    }
}

impl Criterion {
    /// The label in the reader's language (profiles are data: both come from the file).
    pub fn label_text(&self) -> Text {
        Text::named(self.label.clone(), self.label_en.as_deref())
    }
}

/// Which layer holds the sites of a profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SiteLayer {
    Parcels,
    Buildings,
}

#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    pub homes_per_ha: Option<f64>,
    pub m2_per_home: Option<f64>,
    pub floors_if_unknown: Option<f64>,
    #[serde(default = "default_open_end")]
    pub open_end_years: f64,
    /// ISO date; empty = the date the application reads once ([`Profile::dated`]).
    #[serde(default)]
    pub reference_date: String,
    /// Years from the reference date to the planned delivery of the homes; a
    /// grid bottleneck solved by then costs nothing.
    #[serde(default = "default_delivery")]
    pub delivery_within_years: f64,
    /// Which grid source counts when a site has several: the first that knows.
    #[serde(default = "default_precedence")]
    pub grid_precedence: Vec<crate::grid_connection::GridSource>,
    /// A site available for fewer years than this cannot reach the top band.
    #[serde(default = "default_top_term")]
    pub top_band_min_term_years: f64,
}

fn default_top_term() -> f64 {
    5.0
}

fn default_delivery() -> f64 {
    1.0
}

fn default_precedence() -> Vec<crate::grid_connection::GridSource> {
    use crate::grid_connection::GridSource;
    vec![GridSource::Note, GridSource::Rvb, GridSource::Area]
}

fn default_open_end() -> f64 {
    25.0
}

#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub key: String,
    pub title: String,
    /// The title in English; the Dutch one when absent.
    #[serde(default)]
    pub title_en: Option<String>,
    pub sites: SiteLayer,
    pub params: Params,
    pub bands: Vec<Band>,
    pub criteria: Vec<Criterion>,
}

/// A profile that cannot be used; always names the file and the key.
#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    #[error(
        "profiel {path}: kan niet worden gelezen: {}",
        locatiescout_model::nl::io_nl(source)
    )]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("profiel {path}: {message}")]
    Syntax { path: String, message: String },
    #[error("profiel {path}: '{key}' = {value} ligt buiten het toegestane bereik {range}")]
    OutOfRange {
        path: String,
        key: String,
        value: String,
        range: String,
    },
    #[error("profiel {path}: '{key}': {message}")]
    Invalid {
        path: String,
        key: String,
        message: String,
    },
    #[error("onbekend profiel '{0}': kies flex, transformatie of een pad naar een .toml-bestand")]
    Unknown(String),
}

const FLEX: &str = include_str!("../../../data/profiles/flex.toml");
const TRANSFORMATIE: &str = include_str!("../../../data/profiles/transformatie.toml");

impl Profile {
    /// `flex`, `transformatie` (built in, same files as `data/profiles/`) or a path.
    pub fn load(name_or_path: &str) -> Result<Profile, ProfileError> {
        match name_or_path {
            "flex" => {
                locatiescout_model::defaults::parsed("profiles/flex.toml", FLEX, Profile::parse)
            }
            "transformatie" => locatiescout_model::defaults::parsed(
                "profiles/transformatie.toml",
                TRANSFORMATIE,
                Profile::parse,
            ),
            p if p.ends_with(".toml") || Path::new(p).exists() => {
                locatiescout_model::files::refuse_special(Path::new(p)).map_err(|message| {
                    ProfileError::Syntax {
                        path: p.to_string(),
                        message,
                    }
                })?;
                let text = std::fs::read_to_string(p).map_err(|source| ProfileError::Io {
                    path: p.to_string(),
                    source,
                })?;
                Profile::parse(&text, p)
            }
            other => Err(ProfileError::Unknown(other.to_string())),
        }
    }

    pub fn parse(text: &str, path: &str) -> Result<Profile, ProfileError> {
        let profile: Profile = toml::from_str(text).map_err(|e| ProfileError::Syntax {
            path: path.to_string(),
            message: locatiescout_model::nl_error::toml_nl(&e, text),
        })?;
        profile.validate(path)?;
        Ok(profile)
    }

    fn validate(&self, path: &str) -> Result<(), ProfileError> {
        let range = |key: String, v: f64, lo: f64, hi: f64| -> Result<(), ProfileError> {
            if v.is_finite() && v >= lo && v <= hi {
                Ok(())
            } else {
                Err(ProfileError::OutOfRange {
                    path: path.to_string(),
                    key,
                    value: format!("{v}"),
                    range: format!("{lo} – {hi}"),
                })
            }
        };
        let invalid = |key: String, message: &str| ProfileError::Invalid {
            path: path.to_string(),
            key,
            message: message.to_string(),
        };
        if self.criteria.is_empty() {
            return Err(invalid(
                "criteria".into(),
                "er is minstens één criterium nodig",
            ));
        }
        let p = &self.params;
        match self.sites {
            SiteLayer::Parcels => {
                let v = p.homes_per_ha.ok_or_else(|| {
                    invalid(
                        "params.homes_per_ha".into(),
                        "ontbreekt (nodig voor percelen)",
                    )
                })?;
                range("params.homes_per_ha".into(), v, 1.0, 500.0)?;
            }
            SiteLayer::Buildings => {
                let v = p.m2_per_home.ok_or_else(|| {
                    invalid(
                        "params.m2_per_home".into(),
                        "ontbreekt (nodig voor gebouwen)",
                    )
                })?;
                range("params.m2_per_home".into(), v, 10.0, 500.0)?;
                range(
                    "params.floors_if_unknown".into(),
                    p.floors_if_unknown.unwrap_or(1.0),
                    0.0,
                    50.0,
                )?;
            }
        }
        range("params.open_end_years".into(), p.open_end_years, 1.0, 100.0)?;
        range(
            "params.delivery_within_years".into(),
            p.delivery_within_years,
            0.0,
            20.0,
        )?;
        let mut seen = std::collections::HashSet::new();
        if let Some(twice) = p.grid_precedence.iter().find(|g| !seen.insert(**g)) {
            return Err(invalid(
                "params.grid_precedence".into(),
                &format!(
                    "noemt {twice:?} twee keer; gebruik note, rvb en area elk hooguit één keer"
                ),
            ));
        }
        if !p.reference_date.trim().is_empty()
            && NaiveDate::parse_from_str(p.reference_date.trim(), "%Y-%m-%d").is_err()
        {
            return Err(invalid(
                "params.reference_date".into(),
                "moet een datum JJJJ-MM-DD zijn of leeg",
            ));
        }
        for (i, b) in self.bands.iter().enumerate() {
            range(format!("bands[{i}].min_score"), b.min_score, 0.0, 100.0)?;
        }
        let mut keys = std::collections::HashSet::new();
        for (i, c) in self.criteria.iter().enumerate() {
            let k = |f: &str| format!("criteria[{i}] ({}).{f}", c.key);
            if !keys.insert(c.key.as_str()) {
                return Err(invalid(k("key"), "komt twee keer voor"));
            }
            range(k("weight"), c.weight, 0.0, 100.0)?;
            range(k("unknown_score"), c.unknown_score, 0.0, 100.0)?;
            for (name, curve) in [("curve", &c.curve), ("wait_curve", &c.wait_curve)] {
                for (j, [x, s]) in curve.iter().enumerate() {
                    range(format!("{}[{j}] score", k(name)), *s, 0.0, 100.0)?;
                    if !x.is_finite() || (j > 0 && *x <= curve[j - 1][0]) {
                        return Err(invalid(
                            k(name),
                            "de x-waarden moeten eindig en strikt oplopend zijn",
                        ));
                    }
                }
            }
            for (j, cat) in c.categories.iter().enumerate() {
                range(
                    format!("{}[{j}].score", k("categories")),
                    cat.score,
                    0.0,
                    100.0,
                )?;
            }
            if let Some(v) = c.knockout_above {
                range(k("knockout_above"), v, 0.0, 1.0e6)?;
            }
            if c.input.needs_layer() {
                match c.layer.as_deref() {
                    None => {
                        return Err(invalid(
                            k("layer"),
                            "ontbreekt: noem de overlaylaag die dit criterium leest",
                        ))
                    }
                    Some(l) if !locatiescout_model::layer::valid_layer_name(l) => {
                        return Err(invalid(
                            k("layer"),
                            "een laagnaam bestaat uit 1–40 kleine letters, cijfers, _ of -",
                        ))
                    }
                    _ => {}
                }
            } else if c.layer.is_some() || c.filter.is_some() {
                return Err(invalid(
                    k("layer"),
                    "alleen overlap_share, distance_m en zoning lezen een overlaylaag",
                ));
            }
            if c.input == Input::Zoning
                && c.attribute.as_deref().is_none_or(|a| a.trim().is_empty())
            {
                return Err(invalid(
                    k("attribute"),
                    "ontbreekt: noem het attribuut met de bestemming (bijv. bestemmingshoofdgroep)",
                ));
            }
            if c.input.is_categorical() {
                if c.categories.is_empty() {
                    return Err(invalid(
                        k("categories"),
                        "een categorisch criterium heeft categorieën nodig",
                    ));
                }
            } else if c.curve.len() < 2 {
                return Err(invalid(
                    k("curve"),
                    "een curve heeft minstens 2 punten nodig",
                ));
            }
        }
        if self.criteria.iter().all(|c| c.weight == 0.0) {
            return Err(invalid(
                "criteria.weight".into(),
                "niet alle gewichten mogen 0 zijn",
            ));
        }
        Ok(())
    }

    pub fn weights(&self) -> Vec<f64> {
        self.criteria.iter().map(|c| c.weight).collect()
    }

    /// The date availability and terms are measured from; `None` until the
    /// profile or the application ([`Profile::dated`]) sets one: the engine never
    /// reads the clock, so the same inputs give the same answer on any day.
    pub fn reference_date(&self) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(self.params.reference_date.trim(), "%Y-%m-%d").ok()
    }

    /// This profile measured from `date` when it names no reference date of its own.
    pub fn dated(mut self, date: NaiveDate) -> Profile {
        if self.reference_date().is_none() {
            self.params.reference_date = date.format("%Y-%m-%d").to_string();
        }
        self
    }

    /// This profile measured from `date`, whatever it names (a werkprogramma's peildatum).
    pub fn measured_from(mut self, date: NaiveDate) -> Profile {
        self.params.reference_date = date.format("%Y-%m-%d").to_string();
        self
    }

    pub fn band(&self, score: f64) -> &str {
        self.bands
            .iter()
            .find(|b| score >= b.min_score)
            .map_or("", |b| b.label.as_str())
    }

    /// The band, capped one below the top when the site is available for fewer
    /// than `top_band_min_term_years`: a site gone in three years is not "Kansrijk".
    pub fn band_for(&self, score: f64, years: Option<f64>) -> (Text, bool) {
        let i = self
            .bands
            .iter()
            .position(|b| score >= b.min_score)
            .unwrap_or(self.bands.len().saturating_sub(1));
        let short = years.is_some_and(|y| y < self.params.top_band_min_term_years);
        if i == 0 && short && self.bands.len() > 1 {
            return (self.bands[1].text(), true);
        }
        (
            self.bands
                .get(i)
                .map_or_else(|| Text::plain(""), Band::text),
            false,
        )
    }

    /// The best band, named in the explanation of a site capped below it.
    pub fn top_band(&self) -> Text {
        self.bands
            .first()
            .map_or_else(|| Text::plain(""), Band::text)
    }

    /// The column head for criterion `c` in a table.
    pub fn short_label(c: &Criterion) -> String {
        c.short.clone().unwrap_or_else(|| {
            c.label
                .split_whitespace()
                .next()
                .unwrap_or(&c.key)
                .to_lowercase()
        })
    }
}

/// Piecewise-linear interpolation, flat beyond the ends.
pub fn curve_value(curve: &[[f64; 2]], x: f64) -> f64 {
    let Some(first) = curve.first() else {
        return 0.0;
    };
    if x <= first[0] {
        return first[1];
    }
    for w in curve.windows(2) {
        let ([x0, y0], [x1, y1]) = (w[0], w[1]);
        if x <= x1 {
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0);
        }
    }
    curve.last().map_or(0.0, |l| l[1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_profiles_load() {
        let f = Profile::load("flex").unwrap();
        assert_eq!(f.sites, SiteLayer::Parcels);
        assert!(f.criteria.iter().any(|c| c.input == Input::Grid));
        Profile::load("transformatie").unwrap();
    }

    #[test]
    fn bad_profile_names_file_key_and_range() {
        let bad = FLEX.replacen("weight = 20.0", "weight = 300.0", 1);
        let e = Profile::parse(&bad, "mijn.toml").unwrap_err().to_string();
        assert!(
            e.contains("mijn.toml")
                && e.contains("criteria[0] (size).weight")
                && e.contains("0 – 100"),
            "{e}"
        );
        let bad = FLEX.replacen("homes_per_ha = 30.0", "homes_per_hectare = 30.0", 1);
        let e = Profile::parse(&bad, "mijn.toml").unwrap_err().to_string();
        assert!(
            e.contains("mijn.toml") && e.contains("homes_per_hectare"),
            "{e}"
        );
        let bad = FLEX.replacen(
            "delivery_within_years = 1.0",
            "delivery_within_years = -1.0",
            1,
        );
        let e = Profile::parse(&bad, "p.toml").unwrap_err().to_string();
        assert!(e.contains("params.delivery_within_years"), "{e}");
        let bad = FLEX.replacen(
            r#"grid_precedence = ["note", "rvb", "area"]"#,
            r#"grid_precedence = ["note", "note"]"#,
            1,
        );
        let e = Profile::parse(&bad, "p.toml").unwrap_err().to_string();
        assert!(
            e.contains("grid_precedence") && e.contains("twee keer"),
            "{e}"
        );
        let bad = FLEX.replacen(r#""rvb", "area"]"#, r#""rvb", "kaart"]"#, 1);
        assert!(Profile::parse(&bad, "p.toml").is_err());
        let bad = FLEX.replacen("[24.0, 60.0]", "[2.0, 60.0]", 1);
        let e = Profile::parse(&bad, "p.toml").unwrap_err().to_string();
        assert!(e.contains("oplopend"), "{e}");
        assert!(matches!(
            Profile::load("onzin"),
            Err(ProfileError::Unknown(_))
        ));
    }

    #[test]
    fn curve_interpolates_and_clamps() {
        let c = [[0.0, 0.0], [10.0, 100.0]];
        assert_eq!(curve_value(&c, -1.0), 0.0);
        assert_eq!(curve_value(&c, 5.0), 50.0);
        assert_eq!(curve_value(&c, 20.0), 100.0);
    }
}
