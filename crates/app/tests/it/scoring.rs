//! Scoring on the committed sample region: golden top lists (review when they
//! change: `UPDATE_GOLDEN=1 cargo test --test scoring`), rescoring against a fresh
//! scoring as oracle, knock-outs, sensitivity and exports.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use crate::common;

use std::path::Path;

use locatiescout_engine::dataset::Dataset;
use locatiescout_engine::profile::Profile;
use locatiescout_engine::score::Scoring;
use locatiescout_io::import::LayerKind;

fn sample(name: &str) -> locatiescout_model::Layer {
    let p = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join("data/sample")
        .join(name);
    let kind = match name {
        "percelen.geojson" => LayerKind::Parcels,
        "panden.geojson" => LayerKind::Buildings,
        _ => LayerKind::Listings,
    };
    common::import(&p, kind).unwrap()
}

fn dataset() -> Dataset {
    Dataset {
        parcels: Some(sample("percelen.geojson")),
        buildings: Some(sample("panden.geojson")),
        listings: Some(sample("rijksvastgoed.geojson")),
        ..Dataset::default()
    }
}

fn profile(name: &str) -> Profile {
    let mut p = Profile::load(name).unwrap().dated(crate::peildatum());
    p.params.reference_date = "2026-11-21".into();
    p
}

fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("missing {}; run with UPDATE_GOLDEN=1", path.display()));
    assert_eq!(
        actual, want,
        "golden {name} changed; review and run with UPDATE_GOLDEN=1"
    );
}

fn table(ds: &Dataset, s: &Scoring, n: usize) -> String {
    let layer = ds.site_layer(&s.profile).unwrap();
    s.top(n)
        .iter()
        .map(|&i| {
            format!(
                "{}\t{:.1}\t{}\t{}\n",
                layer.label(i as usize),
                s.scores[i as usize],
                s.homes[i as usize],
                s.explain(ds, i as usize)
            )
        })
        .collect()
}

#[test]
fn flex_and_transformatie_top_lists_are_stable() {
    let ds = dataset();
    let flex = Scoring::new(&ds, profile("flex")).unwrap();
    golden("flex_top15.tsv", &table(&ds, &flex, 15));
    let tr = Scoring::new(&ds, profile("transformatie")).unwrap();
    golden("transformatie_top15.tsv", &table(&ds, &tr, 15));
}

#[test]
fn rescoring_equals_scoring_with_those_weights_from_scratch() {
    let ds = dataset();
    let mut s = Scoring::new(&ds, profile("flex")).unwrap();
    let before = s.top(10);
    s.set_weight("grid", 90.0).unwrap();
    s.set_weight("size", 5.0).unwrap();
    s.rescore();
    let mut p = profile("flex");
    for c in &mut p.criteria {
        match c.key.as_str() {
            "grid" => c.weight = 90.0,
            "size" => c.weight = 5.0,
            _ => {}
        }
    }
    let fresh = Scoring::new(&ds, p).unwrap();
    for i in 0..s.len() {
        assert!((s.scores[i] - fresh.scores[i]).abs() < 1e-3, "site {i}");
    }
    assert_eq!(s.ranking(), fresh.ranking());
    assert_ne!(
        before,
        s.top(10),
        "moving weights this far must change the top"
    );
    assert!(s.set_weight("onbekend", 1.0).is_err());
    assert!(s.set_weight("grid", 101.0).is_err());
}

#[test]
fn knockouts_score_zero_rank_last_and_say_why() {
    let ds = dataset();
    let s = Scoring::new(&ds, profile("flex")).unwrap();
    let ko: Vec<usize> = (0..s.len()).filter(|&i| s.is_knocked_out(i)).collect();
    assert!(!ko.is_empty());
    let ranking = s.ranking();
    let first_ko = ranking
        .iter()
        .position(|&i| s.is_knocked_out(i as usize))
        .unwrap();
    assert!(ranking[first_ko..]
        .iter()
        .all(|&i| s.is_knocked_out(i as usize)));
    for &i in &ko {
        assert_eq!(s.scores[i], 0.0);
        let e = s.explain(&ds, i);
        assert!(e.nl().starts_with("Valt af ("), "{e}");
        assert!(!s.knockout_reasons(&ds, i).is_empty());
    }
}

#[test]
fn listings_enrich_the_parcels_they_stand_on() {
    let ds = dataset();
    let s = Scoring::new(&ds, profile("flex")).unwrap();
    let enriched = (0..s.len())
        .filter(|&i| s.facts(&ds, i).unwrap().listing.is_some())
        .count();
    assert!(enriched > 0);
    let t = Scoring::new(&ds, profile("transformatie")).unwrap();
    let with_parcel = (0..t.len())
        .filter(|&i| t.facts(&ds, i).unwrap().parcel.is_some())
        .count();
    assert_eq!(with_parcel, t.len(), "every sample pand stands on a parcel");
}

#[test]
fn sensitivity_reports_every_criterion_and_top_site() {
    let ds = dataset();
    let s = Scoring::new(&ds, profile("transformatie")).unwrap();
    let r = s.sensitivity(10, 0.2);
    assert_eq!(r.top_n, 10);
    assert_eq!(r.per_criterion.len(), s.profile.criteria.len());
    assert_eq!(r.sites.len(), 10);
    for c in &r.per_criterion {
        assert!((0.0..=1.0).contains(&c.overlap_down) && (0.0..=1.0).contains(&c.overlap_up));
    }
    // A site is stable exactly when its worst rank stays inside the top.
    for st in &r.sites {
        assert_eq!(st.stable, st.worst_rank.is_some_and(|w| w <= 10));
    }
}

#[test]
fn geojson_export_is_rfc7946_with_score_properties() {
    let ds = dataset();
    let s = Scoring::new(&ds, profile("flex")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("uit.geojson");
    locatiescout_output::export::export_sites(
        &out,
        &ds,
        &s,
        &s.top(25),
        locatiescout_model::text::Lang::Nl,
    )
    .unwrap();
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let feats = v["features"].as_array().unwrap();
    assert_eq!(feats.len(), 25);
    for f in feats {
        let p = &f["properties"];
        for key in [
            "site_index",
            "score",
            "homes",
            "knockout",
            "explanation",
            "score_size",
            "score_term",
            "score_grid",
            "score_owner",
        ] {
            assert!(p.get(key).is_some(), "missing {key}");
        }
        let c = &f["geometry"]["coordinates"][0][0][0];
        let (lon, lat) = (c[0].as_f64().unwrap(), c[1].as_f64().unwrap());
        assert!(
            (3.0..8.0).contains(&lon) && (50.0..54.0).contains(&lat),
            "{lon},{lat}"
        );
    }
    // Re-import: the areas survive the round trip through WGS84.
    let back = common::import(&out, LayerKind::Parcels).unwrap();
    let layer = ds.parcels.as_ref().unwrap();
    for (k, &i) in s.top(25).iter().enumerate() {
        let (a, b) = (layer.area_m2[i as usize], back.area_m2[k]);
        assert!((a - b).abs() / a < 0.001, "{a} vs {b}");
    }
    let csv = dir.path().join("uit.csv");
    locatiescout_output::export::export_sites(
        &csv,
        &ds,
        &s,
        &s.top(5),
        locatiescout_model::text::Lang::Nl,
    )
    .unwrap();
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(
        text.starts_with('\u{feff}') && text.lines().next().unwrap().contains("rang;id;naam;score")
    );
    assert_eq!(text.lines().count(), 6);
    assert!(locatiescout_output::export::export_sites(
        &dir.path().join("x.pdf"),
        &ds,
        &s,
        &[0],
        locatiescout_model::text::Lang::Nl
    )
    .is_err());
}

#[test]
fn site_detail_breaks_the_score_down_and_shows_every_attribute() {
    let ds = dataset();
    let s = Scoring::new(&ds, profile("flex")).unwrap();
    let top = s.top(1)[0] as usize;
    let d = s.detail(&ds, top).unwrap();
    // 4 criteria from the attributes, 5 spatial ones; panden are loaded, so
    // free land is scored, the overlays are not: their weight goes to the others.
    assert_eq!(d.criteria.len(), 9);
    assert_eq!(d.criteria.iter().filter(|c| c.scored).count(), 5);
    assert_eq!(
        d.criteria
            .iter()
            .filter(|c| !c.scored)
            .map(|c| c.share)
            .sum::<f64>(),
        0.0
    );
    let weighted: f64 = d.criteria.iter().map(|c| c.share * c.score).sum();
    assert!(
        (weighted - d.score).abs() < 0.05,
        "{weighted} vs {}",
        d.score
    );
    assert_eq!(d.band, "Kansrijk");
    assert!(d.attributes.iter().any(|(k, _)| k == "id"));
    assert!(
        d.attributes
            .iter()
            .any(|(k, v)| k == "sectie" && !v.is_empty()),
        "extras shown"
    );
    assert!(d.source_file.ends_with("percelen.geojson"));
    let ko = (0..s.len()).find(|&i| s.is_knocked_out(i)).unwrap();
    let k = s.detail(&ds, ko).unwrap();
    assert_eq!(k.band, "Valt af");
    assert!(k.criteria.iter().any(|c| c.knocked_out));
    // The map source: in-memory GeoJSON with the same properties as the export.
    let bytes = locatiescout_output::export::sites_geojson(&ds, &s, &s.ranking()).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(v["features"].as_array().unwrap().len(), s.len());
}

#[test]
fn candidate_list_sorts_and_filters_in_rust() {
    use locatiescout_engine::score::{ListQuery, SortKey};
    let ds = dataset();
    let s = Scoring::new(&ds, profile("flex")).unwrap();
    // Default query = the ranking.
    assert_eq!(s.query(&ds, &ListQuery::default()), s.ranking());
    let q = |f: &dyn Fn(&mut ListQuery)| {
        let mut q = ListQuery::default();
        f(&mut q);
        s.query(&ds, &q)
    };
    let by_homes = q(&|q| q.sort = SortKey::Homes);
    assert!(by_homes
        .windows(2)
        .all(|w| s.homes[w[0] as usize] >= s.homes[w[1] as usize]));
    let asc = q(&|q| {
        q.sort = SortKey::Homes;
        q.ascending = true;
    });
    assert!(asc
        .windows(2)
        .all(|w| s.homes[w[0] as usize] <= s.homes[w[1] as usize]));
    let by_term = q(&|q| q.sort = SortKey::Term);
    let first_unknown = by_term
        .iter()
        .position(|&i| s.term_years[i as usize].is_nan())
        .unwrap_or(by_term.len());
    assert!(
        by_term[first_unknown..]
            .iter()
            .all(|&i| s.term_years[i as usize].is_nan()),
        "unknown terms last"
    );
    assert!(
        s.term_years[by_term[0] as usize].is_infinite(),
        "open end first"
    );
    let good = q(&|q| {
        q.min_score = 80.0;
        q.include_knockouts = false;
    });
    assert!(
        !good.is_empty()
            && good
                .iter()
                .all(|&i| s.scores[i as usize] >= 80.0 && !s.is_knocked_out(i as usize))
    );
    let layer = ds.parcels.as_ref().unwrap();
    let hits = q(&|q| q.text = "vbs00a00001".into());
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|&i| layer
        .label(i as usize)
        .to_lowercase()
        .contains("vbs00a00001")));
    assert_eq!(q(&|q| q.limit = 5).len(), 5);
    let grid = q(&|q| q.sort = SortKey::Grid);
    assert_eq!(s.grid[grid[0] as usize].key(), "available");
}

fn index_of(ds: &Dataset, s: &Scoring, id: &str) -> usize {
    let layer = ds.site_layer(&s.profile).unwrap();
    (0..layer.len())
        .find(|&i| layer.source_id(i) == Some(id))
        .unwrap_or_else(|| panic!("{id} not in the sample"))
}

/// Issue 17 item 9: BAG status and RVB afstootstatus are two facts: a demolition
/// permit knocks out even when the RVB has decided to dispose of the building.
#[test]
fn item9_bag_status_and_rvb_disposal_are_two_facts() {
    let ds = dataset();
    let tr = Scoring::new(&ds, profile("transformatie")).unwrap();
    let i = index_of(&ds, &tr, "0999100000000390");
    let d = tr.detail(&ds, i).unwrap();
    assert!(
        d.facts
            .status
            .as_deref()
            .unwrap()
            .contains("Sloopvergunning"),
        "{:?}",
        d.facts.status
    );
    assert_eq!(d.facts.disposal.as_deref(), Some("afstoot besloten"));
    assert_eq!(d.band, "Valt af");
    assert!(tr.is_knocked_out(i));
    assert!(
        d.knockout_reasons
            .iter()
            .any(|r| r.nl().contains("Sloopvergunning")),
        "{:?}",
        d.knockout_reasons
    );
    // RVB codes are shown as words.
    assert!(
        d.explanation.nl().contains("RVB: afstoot besloten"),
        "{}",
        d.explanation
    );
    assert_eq!(
        locatiescout_engine::score::disposal_words("overtolligstellingverwacht"),
        "overtolligstelling verwacht"
    );
}

/// Issue 17 item 9: old buildings are not penalised (most transformation homes came from them).
#[test]
fn item9_pre_1945_buildings_are_not_penalised() {
    let p = profile("transformatie");
    let year = p.criteria.iter().find(|c| c.key == "year").unwrap();
    let at = |y: f64| locatiescout_engine::profile::curve_value(&year.curve, y);
    assert!(at(1904.0) >= 80.0, "{}", at(1904.0));
    assert!(at(1930.0) >= at(2015.0));
}

/// Issue 17 item 9: a site available for under five years is never "Kansrijk";
/// an open end is "geen einddatum bekend", not "permanent".
#[test]
fn item9_short_term_caps_the_band_and_open_end_is_not_permanent() {
    let ds = dataset();
    let flex = Scoring::new(&ds, profile("flex")).unwrap();
    // 3 years from 2026-11-21: scores like a Kansrijk site, but is "Mogelijk".
    let i = index_of(&ds, &flex, "NL.IMKAD.KadastraalObject.VBS00A000120000");
    let d = flex.detail(&ds, i).unwrap();
    assert!(d.score >= 75.0, "{}", d.score);
    assert_eq!(d.band, "Mogelijk");
    assert!(
        d.explanation
            .nl()
            .starts_with("Mogelijk (korter dan 5 jaar beschikbaar, dus niet Kansrijk)"),
        "{}",
        d.explanation
    );
    let j = index_of(&ds, &flex, "NL.IMKAD.KadastraalObject.VBS00A000010000");
    let e = flex.explain(&ds, j);
    assert!(
        e.nl().contains("geen einddatum bekend") && !e.nl().contains("permanent"),
        "{e}"
    );
}

/// Issue 17 item 9: "aanvraag ingediend bij Stedin (2029)" keeps its year.
#[test]
fn item9_a_requested_connection_keeps_its_year() {
    use locatiescout_engine::grid_connection::{read_note, GridStatus};
    let r = read_note("aanvraag ingediend bij Stedin (2029)");
    assert_eq!(
        r.status,
        GridStatus::Requested {
            expected_year: Some(2029)
        }
    );
    assert_eq!(r.status.to_string(), "aangevraagd (verwacht 2029)");
    assert_eq!(r.operator.as_deref(), Some("Stedin"));
    assert_eq!(
        read_note("aansluiting aangevraagd").status,
        GridStatus::Requested {
            expected_year: None
        }
    );
}
