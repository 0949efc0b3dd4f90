//! The map's vector tiles, decoded as MapLibre would: every site is in the tiles
//! (none lost at tile edges), polygons land where the parcel is, scores and
//! knock-outs travel, zoomed out the dots are thinned to the best per cell.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use std::collections::{BTreeMap, BTreeSet};

use locatiescout_engine::dataset::Dataset;
use locatiescout_engine::profile::Profile;
use locatiescout_engine::score::Scoring;
use locatiescout_model::crs::{rd_to_wgs84, wgs84_to_mercator_unit};
use locatiescout_output::tiles::{site_tile, TileId, TileIndex, EXTENT, SITES_LAYER};

/// The MVT messages (vector_tile.proto 2.1), enough to read our tiles back.
mod pb {
    #[derive(Clone, PartialEq, prost::Message)]
    pub struct Tile {
        #[prost(message, repeated, tag = "3")]
        pub layers: Vec<Layer>,
    }
    #[derive(Clone, PartialEq, prost::Message)]
    pub struct Value {
        #[prost(string, optional, tag = "1")]
        pub string_value: Option<String>,
        #[prost(double, optional, tag = "3")]
        pub double_value: Option<f64>,
        #[prost(uint64, optional, tag = "5")]
        pub uint_value: Option<u64>,
        #[prost(bool, optional, tag = "7")]
        pub bool_value: Option<bool>,
    }
    #[derive(Clone, PartialEq, prost::Message)]
    pub struct Feature {
        #[prost(uint64, optional, tag = "1")]
        pub id: Option<u64>,
        #[prost(uint32, repeated, tag = "2")]
        pub tags: Vec<u32>,
        #[prost(int32, optional, tag = "3")]
        pub r#type: Option<i32>,
        #[prost(uint32, repeated, tag = "4")]
        pub geometry: Vec<u32>,
    }
    #[derive(Clone, PartialEq, prost::Message)]
    pub struct Layer {
        #[prost(uint32, required, tag = "15")]
        pub version: u32,
        #[prost(string, required, tag = "1")]
        pub name: String,
        #[prost(message, repeated, tag = "2")]
        pub features: Vec<Feature>,
        #[prost(string, repeated, tag = "3")]
        pub keys: Vec<String>,
        #[prost(message, repeated, tag = "4")]
        pub values: Vec<Value>,
        #[prost(uint32, optional, tag = "5")]
        pub extent: Option<u32>,
    }
}

#[derive(Debug)]
struct Decoded {
    site: usize,
    polygon: bool,
    score: f64,
    knockout: bool,
    /// The name the tooltip shows ("Voorbeeldstad A 9").
    name: String,
    /// Rings in tile units (points: one ring of one point).
    rings: Vec<Vec<(i64, i64)>>,
}

fn decode(bytes: &[u8]) -> Vec<Decoded> {
    use prost::Message;
    if bytes.is_empty() {
        return Vec::new();
    }
    let tile = pb::Tile::decode(bytes).expect("a valid MVT");
    assert_eq!(tile.layers.len(), 1);
    let layer = &tile.layers[0];
    assert_eq!(
        (layer.name.as_str(), layer.extent, layer.version),
        (SITES_LAYER, Some(EXTENT), 2)
    );
    layer
        .features
        .iter()
        .map(|f| {
            let mut props = BTreeMap::new();
            for kv in f.tags.chunks(2) {
                props.insert(
                    layer.keys[kv[0] as usize].clone(),
                    layer.values[kv[1] as usize].clone(),
                );
            }
            let site = props["site_index"].uint_value.unwrap() as usize;
            assert_eq!(f.id, Some(site as u64), "feature id is the site index");
            assert!(props["id"].string_value.is_some());
            // Geometry commands: MoveTo 1, LineTo 2, ClosePath 7; zigzag deltas.
            let (mut x, mut y, mut k) = (0i64, 0i64, 0usize);
            let mut rings: Vec<Vec<(i64, i64)>> = Vec::new();
            let g = &f.geometry;
            while k < g.len() {
                let (cmd, n) = (g[k] & 7, g[k] >> 3);
                k += 1;
                if cmd == 7 {
                    continue;
                }
                if cmd == 1 {
                    rings.push(Vec::new());
                }
                for _ in 0..n {
                    let zz = |v: u32| i64::from((v >> 1) as i32 ^ -((v & 1) as i32));
                    x += zz(g[k]);
                    y += zz(g[k + 1]);
                    k += 2;
                    rings.last_mut().unwrap().push((x, y));
                }
            }
            Decoded {
                site,
                polygon: f.r#type == Some(3),
                score: props["score"].double_value.unwrap(),
                knockout: props["knockout"].bool_value.unwrap(),
                name: props["name"].string_value.clone().unwrap(),
                rings,
            }
        })
        .collect()
}

fn sample() -> (Dataset, Scoring) {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/sample/percelen.geojson");
    let parcels =
        crate::common::import(&path, locatiescout_io::import::LayerKind::Parcels).unwrap();
    let ds = Dataset {
        parcels: Some(parcels),
        ..Dataset::default()
    };
    let s = Scoring::new(
        &ds,
        Profile::load("flex").unwrap().dated(crate::peildatum()),
    )
    .unwrap();
    (ds, s)
}

/// The tiles at zoom `z` that cover the layer's extent.
fn covering(ds: &Dataset, z: u32) -> Vec<TileId> {
    let layer = ds.parcels.as_ref().unwrap();
    let ext = locatiescout_engine::index::layer_extent(layer).unwrap();
    let n = f64::from(1u32 << z);
    let corner = |x: f64, y: f64| {
        let (lon, lat) = rd_to_wgs84(x, y).unwrap();
        let (u, v) = wgs84_to_mercator_unit(lon, lat);
        ((u * n) as u32, (v * n) as u32)
    };
    let (x0, y1) = corner(ext.min().x - 50.0, ext.min().y - 50.0);
    let (x1, y0) = corner(ext.max().x + 50.0, ext.max().y + 50.0);
    let mut v = Vec::new();
    for x in x0..=x1 {
        for y in y0..=y1 {
            v.push(TileId::new(z, x, y).unwrap());
        }
    }
    v
}

#[test]
fn every_site_is_in_the_tiles_and_polygons_reach_across_edges() {
    let (ds, s) = sample();
    let layer = ds.parcels.as_ref().unwrap();
    let index = TileIndex::build(layer);
    for z in [14, 16] {
        let mut seen = BTreeSet::new();
        let mut polygons_in: BTreeMap<usize, usize> = BTreeMap::new();
        for t in covering(&ds, z) {
            for f in decode(&site_tile(&index, layer, &s, t).unwrap()) {
                seen.insert(f.site);
                assert_eq!(f.knockout, s.is_knocked_out(f.site));
                // Named as a planner names the parcel, not by its long identifier.
                assert_eq!(f.name, layer.display_name(f.site));
                assert!(
                    f.name.starts_with("Voorbeeldstad ") && !f.name.contains("KadastraalObject"),
                    "{}",
                    f.name
                );
                assert!(
                    (f.score - f64::from(s.scores[f.site])).abs() <= 0.051,
                    "{} vs {}",
                    f.score,
                    s.scores[f.site]
                );
                if f.polygon {
                    *polygons_in.entry(f.site).or_default() += 1;
                    // Outer rings clockwise on screen (positive shoelace, y down);
                    // a sliver clipped at the buffer's edge may round to a line.
                    let r = &f.rings[0];
                    let a2: i64 = (0..r.len())
                        .map(|k| r[k].0 * r[(k + 1) % r.len()].1 - r[(k + 1) % r.len()].0 * r[k].1)
                        .sum();
                    assert!(
                        a2 > 0 || (a2 == 0 && r.iter().all(|p| p.1 == r[0].1 || p.0 == r[0].0)),
                        "site {} outer ring not clockwise: {a2} {:?}",
                        f.site,
                        r
                    );
                }
            }
        }
        assert_eq!(seen.len(), layer.len(), "zoom {z}: every site drawn");
        if z == 16 {
            // At z16 a tile is ~370 m: the larger sample parcels cross tile edges
            // and are drawn in each tile they touch.
            let across = polygons_in.values().filter(|n| **n > 1).count();
            assert!(across > 10, "{across} parcels in more than one tile");
        }
    }
}

#[test]
fn polygon_vertices_land_on_the_parcel() {
    let (ds, s) = sample();
    let layer = ds.parcels.as_ref().unwrap();
    let index = TileIndex::build(layer);
    let z = 16u32;
    let n = f64::from(1u32 << z);
    // The sample's largest parcel, its first vertex.
    let big = (0..layer.len())
        .max_by(|a, b| {
            layer
                .geom
                .bbox(*a)
                .unwrap()
                .width()
                .total_cmp(&layer.geom.bbox(*b).unwrap().width())
        })
        .unwrap();
    let c = layer.geom.polygon_rings(big).next().unwrap().1[0];
    let (lon, lat) = rd_to_wgs84(c.x, c.y).unwrap();
    let (u, v) = wgs84_to_mercator_unit(lon, lat);
    let t = TileId::new(z, (u * n) as u32, (v * n) as u32).unwrap();
    let want = (
        (u * n - f64::from(t.x)) * f64::from(EXTENT),
        (v * n - f64::from(t.y)) * f64::from(EXTENT),
    );
    let f = decode(&site_tile(&index, layer, &s, t).unwrap())
        .into_iter()
        .find(|f| f.site == big)
        .expect("the parcel is in the tile of its vertex");
    assert!(f.polygon);
    // Within one tile unit (z16: 1/4096 of ~370 m ≈ 9 cm) of some vertex of the tile's copy.
    let d = f
        .rings
        .iter()
        .flatten()
        .map(|p| (p.0 as f64 - want.0).hypot(p.1 as f64 - want.1))
        .fold(f64::MAX, f64::min);
    assert!(d <= 1.0, "nearest tile vertex {d} units away");
}

#[test]
fn zoomed_out_sites_are_dots_thinned_to_the_best_when_many() {
    let (ds, s) = sample();
    let layer = ds.parcels.as_ref().unwrap();
    let index = TileIndex::build(layer);
    // At z8 a tile is ~95 km: every sample parcel is under 4 px, so a dot; 1,197
    // dots are few enough to draw them all.
    let mut dots = BTreeSet::new();
    for t in covering(&ds, 8) {
        for f in decode(&site_tile(&index, layer, &s, t).unwrap()) {
            assert!(!f.polygon);
            dots.insert(f.site);
        }
    }
    assert_eq!(dots.len(), layer.len());

    // 3,600 garden sheds of 4 × 4 m, 12 m apart, in one 720 m square: at z8 they
    // share a handful of 8 px cells, so only the best of each cell is drawn.
    let dir = tempfile::tempdir().unwrap();
    let mut feats = Vec::new();
    for k in 0..3600 {
        let (x, y) = (
            150_000.0 + f64::from(k % 60) * 12.0,
            450_000.0 + f64::from(k / 60) * 12.0,
        );
        feats.push((
            format!("{{\"kadastraleGrootte\":{}}}", 16 + k % 7),
            crate::common::rect(x, y, x + 4.0, y + 4.0),
        ));
    }
    let sheds = crate::common::rd_layer(
        dir.path(),
        "schuurtjes.geojson",
        locatiescout_io::import::LayerKind::Parcels,
        &feats,
    );
    let ds = Dataset {
        parcels: Some(sheds),
        ..Dataset::default()
    };
    let s = Scoring::new(
        &ds,
        Profile::load("flex").unwrap().dated(crate::peildatum()),
    )
    .unwrap();
    let layer = ds.parcels.as_ref().unwrap();
    let index = TileIndex::build(layer);
    let mut drawn = Vec::new();
    for t in covering(&ds, 8) {
        drawn.extend(decode(&site_tile(&index, layer, &s, t).unwrap()));
    }
    // 720 m at z8 (~740 m per 8 px cell) spans at most 2 × 2 cells.
    assert!(
        !drawn.is_empty() && drawn.len() <= 9,
        "{} dots",
        drawn.len()
    );
    let key = |i: usize| (!s.is_knocked_out(i), s.scores[i]);
    let best = (0..layer.len())
        .map(key)
        .fold((false, f32::MIN), |a, b| if b > a { b } else { a });
    assert!(
        drawn.iter().any(|f| key(f.site) == best),
        "the best site stays visible"
    );
    // Zoomed in (z14: thinning stops), every shed is drawn.
    let mut all = BTreeSet::new();
    for t in covering(&ds, 14) {
        all.extend(
            decode(&site_tile(&index, layer, &s, t).unwrap())
                .into_iter()
                .map(|f| f.site),
        );
    }
    assert_eq!(all.len(), 3600);
}

#[test]
fn a_rescore_changes_the_scores_in_the_tiles() {
    let (ds, mut s) = sample();
    let layer = ds.parcels.as_ref().unwrap();
    let index = TileIndex::build(layer);
    let t = covering(&ds, 14)[0];
    let before = decode(&site_tile(&index, layer, &s, t).unwrap());
    let g = s.generation();
    for w in s.weights.iter_mut() {
        *w = 0.0;
    }
    s.weights[0] = 1.0;
    s.rescore();
    assert_ne!(
        s.generation(),
        g,
        "a rescore is a new generation for the tile cache"
    );
    let after = decode(&site_tile(&index, layer, &s, t).unwrap());
    assert_eq!(before.len(), after.len());
    for f in &after {
        assert!((f.score - f64::from(s.scores[f.site])).abs() <= 0.051);
    }
    assert!(before.iter().zip(&after).any(|(a, b)| a.score != b.score));
    assert!(TileId::new(14, 1 << 14, 0).is_err());
}

/// A national portfolio (236 RVB buildings all over the country) at national
/// zoom: every building is a dot inside its own bounds, none thinned away.
#[test]
fn a_national_portfolio_shows_every_building_as_a_dot() {
    let ds = Dataset {
        listings: Some(crate::common::import_ok(
            "rijksvastgoed/derived_rvb_bouwwerken_netcongestie_rd.geojson",
            locatiescout_io::import::LayerKind::Listings,
        )),
        ..Dataset::default()
    };
    let s = Scoring::new(
        &ds,
        Profile::load("transformatie")
            .unwrap()
            .dated(crate::peildatum()),
    )
    .unwrap();
    let layer = ds.site_layer(&s.profile).unwrap();
    let index = TileIndex::build(layer);
    let z = 7u32;
    let n = f64::from(1u32 << z);
    let mut seen = BTreeSet::new();
    for x in 0..(1u32 << z) {
        for y in 0..(1u32 << z) {
            // Only the tiles round the Netherlands (3°–8° E, 50.5°–54° N).
            let (u0, v0) = wgs84_to_mercator_unit(2.5, 54.0);
            let (u1, v1) = wgs84_to_mercator_unit(8.0, 50.5);
            if f64::from(x + 1) < u0 * n
                || f64::from(x) > u1 * n
                || f64::from(y + 1) < v0 * n
                || f64::from(y) > v1 * n
            {
                continue;
            }
            let t = TileId::new(z, x, y).unwrap();
            for f in decode(&site_tile(&index, layer, &s, t).unwrap()) {
                assert!(!f.polygon, "a building is far below 4 px at z7");
                let r = layer.geom.bbox(f.site).unwrap();
                let corner = |x: f64, y: f64| {
                    let (lon, lat) = rd_to_wgs84(x, y).unwrap();
                    let (u, v) = wgs84_to_mercator_unit(lon, lat);
                    (
                        (u * n - f64::from(t.x)) * f64::from(EXTENT),
                        (v * n - f64::from(t.y)) * f64::from(EXTENT),
                    )
                };
                let (a, b) = (corner(r.min().x, r.min().y), corner(r.max().x, r.max().y));
                let p = f.rings[0][0];
                assert!(
                    (a.0.min(b.0) - 1.0..=a.0.max(b.0) + 1.0).contains(&(p.0 as f64))
                        && (a.1.min(b.1) - 1.0..=a.1.max(b.1) + 1.0).contains(&(p.1 as f64)),
                    "dot of {} outside its building",
                    layer.label(f.site)
                );
                seen.insert(f.site);
            }
        }
    }
    assert_eq!(seen.len(), 236);
}
