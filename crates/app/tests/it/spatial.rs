//! Spatial criteria: exact overlaps and distances against `geo` on seeded
//! samples, the known real overlaps, and a flex ranking on open data only.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use crate::common;
use crate::index_oracle::random_layer;

use geo::{Area, BooleanOps, Distance, Euclidean};
use locatiescout_engine::dataset::Dataset;
use locatiescout_engine::overlap::AreaIndex;
use locatiescout_engine::profile::Profile;
use locatiescout_engine::score::Scoring;
use locatiescout_engine::spatial::{self, NONE};
use locatiescout_io::import::{Layer, LayerKind};
use locatiescout_model::layer::{default_layer_title, LayerRole, NamedLayer};
use rand::{rngs::StdRng, Rng, SeedableRng};

fn named(name: &str, layer: Layer) -> NamedLayer {
    NamedLayer {
        name: name.into(),
        title: default_layer_title(name),
        role: LayerRole::default_for(name),
        layer,
    }
}

/// A star with `n` points around (cx, cy) and a square hole: many vertices,
/// concave, so it is tiled.
fn star(cx: f64, cy: f64, n: usize) -> String {
    let mut ring: Vec<String> = (0..=n)
        .map(|k| {
            let t = (k % n) as f64 / n as f64 * std::f64::consts::TAU;
            let r = if k % 2 == 0 { 900.0 } else { 500.0 };
            format!("[{},{}]", cx + r * t.cos(), cy + r * t.sin())
        })
        .collect();
    ring.dedup();
    let h = |dx: f64, dy: f64| format!("[{},{}]", cx + dx, cy + dy);
    let hole = [
        h(-100.0, -100.0),
        h(-100.0, 100.0),
        h(100.0, 100.0),
        h(100.0, -100.0),
        h(-100.0, -100.0),
    ];
    format!(
        "{{\"type\":\"Polygon\",\"coordinates\":[[{}],[{}]]}}",
        ring.join(","),
        hole.join(",")
    )
}

fn profile(body: &str, sites: &str) -> Profile {
    let text = format!(
        "key = \"test\"\ntitle = \"test\"\nsites = \"{sites}\"\n[params]\nhomes_per_ha = 30.0\nm2_per_home = 50.0\n{body}"
    );
    Profile::parse(&text, "test.toml").unwrap()
}

#[test]
fn overlaps_match_geo_intersections_on_a_seeded_sample() {
    let (_a, sites) = random_layer(11, 1500);
    let (_b, panden) = random_layer(12, 3000);
    let dir = tempfile::tempdir().unwrap();
    let big = common::rd_layer(
        dir.path(),
        "ster.geojson",
        LayerKind::Overlay,
        &[(r#"{"naam":"Ster"}"#, star(151_000.0, 461_000.0, 2000))],
    );
    let mut rng = StdRng::seed_from_u64(5);
    for other in [&panden, &big] {
        let index = AreaIndex::build(other, |_| true);
        let polys: Vec<_> = (0..other.len())
            .map(|j| other.geom.multi_polygon(j).unwrap())
            .collect();
        let mut compared = 0;
        for _ in 0..300 {
            let i = rng.random_range(0..sites.len());
            let got = index.overlaps(&sites, i, 0.0);
            let site = sites.geom.multi_polygon(i).unwrap();
            let mut want: Vec<(u32, f64)> = polys
                .iter()
                .enumerate()
                .map(|(j, p)| (j as u32, site.intersection(p).unsigned_area()))
                .filter(|(_, a)| *a > 1e-6)
                .collect();
            want.sort_by(|a, b| b.1.total_cmp(&a.1));
            let got: Vec<(u32, f64)> = got.into_iter().filter(|(_, a)| *a > 1e-6).collect();
            assert_eq!(got.len(), want.len(), "site {i}: {got:?} vs {want:?}");
            for (g, w) in got.iter().zip(&want) {
                assert!((g.1 - w.1).abs() < 0.1, "site {i}: {g:?} vs {w:?}");
                compared += 1;
            }
        }
        assert!(compared > 50, "too few overlaps compared: {compared}");
    }
}

#[test]
fn built_share_distance_and_zoning_match_brute_force() {
    let (_a, parcels) = random_layer(21, 800);
    let (_b, buildings) = random_layer(22, 1600);
    let dir = tempfile::tempdir().unwrap();
    let stations = common::rd_layer(
        dir.path(),
        "st.geojson",
        LayerKind::Overlay,
        &(0..7)
            .map(|k| {
                (
                    format!(r#"{{"naam":"S{k}"}}"#),
                    format!(
                        "{{\"type\":\"Point\",\"coordinates\":[{},{}]}}",
                        150_000.0 + 300.0 * k as f64,
                        460_000.0 + 250.0 * (k % 3) as f64
                    ),
                )
            })
            .collect::<Vec<_>>(),
    );
    let zones = common::rd_layer(
        dir.path(),
        "bp.geojson",
        LayerKind::Overlay,
        &[
            (
                r#"{"hoofdgroep":"bedrijf"}"#,
                common::rect(149_000.0, 459_000.0, 151_000.0, 463_000.0),
            ),
            (
                r#"{"hoofdgroep":"wonen"}"#,
                common::rect(151_000.0, 459_000.0, 153_000.0, 463_000.0),
            ),
        ],
    );
    let ds = Dataset {
        parcels: Some(parcels),
        buildings: Some(buildings),
        overlays: vec![named("stations", stations), named("bestemmingsplan", zones)],
        ..Dataset::default()
    };
    let p = profile(
        r#"
[[bands]]
min_score = 0.0
label = "x"
[[criteria]]
key = "free"
label = "Vrije grond"
input = "built_share"
weight = 1.0
curve = [[0.0, 100.0], [100.0, 0.0]]
[[criteria]]
key = "station"
label = "Station"
input = "distance_m"
layer = "stations"
weight = 1.0
curve = [[0.0, 100.0], [5000.0, 0.0]]
[[criteria]]
key = "zoning"
label = "Bestemming"
input = "zoning"
layer = "bestemmingsplan"
attribute = "hoofdgroep"
weight = 1.0
categories = [{ match = "bedrijf", score = 90.0 }, { match = "wonen", score = 10.0 }]
"#,
        "parcels",
    );
    let sites = ds.parcels.as_ref().unwrap();
    let inputs = spatial::compute(&ds, &p, sites);
    assert!(inputs.problems.is_empty(), "{:?}", inputs.problems);
    let b = ds.buildings.as_ref().unwrap();
    let st = &ds.overlays[0].layer;
    for i in (0..sites.len()).step_by(7) {
        let site = sites.geom.multi_polygon(i).unwrap();
        let built: f64 = (0..b.len())
            .map(|j| {
                site.intersection(&b.geom.multi_polygon(j).unwrap())
                    .unsigned_area()
            })
            .filter(|a| *a > spatial::MIN_OVERLAP_M2)
            .sum();
        let want = (built / sites.area_m2[i] * 100.0).min(100.0);
        let got = f64::from(inputs.columns[0].values[i].value);
        assert!(
            (got - want).abs() < 1e-3,
            "built share of {i}: {got} vs {want}"
        );

        let (near, d) = (0..st.len())
            .map(|j| (j, Euclidean.distance(&site, &st.geom.geometry(j))))
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .unwrap();
        let v = inputs.columns[1].values[i];
        assert!((f64::from(v.value) - d).abs() < 0.1, "distance of {i}");
        assert_eq!(v.feature, near as u32);

        // The zone under most of the site decides, with its share.
        let z = &ds.overlays[1].layer;
        let areas: Vec<f64> = (0..2)
            .map(|j| {
                site.intersection(&z.geom.multi_polygon(j).unwrap())
                    .unsigned_area()
            })
            .collect();
        let best = if areas[1] > areas[0] { 1 } else { 0 };
        let v = inputs.columns[2].values[i];
        assert_eq!(v.feature, best as u32, "zoning of {i}");
        let share = areas[best] / sites.area_m2[i] * 100.0;
        assert!((f64::from(v.value) - share).abs() < 1e-3);
    }
}

fn doesburg_panden() -> Layer {
    common::import_ok(
        "bag/derived_lvbag_doesburg_0221_panden_actueel_rd.geojson",
        LayerKind::Buildings,
    )
}

fn natura() -> NamedLayer {
    named(
        "natura2000",
        common::import_ok(
            "constraints/natura2000_nl_144gebieden.geojson",
            LayerKind::Overlay,
        ),
    )
}

const NATURE: &str = r#"
[[bands]]
min_score = 0.0
label = "x"
[[criteria]]
key = "nature"
label = "Natuur"
input = "overlap_share"
layer = "natura2000"
weight = 1.0
curve = [[0.0, 100.0], [10.0, 0.0]]
"#;

#[test]
fn six_doesburg_panden_lie_in_rijntakken_and_one_rvb_building_in_the_veluwe() {
    let p = profile(NATURE, "buildings");
    for (sites, want, area) in [
        (doesburg_panden(), 6, "Rijntakken"),
        (
            common::import_ok(
                "rijksvastgoed/derived_rvb_bouwwerken_netcongestie_rd.geojson",
                LayerKind::Buildings,
            ),
            1,
            "Veluwe",
        ),
    ] {
        let ds = Dataset {
            overlays: vec![natura()],
            ..Dataset::default()
        };
        let inputs = spatial::compute(&ds, &p, &sites);
        let col = &inputs.columns[0].values;
        let hits: Vec<usize> = (0..sites.len()).filter(|&i| col[i].value > 0.0).collect();
        assert_eq!(hits.len(), want, "{area}: {hits:?}");
        for &i in &hits {
            let f = spatial::fact(&ds, &inputs, &p.criteria[0], 0, i).unwrap();
            assert!(
                f.text.nl().contains(&format!("Natura 2000-gebied {area}")),
                "{}",
                f.text
            );
            // The exact check with geo agrees on the share.
            let nat = &ds.overlays[0].layer;
            let site = sites.geom.multi_polygon(i).unwrap();
            let inside: f64 = (0..nat.len())
                .map(|j| {
                    site.intersection(&nat.geom.multi_polygon(j).unwrap())
                        .unsigned_area()
                })
                .sum();
            let want = inside / sites.area_m2[i] * 100.0;
            assert!(
                (f64::from(col[i].value) - want).abs() < 0.01,
                "{} vs {want}",
                col[i].value
            );
        }
    }
}

/// 100 m parcels over Doesburg and the Rijntakken floodplain, with open data only.
fn doesburg_dataset(dir: &std::path::Path) -> Dataset {
    let mut feats = Vec::new();
    let mut y = 445_600.0;
    while y < 450_200.0 {
        let mut x = 205_000.0;
        while x < 209_200.0 {
            feats.push((
                format!(r#"{{"identificatie":"P{x}_{y}"}}"#),
                common::rect(x, y, x + 100.0, y + 100.0),
            ));
            x += 100.0;
        }
        y += 100.0;
    }
    let parcels = common::rd_layer(dir, "percelen.geojson", LayerKind::Parcels, &feats);
    let stations = common::import_ok("amenities/ns_stations_nl_2020.geojson", LayerKind::Overlay);
    Dataset {
        parcels: Some(parcels),
        buildings: Some(doesburg_panden()),
        overlays: vec![natura(), named("stations", stations)],
        ..Dataset::default()
    }
}

#[test]
fn with_open_data_the_flex_ranking_puts_free_unconstrained_connected_land_on_top() {
    let dir = tempfile::tempdir().unwrap();
    let ds = doesburg_dataset(dir.path());
    let s = Scoring::new(
        &ds,
        Profile::load("flex").unwrap().dated(crate::peildatum()),
    )
    .unwrap();
    // Without a bestemmingsplan or amenities, those criteria are not scored.
    let missing: Vec<&String> = s.spatial.problems.iter().collect();
    assert_eq!(missing.len(), 2, "{missing:?}");
    assert!(missing
        .iter()
        .any(|m| m.contains("'zoning'") && m.contains("bestemmingsplan")));
    let weights = s.effective_weights();
    let keys: Vec<&str> = s.profile.criteria.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(
        weights[keys.iter().position(|k| *k == "zoning").unwrap()],
        0.0
    );

    let value = |key: &str, i: u32| f64::from(s.spatial_value(key, i as usize).unwrap().value);
    let top = s.top(20);
    for &i in &top {
        assert!(
            value("free", i) < spatial::FREE_LAND_MAX_BUILT_PCT,
            "top site {i} is built"
        );
        // At most a boundary sliver: the floodplain runs up to the station.
        assert!(value("nature", i) < 1.0, "top site {i} lies in nature");
    }
    // Among free, unconstrained sites the one nearer to the station ranks higher.
    let d0 = value("station", top[0]);
    let far = (0..s.len() as u32)
        .filter(|&i| value("free", i) == 0.0 && value("nature", i) == 0.0)
        .max_by(|a, b| value("station", *a).total_cmp(&value("station", *b)))
        .unwrap();
    assert!(d0 < value("station", far) && s.scores[top[0] as usize] > s.scores[far as usize]);
    let why = s.explain(&ds, top[0] as usize);
    assert!(why.nl().contains("tot station Dieren"), "{why}");
    assert!(why.nl().contains("niet beoordeeld: bestemming (laag 'bestemmingsplan' ontbreekt), afstand tot voorzieningen (laag 'voorzieningen' ontbreekt)"), "{why}");
    let detail = s.detail(&ds, top[0] as usize).unwrap();
    let zoning = detail.spatial.iter().find(|f| f.key == "zoning").unwrap();
    assert_eq!(
        zoning.text,
        "bestemming: niet beoordeeld (laag 'bestemmingsplan' ontbreekt)"
    );
    assert!(
        !detail
            .criteria
            .iter()
            .find(|c| c.key == "zoning")
            .unwrap()
            .scored
    );

    // A parcel mostly in Rijntakken is knocked out, and says where.
    let wet = (0..s.len() as u32)
        .find(|&i| value("nature", i) > 50.0)
        .expect("a parcel in the floodplain");
    assert!(s.is_knocked_out(wet as usize));
    let why = s.explain(&ds, wet as usize);
    assert!(why.nl().starts_with("Valt af (ligt voor"), "{why}");
    assert!(why.nl().contains("Natura 2000-gebied Rijntakken"), "{why}");
    // A parcel in the built-up centre is knocked out as built.
    let built = (0..s.len() as u32)
        .find(|&i| value("free", i) > 60.0)
        .expect("a built-up parcel");
    let why = s.explain(&ds, built as usize);
    assert!(
        why.nl().contains("bebouwd") && why.nl().starts_with("Valt af"),
        "{why}"
    );
    assert_ne!(
        s.spatial_value("free", built as usize).unwrap().feature,
        NONE
    );
}

#[test]
fn a_missing_or_unfit_layer_is_named_and_the_rest_still_scores() {
    let dir = tempfile::tempdir().unwrap();
    let mut ds = doesburg_dataset(dir.path());
    // Stations as "natura2000": points where an overlap is asked.
    let points = ds.overlays.remove(1).layer;
    ds.overlays = vec![named("natura2000", points)];
    let s = Scoring::new(
        &ds,
        Profile::load("flex").unwrap().dated(crate::peildatum()),
    )
    .unwrap();
    let all = s.spatial.problems.join("\n");
    assert!(
        all.contains(
            "profiel 'flex', criterium Natuur ('nature'): laag 'natura2000' heeft geen vlakken"
        ),
        "{all}"
    );
    assert!(
        all.contains("criterium Afstand tot station ('station'): laag 'stations' ontbreekt"),
        "{all}"
    );
    assert!(s.scores.iter().any(|x| *x > 0.0));
    // A zoning layer without the attribute.
    let zones = common::rd_layer(
        dir.path(),
        "bp.geojson",
        LayerKind::Overlay,
        &[(
            r#"{"naam":"x"}"#,
            common::rect(205_000.0, 445_000.0, 210_000.0, 451_000.0),
        )],
    );
    ds.overlays.push(named("bestemmingsplan", zones));
    let s = Scoring::new(
        &ds,
        Profile::load("flex").unwrap().dated(crate::peildatum()),
    )
    .unwrap();
    let all = s.spatial.problems.join("\n");
    assert!(
        all.contains("laag 'bestemmingsplan' heeft geen attribuut 'bestemmingshoofdgroep'"),
        "{all}"
    );
}

#[test]
fn a_rijksmonument_on_a_pand_is_shown_and_never_knocks_out() {
    let dir = tempfile::tempdir().unwrap();
    let panden = doesburg_panden();
    let on = panden.geom.anchor(0).unwrap();
    let monumenten = common::rd_layer(
        dir.path(),
        "monumenten.geojson",
        LayerKind::Overlay,
        &[(
            r#"{"rijksmonumentnummer":"12345","functie":"Woonhuis"}"#.to_string(),
            format!(
                "{{\"type\":\"Point\",\"coordinates\":[{},{}]}}",
                on.x(),
                on.y()
            ),
        )],
    );
    let ds = Dataset {
        buildings: Some(panden),
        overlays: vec![named("monumenten", monumenten)],
        ..Dataset::default()
    };
    let s = Scoring::new(
        &ds,
        Profile::load("transformatie")
            .unwrap()
            .dated(crate::peildatum()),
    )
    .unwrap();
    let detail = s.detail(&ds, 0).unwrap();
    let m = detail.spatial.iter().find(|f| f.key == "monument").unwrap();
    assert_eq!(m.text, "rijksmonument 12345 op de locatie");
    assert_eq!(m.value, Some(0.0));
    let c = detail
        .criteria
        .iter()
        .find(|c| c.key == "monument")
        .unwrap();
    assert!(!c.knocked_out && c.scored);
    assert_eq!(c.share, 0.0, "shown, weight 0 by default");
    assert!(s
        .explain(&ds, 0)
        .nl()
        .contains("rijksmonument 12345 op de locatie"));
    // Another pand says how far the monument is.
    let far = s.detail(&ds, 1).unwrap();
    let m = far.spatial.iter().find(|f| f.key == "monument").unwrap();
    assert!(
        m.text.nl().ends_with("tot rijksmonument 12345"),
        "{}",
        m.text
    );
}
