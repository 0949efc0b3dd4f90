//! Listings linked to the parcels they stand on and the panden they overlap, by
//! area of overlap: a listing over two parcels links to both, one that only
//! touches a neighbour's edge or overlaps it by a digitising sliver does not,
//! and scoring with either profile reads the listing's facts on every linked site.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use crate::common;

use std::path::Path;

use locatiescout_engine::dataset::Dataset;
use locatiescout_engine::link::link_listings;
use locatiescout_engine::profile::Profile;
use locatiescout_engine::score::Scoring;
use locatiescout_io::import::{Layer, LayerKind};
use locatiescout_output::links::write_links_csv;

use common::{rd_layer as layer, rect};

const X: f64 = 150_000.0;
const Y: f64 = 450_000.0;

fn dataset(dir: &Path) -> Dataset {
    let parcels = layer(
        dir,
        "percelen.geojson",
        LayerKind::Parcels,
        &[
            (
                r#"{"identificatie":"P-A","eigenaar_type":"particulier"}"#,
                rect(X, Y, X + 100.0, Y + 100.0),
            ),
            (
                r#"{"identificatie":"P-B","eigenaar_type":"particulier"}"#,
                rect(X + 100.0, Y, X + 200.0, Y + 100.0),
            ),
            (
                r#"{"identificatie":"P-C"}"#,
                rect(X + 200.0, Y, X + 300.0, Y + 100.0),
            ),
            (
                r#"{"identificatie":"P-D"}"#,
                rect(X + 300.0, Y, X + 400.0, Y + 100.0),
            ),
        ],
    );
    let buildings = layer(
        dir,
        "panden.geojson",
        LayerKind::Buildings,
        &[
            (
                r#"{"identificatie":"0001100000000001","gebruiksdoel":["kantoorfunctie"],"oppervlakte":9000}"#,
                rect(X + 60.0, Y + 20.0, X + 140.0, Y + 80.0),
            ),
            (
                r#"{"identificatie":"0001100000000002","gebruiksdoel":["kantoorfunctie"],"oppervlakte":500}"#,
                rect(X + 220.0, Y + 20.0, X + 240.0, Y + 40.0),
            ),
        ],
    );
    let listings = layer(
        dir,
        "aanbod.geojson",
        LayerKind::Listings,
        &[
            // Over the boundary of A and B, covering the whole first pand.
            (
                r#"{"BOUWWERKCO":"L1","AFSTOOTSTA":"afstootbesloten","beschikbaar_vanaf":"2027-01-01"}"#,
                rect(X + 50.0, Y + 10.0, X + 150.0, Y + 90.0),
            ),
            // Inside C, touching B only along x = X+200: C alone.
            (
                r#"{"BOUWWERKCO":"L2"}"#,
                rect(X + 200.0, Y, X + 210.0, Y + 100.0),
            ),
            // D drawn half a metre off: a 50 m² sliver over C does not link.
            (
                r#"{"BOUWWERKCO":"L3"}"#,
                rect(X + 299.5, Y, X + 399.5, Y + 100.0),
            ),
            // A point inside C, on no pand.
            (
                r#"{"BOUWWERKCO":"L4"}"#,
                format!(
                    "{{\"type\":\"Point\",\"coordinates\":[{},{}]}}",
                    X + 250.0,
                    Y + 50.0
                ),
            ),
        ],
    );
    Dataset {
        parcels: Some(parcels),
        buildings: Some(buildings),
        listings: Some(listings),
        ..Dataset::default()
    }
}

fn labels(layer: &Layer, hits: &[locatiescout_engine::link::Overlap]) -> Vec<String> {
    hits.iter()
        .map(|o| layer.label(o.feature as usize))
        .collect()
}

#[test]
fn listings_link_to_every_parcel_and_pand_they_overlap() {
    let dir = tempfile::tempdir().unwrap();
    let ds = dataset(dir.path());
    let (p, b, l) = (
        ds.parcels.as_ref().unwrap(),
        ds.buildings.as_ref().unwrap(),
        ds.listings.as_ref().unwrap(),
    );
    let links = link_listings(l, Some(p), Some(b));
    assert_eq!(links.len(), 4);
    // L1: 50 × 80 m on A and on B (equal overlap: ties by feature number).
    assert_eq!(labels(p, &links[0].parcels), ["P-A", "P-B"]);
    assert!((links[0].parcels[0].overlap_m2 - 4000.0).abs() < 1e-6);
    assert!((links[0].parcels[0].share_of_listing - 0.5).abs() < 1e-9);
    assert_eq!(labels(b, &links[0].buildings), ["0001100000000001"]);
    // L2 touches B's edge only.
    assert_eq!(labels(p, &links[1].parcels), ["P-C"]);
    assert!(links[1].buildings.is_empty());
    // L3: the sliver over C is left out, D is linked.
    assert_eq!(labels(p, &links[2].parcels), ["P-D"]);
    assert!((links[2].parcels[0].overlap_m2 - 9950.0).abs() < 1e-6);
    // L4, a point: the parcel it lies in.
    assert_eq!(labels(p, &links[3].parcels), ["P-C"]);
    assert_eq!(links[3].parcels[0].share_of_listing, 1.0);
    assert!(links[3].buildings.is_empty());
}

fn profile(name: &str) -> Profile {
    let mut p = Profile::load(name).unwrap().dated(crate::peildatum());
    p.params.reference_date = "2026-11-21".into();
    p
}

#[test]
fn both_profiles_score_a_listing_through_its_links() {
    let dir = tempfile::tempdir().unwrap();
    let ds = dataset(dir.path());
    let flex = Scoring::new(&ds, profile("flex")).unwrap();
    // Both parcels under L1 read its facts: state property, its term, its status.
    for i in [0, 1] {
        let f = flex.facts(&ds, i).unwrap();
        assert_eq!(f.listing.as_deref(), Some("L1"), "parcel {i}");
        // The parcel's own owner field still wins over the listing's implied owner.
        assert_eq!(f.owner.as_deref(), Some("particulier"));
        // The RVB afstootstatus is its own fact, in words.
        assert_eq!(f.disposal.as_deref(), Some("afstoot besloten"));
        assert_eq!(f.term, locatiescout_engine::score::Term::OpenEnd);
    }
    // C: L2 covers 1,000 m², the point L4 covers nothing: L2 wins.
    let c = flex.facts(&ds, 2).unwrap();
    assert_eq!(c.listing.as_deref(), Some("L2"));
    assert_eq!(c.owner.as_deref(), Some("rijk"));
    let d = flex.facts(&ds, 3).unwrap();
    assert_eq!(d.listing.as_deref(), Some("L3"));

    let trans = Scoring::new(&ds, profile("transformatie")).unwrap();
    let pand = trans.facts(&ds, 0).unwrap();
    assert_eq!(pand.listing.as_deref(), Some("L1"));
    assert!(trans.facts(&ds, 1).unwrap().listing.is_none());

    let l = ds.listings.as_ref().unwrap();
    let links = link_listings(l, ds.parcels.as_ref(), ds.buildings.as_ref());
    // L1 under flex: the better of A and B; under transformation: its pand.
    let best = flex.best_linked(&links[0], 0).unwrap();
    let (a, b) = (flex.scores[0], flex.scores[1]);
    assert_eq!(best.score, f64::from(a.max(b)));
    assert!(best.site == 0 || best.site == 1);
    assert_eq!(trans.best_linked(&links[0], 0).unwrap().site, 0);
    // L2 has no pand: nothing to score it with under transformation.
    assert!(trans.best_linked(&links[1], 1).is_none());

    let mut csv = Vec::new();
    write_links_csv(&mut csv, &ds, &links, &[&flex, &trans]).unwrap();
    let text = String::from_utf8(csv).unwrap();
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        lines[0],
        "aanbod;percelen;panden;score_flex;locatie_flex;score_transformatie;locatie_transformatie"
    );
    assert_eq!(lines.len(), 5);
    assert!(
        lines[1].starts_with("L1;P-A, P-B;0001100000000001;"),
        "{}",
        lines[1]
    );
    assert!(lines[2].starts_with("L2;P-C;;"), "{}", lines[2]);
    assert!(lines[2].ends_with(";;"), "{}", lines[2]);
}

#[test]
fn transformation_without_panden_scores_the_listings_themselves() {
    let dir = tempfile::tempdir().unwrap();
    let mut ds = dataset(dir.path());
    ds.buildings = None;
    let trans = Scoring::new(&ds, profile("transformatie")).unwrap();
    assert_eq!(trans.site_kind, LayerKind::Listings);
    let l = ds.listings.as_ref().unwrap();
    let links = link_listings(l, ds.parcels.as_ref(), None);
    assert_eq!(trans.best_linked(&links[2], 2).unwrap().site, 2);
    // A listing scored as a site names the parcel under most of it (L1's centre
    // lies on the boundary of A and B, so an anchor point would find neither).
    let f = trans.facts(&ds, 0).unwrap();
    assert_eq!(f.listing, None);
    assert_eq!(f.parcel.as_deref(), Some("P-A"));
    assert_eq!(trans.facts(&ds, 2).unwrap().parcel.as_deref(), Some("P-D"));
}
