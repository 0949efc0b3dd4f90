//! Well-Known Binary (ISO and extended, either byte order) into the flat
//! geometry the layer stores. The `wkb` crate parses; this walks its geometry
//! through `geo-traits` without an intermediate `geo` value, applies the same
//! rules as the GeoJSON reader (rings of at least four positions, closed, lines
//! of two) and reports Z and M, which are dropped.

use geo::Coord;
use geo_traits::{
    CoordTrait, GeometryCollectionTrait, GeometryTrait, GeometryType, LineStringTrait,
    MultiLineStringTrait, MultiPointTrait, MultiPolygonTrait, PointTrait, PolygonTrait,
};

use super::feature::{close_rings, flatten_collection, ParsedGeometry};
use locatiescout_model::geometry::{FeatureGeometry, GeomKind};

/// A geometry read from WKB, or why it is left out.
pub(crate) struct Decoded {
    pub geometry: ParsedGeometry,
    pub had_m: bool,
}

/// Why a WKB geometry does not become a feature; the text is the Dutch reason.
#[derive(Debug)]
pub(crate) enum Unusable {
    /// No coordinates at all (`POINT EMPTY`, a polygon without rings, …).
    Empty,
    Bad(String),
}

/// The ISO/OGC name of a WKB type code, for a message about one we do not read.
fn type_name(base: u32) -> &'static str {
    match base {
        8 => "CircularString",
        9 => "CompoundCurve",
        10 => "CurvePolygon",
        11 => "MultiCurve",
        12 => "MultiSurface",
        13 => "Curve",
        14 => "Surface",
        15 => "PolyhedralSurface",
        16 => "TIN",
        17 => "Triangle",
        _ => "onbekend",
    }
}

/// Refuses the types the `wkb` crate does not read (curves, surfaces) by name,
/// before it gives an English error.
fn check_type(buf: &[u8]) -> Result<(), Unusable> {
    let (Some(&order), Some(code)) = (buf.first(), buf.get(1..5)) else {
        return Err(Unusable::Bad(format!(
            "WKB is {} bytes, te kort voor een geometrie",
            buf.len()
        )));
    };
    let code = [code[0], code[1], code[2], code[3]];
    let code = match order {
        0 => u32::from_be_bytes(code),
        1 => u32::from_le_bytes(code),
        other => {
            return Err(Unusable::Bad(format!(
                "WKB begint met byte-volgorde {other} (verwacht 0 of 1): de geometrie is beschadigd"
            )))
        }
    };
    let base = (code & 0x0FFF_FFFF) % 1000;
    if (1..=7).contains(&base) {
        Ok(())
    } else {
        Err(Unusable::Bad(format!(
            "geometrietype {} (WKB-code {code}) wordt niet gelezen; zet bogen om naar lijnen of vlakken (in QGIS: 'Segmentiseren')",
            type_name(base)
        )))
    }
}

/// Decodes one WKB geometry; `warnings` gets what was repaired.
pub(crate) fn decode(buf: &[u8], warnings: &mut Vec<String>) -> Result<Decoded, Unusable> {
    check_type(buf)?;
    let g = wkb::reader::read_wkb(buf)
        .map_err(|e| Unusable::Bad(format!("WKB is beschadigd ({e})")))?;
    use wkb::reader::Dimension as D;
    let (had_z, had_m) = match g.dimension() {
        D::Xy => (false, false),
        D::Xyz => (true, false),
        D::Xym => (false, true),
        D::Xyzm => (true, true),
    };
    let mut geometry = walk(&g, warnings)?.ok_or(Unusable::Empty)?;
    geometry.had_z = had_z;
    Ok(Decoded { geometry, had_m })
}

#[derive(Default)]
struct Flat {
    coords: Vec<Coord<f64>>,
    ring_ends: Vec<u32>,
    part_ends: Vec<u32>,
}

impl Flat {
    /// Appends a ring or line; false when it holds no position.
    fn line(&mut self, l: &impl LineStringTrait<T = f64>) -> bool {
        let before = self.coords.len();
        self.coords
            .extend(l.coords().map(|c| Coord { x: c.x(), y: c.y() }));
        if self.coords.len() == before {
            return false;
        }
        self.ring_ends.push(self.coords.len() as u32);
        true
    }

    fn end_part(&mut self) {
        self.part_ends.push(self.ring_ends.len() as u32);
    }

    fn polygon(&mut self, p: &impl PolygonTrait<T = f64>) -> bool {
        let Some(outer) = p.exterior() else {
            return false;
        };
        if !self.line(&outer) {
            return false;
        }
        for inner in p.interiors() {
            self.line(&inner);
        }
        self.end_part();
        true
    }

    fn point(&mut self, p: &impl PointTrait<T = f64>) -> bool {
        match p.coord() {
            Some(c) if !c.x().is_nan() && !c.y().is_nan() => {
                self.coords.push(Coord { x: c.x(), y: c.y() });
                self.ring_ends.push(self.coords.len() as u32);
                self.end_part();
                true
            }
            _ => false,
        }
    }

    fn into_geometry(
        self,
        kind: GeomKind,
        warnings: &mut Vec<String>,
    ) -> Result<Option<ParsedGeometry>, Unusable> {
        if self.coords.is_empty() {
            return Ok(None);
        }
        let (coords, ring_ends) = match kind {
            GeomKind::Polygon | GeomKind::MultiPolygon => {
                close_rings(self.coords, &self.ring_ends, warnings).map_err(Unusable::Bad)?
            }
            GeomKind::LineString | GeomKind::MultiLineString => {
                let mut start = 0;
                for &end in &self.ring_ends {
                    if end - start < 2 {
                        return Err(Unusable::Bad(
                            "een lijn heeft minstens 2 posities nodig".into(),
                        ));
                    }
                    start = end;
                }
                (self.coords, self.ring_ends)
            }
            GeomKind::Point | GeomKind::MultiPoint => (self.coords, self.ring_ends),
        };
        Ok(Some(ParsedGeometry {
            geom: FeatureGeometry {
                kind,
                coords,
                ring_ends,
                part_ends: self.part_ends,
            },
            had_z: false,
        }))
    }
}

fn walk<G: GeometryTrait<T = f64>>(
    g: &G,
    warnings: &mut Vec<String>,
) -> Result<Option<ParsedGeometry>, Unusable> {
    let mut f = Flat::default();
    let kind = match g.as_type() {
        GeometryType::Point(p) => {
            f.point(p);
            GeomKind::Point
        }
        GeometryType::MultiPoint(mp) => {
            for p in mp.points() {
                f.point(&p);
            }
            GeomKind::MultiPoint
        }
        GeometryType::LineString(l) => {
            if f.line(l) {
                f.end_part();
            }
            GeomKind::LineString
        }
        GeometryType::MultiLineString(ml) => {
            for l in ml.line_strings() {
                if f.line(&l) {
                    f.end_part();
                }
            }
            GeomKind::MultiLineString
        }
        GeometryType::Polygon(p) => {
            f.polygon(p);
            GeomKind::Polygon
        }
        GeometryType::MultiPolygon(mp) => {
            for p in mp.polygons() {
                f.polygon(&p);
            }
            GeomKind::MultiPolygon
        }
        GeometryType::GeometryCollection(gc) => {
            let mut members = Vec::new();
            for m in gc.geometries() {
                if let Some(p) = walk(&m, warnings)? {
                    members.push(p);
                }
            }
            if members.is_empty() {
                return Ok(None);
            }
            return flatten_collection(members, warnings).map_err(Unusable::Bad);
        }
        _ => return Err(Unusable::Bad("geometrietype wordt niet gelezen".into())),
    };
    f.into_geometry(kind, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn le(parts: &[&[u8]]) -> Vec<u8> {
        parts.concat()
    }
    fn f(v: f64) -> [u8; 8] {
        v.to_le_bytes()
    }

    #[test]
    fn reads_a_polygon_with_z_and_drops_it() {
        // ISO WKB Polygon Z (1003), one ring of four positions.
        let mut b = vec![1];
        b.extend(1003u32.to_le_bytes());
        b.extend(1u32.to_le_bytes());
        b.extend(4u32.to_le_bytes());
        for (x, y) in [(0.0, 0.0), (4.0, 0.0), (4.0, 3.0), (0.0, 0.0)] {
            b.extend(le(&[&f(x), &f(y), &f(9.0)]));
        }
        let mut w = Vec::new();
        let d = decode(&b, &mut w).unwrap();
        assert!(d.geometry.had_z && !d.had_m);
        assert_eq!(d.geometry.geom.kind, GeomKind::Polygon);
        assert_eq!(d.geometry.geom.coords[2], Coord { x: 4.0, y: 3.0 });
        assert_eq!(d.geometry.geom.ring_ends, vec![4]);
    }

    #[test]
    fn empty_curved_and_broken_geometries_are_named() {
        let mut w = Vec::new();
        // POINT EMPTY: NaN coordinates.
        let mut p = vec![1];
        p.extend(1u32.to_le_bytes());
        p.extend(le(&[&f(f64::NAN), &f(f64::NAN)]));
        assert!(matches!(decode(&p, &mut w), Err(Unusable::Empty)));
        // A CurvePolygon (10).
        let mut c = vec![1];
        c.extend(10u32.to_le_bytes());
        let Err(Unusable::Bad(m)) = decode(&c, &mut w) else {
            panic!()
        };
        assert!(m.contains("CurvePolygon"), "{m}");
        // A Polygon that claims a ring of 1000 positions and stops.
        let mut t = vec![1];
        t.extend(3u32.to_le_bytes());
        t.extend(1u32.to_le_bytes());
        t.extend(1000u32.to_le_bytes());
        let Err(Unusable::Bad(m)) = decode(&t, &mut w) else {
            panic!()
        };
        assert!(m.contains("beschadigd"), "{m}");
        assert!(matches!(decode(&[7, 1], &mut w), Err(Unusable::Bad(_))));
    }
}
