//! Spatial criterion inputs: how much of a site is built (BAG panden), how much
//! lies in a named overlay layer (Natura 2000, a safety zone), how far the
//! nearest feature of a layer is (a station), and which zoning covers most of
//! it. Computed once per dataset and profile — a layer change — and kept with
//! the scoring, so a weight change never recomputes geometry.

use std::collections::HashMap;

use rayon::prelude::*;

use crate::dataset::Dataset;
use crate::index::SpatialIndex;
use crate::overlap::AreaIndex;
use crate::profile::{Criterion, Input, Profile};
use locatiescout_model::attrs::Field;
use locatiescout_model::layer::{Layer, NamedLayer};
use locatiescout_model::text::Text;

/// An overlap smaller than this (m²) is digitising noise along a shared boundary.
pub const MIN_OVERLAP_M2: f64 = 1.0;
/// "Vrije grond": at most this share (%) of the site is built. NO SOURCE: DOMAIN.md
/// says "unbuilt" without a number; a planning judgement the list filter uses.
pub const FREE_LAND_MAX_BUILT_PCT: f64 = 10.0;
/// A site lies "in" a constraint layer from this share (%): less is a boundary
/// sliver of separately drawn maps. NO SOURCE: a judgement the list filter uses.
pub const HARD_CONSTRAINT_MIN_PCT: f64 = 1.0;
/// No feature.
pub const NONE: u32 = u32::MAX;

/// One site's value for one spatial criterion.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SpatialValue {
    /// Percent of the site (shares, zoning) or metres (distance); NaN = unknown.
    pub value: f32,
    /// The feature that decided it (largest overlap, nearest), or [`NONE`].
    pub feature: u32,
    /// Features that count (panden on the site, areas it lies in).
    pub count: u32,
}

impl SpatialValue {
    const UNKNOWN: SpatialValue = SpatialValue {
        value: f32::NAN,
        feature: NONE,
        count: 0,
    };
}

/// One spatial criterion's values for every site, or why it is not scored.
#[derive(Debug, Clone)]
pub struct SpatialColumn {
    pub criterion: usize,
    /// Dutch reason the criterion is not scored (its weight goes to the others).
    pub not_scored: Option<Text>,
    pub values: Vec<SpatialValue>,
}

/// The spatial inputs of a profile over a dataset, plus the problems met.
#[derive(Debug, Clone, Default)]
pub struct SpatialInputs {
    pub columns: Vec<SpatialColumn>,
    /// Messages naming profile, criterion and layer; scoring went on without them.
    pub problems: Vec<String>,
}

impl SpatialInputs {
    pub fn column(&self, criterion: usize) -> Option<&SpatialColumn> {
        self.columns.iter().find(|c| c.criterion == criterion)
    }

    /// Whether criterion `c` is scored (non-spatial criteria always are).
    pub fn scored(&self, criterion: usize) -> bool {
        self.column(criterion)
            .is_none_or(|c| c.not_scored.is_none())
    }
}

/// Whether a BAG pand status still stands for a building on the land.
/// Demolished, never built, wrongly registered and only-permitted panden do not.
pub fn pand_stands(status: Option<&str>) -> bool {
    let Some(s) = status else { return true };
    // Compared without allocating: this runs once per pand of a national BAG.
    let has = |w: &str| {
        s.as_bytes()
            .windows(w.len())
            .any(|win| win.eq_ignore_ascii_case(w.as_bytes()))
    };
    ![
        "gesloopt",
        "niet gerealiseerd",
        "ten onrechte",
        "bouwvergunning verleend",
    ]
    .iter()
    .any(|w| has(w))
}

/// The named overlay layer, if loaded.
pub fn named<'d>(ds: &'d Dataset, name: &str) -> Option<&'d NamedLayer> {
    ds.overlays.iter().find(|l| l.name == name)
}

fn matches_filter(layer: &Layer, i: usize, c: &Criterion) -> bool {
    c.filter.as_ref().is_none_or(|f| {
        layer
            .attribute(i, &f.attribute)
            .is_some_and(|v| v.trim().eq_ignore_ascii_case(f.value.trim()))
    })
}

/// Computes every spatial criterion of `profile` for the sites; criteria reading
/// the same layer the same way share one computation.
pub fn compute(ds: &Dataset, profile: &Profile, sites: &Layer) -> SpatialInputs {
    let mut out = SpatialInputs::default();
    let mut done: HashMap<String, Vec<SpatialValue>> = HashMap::new();
    for (ci, c) in profile.criteria.iter().enumerate() {
        if !c.input.is_spatial() {
            continue;
        }
        let problem = |what: &Text| {
            format!(
                "profiel '{}', criterium {} ('{}'): {what}; niet beoordeeld, het gewicht gaat naar de andere criteria",
                profile.key, c.label, c.key
            )
        };
        let key = format!(
            "{:?}|{}|{:?}|{}",
            c.input,
            c.layer.as_deref().unwrap_or(""),
            c.filter,
            c.attribute.as_deref().unwrap_or("")
        );
        let result: Result<Vec<SpatialValue>, Text> = match done.get(&key) {
            Some(v) => Ok(v.clone()),
            None => column_values(ds, c, sites),
        };
        match result {
            Ok(values) => {
                done.insert(key, values.clone());
                out.columns.push(SpatialColumn {
                    criterion: ci,
                    not_scored: None,
                    values,
                });
            }
            Err(why) => {
                out.problems.push(problem(&why));
                out.columns.push(SpatialColumn {
                    criterion: ci,
                    not_scored: Some(why),
                    values: Vec::new(),
                });
            }
        }
    }
    out
}

fn column_values(ds: &Dataset, c: &Criterion, sites: &Layer) -> Result<Vec<SpatialValue>, Text> {
    if c.input == Input::BuiltShare {
        let panden = ds
            .buildings
            .as_ref()
            .ok_or_else(|| Text::new("spatial.why.no_buildings"))?;
        if std::ptr::eq(panden, sites) {
            return Err(Text::new("spatial.why.sites_are_buildings"));
        }
        let index = AreaIndex::build(panden, |i| pand_stands(panden.text(i, Field::Status)));
        return Ok(shares(&index, sites, true));
    }
    let name = c.layer.as_deref().unwrap_or("");
    let why = |key| Text::new(key).str("layer", name);
    let named = named(ds, name).ok_or_else(|| why("spatial.why.no_layer"))?;
    let layer = &named.layer;
    if let Some(f) = &c.filter {
        if !layer.has_attribute(&f.attribute) {
            return Err(why("spatial.why.filter_attribute").str("attribute", f.attribute.clone()));
        }
    }
    match c.input {
        Input::OverlapShare | Input::Zoning => {
            if c.input == Input::Zoning {
                let attr = c.attribute.as_deref().unwrap_or("");
                if !layer.has_attribute(attr) {
                    return Err(why("spatial.why.no_attribute").str("attribute", attr));
                }
            }
            let index = AreaIndex::build(layer, |i| matches_filter(layer, i, c));
            if index.features == 0 {
                return Err(why(if c.filter.is_some() {
                    "spatial.why.no_polygons_filtered"
                } else {
                    "spatial.why.no_polygons"
                }));
            }
            let mut v = shares(&index, sites, c.input == Input::OverlapShare);
            if c.input == Input::Zoning {
                // Zoning is the one polygon covering most of the site, not a sum.
                for s in &mut v {
                    s.count = u32::from(s.feature != NONE);
                }
            }
            Ok(v)
        }
        Input::DistanceM => {
            let near = SpatialIndex::build_where(layer, |i| matches_filter(layer, i, c));
            if near.is_empty() {
                return Err(why("spatial.why.no_features"));
            }
            Ok((0..sites.len())
                .into_par_iter()
                .map(|i| {
                    let Some(bbox) = sites.bbox(i) else {
                        return SpatialValue::UNKNOWN;
                    };
                    match near.nearest_to(layer, &sites.geom.geometry(i), bbox) {
                        Some((feature, d)) => SpatialValue {
                            value: d as f32,
                            feature,
                            count: 1,
                        },
                        None => SpatialValue::UNKNOWN,
                    }
                })
                .collect())
        }
        _ => Err("geen ruimtelijk criterium".into()),
    }
}

/// Per site: the share (%) covered by the indexed features — summed and capped at
/// 100 when `sum`, else that of the largest — with the largest as deciding feature.
fn shares(index: &AreaIndex, sites: &Layer, sum: bool) -> Vec<SpatialValue> {
    (0..sites.len())
        .into_par_iter()
        .map(|i| {
            let area = sites.area_m2[i];
            if !sites.geom.kind(i).is_areal() || area <= 0.0 {
                return SpatialValue::UNKNOWN;
            }
            let hits = index.overlaps(sites, i, MIN_OVERLAP_M2);
            let covered = if sum {
                hits.iter().map(|h| h.1).sum::<f64>()
            } else {
                hits.first().map_or(0.0, |h| h.1)
            };
            SpatialValue {
                value: (covered / area * 100.0).min(100.0) as f32,
                feature: hits.first().map_or(NONE, |h| h.0),
                count: hits.len() as u32,
            }
        })
        .collect()
}

/// How one spatial criterion reads for one site, with the feature that decided it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SpatialFact {
    pub key: String,
    pub label: String,
    /// Percent or metres; `None` when unknown or not scored.
    pub value: Option<f64>,
    pub unit: &'static str,
    /// Layer name the feature belongs to (`panden` for built share).
    pub layer: String,
    /// Feature number in that layer, to highlight it on the map.
    pub feature: Option<u32>,
    /// The deciding feature's name ("Rijntakken", "Dieren") or zoning value.
    pub feature_name: Option<String>,
    pub scored: bool,
    /// The sentence: "ligt voor 35 % in Natura 2000-gebied Rijntakken".
    pub text: Text,
}

/// The zoning value of feature `f`, from the criterion's attribute.
pub fn zoning_value<'d>(ds: &'d Dataset, c: &Criterion, f: u32) -> Option<&'d str> {
    let l = named(ds, c.layer.as_deref()?)?;
    ((f as usize) < l.layer.len())
        .then(|| l.layer.attribute(f as usize, c.attribute.as_deref()?))
        .flatten()
}

fn km_or_m(m: f64) -> Text {
    if m >= 1000.0 {
        Text::new("spatial.km").num("v", m / 1000.0, 1)
    } else {
        Text::new("spatial.m").num("v", m, 0)
    }
}

/// The fact for criterion `c` (index `ci`) of site `i`, as a sentence.
pub fn fact(
    ds: &Dataset,
    inputs: &SpatialInputs,
    c: &Criterion,
    ci: usize,
    i: usize,
) -> Option<SpatialFact> {
    let col = inputs.column(ci)?;
    let layer_name = if c.input == Input::BuiltShare {
        "panden".to_string()
    } else {
        c.layer.clone().unwrap_or_default()
    };
    let short = c.label_text().lowercase();
    let mut fact = SpatialFact {
        key: c.key.clone(),
        label: c.label.clone(),
        value: None,
        unit: if c.input == Input::DistanceM {
            "m"
        } else {
            "%"
        },
        layer: layer_name.clone(),
        feature: None,
        feature_name: None,
        scored: col.not_scored.is_none(),
        text: Text::plain(""),
    };
    if let Some(why) = &col.not_scored {
        fact.text = Text::new("spatial.not_scored")
            .text("label", short)
            .text("why", why.clone());
        return Some(fact);
    }
    let v = col.values.get(i).copied().unwrap_or(SpatialValue::UNKNOWN);
    if v.value.is_nan() {
        fact.text = Text::new("spatial.no_area").text("label", short);
        return Some(fact);
    }
    let value = f64::from(v.value);
    fact.value = Some(value);
    fact.feature = (v.feature != NONE).then_some(v.feature);
    let named = c.layer.as_deref().and_then(|n| named(ds, n));
    let name_of = |f: u32| named.map(|l| l.layer.feature_name(f as usize));
    let title = named.map_or_else(|| Text::plain(""), NamedLayer::title_text);
    fact.text = match c.input {
        Input::BuiltShare => {
            if v.count == 0 {
                Text::new("spatial.unbuilt")
            } else if v.count == 1 {
                Text::new("spatial.built_one").num("pct", value, 0)
            } else {
                Text::new("spatial.built")
                    .num("pct", value, 0)
                    .num("n", f64::from(v.count), 0)
            }
        }
        Input::OverlapShare => match fact.feature.and_then(name_of) {
            Some(n) if value > 0.0 => {
                fact.feature_name = Some(n.clone());
                let more = if v.count > 1 {
                    Text::new("spatial.more").num("n", f64::from(v.count - 1), 0)
                } else {
                    Text::plain("")
                };
                Text::new("spatial.in")
                    .num("pct", value, 0)
                    .text("title", title)
                    .str("name", n)
                    .text("more", more)
            }
            _ => Text::new("spatial.not_in").text(
                "title",
                if title.is_empty() {
                    Text::plain(layer_name)
                } else {
                    title
                },
            ),
        },
        Input::DistanceM => {
            let n = fact.feature.and_then(name_of).unwrap_or_default();
            fact.feature_name = Some(n.clone());
            if value == 0.0 {
                Text::new("spatial.at").text("title", title).str("name", n)
            } else {
                Text::new("spatial.distance")
                    .text("distance", km_or_m(value))
                    .text("title", title)
                    .str("name", n)
            }
        }
        Input::Zoning => match fact.feature.and_then(|f| zoning_value(ds, c, f)) {
            Some(z) => {
                fact.feature_name = Some(z.to_string());
                // An IMRO main group ("kantoor") reads in the reader's language;
                // any other value as the plan has it.
                let value_text = z.trim().to_lowercase();
                let zoning = locatiescout_model::text::known_key(&format!("imro.{value_text}"))
                    .map_or_else(|| Text::plain(value_text.clone()), Text::new);
                Text::new("spatial.zoning")
                    .text("zoning", zoning)
                    .num("pct", value, 0)
            }
            None => Text::new("spatial.no_zoning"),
        },
        _ => Text::plain(""),
    };
    Some(fact)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pand_stands_unless_demolished_never_built_wrongly_registered_or_only_permitted() {
        for (status, stands) in [
            (None, true),
            (Some("Pand in gebruik"), true),
            (Some("Pand buiten gebruik"), true),
            (Some("Bouw gestart"), true),
            (Some("Verbouwing pand"), true),
            (Some("Sloopvergunning verleend"), true),
            (Some("Pand gesloopt"), false),
            (Some("PAND GESLOOPT"), false),
            (Some("Niet gerealiseerd pand"), false),
            (Some("Pand ten onrechte opgevoerd"), false),
            (Some("Bouwvergunning verleend"), false),
        ] {
            assert_eq!(pand_stands(status), stands, "{status:?}");
        }
    }
}
