//! RFC 7946 GeoJSON for a layer's features: exteriors counter-clockwise, holes
//! clockwise, RD New projected to WGS84 (unprojected local coordinates kept).

use std::io::{self, Write};

use crate::crs::rd_to_wgs84;
use crate::layer::Layer;

pub fn json_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// RD New geometry as WGS84; `local` coordinates are written unchanged.
pub fn write_geometry(w: &mut impl Write, layer: &Layer, i: usize, local: bool) -> io::Result<()> {
    use geo::Geometry;
    let pt = |w: &mut dyn Write, c: geo::Coord<f64>| write_coord(w, c, local);
    let ring = |w: &mut dyn Write, ls: &geo::LineString<f64>, ccw: bool| -> io::Result<()> {
        w.write_all(b"[")?;
        // RFC 7946 §3.1.6: exteriors counter-clockwise, holes clockwise.
        use geo::Winding;
        let coords: Vec<_> = if ls.is_ccw() == ccw {
            ls.0.clone()
        } else {
            ls.0.iter().rev().copied().collect()
        };
        for (k, c) in coords.into_iter().enumerate() {
            if k > 0 {
                w.write_all(b",")?;
            }
            pt(w, c)?;
        }
        w.write_all(b"]")
    };
    match layer.geom.geometry(i) {
        Geometry::Point(p) => {
            w.write_all(b"{\"type\":\"Point\",\"coordinates\":")?;
            pt(w, p.0)?;
        }
        Geometry::MultiPolygon(mp) => {
            w.write_all(b"{\"type\":\"MultiPolygon\",\"coordinates\":[")?;
            for (k, poly) in mp.0.iter().enumerate() {
                if k > 0 {
                    w.write_all(b",")?;
                }
                w.write_all(b"[")?;
                ring(w, poly.exterior(), true)?;
                for hole in poly.interiors() {
                    w.write_all(b",")?;
                    ring(w, hole, false)?;
                }
                w.write_all(b"]")?;
            }
            w.write_all(b"]")?;
        }
        other => {
            // Lines and multipoints: write through their coordinates as a MultiPoint.
            w.write_all(b"{\"type\":\"MultiPoint\",\"coordinates\":[")?;
            use geo::CoordsIter;
            for (k, c) in other.coords_iter().enumerate() {
                if k > 0 {
                    w.write_all(b",")?;
                }
                pt(w, c)?;
            }
            w.write_all(b"]")?;
        }
    }
    w.write_all(b"}")
}

/// One position, RD New projected to WGS84 (`local` written unchanged).
pub fn write_coord(w: &mut dyn Write, c: geo::Coord<f64>, local: bool) -> io::Result<()> {
    let (lon, lat) = if local {
        (c.x, c.y)
    } else {
        rd_to_wgs84(c.x, c.y).map_err(|e| io::Error::other(e.to_string()))?
    };
    write!(w, "[{lon:.7},{lat:.7}]")
}
