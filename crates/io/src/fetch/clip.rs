//! The municipality filter: whether a fetched feature, still raw JSON, touches
//! the municipality's outline.

use geo::{BoundingRect, Intersects, MultiPolygon, Rect};
use serde::Deserialize;
use serde_json::value::RawValue;

/// Just the geometry of a feature, for the municipality filter.
#[derive(Deserialize)]
struct FeatureGeometry {
    geometry: Option<serde_json::Value>,
}

/// Whether a raw feature's geometry touches the municipality (features without
/// a readable geometry are kept: the importer reports them).
pub(super) fn inside(raw: &RawValue, clip: &MultiPolygon<f64>, clip_box: &Rect<f64>) -> bool {
    let Ok(f) = serde_json::from_str::<FeatureGeometry>(raw.get()) else {
        return true;
    };
    let Some(g) = f.geometry.filter(|g| !g.is_null()) else {
        return true;
    };
    let Some(geom) = json_geometry(&g) else {
        return true;
    };
    match geom.bounding_rect() {
        Some(r) if !r.intersects(clip_box) => false,
        _ => geom.intersects(clip),
    }
}

/// A GeoJSON geometry object as `geo` (coordinates as given, here RD New).
fn json_geometry(g: &serde_json::Value) -> Option<geo::Geometry<f64>> {
    use geo::{Coord, LineString, Point, Polygon};
    let coord = |v: &serde_json::Value| -> Option<Coord<f64>> {
        let a = v.as_array()?;
        Some(Coord {
            x: a.first()?.as_f64()?,
            y: a.get(1)?.as_f64()?,
        })
    };
    let ring = |v: &serde_json::Value| -> Option<LineString<f64>> {
        v.as_array()?
            .iter()
            .map(coord)
            .collect::<Option<Vec<_>>>()
            .map(LineString::new)
    };
    let polygon = |v: &serde_json::Value| -> Option<Polygon<f64>> {
        let rings = v.as_array()?;
        let mut it = rings.iter();
        let outer = ring(it.next()?)?;
        let holes = it.map(ring).collect::<Option<Vec<_>>>()?;
        Some(Polygon::new(outer, holes))
    };
    let c = g.get("coordinates")?;
    Some(match g.get("type")?.as_str()? {
        "Point" => geo::Geometry::Point(Point(coord(c)?)),
        "MultiPoint" => geo::Geometry::MultiPoint(geo::MultiPoint(
            c.as_array()?
                .iter()
                .map(|p| coord(p).map(Point))
                .collect::<Option<_>>()?,
        )),
        "LineString" => geo::Geometry::LineString(ring(c)?),
        "Polygon" => geo::Geometry::Polygon(polygon(c)?),
        "MultiPolygon" => geo::Geometry::MultiPolygon(MultiPolygon(
            c.as_array()?.iter().map(polygon).collect::<Option<_>>()?,
        )),
        _ => return None,
    })
}
