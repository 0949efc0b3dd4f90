//! Coordinate reference systems. Locatiescout holds all geometry in RD New
//! (EPSG:28992, metres) so that areas are m² and distances metres; WGS84 input
//! is projected on import and projected back only for RFC 7946 output.

use std::fmt;
use std::sync::OnceLock;

use proj4rs::Proj;

/// The CRSs we read. Anything else is refused with a clear message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Crs {
    /// Amersfoort / RD New, EPSG:28992, x/y in metres.
    RdNew,
    /// WGS84 longitude/latitude in degrees (EPSG:4326 with lon/lat axis order, CRS84).
    Wgs84,
    /// Web Mercator (EPSG:3857) metres, as web maps and some GIS exports write
    /// them; read only when declared, projected to RD New through WGS84.
    WebMercator,
    /// Small undeclared coordinates that fit no Dutch or global system (test or CAD
    /// data): kept unchanged, never projected, flagged in the report.
    Local,
}

impl fmt::Display for Crs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Crs::RdNew => f.write_str("RD New (EPSG:28992)"),
            Crs::Wgs84 => f.write_str("WGS84 (EPSG:4326 / CRS84)"),
            Crs::WebMercator => f.write_str("Web Mercator (EPSG:3857)"),
            Crs::Local => f.write_str("lokaal/onbekend stelsel (niet omgerekend)"),
        }
    }
}

/// How the CRS of a file was decided; shown in the import report.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum CrsDecision {
    /// Named in the legacy `crs` member (or a CSV column header).
    Declared { name: String },
    /// RFC 7946 default: no declaration and coordinates within lon/lat ranges.
    Rfc7946Default,
    /// No declaration, but every coordinate lies in the RD New range.
    InferredFromRange,
    /// There were no coordinates to look at.
    NoCoordinates,
}

impl fmt::Display for CrsDecision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CrsDecision::Declared { name } => write!(f, "opgegeven in het bestand ({name})"),
            CrsDecision::Rfc7946Default => {
                f.write_str("standaard volgens RFC 7946 (geen crs opgegeven)")
            }
            CrsDecision::InferredFromRange => {
                f.write_str("afgeleid uit het coördinatenbereik (geen crs opgegeven)")
            }
            CrsDecision::NoCoordinates => f.write_str("geen coördinaten gevonden"),
        }
    }
}

/// A CRS name we could not use, e.g. `EPSG:3857`.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("niet-ondersteund coördinatenstelsel '{}': alleen RD New (EPSG:28992), WGS84 (EPSG:4326/CRS84) en Web Mercator (EPSG:3857) worden gelezen", crate::nl_error::cut(.0))]
pub struct UnknownCrsName(pub String);

/// Parses the spellings found in PDOK, QGIS and ogr2ogr output.
pub fn parse_crs_name(name: &str) -> Result<Crs, UnknownCrsName> {
    let n = name.trim().to_ascii_lowercase();
    let tail = n
        .rsplit([':', '/'])
        .next()
        .unwrap_or(n.as_str())
        .trim_start_matches("epsg");
    if n.ends_with("crs84") || n.ends_with("crs:84") {
        return Ok(Crs::Wgs84);
    }
    match tail {
        "28992" => Ok(Crs::RdNew),
        "4326" => Ok(Crs::Wgs84),
        "3857" | "900913" => Ok(Crs::WebMercator),
        _ => Err(UnknownCrsName(name.to_string())),
    }
}

/// Reads the CRS a WKT definition (a shapefile's `.prj`, a GeoPackage's
/// `gpkg_spatial_ref_sys.definition`) describes, in the spellings EPSG, ESRI and
/// QGIS write: RD New (`AUTHORITY["EPSG","28992"]`, `"RD_New"`, `"Amersfoort / RD
/// New"`, or a Bessel stereographic with RD's false origin), WGS84 geographic
/// (`GEOGCS` only, `"GCS_WGS_1984"`, `CRS84`) and Web Mercator. `None` for
/// anything else.
pub fn crs_from_wkt(wkt: &str) -> Option<Crs> {
    let w: String = wkt
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    let projected = w.starts_with("projcs[") || w.starts_with("projcrs[");
    let top_authority = |org: &str, code: &str| {
        w.ends_with(&format!("authority[\"{org}\",\"{code}\"]]"))
            || w.ends_with(&format!("id[\"{org}\",{code}]]"))
            || w.ends_with(&format!("id[\"{org}\",\"{code}\"]]"))
    };
    let rd_named = [
        "\"rd_new\"",
        "amersfoort/rdnew",
        "amersfoort_rd_new",
        "rdnew\"",
    ]
    .iter()
    .any(|n| w.contains(n));
    let rd_shaped = w.contains("bessel")
        && w.contains("stereographic")
        && w.contains("155000")
        && w.contains("463000");
    if top_authority("epsg", "28992")
        || top_authority("epsg", "7415")
        || (projected && (rd_named || rd_shaped))
    {
        return Some(Crs::RdNew);
    }
    if top_authority("epsg", "3857")
        || top_authority("epsg", "900913")
        || (projected
            && (w.contains("pseudo-mercator")
                || w.contains("web_mercator")
                || w.contains("pseudo_mercator")))
    {
        return Some(Crs::WebMercator);
    }
    if top_authority("epsg", "4326")
        || top_authority("ogc", "crs84")
        || (!projected
            && (w.starts_with("geogcs[") || w.starts_with("geogcrs["))
            && (w.contains("wgs84")
                || w.contains("wgs_1984")
                || w.contains("\"wgs84\"")
                || w.contains("wgs84(crs84)")))
    {
        return Some(Crs::Wgs84);
    }
    None
}

/// A bounding box of raw (not yet projected) coordinates, used to guess the CRS.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct RawExtent {
    pub min_x: f64,
    pub min_y: f64,
    pub max_x: f64,
    pub max_y: f64,
}

impl RawExtent {
    pub const EMPTY: RawExtent = RawExtent {
        min_x: f64::INFINITY,
        min_y: f64::INFINITY,
        max_x: f64::NEG_INFINITY,
        max_y: f64::NEG_INFINITY,
    };

    pub fn add(&mut self, x: f64, y: f64) {
        self.min_x = self.min_x.min(x);
        self.min_y = self.min_y.min(y);
        self.max_x = self.max_x.max(x);
        self.max_y = self.max_y.max(y);
    }

    pub fn merge(&mut self, o: &RawExtent) {
        self.min_x = self.min_x.min(o.min_x);
        self.min_y = self.min_y.min(o.min_y);
        self.max_x = self.max_x.max(o.max_x);
        self.max_y = self.max_y.max(o.max_y);
    }

    pub fn is_empty(&self) -> bool {
        self.min_x > self.max_x
    }

    fn within(&self, min_x: f64, min_y: f64, max_x: f64, max_y: f64) -> bool {
        self.min_x >= min_x && self.max_x <= max_x && self.min_y >= min_y && self.max_y <= max_y
    }
}

impl fmt::Display for RawExtent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "x {:.0} – {:.0}, y {:.0} – {:.0}",
            self.min_x, self.max_x, self.min_y, self.max_y
        )
    }
}

/// No declaration and coordinates that fit neither lon/lat nor RD New.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("niet-ondersteund coördinatenstelsel: de coördinaten ({extent}) passen niet bij WGS84-graden of RD New-meters (x 0 – 300.000, y 300.000 – 625.000); zijn ze misschien Web Mercator (EPSG:3857)? Zeg dat in het bestand (crs EPSG:3857) of exporteer naar EPSG:28992 of EPSG:4326")]
pub struct UndetectableCrs {
    pub extent: RawExtent,
}

/// Decides the CRS of undeclared coordinates from their range (DOMAIN.md: RD New is
/// x ~0–300 km, y ~300–625 km; everything else must be lon/lat degrees).
pub fn infer_crs(extent: &RawExtent) -> Result<(Crs, CrsDecision), UndetectableCrs> {
    if extent.is_empty() {
        return Ok((Crs::Wgs84, CrsDecision::NoCoordinates));
    }
    if extent.within(-180.0, -90.0, 180.0, 90.0) {
        return Ok((Crs::Wgs84, CrsDecision::Rfc7946Default));
    }
    if extent.within(-7_000.0, 289_000.0, 300_000.0, 629_000.0) {
        return Ok((Crs::RdNew, CrsDecision::InferredFromRange));
    }
    if extent.within(-1_000.0, -1_000.0, 1_000.0, 1_000.0) {
        return Ok((Crs::Local, CrsDecision::InferredFromRange));
    }
    Err(UndetectableCrs { extent: *extent })
}

/// Checks declared coordinates against their CRS, so that a file that says
/// EPSG:28992 but holds degrees (or the reverse) is caught.
pub fn plausible(crs: Crs, extent: &RawExtent) -> bool {
    extent.is_empty()
        || match crs {
            Crs::Wgs84 => extent.within(-180.0, -90.0, 180.0, 90.0),
            Crs::RdNew => extent.within(-100_000.0, 200_000.0, 400_000.0, 700_000.0),
            Crs::WebMercator => extent.within(
                -WEB_MERCATOR_HALF_M,
                -WEB_MERCATOR_HALF_M,
                WEB_MERCATOR_HALF_M,
                WEB_MERCATOR_HALF_M,
            ),
            Crs::Local => true,
        }
}

/// Half the width of the Web Mercator world (π × 6 378 137 m).
const WEB_MERCATOR_HALF_M: f64 = 20_037_508.342_789_244;

/// Web Mercator metres → WGS84 lon/lat degrees (the spherical inverse EPSG:3857
/// defines: radius 6 378 137 m).
pub fn web_mercator_to_wgs84(x_m: f64, y_m: f64) -> (f64, f64) {
    const R: f64 = 6_378_137.0;
    let lon = (x_m / R).to_degrees();
    let lat = (2.0 * (y_m / R).exp().atan() - std::f64::consts::FRAC_PI_2).to_degrees();
    (lon, lat)
}

/// EPSG:28992 as PROJ defines it without the RDNAPTRANS grid (7-parameter Helmert).
const RD_NEW: &str = "+proj=sterea +lat_0=52.15616055555555 +lon_0=5.38763888888889 \
+k=0.9999079 +x_0=155000 +y_0=463000 +ellps=bessel \
+towgs84=565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725 +units=m +no_defs";
const WGS84: &str = "+proj=longlat +datum=WGS84 +no_defs";

struct Projs {
    rd: Proj,
    wgs: Proj,
}

fn projs() -> Option<&'static Projs> {
    static P: OnceLock<Option<Projs>> = OnceLock::new();
    P.get_or_init(|| {
        Some(Projs {
            rd: Proj::from_proj_string(RD_NEW).ok()?,
            wgs: Proj::from_proj_string(WGS84).ok()?,
        })
    })
    .as_ref()
}

/// A position that cannot be projected (e.g. latitude beyond the pole).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("coördinaat ({x}, {y}) kan niet worden omgerekend")]
pub struct ProjectionError {
    pub x: f64,
    pub y: f64,
}

/// WGS84 lon/lat degrees → RD New metres.
pub fn wgs84_to_rd(lon_deg: f64, lat_deg: f64) -> Result<(f64, f64), ProjectionError> {
    let err = ProjectionError {
        x: lon_deg,
        y: lat_deg,
    };
    let p = projs().ok_or_else(|| err.clone())?;
    let mut pt = (lon_deg.to_radians(), lat_deg.to_radians(), 0.0);
    proj4rs::transform::transform(&p.wgs, &p.rd, &mut pt).map_err(|_| err.clone())?;
    if pt.0.is_finite() && pt.1.is_finite() {
        Ok((pt.0, pt.1))
    } else {
        Err(err)
    }
}

/// An RD New box as WGS84 `[west, south, east, north]`, for fitting a map view.
pub fn rd_rect_to_wgs84(r: geo::Rect<f64>) -> Option<[f64; 4]> {
    let (w, s) = rd_to_wgs84(r.min().x, r.min().y).ok()?;
    let (e, n) = rd_to_wgs84(r.max().x, r.max().y).ok()?;
    Some([w, s, e, n])
}

/// RD New metres → WGS84 lon/lat degrees.
pub fn rd_to_wgs84(x_m: f64, y_m: f64) -> Result<(f64, f64), ProjectionError> {
    let err = ProjectionError { x: x_m, y: y_m };
    let p = projs().ok_or_else(|| err.clone())?;
    let mut pt = (x_m, y_m, 0.0);
    proj4rs::transform::transform(&p.rd, &p.wgs, &mut pt).map_err(|_| err.clone())?;
    let (lon, lat) = (pt.0.to_degrees(), pt.1.to_degrees());
    if lon.is_finite() && lat.is_finite() {
        Ok((lon, lat))
    } else {
        Err(err)
    }
}

/// WGS84 lon/lat degrees → the unit Web Mercator square the map tiles address:
/// `u` 0 at 180° W to 1 at 180° E, `v` 0 at the top (85.05° N) to 1 at the bottom.
pub fn wgs84_to_mercator_unit(lon_deg: f64, lat_deg: f64) -> (f64, f64) {
    let lat = lat_deg.clamp(-85.051_128_78, 85.051_128_78).to_radians();
    let u = (lon_deg + 180.0) / 360.0;
    let v = (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / std::f64::consts::PI) / 2.0;
    (u, v)
}

/// The RD New box the interpolation grid covers (the whole RD validity area and
/// a margin), and its node spacing.
const GRID_X0_M: f64 = -10_000.0;
const GRID_Y0_M: f64 = 280_000.0;
const GRID_X1_M: f64 = 310_000.0;
const GRID_Y1_M: f64 = 640_000.0;
const GRID_STEP_M: f64 = 1_000.0;

/// Exact RD New → unit Web Mercator at the nodes of a 1 km grid over the
/// country; between nodes, bilinear interpolation. The mapping is so smooth
/// that the error is centimetres (tested), while a tile of 2,000 parcels needs
/// 20,000 projections — with proj4rs per vertex the map's tiles cost most of
/// their time there.
struct MercatorGrid {
    cols: usize,
    rows: usize,
    uv: Vec<(f64, f64)>,
}

fn mercator_grid() -> Option<&'static MercatorGrid> {
    static G: OnceLock<Option<MercatorGrid>> = OnceLock::new();
    G.get_or_init(|| {
        let cols = ((GRID_X1_M - GRID_X0_M) / GRID_STEP_M) as usize + 1;
        let rows = ((GRID_Y1_M - GRID_Y0_M) / GRID_STEP_M) as usize + 1;
        let mut uv = Vec::with_capacity(cols * rows);
        for r in 0..rows {
            for c in 0..cols {
                let x = GRID_X0_M + c as f64 * GRID_STEP_M;
                let y = GRID_Y0_M + r as f64 * GRID_STEP_M;
                let (lon, lat) = rd_to_wgs84(x, y).ok()?;
                uv.push(wgs84_to_mercator_unit(lon, lat));
            }
        }
        Some(MercatorGrid { cols, rows, uv })
    })
    .as_ref()
}

/// RD New metres → unit Web Mercator (see [`wgs84_to_mercator_unit`]); `None`
/// when the position cannot be projected.
pub fn rd_to_mercator_unit(x_m: f64, y_m: f64) -> Option<(f64, f64)> {
    if let Some(g) = mercator_grid() {
        let fx = (x_m - GRID_X0_M) / GRID_STEP_M;
        let fy = (y_m - GRID_Y0_M) / GRID_STEP_M;
        if fx >= 0.0 && fy >= 0.0 && fx < (g.cols - 1) as f64 && fy < (g.rows - 1) as f64 {
            let (c, r) = (fx as usize, fy as usize);
            let (tx, ty) = (fx - c as f64, fy - r as f64);
            let at = |c: usize, r: usize| g.uv[r * g.cols + c];
            let (a, b, d, e) = (at(c, r), at(c + 1, r), at(c, r + 1), at(c + 1, r + 1));
            let lerp = |p: f64, q: f64, t: f64| p + (q - p) * t;
            let u = lerp(lerp(a.0, b.0, tx), lerp(d.0, e.0, tx), ty);
            let v = lerp(lerp(a.1, b.1, tx), lerp(d.1, e.1, tx), ty);
            return Some((u, v));
        }
    }
    let (lon, lat) = rd_to_wgs84(x_m, y_m).ok()?;
    Some(wgs84_to_mercator_unit(lon, lat))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_legacy_spellings() {
        for n in ["urn:ogc:def:crs:EPSG::28992", "EPSG:28992", "epsg:28992"] {
            assert_eq!(parse_crs_name(n), Ok(Crs::RdNew), "{n}");
        }
        for n in [
            "urn:ogc:def:crs:OGC:1.3:CRS84",
            "EPSG:4326",
            "urn:ogc:def:crs:EPSG::4326",
            "http://www.opengis.net/def/crs/OGC/1.3/CRS84",
            "http://www.opengis.net/def/crs/EPSG/0/28992",
        ] {
            assert!(parse_crs_name(n).is_ok(), "{n}");
        }
        assert_eq!(parse_crs_name("EPSG:3857"), Ok(Crs::WebMercator));
        assert!(parse_crs_name("EPSG:3035").is_err());
    }

    #[test]
    fn reads_wkt_in_esri_epsg_and_qgis_spellings() {
        let esri = r#"PROJCS["RD_New",GEOGCS["GCS_Amersfoort",DATUM["D_Amersfoort",SPHEROID["Bessel_1841",6377397.155,299.1528128]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Double_Stereographic"],PARAMETER["False_Easting",155000.0],PARAMETER["False_Northing",463000.0],PARAMETER["Central_Meridian",5.38763888888889],PARAMETER["Scale_Factor",0.9999079],PARAMETER["Latitude_Of_Origin",52.15616055555555],UNIT["Meter",1.0]]"#;
        let epsg = r#"PROJCS["Amersfoort / RD New",GEOGCS["Amersfoort",DATUM["Amersfoort",SPHEROID["Bessel 1841",6377397.155,299.1528128]]],PROJECTION["Oblique_Stereographic"],UNIT["metre",1],AUTHORITY["EPSG","28992"]]"#;
        let wkt2 = r#"PROJCRS["Amersfoort / RD New",BASEGEOGCRS["Amersfoort"],ID["EPSG",28992]]"#;
        for w in [esri, epsg, wkt2] {
            assert_eq!(crs_from_wkt(w), Some(Crs::RdNew), "{w}");
        }
        let crs84 = r#"GEOGCS["WGS 84 (CRS84)",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],AUTHORITY["OGC","CRS84"]]"#;
        let esri_wgs = r#"GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]"#;
        assert_eq!(crs_from_wkt(crs84), Some(Crs::Wgs84));
        assert_eq!(crs_from_wkt(esri_wgs), Some(Crs::Wgs84));
        let merc = r#"PROJCS["WGS_1984_Web_Mercator_Auxiliary_Sphere",GEOGCS["GCS_WGS_1984"],PROJECTION["Mercator_Auxiliary_Sphere"]]"#;
        assert_eq!(crs_from_wkt(merc), Some(Crs::WebMercator));
        // UTM 31N on WGS84 is projected: neither degrees nor RD.
        let utm = r#"PROJCS["WGS_1984_UTM_Zone_31N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984"]],PROJECTION["Transverse_Mercator"]]"#;
        assert_eq!(crs_from_wkt(utm), None);
        assert_eq!(crs_from_wkt("onzin"), None);
    }

    #[test]
    fn web_mercator_inverts_to_degrees() {
        // The Dom tower, Utrecht: 5.1214° E, 52.0907° N (EPSG.io gives these metres).
        let (lon, lat) = web_mercator_to_wgs84(570_108.0, 6_816_660.0);
        assert!(
            (lon - 5.1214).abs() < 1e-4 && (lat - 52.0914).abs() < 1e-4,
            "{lon} {lat}"
        );
        assert_eq!(web_mercator_to_wgs84(0.0, 0.0), (0.0, 0.0));
    }

    #[test]
    fn infers_from_range() {
        let mut e = RawExtent::EMPTY;
        e.add(155_000.0, 463_000.0);
        assert_eq!(infer_crs(&e).map(|c| c.0), Ok(Crs::RdNew));
        let mut e = RawExtent::EMPTY;
        e.add(5.3, 52.1);
        assert_eq!(infer_crs(&e).map(|c| c.0), Ok(Crs::Wgs84));
        let mut e = RawExtent::EMPTY;
        e.add(600_000.0, 6_800_000.0); // Web Mercator, Utrecht
        assert!(infer_crs(&e).is_err());
    }

    #[test]
    fn mercator_grid_is_centimetre_exact() {
        // The circumference at 52° N is ~24,660 km per unit of u; 0.05 m ≈ 2e-9.
        let mut worst = 0.0f64;
        let mut rng = 12345u64;
        let mut next = || {
            rng = rng
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (rng >> 11) as f64 / (1u64 << 53) as f64
        };
        for _ in 0..2000 {
            let (x, y) = (
                10_000.0 + next() * 270_000.0,
                300_000.0 + next() * 320_000.0,
            );
            let (lon, lat) = rd_to_wgs84(x, y).expect("projects");
            let exact = wgs84_to_mercator_unit(lon, lat);
            let grid = rd_to_mercator_unit(x, y).expect("projects");
            worst = worst
                .max((exact.0 - grid.0).abs())
                .max((exact.1 - grid.1).abs());
        }
        // 40,075 km per unit at the equator, × cos 52° ≈ 24,670 km: 2e-9 ≈ 5 cm.
        assert!(worst < 2e-9, "worst deviation {worst:e} of a unit");
        // Utrecht Dom tower lies at 5.1214° E, 52.0907° N: u = (5.1214 + 180) / 360.
        let (u, v) = rd_to_mercator_unit(136_899.0, 455_958.0).expect("projects");
        let (eu, ev) = wgs84_to_mercator_unit(5.1214, 52.0907);
        assert!((eu - 185.1214 / 360.0).abs() < 1e-12);
        assert!((u - eu).abs() < 1e-5 && (v - ev).abs() < 1e-5, "{u} {v}");
    }
}
