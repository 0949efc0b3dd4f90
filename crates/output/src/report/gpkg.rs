//! The werkprogramma as an OGC GeoPackage (1.3) written with rusqlite: the
//! sites as a MultiPolygon feature table in RD New (EPSG:28992), periods and
//! knelpunten as attribute tables. The geometry blob is
//! [`locatiescout_model::gpkg_blob`]'s, the one the GeoPackage import reads.

use std::path::Path;

use geo::BoundingRect;
use rusqlite::{params, Connection};

use super::tables::{knelpunt_table, period_rows, sites_with_business, Cell, Table};
use super::WerkprogrammaExport;

/// EPSG:28992 as OGC WKT, for `gpkg_spatial_ref_sys`.
const RD_NEW_WKT: &str = r#"PROJCS["Amersfoort / RD New",GEOGCS["Amersfoort",DATUM["Amersfoort",SPHEROID["Bessel 1841",6377397.155,299.1528128,AUTHORITY["EPSG","7004"]],TOWGS84[565.2369,50.0087,465.658,-0.406857,0.350733,-1.87035,4.0812],AUTHORITY["EPSG","6289"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4289"]],PROJECTION["Oblique_Stereographic"],PARAMETER["latitude_of_origin",52.1561605555556],PARAMETER["central_meridian",5.38763888888889],PARAMETER["scale_factor",0.9999079],PARAMETER["false_easting",155000],PARAMETER["false_northing",463000],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Easting",EAST],AXIS["Northing",NORTH],AUTHORITY["EPSG","28992"]]"#;

const SITES: &str = "werkprogramma_locaties";

fn sql_type(rows: &[Vec<Cell>], c: usize) -> &'static str {
    let numeric = rows.iter().all(|r| {
        matches!(
            r.get(c),
            Some(Cell::Number(..) | Cell::Money(_) | Cell::Share(_) | Cell::Empty)
        )
    });
    if numeric && !rows.is_empty() {
        "DOUBLE"
    } else {
        "TEXT"
    }
}

fn value(c: &Cell) -> rusqlite::types::Value {
    use rusqlite::types::Value;
    match c {
        Cell::Text(s) => Value::Text(s.clone()),
        Cell::Date(d) => Value::Text(d.format("%Y-%m-%d").to_string()),
        Cell::Number(v, _) | Cell::Money(v) | Cell::Share(v) => Value::Real(*v),
        Cell::Empty => Value::Null,
    }
}

fn create_table(conn: &Connection, name: &str, t: &Table, geometry: bool) -> rusqlite::Result<()> {
    let mut cols = vec!["fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL".to_string()];
    if geometry {
        cols.push("geom MULTIPOLYGON".into());
    }
    for (c, (key, _)) in t.columns.iter().enumerate() {
        if *key == "nr" && geometry {
            continue;
        }
        cols.push(format!("\"{key}\" {}", sql_type(&t.rows, c)));
    }
    conn.execute_batch(&format!("CREATE TABLE \"{name}\" ({});", cols.join(", ")))
}

fn insert_rows(
    conn: &Connection,
    name: &str,
    t: &Table,
    geoms: Option<&[Option<Vec<u8>>]>,
) -> rusqlite::Result<()> {
    let keep: Vec<usize> = (0..t.columns.len())
        .filter(|&c| !(geoms.is_some() && t.columns[c].0 == "nr"))
        .collect();
    let mut names: Vec<String> = keep
        .iter()
        .map(|&c| format!("\"{}\"", t.columns[c].0))
        .collect();
    if geoms.is_some() {
        names.insert(0, "geom".into());
    }
    let marks = vec!["?"; names.len()].join(", ");
    let mut stmt = conn.prepare(&format!(
        "INSERT INTO \"{name}\" ({}) VALUES ({marks})",
        names.join(", ")
    ))?;
    for (r, row) in t.rows.iter().enumerate() {
        let mut vals: Vec<rusqlite::types::Value> = keep.iter().map(|&c| value(&row[c])).collect();
        if let Some(g) = geoms {
            vals.insert(
                0,
                g.get(r)
                    .and_then(|b| b.clone())
                    .map_or(rusqlite::types::Value::Null, rusqlite::types::Value::Blob),
            );
        }
        stmt.execute(rusqlite::params_from_iter(vals))?;
    }
    Ok(())
}

fn build(conn: &Connection, ex: &WerkprogrammaExport) -> rusqlite::Result<()> {
    conn.pragma_update(None, "application_id", 0x4750_4B47)?;
    conn.pragma_update(None, "user_version", 10300)?;
    conn.execute_batch(
        "BEGIN;
         CREATE TABLE gpkg_spatial_ref_sys (
             srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY,
             organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL,
             definition TEXT NOT NULL, description TEXT);
         CREATE TABLE gpkg_contents (
             table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL,
             identifier TEXT UNIQUE, description TEXT DEFAULT '',
             last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
             min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,
             srs_id INTEGER, CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
         CREATE TABLE gpkg_geometry_columns (
             table_name TEXT NOT NULL, column_name TEXT NOT NULL,
             geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL,
             z TINYINT NOT NULL, m TINYINT NOT NULL,
             CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
             CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
             CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
         INSERT INTO gpkg_spatial_ref_sys VALUES
             ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system'),
             ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system');",
    )?;
    let srs_id = if ex.local { -1 } else { 28992 };
    if !ex.local {
        conn.execute(
            "INSERT INTO gpkg_spatial_ref_sys VALUES ('Amersfoort / RD New', 28992, 'EPSG', 28992, ?1, 'Rijksdriehoekstelsel')",
            params![RD_NEW_WKT],
        )?;
    }
    // One table of sites with their business case; the rest as attribute tables.
    let sites = sites_with_business(ex);
    let geoms: Vec<Option<Vec<u8>>> = ex
        .shapes
        .iter()
        .map(|s| {
            s.as_ref()
                .and_then(|mp| locatiescout_model::gpkg_blob::encode_multi_polygon(mp, srs_id))
        })
        .collect();
    create_table(conn, SITES, &sites, true)?;
    insert_rows(conn, SITES, &sites, Some(&geoms))?;
    let extent = ex
        .shapes
        .iter()
        .flatten()
        .filter_map(|mp| mp.bounding_rect())
        .reduce(|a, b| {
            geo::Rect::new(
                geo::coord! { x: a.min().x.min(b.min().x), y: a.min().y.min(b.min().y) },
                geo::coord! { x: a.max().x.max(b.max().x), y: a.max().y.max(b.max().y) },
            )
        });
    conn.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, min_x, min_y, max_x, max_y, srs_id)
         VALUES (?1, 'features', ?1, 'Locaties van het lokaal werkprogramma', ?2, ?3, ?4, ?5, ?6)",
        params![
            SITES,
            extent.map(|r| r.min().x),
            extent.map(|r| r.min().y),
            extent.map(|r| r.max().x),
            extent.map(|r| r.max().y),
            srs_id
        ],
    )?;
    conn.execute(
        "INSERT INTO gpkg_geometry_columns VALUES (?1, 'geom', 'MULTIPOLYGON', ?2, 0, 0)",
        params![SITES, srs_id],
    )?;
    for (name, table, what) in [
        (
            "werkprogramma_periodes",
            period_rows(ex),
            "Taakstelling en ambitie per periode",
        ),
        (
            "werkprogramma_knelpunten",
            knelpunt_table(ex),
            "Knelpunten per categorie",
        ),
    ] {
        create_table(conn, name, &table, false)?;
        insert_rows(conn, name, &table, None)?;
        conn.execute(
            "INSERT INTO gpkg_contents (table_name, data_type, identifier, description) VALUES (?1, 'attributes', ?1, ?2)",
            params![name, what],
        )?;
    }
    conn.execute_batch("COMMIT;")
}

/// Writes the GeoPackage beside `path` and renames it into place.
pub fn write(path: &Path, ex: &WerkprogrammaExport) -> Result<(), String> {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".tmp");
    let tmp = path.with_file_name(name);
    let _ = std::fs::remove_file(&tmp);
    let r = Connection::open(&tmp)
        .and_then(|conn| {
            build(&conn, ex)?;
            conn.close().map_err(|(_, e)| e)
        })
        .map_err(|e| e.to_string())
        .and_then(|_| std::fs::rename(&tmp, path).map_err(|e| locatiescout_model::nl::io_nl(&e)));
    if r.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    r
}
