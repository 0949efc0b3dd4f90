//! Grid congestion areas: polygons (e.g. the capaciteitskaart's voedingsgebieden)
//! with a colour code per direction — afname (offtake, what homes need) and
//! invoeding (feed-in) — read through a configurable field and code mapping,
//! enriched from the capaciteitskaart CSV (operator, queue, year solved) by
//! [`locatiescout_io::join::join_csv_on`], and joined to the sites that overlap them.

use std::collections::BTreeMap;

use rayon::prelude::*;
use rstar::primitives::{GeomWithData, Line};
use rstar::{RTree, AABB};

use crate::grid_connection::GridStatus;
use crate::index::SpatialIndex;
use crate::link::overlaps;
use locatiescout_model::layer::Layer;
use locatiescout_model::text::Text;

/// The capaciteitskaart legend (DOMAIN.md, Grid connection).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Colour {
    /// −1: no information.
    NoInfo,
    /// 0: no known bottleneck.
    Transparent,
    /// 1: scarcity expected.
    Yellow,
    /// 2: no capacity, congestion management being studied.
    Orange,
    /// 3: no capacity, congestion management offers no way out.
    Red,
}

impl Colour {
    pub const ALL: [Colour; 5] = [
        Colour::NoInfo,
        Colour::Transparent,
        Colour::Yellow,
        Colour::Orange,
        Colour::Red,
    ];

    /// The key used in settings files and on the map (as serde writes it).
    pub fn key(self) -> &'static str {
        match self {
            Colour::NoInfo => "no_info",
            Colour::Transparent => "transparent",
            Colour::Yellow => "yellow",
            Colour::Orange => "orange",
            Colour::Red => "red",
        }
    }

    pub fn from_key(key: &str) -> Option<Colour> {
        Colour::ALL.into_iter().find(|c| c.key() == key)
    }

    pub fn dutch(self) -> &'static str {
        match self {
            Colour::NoInfo => "geen informatie",
            Colour::Transparent => "transparant",
            Colour::Yellow => "geel",
            Colour::Orange => "oranje",
            Colour::Red => "rood",
        }
    }

    /// What the colour means for connecting a cluster of homes.
    pub fn status(self, solved: Option<i32>) -> GridStatus {
        match self {
            Colour::NoInfo => GridStatus::Unknown,
            Colour::Transparent => GridStatus::Available,
            Colour::Yellow => GridStatus::Limited { until_year: solved },
            Colour::Orange | Colour::Red => GridStatus::Queue { until_year: solved },
        }
    }
}

/// How a congestion layer is read: a per-import setting, because sources
/// disagree (DOMAIN.md: one public ArcGIS layer uses 0 = available … 3 = shortage).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CongestionConfig {
    /// The area's id, also the key of the capaciteitskaart CSV.
    pub id_field: String,
    /// Colour code for afname (offtake); homes are scored on this one.
    pub offtake_field: String,
    /// Colour code for invoeding (feed-in), shown beside it.
    pub feedin_field: String,
    /// Set (ja/true/1) where congestion management applies: drawn hatched.
    pub managed_field: String,
    pub operator_field: String,
    pub queue_mw_field: String,
    pub solved_year_field: String,
    /// Code (as written in the file) → colour.
    pub codes: BTreeMap<String, Colour>,
}

impl Default for CongestionConfig {
    fn default() -> Self {
        CongestionConfig {
            id_field: "voedingsgebied_id".into(),
            offtake_field: "afname".into(),
            feedin_field: "invoeding".into(),
            managed_field: "congestiemanagement".into(),
            operator_field: "RNB".into(),
            queue_mw_field: "wachtrij_afname".into(),
            solved_year_field: "jaartal_opgelost_afname".into(),
            codes: [
                ("-1", Colour::NoInfo),
                ("0", Colour::Transparent),
                ("1", Colour::Yellow),
                ("2", Colour::Orange),
                ("3", Colour::Red),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
        }
    }
}

/// One congestion area as the scoring and the detail panel see it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct AreaInfo {
    pub id: String,
    pub offtake: Colour,
    pub feedin: Colour,
    pub managed: bool,
    pub operator: Option<String>,
    pub queue_mw: Option<f64>,
    pub solved_year: Option<i32>,
}

impl AreaInfo {
    pub fn status(&self) -> GridStatus {
        self.offtake.status(self.solved_year)
    }

    /// "capaciteitskaart: oranje, wachtrij 12 MW, opgelost 2029 (Stedin, gebied X)".
    pub fn describe(&self) -> Text {
        let opt = |on: bool, t: Text| if on { t } else { Text::plain("") };
        let colour = match self.offtake {
            Colour::NoInfo => "grid.colour.no_info",
            Colour::Transparent => "grid.colour.transparent",
            Colour::Yellow => "grid.colour.yellow",
            Colour::Orange => "grid.colour.orange",
            Colour::Red => "grid.colour.red",
        };
        let place = match &self.operator {
            Some(o) => Text::new("grid.area_at_operator")
                .str("operator", o.clone())
                .str("id", self.id.clone()),
            None => Text::new("grid.area_at").str("id", self.id.clone()),
        };
        Text::new("grid.area")
            .text("colour", Text::new(colour))
            .text(
                "queue",
                opt(
                    self.queue_mw.is_some(),
                    Text::new("grid.area_queue").num("mw", self.queue_mw.unwrap_or(0.0), 1),
                ),
            )
            .text(
                "solved",
                opt(
                    self.solved_year.is_some(),
                    Text::new("grid.area_solved").str(
                        "year",
                        self.solved_year.map(|y| y.to_string()).unwrap_or_default(),
                    ),
                ),
            )
            .text("managed", opt(self.managed, Text::new("grid.area_managed")))
            .text("where", place)
    }
}

fn field<'l>(layer: &'l Layer, i: usize, name: &str) -> Option<&'l str> {
    layer
        .extras(i)
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty())
}

/// `2`, `2,0`, ` 3 ` → the code key; a code the mapping lacks is no information.
fn colour(cfg: &CongestionConfig, raw: Option<&str>) -> Colour {
    let Some(raw) = raw else {
        return Colour::NoInfo;
    };
    let key = locatiescout_model::attrs::parse_dutch_number(raw)
        .filter(|n| n.fract() == 0.0)
        .map_or_else(|| raw.to_lowercase(), |n| format!("{}", n as i64));
    cfg.codes
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(&key))
        .map_or(Colour::NoInfo, |(_, c)| *c)
}

/// Reads area `i` of a congestion layer.
pub fn area_info(layer: &Layer, i: usize, cfg: &CongestionConfig) -> AreaInfo {
    let f = |name: &str| field(layer, i, name);
    AreaInfo {
        id: f(&cfg.id_field)
            .map(str::to_string)
            .unwrap_or_else(|| layer.label(i)),
        offtake: colour(cfg, f(&cfg.offtake_field)),
        feedin: colour(cfg, f(&cfg.feedin_field)),
        managed: f(&cfg.managed_field).is_some_and(|v| {
            matches!(
                v.to_lowercase().as_str(),
                "ja" | "j" | "true" | "1" | "yes" | "waar"
            )
        }),
        operator: f(&cfg.operator_field).map(str::to_string),
        queue_mw: f(&cfg.queue_mw_field).and_then(locatiescout_model::attrs::parse_dutch_number),
        solved_year: f(&cfg.solved_year_field)
            .and_then(locatiescout_model::attrs::parse_dutch_number)
            .filter(|y| (2000.0..=2100.0).contains(y))
            .map(|y| y as i32),
    }
}

/// The area a site takes its grid status from, and how many it overlaps.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SiteArea {
    pub area: u32,
    /// Areas the site overlaps; more than one: the worst counts.
    pub of: u32,
}

/// Cells per side of the lookup grid over the congestion areas.
const GRID_CELLS: usize = 256;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Cell {
    Inside(u32),
    Outside,
    Mixed,
}

struct CellGrid {
    x0: f64,
    y0: f64,
    size: f64,
    nx: usize,
    ny: usize,
    cells: Vec<Cell>,
}

impl CellGrid {
    /// The one state of every cell `r` touches, if they agree (outside the grid
    /// is outside every area); `None` when they differ or `r` spans many cells.
    fn covering(&self, r: geo::Rect<f64>) -> Option<Cell> {
        let ix = |x: f64| ((x - self.x0) / self.size).floor();
        let iy = |y: f64| ((y - self.y0) / self.size).floor();
        let (x0, x1, y0, y1) = (ix(r.min().x), ix(r.max().x), iy(r.min().y), iy(r.max().y));
        if (x1 - x0 + 1.0) * (y1 - y0 + 1.0) > 16.0 {
            return None;
        }
        let mut seen: Option<Cell> = None;
        for y in y0 as i64..=y1 as i64 {
            for x in x0 as i64..=x1 as i64 {
                let c = if x < 0 || y < 0 || x as usize >= self.nx || y as usize >= self.ny {
                    Cell::Outside
                } else {
                    self.cells[y as usize * self.nx + x as usize]
                };
                match seen {
                    None => seen = Some(c),
                    Some(s) if s != c => return None,
                    _ => {}
                }
            }
        }
        seen.filter(|c| *c != Cell::Mixed)
    }
}

/// The extent of a layer as (x0, y0, width, height).
fn extent(layer: &Layer) -> Option<(f64, f64, f64, f64)> {
    let r = crate::index::layer_extent(layer)?;
    Some((r.min().x, r.min().y, r.width(), r.height()))
}

/// For each site, the worst of the areas it overlaps (latest solved year breaks a tie).
pub fn areas_for_sites(
    sites: &Layer,
    areas: &Layer,
    cfg: &CongestionConfig,
) -> Vec<Option<SiteArea>> {
    let infos: Vec<AreaInfo> = (0..areas.len()).map(|a| area_info(areas, a, cfg)).collect();
    let idx = SpatialIndex::build(areas);
    // Every boundary segment of every area, tagged with its area: tells sites that
    // straddle a boundary, and locates a point by counting the segments a ray to
    // the east crosses (only those at the point's height are looked at).
    let edges: RTree<GeomWithData<Line<[f64; 2]>, u32>> = RTree::bulk_load(
        (0..areas.len())
            .filter_map(|a| areas.geom.multi_polygon(a).map(|mp| (a as u32, mp)))
            .flat_map(|(a, mp)| {
                mp.0.into_iter()
                    .flat_map(|poly| {
                        let (ext, holes) = poly.into_inner();
                        std::iter::once(ext).chain(holes)
                    })
                    .flat_map(move |ring| {
                        ring.lines()
                            .map(|l| {
                                GeomWithData::new(
                                    Line::new([l.start.x, l.start.y], [l.end.x, l.end.y]),
                                    a,
                                )
                            })
                            .collect::<Vec<_>>()
                    })
            })
            .collect(),
    );
    let containing = |p: geo::Point<f64>| -> Vec<u32> {
        let ray = AABB::from_corners([p.x(), p.y()], [f64::MAX, p.y()]);
        let mut odd: Vec<u32> = Vec::new();
        for e in edges.locate_in_envelope_intersecting(&ray) {
            let (a, b) = (e.geom().from, e.geom().to);
            if (a[1] > p.y()) != (b[1] > p.y()) {
                let x = a[0] + (p.y() - a[1]) * (b[0] - a[0]) / (b[1] - a[1]);
                if x > p.x() {
                    match odd.iter().position(|&k| k == e.data) {
                        Some(k) => {
                            odd.swap_remove(k);
                        }
                        None => odd.push(e.data),
                    }
                }
            }
        }
        odd
    };
    // A grid of cells over the areas, each known to lie wholly inside one area,
    // wholly outside all, or to be crossed by a boundary: a site within "inside"
    // cells of one area needs no further work.
    let grid = extent(areas).map(|(x0, y0, w, h)| {
        let size = (w.max(h) / GRID_CELLS as f64).max(1.0);
        let (nx, ny) = (
            (w / size).ceil() as usize + 1,
            (h / size).ceil() as usize + 1,
        );
        let cells: Vec<Cell> = (0..nx * ny)
            .into_par_iter()
            .map(|c| {
                let (cx, cy) = (x0 + (c % nx) as f64 * size, y0 + (c / nx) as f64 * size);
                let env = AABB::from_corners([cx, cy], [cx + size, cy + size]);
                if edges.locate_in_envelope_intersecting(&env).next().is_some() {
                    return Cell::Mixed;
                }
                match containing(geo::Point::new(cx + size / 2.0, cy + size / 2.0)).as_slice() {
                    [] => Cell::Outside,
                    [a] => Cell::Inside(*a),
                    _ => Cell::Mixed,
                }
            })
            .collect();
        CellGrid {
            x0,
            y0,
            size,
            nx,
            ny,
            cells,
        }
    });
    (0..sites.len())
        .into_par_iter()
        .map(|i| {
            let r = sites.bbox(i)?;
            if let Some(g) = &grid {
                match g.covering(r) {
                    Some(Cell::Inside(a)) => return Some(SiteArea { area: a, of: 1 }),
                    Some(Cell::Outside) => return None,
                    _ => {}
                }
            }
            // Near a boundary: when none crosses the site's box, the box lies wholly
            // inside the area that holds its anchor (areas can have thousands of
            // vertices, so polygon intersection is the last resort).
            if let Some(p) = sites.geom.anchor(i) {
                let env = AABB::from_corners([r.min().x, r.min().y], [r.max().x, r.max().y]);
                if edges.locate_in_envelope_intersecting(&env).next().is_none() {
                    let a = containing(p);
                    match a.as_slice() {
                        [] => return None,
                        [area] => return Some(SiteArea { area: *area, of: 1 }),
                        // Areas that overlap each other: the exact way below.
                        _ => {}
                    }
                }
            }
            let hits = overlaps(sites, i, areas, &idx);
            let of = hits.len() as u32;
            hits.into_iter()
                .max_by_key(|o| {
                    let s = infos[o.feature as usize].status();
                    (
                        s.severity(),
                        s.year().unwrap_or(0),
                        std::cmp::Reverse(o.feature),
                    )
                })
                .map(|o| SiteArea {
                    area: o.feature,
                    of,
                })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_and_source_keys_are_what_serde_writes() {
        for c in Colour::ALL {
            assert_eq!(serde_json::to_value(c).unwrap(), c.key());
            assert_eq!(Colour::from_key(c.key()), Some(c));
        }
        assert_eq!(Colour::from_key("paars"), None);
        use crate::grid_connection::GridSource;
        for g in [GridSource::Note, GridSource::Rvb, GridSource::Area] {
            assert_eq!(serde_json::to_value(g).unwrap(), g.key());
        }
    }
}
