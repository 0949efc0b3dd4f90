//! Congestion areas with the real capaciteitskaart CSV: synthetic polygons keyed to
//! real `voedingsgebied_id` values, the CSV joined for operator, queue and year
//! solved, sites joined to the area(s) they lie in (the worst counts), and the grid
//! criterion explaining its source and changing the ranking.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use crate::common;

use std::path::Path;

use locatiescout_engine::congestion::{area_info, areas_for_sites, Colour, CongestionConfig};
use locatiescout_engine::dataset::Dataset;
use locatiescout_engine::grid_connection::{GridSource, GridStatus};
use locatiescout_engine::profile::Profile;
use locatiescout_engine::score::Scoring;
use locatiescout_io::import::{Layer, LayerKind};
use locatiescout_io::join::{join_csv_on, JoinKey};
use locatiescout_model::FieldMap;

const CSV: &str = "grid_congestion/capaciteitskaart_voedingsgebieden.csv";

use common::{rd_layer as layer, rect};

const X: f64 = 150_000.0;
const Y: f64 = 450_000.0;

/// Three areas side by side, 1 km wide: CM11 (Stedin, orange), CM10 (Stedin,
/// transparent) and one the CSV does not know (yellow).
fn areas(dir: &Path) -> Layer {
    layer(
        dir,
        "congestie.geojson",
        LayerKind::Congestion,
        &[
            (
                r#"{"voedingsgebied_id":"CM11","afname":2,"invoeding":3,"congestiemanagement":"ja"}"#.to_string(),
                rect(X, Y, X + 1000.0, Y + 1000.0),
            ),
            (
                r#"{"voedingsgebied_id":"CM10","afname":"0","invoeding":"2,0"}"#.to_string(),
                rect(X + 1000.0, Y, X + 2000.0, Y + 1000.0),
            ),
            (
                r#"{"voedingsgebied_id":"XX ONBEKEND","afname":1,"invoeding":-1}"#.to_string(),
                rect(X + 2000.0, Y, X + 3000.0, Y + 1000.0),
            ),
        ],
    )
}

fn joined_areas(dir: &Path) -> Layer {
    let mut a = areas(dir);
    let r = join_csv_on(
        &mut a,
        &common::shared(CSV),
        &JoinKey::Column("voedingsgebied_id".into()),
        &FieldMap::default(),
    )
    .unwrap();
    assert_eq!(r.rows, 603);
    assert_eq!(r.matched, 2);
    // The area the CSV does not know, and the 601 rows without an area, are reported.
    assert_eq!(r.unmatched_features, [(2, "XX ONBEKEND".to_string())]);
    assert_eq!(r.unmatched_rows.len(), 601);
    a
}

#[test]
fn the_capaciteitskaart_csv_joins_on_voedingsgebied_id() {
    let dir = tempfile::tempdir().unwrap();
    let a = joined_areas(dir.path());
    let cfg = CongestionConfig::default();
    let cm11 = area_info(&a, 0, &cfg);
    assert_eq!(cm11.id, "CM11");
    assert_eq!((cm11.offtake, cm11.feedin), (Colour::Orange, Colour::Red));
    assert!(cm11.managed);
    assert_eq!(cm11.operator.as_deref(), Some("Stedin"));
    assert!((cm11.queue_mw.unwrap() - 8.727).abs() < 1e-9);
    assert_eq!(cm11.solved_year, Some(2029));
    assert_eq!(
        cm11.status(),
        GridStatus::Queue {
            until_year: Some(2029)
        }
    );
    assert_eq!(
        cm11.describe(),
        "capaciteitskaart: oranje, wachtrij 8,7 MW, opgelost 2029, congestiemanagement (Stedin, gebied CM11)"
    );
    let cm10 = area_info(&a, 1, &cfg);
    assert_eq!(
        (cm10.offtake, cm10.feedin),
        (Colour::Transparent, Colour::Orange)
    );
    assert_eq!(cm10.status(), GridStatus::Available);
    let unknown = area_info(&a, 2, &cfg);
    assert_eq!(
        (unknown.offtake, unknown.feedin),
        (Colour::Yellow, Colour::NoInfo)
    );
    assert_eq!(unknown.operator, None);
}

#[test]
fn the_code_mapping_is_a_setting() {
    let dir = tempfile::tempdir().unwrap();
    let a = areas(dir.path());
    // The other public reading: 0 available … 3 shortage, and a status field of its own name.
    let cfg: CongestionConfig = toml::from_str(
        "offtake_field = \"invoeding\"\n[codes]\n\"-1\" = \"no_info\"\n\"0\" = \"red\"\n\"2\" = \"transparent\"\n\"3\" = \"transparent\"\n",
    )
    .unwrap();
    assert_eq!(area_info(&a, 0, &cfg).offtake, Colour::Transparent); // invoeding 3
    assert_eq!(area_info(&a, 1, &cfg).offtake, Colour::Transparent); // "2,0"
    assert_eq!(area_info(&a, 2, &cfg).offtake, Colour::NoInfo);
    assert!(toml::from_str::<CongestionConfig>("kleur = \"afname\"").is_err());
}

fn parcels(dir: &Path) -> Layer {
    let p = |id: &str, note: Option<&str>| match note {
        Some(n) => format!(
            r#"{{"identificatie":"{id}","eigenaar_type":"gemeente","netaansluiting":"{n}"}}"#
        ),
        None => format!(r#"{{"identificatie":"{id}","eigenaar_type":"gemeente"}}"#),
    };
    layer(
        dir,
        "percelen.geojson",
        LayerKind::Parcels,
        &[
            // inside CM11
            (
                p("P-IN-CM11", None),
                rect(X + 100.0, Y + 100.0, X + 300.0, Y + 300.0),
            ),
            // over CM11 and CM10: the worst (CM11) counts
            (
                p("P-OVER", None),
                rect(X + 900.0, Y + 100.0, X + 1100.0, Y + 300.0),
            ),
            // inside CM10 (transparent)
            (
                p("P-IN-CM10", None),
                rect(X + 1200.0, Y + 100.0, X + 1400.0, Y + 300.0),
            ),
            // inside CM11 with a note saying capacity is there
            (
                p("P-NOTE", Some("aansluiting aanwezig")),
                rect(X + 400.0, Y + 400.0, X + 600.0, Y + 600.0),
            ),
            // outside every area, no note
            (p("P-OUT", None), rect(X + 5000.0, Y, X + 5200.0, Y + 200.0)),
        ],
    )
}

fn profile(precedence: Option<Vec<GridSource>>) -> Profile {
    let mut p = Profile::load("flex").unwrap().dated(crate::peildatum());
    p.params.reference_date = "2026-11-21".into();
    if let Some(order) = precedence {
        p.params.grid_precedence = order;
    }
    p
}

#[test]
fn sites_take_the_worst_area_they_lie_in_and_explain_it() {
    let dir = tempfile::tempdir().unwrap();
    let ds = Dataset {
        parcels: Some(parcels(dir.path())),
        congestion: Some(joined_areas(dir.path())),
        ..Dataset::default()
    };
    let hits = areas_for_sites(
        ds.parcels.as_ref().unwrap(),
        ds.congestion.as_ref().unwrap(),
        &ds.congestion_config,
    );
    let got: Vec<Option<(u32, u32)>> = hits.iter().map(|h| h.map(|h| (h.area, h.of))).collect();
    assert_eq!(
        got,
        [Some((0, 1)), Some((0, 2)), Some((1, 1)), Some((0, 1)), None]
    );

    let s = Scoring::new(&ds, profile(None)).unwrap();
    let f = |i: usize| s.facts(&ds, i).unwrap();
    let inside = f(0);
    assert_eq!(
        inside.grid,
        GridStatus::Queue {
            until_year: Some(2029)
        }
    );
    assert_eq!(inside.grid_reading.source, Some(GridSource::Area));
    assert_eq!(inside.grid_reading.operator.as_deref(), Some("Stedin"));
    let over = f(1);
    assert!(
        over.grid_reading
            .detail
            .nl()
            .ends_with("ligt in 2 gebieden, het slechtste telt"),
        "{}",
        over.grid_reading.detail
    );
    assert_eq!(f(2).grid, GridStatus::Available);
    // Default precedence: the site's own note first.
    let noted = f(3);
    assert_eq!(
        (noted.grid, noted.grid_reading.source),
        (GridStatus::Available, Some(GridSource::Note))
    );
    assert_eq!(f(4).grid, GridStatus::Unknown);

    let e = s.explain(&ds, 0);
    assert!(
        e.nl().contains("netaansluiting: wachtrij tot 2029 (capaciteitskaart: oranje, wachtrij 8,7 MW, opgelost 2029, congestiemanagement (Stedin, gebied CM11); indicatief)"),
        "{e}"
    );

    // Precedence is a profile setting: area first.
    let s2 = Scoring::new(
        &ds,
        profile(Some(vec![
            GridSource::Area,
            GridSource::Note,
            GridSource::Rvb,
        ])),
    )
    .unwrap();
    let noted = s2.facts(&ds, 3).unwrap();
    assert_eq!(noted.grid_reading.source, Some(GridSource::Area));
    assert!(s2.scores[3] < s.scores[3]);
}

#[test]
fn a_congestion_layer_changes_the_ranking() {
    let dir = tempfile::tempdir().unwrap();
    let mut ds = Dataset {
        parcels: Some(parcels(dir.path())),
        ..Dataset::default()
    };
    let before = Scoring::new(&ds, profile(None)).unwrap();
    ds.congestion = Some(joined_areas(dir.path()));
    let after = Scoring::new(&ds, profile(None)).unwrap();
    // Without areas P-IN-CM10 and P-IN-CM11 are alike (no grid data); with them the
    // transparent area ranks above the orange one.
    assert_eq!(before.scores[0], before.scores[2]);
    assert!(after.scores[2] > after.scores[0], "{:?}", after.scores);
    let rank = |s: &Scoring, i: u32| s.ranking().iter().position(|&r| r == i).unwrap();
    assert!(rank(&after, 2) < rank(&after, 0));
}

#[test]
fn rvb_ratings_are_a_grid_source_of_their_own() {
    // RVB buildings joined to the impact analysis: Groen/Oranje/Rood per EAN.
    let mut l = common::import_ok(
        "rijksvastgoed/derived_rvb_bouwwerken_netcongestie_rd.geojson",
        LayerKind::Listings,
    );
    locatiescout_io::join::join_csv(
        &mut l,
        &common::shared("rijksvastgoed/derived_rvb_impactanalyse_gefilterde_data.csv"),
        locatiescout_model::Field::Ean,
        &FieldMap::default(),
    )
    .unwrap();
    let ds = Dataset {
        listings: Some(l),
        ..Dataset::default()
    };
    let s = Scoring::new(
        &ds,
        Profile::load("transformatie")
            .unwrap()
            .dated(crate::peildatum()),
    )
    .unwrap();
    let mut by_source = std::collections::BTreeMap::new();
    for i in 0..s.len() {
        let f = s.facts(&ds, i).unwrap();
        if f.grid_reading.source == Some(GridSource::Rvb) {
            assert!(f
                .grid_reading
                .detail
                .nl()
                .starts_with("RVB-impactanalyse: "));
            *by_source.entry(f.grid.key()).or_insert(0) += 1;
        }
    }
    assert!(by_source.values().sum::<i32>() > 200, "{by_source:?}");
    assert!(
        by_source.contains_key("available") && by_source.contains_key("queue"),
        "{by_source:?}"
    );
}

/// The fast path (a ray cast against boundary segments, no intersection when no
/// boundary crosses a site) against the exact overlaps for 3,000 random sites over
/// areas with a hole, two parts and wavy shared edges.
#[test]
fn the_fast_area_lookup_agrees_with_exact_overlaps() {
    use rand::{Rng, SeedableRng};
    let dir = tempfile::tempdir().unwrap();
    let wave = |x0: f64, x1: f64, y: f64| -> Vec<[f64; 2]> {
        (0..=50)
            .map(|k| {
                let x = x0 + (x1 - x0) * k as f64 / 50.0;
                [x, y + 30.0 * (x / 57.0).sin()]
            })
            .collect()
    };
    let ring = |pts: Vec<[f64; 2]>| {
        let mut pts = pts;
        pts.push(pts[0]);
        serde_json::to_string(&pts).unwrap()
    };
    // South: a wavy top edge shared with North; East has a hole and a second part.
    let mut south = wave(X, X + 1000.0, Y + 500.0);
    south.reverse();
    south.splice(0..0, [[X, Y], [X + 1000.0, Y]]);
    let mut north = wave(X, X + 1000.0, Y + 500.0);
    north.extend([[X + 1000.0, Y + 1000.0], [X, Y + 1000.0]]);
    let east = format!(
        "{{\"type\":\"MultiPolygon\",\"coordinates\":[[{},{}],[{}]]}}",
        ring(vec![
            [X + 1000.0, Y],
            [X + 1600.0, Y],
            [X + 1600.0, Y + 1000.0],
            [X + 1000.0, Y + 1000.0]
        ]),
        ring(vec![
            [X + 1200.0, Y + 300.0],
            [X + 1200.0, Y + 700.0],
            [X + 1400.0, Y + 700.0],
            [X + 1400.0, Y + 300.0]
        ]),
        ring(vec![
            [X + 1700.0, Y],
            [X + 1900.0, Y],
            [X + 1900.0, Y + 200.0],
            [X + 1700.0, Y + 200.0]
        ]),
    );
    let areas = layer(
        dir.path(),
        "gebieden.geojson",
        LayerKind::Congestion,
        &[
            (
                r#"{"voedingsgebied_id":"S","afname":1}"#.to_string(),
                format!("{{\"type\":\"Polygon\",\"coordinates\":[{}]}}", ring(south)),
            ),
            (
                r#"{"voedingsgebied_id":"N","afname":2}"#.to_string(),
                format!("{{\"type\":\"Polygon\",\"coordinates\":[{}]}}", ring(north)),
            ),
            (r#"{"voedingsgebied_id":"E","afname":3}"#.to_string(), east),
        ],
    );
    let mut rng = rand::rngs::StdRng::seed_from_u64(28992);
    let sites: Vec<(String, String)> = (0..3000)
        .map(|k| {
            let (x, y) = (
                X - 100.0 + rng.random::<f64>() * 2100.0,
                Y - 100.0 + rng.random::<f64>() * 1200.0,
            );
            let s = 5.0 + rng.random::<f64>() * 40.0;
            (
                format!(r#"{{"identificatie":"S{k}"}}"#),
                rect(x, y, x + s, y + s),
            )
        })
        .collect();
    let sites = layer(dir.path(), "percelen.geojson", LayerKind::Parcels, &sites);
    let cfg = CongestionConfig::default();
    let fast = areas_for_sites(&sites, &areas, &cfg);
    let idx = locatiescout_engine::SpatialIndex::build(&areas);
    let mut inside = 0;
    for (i, got) in fast.iter().enumerate() {
        let hits = locatiescout_engine::link::overlaps(&sites, i, &areas, &idx);
        let want: Vec<u32> = hits.iter().map(|o| o.feature).collect();
        match got {
            None => assert!(want.is_empty(), "site {i}: none, exact {want:?}"),
            Some(a) => {
                assert!(want.contains(&a.area), "site {i}: {a:?}, exact {want:?}");
                assert_eq!(a.of as usize, want.len(), "site {i}");
                inside += 1;
            }
        }
    }
    assert!(inside > 1500, "{inside}");
}
