//! Where to fetch: a box in RD New, or a municipality whose outline the
//! features are filtered to.

use std::path::Path;

use geo::{BoundingRect, MultiPolygon, Rect};

use super::error::FetchError;
use crate::import::Layer;

/// The area to fetch: a box in RD New, optionally with the polygon (a
/// municipality) the features are filtered to after fetching.
#[derive(Debug, Clone)]
pub struct Area {
    pub bbox: Rect<f64>,
    pub clip: Option<MultiPolygon<f64>>,
    /// "bbox 155000,460000,160000,465000" or "GM0344 Utrecht", for reports and the cache.
    pub label: String,
}

impl Area {
    pub fn bbox(r: Rect<f64>) -> Area {
        Area {
            label: format!(
                "bbox {:.0},{:.0},{:.0},{:.0}",
                r.min().x,
                r.min().y,
                r.max().x,
                r.max().y
            ),
            bbox: r,
            clip: None,
        }
    }

    /// "X1,Y1,X2,Y2" in RD New metres.
    pub fn parse_bbox(s: &str) -> Result<Area, FetchError> {
        let bad = || {
            FetchError::Input(format!(
                "bbox '{s}' is geen X1,Y1,X2,Y2 in RD-meters (bijv. 155000,460000,160000,465000)"
            ))
        };
        let v: Vec<f64> = s
            .split(',')
            .map(|p| p.trim().parse::<f64>())
            .collect::<Result<_, _>>()
            .map_err(|_| bad())?;
        let [x1, y1, x2, y2] = v[..] else {
            return Err(bad());
        };
        let plausible = |x: f64, y: f64| {
            (-7_000.0..=300_000.0).contains(&x) && (289_000.0..=629_000.0).contains(&y)
        };
        if !(plausible(x1, y1) && plausible(x2, y2)) || x1 >= x2 || y1 >= y2 {
            return Err(bad());
        }
        Ok(Area::bbox(Rect::new(
            geo::coord! { x: x1, y: y1 },
            geo::coord! { x: x2, y: y2 },
        )))
    }

    /// A municipality by CBS code (`GM0344`) from a boundaries layer (id = code).
    pub fn gemeente(code: &str, boundaries: &Layer) -> Result<Area, FetchError> {
        let want = code.trim().to_uppercase();
        let i = (0..boundaries.len())
            .find(|&i| {
                boundaries
                    .source_id(i)
                    .is_some_and(|id| id.eq_ignore_ascii_case(&want))
            })
            .ok_or_else(|| {
                FetchError::Input(format!(
                    "gemeente {want} staat niet in de CBS-gemeentegrenzen (codes als GM0344)"
                ))
            })?;
        let mp = boundaries
            .geom
            .multi_polygon(i)
            .ok_or_else(|| FetchError::Input(format!("gemeente {want} heeft geen vlak")))?;
        let bbox = mp
            .bounding_rect()
            .ok_or_else(|| FetchError::Input(format!("gemeente {want} heeft een leeg vlak")))?;
        let name = boundaries
            .text(i, locatiescout_model::Field::Name)
            .unwrap_or("");
        Ok(Area {
            bbox,
            clip: Some(mp),
            label: format!("{want} {name}").trim().to_string(),
        })
    }
}

/// The bundled municipalities as a layer (id = CBS code such as `GM0344`).
pub fn gemeenten(work_dir: &Path) -> Result<Layer, FetchError> {
    Ok(crate::cbs::gemeenten(work_dir)?)
}
