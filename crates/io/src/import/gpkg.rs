//! GeoPackage (OGC 12-128r18): the feature layers a file holds, with geometry
//! type, count and CRS, read through SQLite opened read-only and immutable, so
//! the user's file (and its `-wal`/`-shm`) is never written.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::ImportError;
use locatiescout_model::crs::Crs;

/// One feature layer of a GeoPackage.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct GpkgLayer {
    pub name: String,
    /// `POLYGON`, `MULTIPOLYGON`, `POINT`, … as declared; `GEOMETRY` or `None` when unsaid.
    pub geometry_type: Option<String>,
    pub geometry_column: Option<String>,
    pub features: u64,
    pub srs_id: i64,
    /// The CRS Locatiescout reads it in; `None` for one it does not know.
    pub crs: Option<Crs>,
    /// `gpkg_spatial_ref_sys.srs_name`, to name an unknown CRS in a message.
    pub srs_name: String,
}

/// The CRS of a GeoPackage layer's organisation and code: RD New (EPSG 28992,
/// and the compound 7415) and WGS84 (EPSG 4326, OGC CRS84); `None` otherwise.
pub fn crs_of(organization: &str, code: i64) -> Option<Crs> {
    match (organization.to_ascii_uppercase().as_str(), code) {
        ("EPSG", 28992 | 7415) => Some(Crs::RdNew),
        ("EPSG", 4326) | ("OGC", 84) => Some(Crs::Wgs84),
        _ => None,
    }
}

/// Opens `path` read-only; a file that is not SQLite is refused here.
pub fn open(path: &Path) -> Result<Connection, ImportError> {
    let fail = |message: String| ImportError::GeoPackage {
        path: path.to_path_buf(),
        message,
    };
    let uri = format!("file:{}?immutable=1", path.display());
    let conn = Connection::open_with_flags(
        uri,
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| fail(format!("kan niet worden geopend: {e}")))?;
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })
    .map_err(|_| fail("is geen GeoPackage: het is geen SQLite-bestand".into()))?;
    Ok(conn)
}

/// The feature layers of the GeoPackage at `path`, in the file's order.
pub fn layers(path: &Path) -> Result<Vec<GpkgLayer>, ImportError> {
    let conn = open(path)?;
    let fail = |message: String| ImportError::GeoPackage {
        path: path.to_path_buf(),
        message,
    };
    let mut stmt = conn
        .prepare(
            "SELECT c.table_name, g.geometry_type_name, g.column_name, COALESCE(g.srs_id, c.srs_id, -1),
                    COALESCE(s.organization, ''), COALESCE(s.organization_coordsys_id, -1), COALESCE(s.srs_name, '')
             FROM gpkg_contents c
             LEFT JOIN gpkg_geometry_columns g ON g.table_name = c.table_name
             LEFT JOIN gpkg_spatial_ref_sys s ON s.srs_id = COALESCE(g.srs_id, c.srs_id)
             WHERE c.data_type = 'features'
             ORDER BY c.rowid",
        )
        .map_err(|_| fail("is geen GeoPackage: de tabel gpkg_contents ontbreekt".into()))?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, i64>(5)?,
                r.get::<_, String>(6)?,
            ))
        })
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .map_err(|e| fail(format!("gpkg_contents is onleesbaar: {e}")))?;
    rows.into_iter()
        .map(
            |(name, geometry_type, geometry_column, srs_id, org, code, srs_name)| {
                let quoted = name.replace('"', "\"\"");
                let features = conn
                    .query_row(&format!("SELECT count(*) FROM \"{quoted}\""), [], |r| {
                        r.get::<_, i64>(0)
                    })
                    .map_err(|e| fail(format!("laag '{name}' is onleesbaar: {e}")))?;
                Ok(GpkgLayer {
                    crs: crs_of(&org, code),
                    name,
                    geometry_type,
                    geometry_column,
                    features: features.max(0) as u64,
                    srs_id,
                    srs_name,
                })
            },
        )
        .collect()
}
