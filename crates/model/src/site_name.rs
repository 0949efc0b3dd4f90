//! How a planner names a site: the kadastrale aanduiding of a parcel
//! ("Voorbeeldstad A 9"), else its address or a building's name. Lists,
//! tooltips and tables show this name; the full identifier
//! ("NL.IMKAD.KadastraalObject.VBS00A000090000") stays in the detail and the
//! exports, where it joins back to the source.

use crate::attrs::{Field, Sym};
use crate::layer::Layer;

/// Attributes that hold a parcel's kadastrale gemeente: its name (BRK DKK,
/// PDOK) or its AKR code (`SBG01` in older DKK files, where it is `gemeente`).
const GEMEENTE: [&str; 7] = [
    "kadastraleGemeenteWaarde",
    "kadastrale_gemeente_waarde",
    "kadastraleGemeente",
    "kadastrale_gemeente",
    "AKRKadastraleGemeenteCodeWaarde",
    "akr_kadastrale_gemeente_code_waarde",
    "gemeente",
];
const SECTIE: [&str; 2] = ["sectie", "kadastrale_sectie"];
const PERCEEL: [&str; 3] = ["perceelnummer", "perceel_nummer", "perceel"];

/// A name is cut here: a list row or a tooltip holds no paragraph.
pub const MAX_NAME_CHARS: usize = 80;

/// The parts a planner's name is made of, as one feature carries them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NameParts<'a> {
    pub gemeente: Option<&'a str>,
    pub sectie: Option<&'a str>,
    pub perceel: Option<&'a str>,
    pub address: Option<&'a str>,
    pub city: Option<&'a str>,
    pub name: Option<&'a str>,
}

/// The planner's name from `p`, or `None` when the feature carries none of it
/// (the caller then shows the identifier).
pub fn planner_name(p: &NameParts<'_>) -> Option<String> {
    fn part(v: Option<&str>) -> Option<&str> {
        v.map(str::trim).filter(|s| !s.is_empty())
    }
    let name =
        if let (Some(g), Some(s), Some(n)) = (part(p.gemeente), part(p.sectie), part(p.perceel)) {
            format!("{g} {s} {n}")
        } else if let Some(a) = part(p.address) {
            let a = house_number_joined(a);
            match part(p.city) {
                Some(c) if !a.to_lowercase().contains(&c.to_lowercase()) => format!("{a}, {c}"),
                _ => a,
            }
        } else {
            part(p.name)?.to_string()
        };
    Some(cut(&name))
}

/// `Lange Voorhout, 8` (as RVB lists write it) reads `Lange Voorhout 8`.
fn house_number_joined(a: &str) -> String {
    match a.split_once(", ") {
        Some((street, number))
            if number.starts_with(|c: char| c.is_ascii_digit())
                && number.chars().count() <= 8
                && !street.contains(|c: char| c.is_ascii_digit()) =>
        {
            format!("{street} {number}")
        }
        _ => a.to_string(),
    }
}

fn cut(s: &str) -> String {
    if s.chars().count() <= MAX_NAME_CHARS {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(MAX_NAME_CHARS - 1).collect();
        t.push('…');
        t
    }
}

/// Where one part is kept in a layer: a recognised field or an extra attribute.
#[derive(Debug, Clone, Copy)]
enum Source {
    Field(Field),
    Extra(Sym),
}

/// Names the features of one layer. The attribute names are looked up once per
/// layer, so naming a million sites (tiles, the list's search) costs a few
/// comparisons each.
pub struct SiteNamer<'l> {
    layer: &'l Layer,
    gemeente: Option<Source>,
    sectie: Option<Source>,
    perceel: Option<Source>,
    /// The name field, unless it holds the kadastrale gemeente (the field map
    /// reads `kadastraleGemeente` as a name): every parcel would be "Voorbeeldstad".
    name: bool,
}

impl<'l> SiteNamer<'l> {
    pub fn new(layer: &'l Layer) -> SiteNamer<'l> {
        let find = |names: &[&str]| {
            names.iter().find_map(|n| {
                let seen = layer
                    .report
                    .fields
                    .iter()
                    .find(|f| f.name.eq_ignore_ascii_case(n))?;
                match seen.recognised_as {
                    Some(f) => Some(Source::Field(f)),
                    None => layer.strings.get(&seen.name).map(Source::Extra),
                }
            })
        };
        let gemeente = find(&GEMEENTE);
        SiteNamer {
            layer,
            name: !matches!(gemeente, Some(Source::Field(Field::Name))),
            gemeente,
            sectie: find(&SECTIE),
            perceel: find(&PERCEEL),
        }
    }

    fn get(&self, i: usize, s: Option<Source>) -> Option<&'l str> {
        let layer = self.layer;
        match s? {
            Source::Field(f) => layer.text(i, f),
            Source::Extra(key) => {
                let a = &layer.attrs[i];
                let range = a.extra_start as usize..(a.extra_start + a.extra_len) as usize;
                layer
                    .extras
                    .get(range)?
                    .iter()
                    .find(|(k, _)| *k == key)
                    .map(|(_, v)| layer.strings.resolve(v))
            }
        }
    }

    /// Feature `i` as a planner names it; its [`Layer::label`] when it carries
    /// no name.
    pub fn name(&self, i: usize) -> String {
        let layer = self.layer;
        let parts = NameParts {
            gemeente: self.get(i, self.gemeente),
            sectie: self.get(i, self.sectie),
            perceel: self.get(i, self.perceel),
            address: layer.text(i, Field::Address),
            city: layer.text(i, Field::City),
            name: self.name.then(|| layer.text(i, Field::Name)).flatten(),
        };
        planner_name(&parts).unwrap_or_else(|| layer.label(i))
    }
}

impl Layer {
    /// Feature `i` as a planner names it ("Voorbeeldstad A 9", an address),
    /// else its [`Layer::label`]. For many features, make one [`SiteNamer`].
    pub fn display_name(&self, i: usize) -> String {
        SiteNamer::new(self).name(i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_parcel_is_named_by_its_kadastrale_aanduiding() {
        let p = NameParts {
            gemeente: Some("Voorbeeldstad"),
            sectie: Some("A"),
            perceel: Some("9"),
            name: Some("Voorbeeldstad"),
            ..NameParts::default()
        };
        assert_eq!(planner_name(&p).as_deref(), Some("Voorbeeldstad A 9"));
        // An AKR code names the gemeente in older DKK files.
        let p = NameParts {
            gemeente: Some("SBG01"),
            sectie: Some("B"),
            perceel: Some("6931"),
            ..NameParts::default()
        };
        assert_eq!(planner_name(&p).as_deref(), Some("SBG01 B 6931"));
    }

    #[test]
    fn a_building_is_named_by_its_address_then_its_name() {
        let p = NameParts {
            address: Some("Lange Voorhout, 8"),
            city: Some("'s-Gravenhage"),
            name: Some("Rekenkamer"),
            ..NameParts::default()
        };
        assert_eq!(
            planner_name(&p).as_deref(),
            Some("Lange Voorhout 8, 's-Gravenhage")
        );
        // The city is not said twice (a Locatieserver weergavenaam holds it).
        let p = NameParts {
            address: Some("Lange Voorhout 8, 2514ED 's-Gravenhage"),
            city: Some("'s-Gravenhage"),
            ..NameParts::default()
        };
        assert_eq!(
            planner_name(&p).as_deref(),
            Some("Lange Voorhout 8, 2514ED 's-Gravenhage")
        );
        let p = NameParts {
            name: Some("Rijkskantoor De Knoop"),
            ..NameParts::default()
        };
        assert_eq!(planner_name(&p).as_deref(), Some("Rijkskantoor De Knoop"));
    }

    #[test]
    fn without_parts_there_is_no_name_and_a_long_one_is_cut() {
        // Half an aanduiding is no name: the identifier is shown instead.
        let p = NameParts {
            sectie: Some("A"),
            perceel: Some(" "),
            ..NameParts::default()
        };
        assert_eq!(planner_name(&p), None);
        let long = "x".repeat(10_000);
        let p = NameParts {
            name: Some(&long),
            ..NameParts::default()
        };
        let n = planner_name(&p).unwrap_or_default();
        assert_eq!(n.chars().count(), MAX_NAME_CHARS);
        assert!(n.ends_with('…'));
    }
}
