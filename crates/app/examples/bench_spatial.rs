//! Timings of the spatial criterion inputs (issue 16) on generated parcels:
//! built share against panden, overlap share with Natura 2000 areas, distance
//! to stations — each alone, all three together, and a rescore after a weight
//! change. Prints one JSON line; with `--out F` also every site's answer
//! (built m², natura m², station m) for bench/spatial_peer.py to compare.
//!
//!     cargo run --release -p locatiescout-application --example bench_spatial -- \
//!         parcels.geojson panden.geojson natura.geojson stations.geojson [--out F.csv]

#![allow(clippy::print_stdout, clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::time::Instant;

use locatiescout_engine::dataset::Dataset;
use locatiescout_engine::profile::Profile;
use locatiescout_engine::score::Scoring;
use locatiescout_engine::spatial;
use locatiescout_io::import::{import_file, ImportOptions, LayerKind};
use locatiescout_model::layer::{LayerRole, NamedLayer};
use locatiescout_model::FieldMap;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const BUILT: &str = r#"
[[criteria]]
key = "free"
label = "Vrije grond"
input = "built_share"
weight = 1.0
curve = [[0.0, 100.0], [100.0, 0.0]]
"#;
const NATURE: &str = r#"
[[criteria]]
key = "nature"
label = "Natuur"
input = "overlap_share"
layer = "natura2000"
weight = 1.0
curve = [[0.0, 100.0], [10.0, 0.0]]
"#;
const STATION: &str = r#"
[[criteria]]
key = "station"
label = "Station"
input = "distance_m"
layer = "stations"
weight = 1.0
curve = [[0.0, 100.0], [5000.0, 0.0]]
"#;

fn profile(criteria: &[&str]) -> Profile {
    let text = format!(
        "key = \"bench\"\ntitle = \"bench\"\nsites = \"parcels\"\n[params]\nhomes_per_ha = 30.0\n[[bands]]\nmin_score = 0.0\nlabel = \"x\"\n{}",
        criteria.concat()
    );
    Profile::parse(&text, "bench.toml").unwrap()
}

fn main() {
    // Same allocator setting as the CLI (see src/main.rs).
    unsafe { libmimalloc_sys::mi_option_set(15, 1000) };
    let args: Vec<String> = std::env::args().collect();
    let map = FieldMap::default();
    let read = |p: &str, kind| {
        import_file(std::path::Path::new(p), ImportOptions::new(kind, &map)).unwrap()
    };
    let t = Instant::now();
    let parcels = read(&args[1], LayerKind::Parcels);
    let buildings = read(&args[2], LayerKind::Buildings);
    let natura = read(&args[3], LayerKind::Overlay);
    let stations = read(&args[4], LayerKind::Overlay);
    let import_s = t.elapsed().as_secs_f64();
    let named = |name: &str, layer| NamedLayer {
        name: name.into(),
        title: name.into(),
        role: LayerRole::default_for(name),
        layer,
    };
    let ds = Dataset {
        parcels: Some(parcels),
        buildings: Some(buildings),
        overlays: vec![named("natura2000", natura), named("stations", stations)],
        ..Dataset::default()
    };
    let sites = ds.parcels.as_ref().unwrap();
    let time = |p: &Profile| {
        let t = Instant::now();
        let r = spatial::compute(&ds, p, sites);
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        (t.elapsed().as_secs_f64(), r)
    };
    // The panden index alone, to see build against queries.
    let t = Instant::now();
    let index =
        locatiescout_engine::overlap::AreaIndex::build(ds.buildings.as_ref().unwrap(), |_| true);
    let built_index_s = t.elapsed().as_secs_f64();
    drop(index);
    let (built_s, _) = time(&profile(&[BUILT]));
    let (nature_s, _) = time(&profile(&[NATURE]));
    let (station_s, _) = time(&profile(&[STATION]));
    let all = profile(&[BUILT, NATURE, STATION]);
    let (together_s, inputs) = time(&all);
    let mut scoring = Scoring::new(&ds, all).unwrap();
    let t = Instant::now();
    scoring.set_weight("station", 3.0).unwrap();
    scoring.rescore();
    let rescore_ms = t.elapsed().as_secs_f64() * 1000.0;
    if let Some(i) = args.iter().position(|a| a == "--out") {
        let mut w = std::io::BufWriter::new(std::fs::File::create(&args[i + 1]).unwrap());
        writeln!(w, "id,built_m2,natura_m2,station_m").unwrap();
        for s in 0..sites.len() {
            let area = sites.area_m2[s];
            let m2 = |c: usize| f64::from(inputs.columns[c].values[s].value) / 100.0 * area;
            writeln!(
                w,
                "{},{:.3},{:.3},{:.3}",
                sites.label(s),
                m2(0),
                m2(1),
                inputs.columns[2].values[s].value
            )
            .unwrap();
        }
    }
    println!(
        "{{\"tool\":\"locatiescout\",\"sites\":{},\"import_s\":{import_s:.2},\"built_s\":{built_s:.3},\"built_index_s\":{built_index_s:.3},\"nature_s\":{nature_s:.3},\"station_s\":{station_s:.3},\"together_s\":{together_s:.3},\"rescore_ms\":{rescore_ms:.1}}}",
        sites.len()
    );
}
