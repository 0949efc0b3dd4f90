//! RD New ↔ WGS84 must agree with PROJ within 1 m. Reference values: pyproj 3.7.2
//! / PROJ 9.5.1, `Transformer.from_crs("EPSG:28992", "EPSG:4326", always_xy=True)`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use locatiescout_model::crs::{rd_to_wgs84, wgs84_to_rd};

const PROJ: [(f64, f64, f64, f64); 7] = [
    (155000.0, 463000.0, 5.387203508, 52.155172301), // Amersfoort, RD origin
    (121687.0, 487484.0, 4.898009893, 52.374218164), // Amsterdam Dam
    (92565.0, 437315.0, 4.479612098, 51.920810034),  // Rotterdam
    (176633.0, 317625.0, 5.694357319, 50.848054563), // Maastricht
    (233883.0, 582065.0, 6.568195738, 53.219379582), // Groningen
    (136000.0, 455800.0, 5.109967721, 52.090133142), // Utrecht
    (203000.0, 443000.0, 6.085769670, 51.973335773), // Doesburg area
];

/// Metres per degree at Dutch latitudes, to express the difference in metres.
fn metres(dlon: f64, dlat: f64, lat: f64) -> f64 {
    let mx = dlon * 111_320.0 * lat.to_radians().cos();
    let my = dlat * 110_574.0;
    (mx * mx + my * my).sqrt()
}

#[test]
fn rd_to_wgs84_matches_proj_within_a_metre() {
    for (x, y, lon, lat) in PROJ {
        let (l, b) = rd_to_wgs84(x, y).unwrap();
        let d = metres(l - lon, b - lat, lat);
        assert!(d < 1.0, "({x}, {y}): {d:.3} m from PROJ");
    }
}

#[test]
fn wgs84_to_rd_matches_proj_and_round_trips() {
    for (x, y, lon, lat) in PROJ {
        let (rx, ry) = wgs84_to_rd(lon, lat).unwrap();
        let d = ((rx - x).powi(2) + (ry - y).powi(2)).sqrt();
        assert!(d < 1.0, "({lon}, {lat}): {d:.3} m from PROJ");
        let (l, b) = rd_to_wgs84(rx, ry).unwrap();
        let (bx, by) = wgs84_to_rd(l, b).unwrap();
        assert!(
            ((bx - rx).powi(2) + (by - ry).powi(2)).sqrt() < 0.001,
            "round trip drifts"
        );
    }
}
