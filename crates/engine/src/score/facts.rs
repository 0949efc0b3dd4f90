//! What the criteria read about one site ([`SiteFacts`]): homes, term, grid
//! status, owner, functions, status, year — from the site, its listing, its
//! parcel and its verblijfsobjecten.

use chrono::NaiveDate;

use super::joins::Joins;
use crate::dataset::Dataset;
use crate::grid_connection::{read_note, rvb_rating, GridReading, GridSource, GridStatus};
use crate::profile::{Profile, SiteLayer};
use locatiescout_model::attrs::{years_between, Field};
use locatiescout_model::layer::{Layer, LayerKind};
use locatiescout_model::text::Text;

/// Term of availability.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
#[serde(tag = "kind", content = "years", rename_all = "snake_case")]
pub enum Term {
    Years(f64),
    /// Available from a date, no end date known (scored as `open_end_years`; not a promise of permanence).
    OpenEnd,
    Unknown,
}

/// Everything the criteria read about one site. Built on demand; not stored.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SiteFacts {
    pub area_m2: f64,
    /// Land area came from the registered (kadastrale) size, not the geometry.
    pub area_registered: bool,
    pub floor_area_m2: Option<f64>,
    pub floor_area_estimated: bool,
    pub homes: f64,
    pub term: Term,
    /// First day the site is available (ISO date), when known.
    pub available_from: Option<String>,
    pub grid: GridStatus,
    /// Where the grid status came from and what it says.
    pub grid_reading: GridReading,
    pub owner: Option<String>,
    pub functions: Vec<&'static str>,
    /// BAG status of the pand or its units.
    pub status: Option<String>,
    /// RVB afstootstatus, in words ("afstoot besloten").
    pub disposal: Option<String>,
    pub year_built: Option<u16>,
    /// The listing (Rijksvastgoed) joined to this site, by label.
    pub listing: Option<String>,
    /// The parcel a building stands on, by label.
    pub parcel: Option<String>,
    /// Verblijfsobjecten counted into this building.
    pub units: u32,
}

/// An RVB afstootstatus code in words: `afstootbesloten` → "afstoot besloten".
pub fn disposal_words(code: &str) -> String {
    let c = code.trim();
    let squashed: String = c
        .chars()
        .filter(|ch| !ch.is_whitespace() && *ch != '_' && *ch != '-')
        .collect::<String>()
        .to_lowercase();
    match squashed.as_str() {
        "afstootbesloten" => "afstoot besloten".into(),
        "overtolligstellingverwacht" => "overtolligstelling verwacht".into(),
        "nietinafstoting" => "niet in afstoting".into(),
        "inafstoting" => "in afstoting".into(),
        "afgestoten" => "afgestoten".into(),
        _ => c.to_string(),
    }
}

fn term_of(from: Option<NaiveDate>, until: Option<NaiveDate>, reference: NaiveDate) -> Term {
    match (from, until) {
        (None, None) => Term::Unknown,
        (_, None) => Term::OpenEnd,
        (f, Some(u)) => {
            let start = f.map_or(reference, |f| f.max(reference));
            Term::Years(years_between(start, u).max(0.0))
        }
    }
}

pub(super) fn facts_of(
    ds: &Dataset,
    profile: &Profile,
    sites: &Layer,
    joins: &Joins,
    i: usize,
    reference: NaiveDate,
) -> SiteFacts {
    let a = &sites.attrs[i];
    let listing = joins
        .listing
        .get(&(i as u32))
        .and_then(|&l| ds.listings.as_ref().map(|layer| (layer, l as usize)));
    let from_listing = |f: Field| listing.and_then(|(l, j)| l.text(j, f));
    let text = |f: Field| sites.text(i, f).or_else(|| from_listing(f));

    let available_from = a
        .available_from
        .or_else(|| listing.and_then(|(l, j)| l.attrs[j].available_from));
    let available_until = a
        .available_until
        .or_else(|| listing.and_then(|(l, j)| l.attrs[j].available_until));
    let term = term_of(available_from, available_until, reference);
    let grid_reading = grid_of(profile, sites, i, listing, joins);
    let grid = grid_reading.status;

    let parcel = joins.parcel.get(i).copied().flatten();
    let parcel_layer = ds.parcels.as_ref();
    let mut owner = text(Field::OwnerType).map(str::to_string);
    if owner.is_none() {
        owner = parcel
            .and_then(|p| parcel_layer.and_then(|l| l.text(p as usize, Field::OwnerType)))
            .map(str::to_string);
    }
    if owner.is_none() && (listing.is_some() || sites.kind == LayerKind::Listings) {
        // A Rijksvastgoed listing is state property.
        owner = Some("rijk".into());
    }

    let geom_area = sites.area_m2[i];
    let registered = a.registered_area_m2.filter(|v| *v > 0.0).map(f64::from);
    let area_m2 = registered.unwrap_or(geom_area);

    let mut functions = a.functions;
    let mut status = text(Field::Status).map(str::to_string);
    let mut floor = a.floor_area_m2.map(f64::from);
    let unit_sum = joins.units.get(&(i as u32)).copied();
    if let Some(u) = unit_sum {
        functions = functions.union(u.functions);
        if u.floor_area_m2 > 0.0 {
            floor = Some(u.floor_area_m2);
        }
        if u.out_of_use > 0 {
            let note = format!(
                "{} van {} verblijfsobjecten buiten gebruik",
                u.out_of_use, u.count
            );
            status = Some(status.map_or(note.clone(), |s| format!("{s}; {note}")));
        }
    }
    let mut disposal = sites.text(i, Field::DisposalStatus).map(disposal_words);
    if let Some((l, j)) = listing {
        functions = functions.union(l.attrs[j].functions);
        floor = floor.or(l.attrs[j].floor_area_m2.map(f64::from));
        if disposal.is_none() {
            disposal = l.text(j, Field::DisposalStatus).map(disposal_words);
        }
    }

    let p = &profile.params;
    let (homes, floor_area_m2, floor_area_estimated) = match profile.sites {
        SiteLayer::Parcels => (
            (area_m2 / 10_000.0 * p.homes_per_ha.unwrap_or(0.0)).floor(),
            floor,
            false,
        ),
        SiteLayer::Buildings => {
            let (fa, est) = match floor {
                Some(f) if f > 0.0 => (f, false),
                _ => (geom_area * p.floors_if_unknown.unwrap_or(0.0), true),
            };
            let per = p.m2_per_home.unwrap_or(f64::INFINITY);
            ((fa / per).floor(), Some(fa), est)
        }
    };

    SiteFacts {
        area_m2,
        area_registered: registered.is_some(),
        floor_area_m2,
        floor_area_estimated,
        homes: homes.max(0.0),
        term,
        available_from: available_from.map(|d| d.format("%Y-%m-%d").to_string()),
        grid,
        grid_reading,
        owner,
        functions: functions.names().collect(),
        status,
        disposal,
        year_built: a.year_built,
        listing: listing.map(|(l, j)| l.label(j)),
        parcel: parcel.and_then(|p| parcel_layer.map(|l| l.label(p as usize))),
        units: unit_sum.map_or(0, |u| u.count),
    }
}

/// The site's grid status from its note, the RVB rating and its congestion area,
/// in the profile's order of precedence: the first source that knows counts.
fn grid_of(
    profile: &Profile,
    sites: &Layer,
    i: usize,
    listing: Option<(&Layer, usize)>,
    joins: &Joins,
) -> GridReading {
    let own = sites.text(i, Field::GridNote);
    let of_listing = listing.and_then(|(l, j)| l.text(j, Field::GridNote));
    // RVB's Groen/Oranje/Rood comes with listings; a parcel's own "Rood" is a note.
    let from_rvb = |t: &str| {
        rvb_rating(t).map(|status| GridReading {
            status,
            source: Some(GridSource::Rvb),
            detail: Text::new("grid.rvb").str("rating", t.trim()),
            phrase: None,
            operator: None,
            queue_mw: None,
        })
    };
    let from_note = |t: &str| {
        let r = joins.notes.get(t).cloned().unwrap_or_else(|| read_note(t));
        GridReading {
            status: r.status,
            source: Some(GridSource::Note),
            detail: Text::new("grid.note").str("note", t.trim()),
            phrase: r.phrase,
            operator: r.operator,
            queue_mw: None,
        }
    };
    let rvb = if sites.kind == LayerKind::Listings {
        own.and_then(from_rvb)
    } else {
        of_listing.and_then(from_rvb)
    };
    let note = match (sites.kind == LayerKind::Listings, own, of_listing) {
        (true, Some(t), _) if rvb.is_none() => Some(from_note(t)),
        (false, Some(t), _) => Some(from_note(t)),
        (_, _, Some(t)) if rvb_rating(t).is_none() => Some(from_note(t)),
        _ => None,
    };
    let area = joins
        .area
        .get(i)
        .copied()
        .flatten()
        .and_then(|a| joins.areas.get(a.area as usize).map(|info| (a, info)))
        .map(|(a, info)| GridReading {
            status: info.status(),
            source: Some(GridSource::Area),
            detail: if a.of > 1 {
                Text::new("grid.areas")
                    .text("area", info.describe())
                    .num("n", f64::from(a.of), 0)
            } else {
                info.describe()
            },
            phrase: None,
            operator: info.operator.clone(),
            queue_mw: info.queue_mw,
        });
    let mut found = [
        (GridSource::Note, note),
        (GridSource::Rvb, rvb),
        (GridSource::Area, area),
    ];
    for want in &profile.params.grid_precedence {
        if let Some((_, r)) = found.iter_mut().find(|(s, _)| s == want) {
            if let Some(r) = r.take_if(|r| r.status != GridStatus::Unknown) {
                return r;
            }
        }
    }
    // Nobody knows: say what there was.
    found
        .into_iter()
        .find_map(|(_, r)| r)
        .unwrap_or_else(GridReading::unknown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn term_counts_from_reference_date_and_open_end_is_permanent() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd);
        let r = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        assert_eq!(term_of(d(2024, 1, 1), None, r), Term::OpenEnd);
        assert_eq!(term_of(None, None, r), Term::Unknown);
        match term_of(d(2020, 1, 1), d(2036, 1, 1), r) {
            Term::Years(y) => assert!((y - 10.0).abs() < 0.01),
            t => panic!("{t:?}"),
        }
    }
}
