//! The werkprogramma as an OGC GeoPackage (1.3) written with rusqlite: the
//! sites as a MultiPolygon feature table in RD New (EPSG:28992), periods and
//! knelpunten as attribute tables. The geometry blob is
//! [`locatiescout_model::gpkg_blob`]'s, the one the GeoPackage import reads.

use std::path::{Path, PathBuf};

use rusqlite::{params, Connection};

use super::tables::{knelpunt_table, period_rows, sites_with_business, Cell, Table};
use super::WerkprogrammaExport;
use locatiescout_model::exchange;

/// EPSG:28992 as OGC WKT, for `gpkg_spatial_ref_sys`.
const RD_NEW_WKT: &str = r#"PROJCS["Amersfoort / RD New",GEOGCS["Amersfoort",DATUM["Amersfoort",SPHEROID["Bessel 1841",6377397.155,299.1528128,AUTHORITY["EPSG","7004"]],TOWGS84[565.2369,50.0087,465.658,-0.406857,0.350733,-1.87035,4.0812],AUTHORITY["EPSG","6289"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4289"]],PROJECTION["Oblique_Stereographic"],PARAMETER["latitude_of_origin",52.1561605555556],PARAMETER["central_meridian",5.38763888888889],PARAMETER["scale_factor",0.9999079],PARAMETER["false_easting",155000],PARAMETER["false_northing",463000],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Easting",EAST],AXIS["Northing",NORTH],AUTHORITY["EPSG","28992"]]"#;

const SITES: &str = exchange::SITES_TABLE;

/// The schema's type of a column; a column the schema does not name (never
/// written: a test keeps every table's columns in the schema) falls back on its rows.
fn sql_type(table: &str, key: &str, rows: &[Vec<Cell>], c: usize) -> &'static str {
    if let Some(t) = exchange::column_type(table, key) {
        return t;
    }
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

fn value(c: &Cell, sql: &str) -> rusqlite::types::Value {
    use rusqlite::types::Value;
    match c {
        Cell::Text(s) => Value::Text(s.clone()),
        Cell::Date(d) => Value::Text(d.format("%Y-%m-%d").to_string()),
        Cell::Number(v, _) | Cell::Money(v) | Cell::Share(v) if sql == "INTEGER" => {
            Value::Integer(v.round() as i64)
        }
        Cell::Number(v, _) | Cell::Money(v) | Cell::Share(v) => Value::Real(*v),
        Cell::Empty => Value::Null,
    }
}

/// A table's columns in the order written: the schema's when it names the
/// table, else the table's own (without `nr` beside a geometry: `fid` is the line).
fn written_columns(
    name: &str,
    t: &Table,
    geometry: bool,
) -> Vec<(String, Option<usize>, &'static str)> {
    let of_schema: Vec<&str> = exchange::COLUMNS
        .iter()
        .filter(|(table, _, _)| *table == name)
        .map(|(_, c, _)| *c)
        .collect();
    if of_schema.is_empty() {
        t.columns
            .iter()
            .enumerate()
            .filter(|(_, (k, _))| !(geometry && *k == "nr"))
            .map(|(c, (k, _))| (k.to_string(), Some(c), sql_type(name, k, &t.rows, c)))
            .collect()
    } else {
        of_schema
            .into_iter()
            .map(|k| {
                let c = t.columns.iter().position(|(key, _)| *key == k);
                (
                    k.to_string(),
                    c,
                    sql_type(name, k, &t.rows, c.unwrap_or(usize::MAX)),
                )
            })
            .collect()
    }
}

fn create_table(conn: &Connection, name: &str, t: &Table, geometry: bool) -> rusqlite::Result<()> {
    let mut cols = vec!["fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL".to_string()];
    if geometry {
        cols.push("geom MULTIPOLYGON".into());
    }
    for (key, _, sql) in written_columns(name, t, geometry) {
        cols.push(format!("\"{key}\" {sql}"));
    }
    conn.execute_batch(&format!("CREATE TABLE \"{name}\" ({});", cols.join(", ")))
}

fn insert_rows(
    conn: &Connection,
    name: &str,
    t: &Table,
    geoms: Option<&[Option<Vec<u8>>]>,
) -> rusqlite::Result<()> {
    let cols = written_columns(name, t, geoms.is_some());
    let mut names: Vec<String> = cols.iter().map(|(k, _, _)| format!("\"{k}\"")).collect();
    if geoms.is_some() {
        names.insert(0, "geom".into());
    }
    let marks = vec!["?"; names.len()].join(", ");
    let mut stmt = conn.prepare(&format!(
        "INSERT INTO \"{name}\" ({}) VALUES ({marks})",
        names.join(", ")
    ))?;
    for (r, row) in t.rows.iter().enumerate() {
        let mut vals: Vec<rusqlite::types::Value> = cols
            .iter()
            .map(|(_, c, sql)| {
                c.and_then(|c| row.get(c))
                    .map_or(rusqlite::types::Value::Null, |v| value(v, sql))
            })
            .collect();
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

/// Adds a column to every row of `t`.
fn with_column(t: &mut Table, key: &'static str, header: &'static str, values: Vec<Cell>) {
    t.columns.push((key, header.into()));
    for (row, v) in t.rows.iter_mut().zip(values) {
        row.push(v);
    }
}

fn whole_or_empty(v: Option<usize>) -> Cell {
    v.map_or(Cell::Empty, |p| Cell::Number((p + 1) as f64, 0))
}

/// The sites with their business case and the codes a roll-up reads.
pub fn exchange_sites(ex: &WerkprogrammaExport) -> Table {
    let r = &ex.report;
    let mut t = sites_with_business(ex);
    let code = Cell::Text(ex.gemeente_code.clone());
    let n = r.sites.len();
    with_column(&mut t, "gemeente_code", "Gemeentecode", vec![code; n]);
    let forms = r
        .sites
        .iter()
        .map(|s| Cell::Text(s.entry.form.key().into()))
        .collect();
    with_column(&mut t, "woonvorm_code", "Woonvorm (code)", forms);
    let planned = r
        .sites
        .iter()
        .map(|s| whole_or_empty(Some(s.entry.period)))
        .collect();
    with_column(&mut t, "periode_nr", "Periode (nr)", planned);
    let feasible = r
        .sites
        .iter()
        .map(|s| whole_or_empty(s.feasible_period))
        .collect();
    with_column(
        &mut t,
        "haalbaar_periode_nr",
        "Haalbaar in periode (nr)",
        feasible,
    );
    t
}

/// The periods with their number, year and half; the total row has no number.
pub fn exchange_periods(ex: &WerkprogrammaExport) -> Table {
    let wp = &ex.report.input;
    let mut t = period_rows(ex);
    let n = ex.report.periods.len();
    let at = |p: usize, f: &dyn Fn((i32, u8)) -> f64| {
        if p < n {
            Cell::Number(f(wp.period_of(p)), 0)
        } else {
            Cell::Empty
        }
    };
    let rows = t.rows.len();
    let nrs = (0..rows).map(|p| at(p, &|_| (p + 1) as f64)).collect();
    with_column(&mut t, "periode_nr", "Periode (nr)", nrs);
    let years = (0..rows).map(|p| at(p, &|(y, _)| f64::from(y))).collect();
    with_column(&mut t, "jaar", "Jaar", years);
    let halves = (0..rows).map(|p| at(p, &|(_, h)| f64::from(h))).collect();
    with_column(&mut t, "helft", "Helft", halves);
    t
}

/// The knelpunten with their codes and the homes they block.
pub fn exchange_knelpunten(ex: &WerkprogrammaExport) -> Table {
    let mut t = knelpunt_table(ex);
    let items: Vec<_> = ex
        .report
        .knelpunten
        .iter()
        .flat_map(|c| c.items.iter().map(move |i| (c.category, i)))
        .collect();
    let cats = items
        .iter()
        .map(|(c, _)| Cell::Text(c.key().into()))
        .collect();
    with_column(&mut t, "categorie_code", "Categorie (code)", cats);
    let keys = items
        .iter()
        .map(|(_, i)| Cell::Text(i.key.clone()))
        .collect();
    with_column(&mut t, "sleutel", "Sleutel", keys);
    let units = items
        .iter()
        .map(|(_, i)| {
            if i.late_units > 0.0 {
                Cell::Number(i.late_units, 0)
            } else {
                Cell::Empty
            }
        })
        .collect();
    with_column(
        &mut t,
        "houdt_tegen_eenheden",
        "Houdt tegen (woningen en plekken)",
        units,
    );
    let to = items
        .iter()
        .map(|(_, i)| {
            i.addressee
                .map_or(Cell::Empty, |a| Cell::Text(a.key().into()))
        })
        .collect();
    with_column(&mut t, "steun_van_code", "Steun van (code)", to);
    t
}

/// Per line and scheme: fits, counted, the amount and the guarantee.
pub fn exchange_schemes(ex: &WerkprogrammaExport) -> Table {
    let mut rows = Vec::new();
    for (k, s) in ex.report.sites.iter().enumerate() {
        for x in &s.business.schemes {
            rows.push(vec![
                Cell::Number((k + 1) as f64, 0),
                Cell::Text(s.label.clone()),
                Cell::Text(x.key.into()),
                Cell::Text(x.name.into()),
                Cell::Number(if x.fits { 1.0 } else { 0.0 }, 0),
                Cell::Number(if x.counted { 1.0 } else { 0.0 }, 0),
                Cell::Number(s.business.homes, 0),
                Cell::Money(x.amount_eur),
                Cell::Money(x.contingent_eur),
                Cell::Text(super::tables::scheme_text(x)),
            ]);
        }
    }
    Table {
        title: "Regelingen per regel",
        sheet: "Regelingen",
        columns: vec![
            ("regel", "Regel".into()),
            ("locatie", "Locatie".into()),
            ("regeling_code", "Regeling (code)".into()),
            ("regeling", "Regeling".into()),
            ("past", "Past".into()),
            ("telt", "Telt".into()),
            ("eenheden", "Woningen/plekken".into()),
            ("bedrag", "Bedrag".into()),
            ("garantie_gemeente", "Garantie gemeente".into()),
            ("toelichting", "Toelichting".into()),
        ],
        rows,
    }
}

/// The metadata as key–value pairs, in [`exchange::META_KEYS`] order.
pub fn exchange_meta(ex: &WerkprogrammaExport) -> Vec<(&'static str, String)> {
    let r = &ex.report;
    let wp = &r.input;
    let a = &r.ambition;
    let n = |v: f64| format!("{}", (v * 1e6).round() / 1e6);
    let yes = |b: bool| if b { "ja" } else { "nee" }.to_string();
    let date = chrono::NaiveDate::parse_from_str(&r.reference_date, "%d-%m-%Y").map_or_else(
        |_| r.reference_date.clone(),
        |d| d.format("%Y-%m-%d").to_string(),
    );
    vec![
        ("schema", exchange::SCHEMA.into()),
        ("schema_versie", exchange::SCHEMA_VERSION.to_string()),
        ("locatiescout_versie", env!("CARGO_PKG_VERSION").into()),
        ("gemeente_code", ex.gemeente_code.clone()),
        ("gemeente_naam", wp.gemeente.trim().into()),
        ("peildatum", date.clone()),
        // The peildatum, not the clock: the same inputs give the same file on any day.
        ("gemaakt_op", format!("{date}T00:00:00.000Z")),
        (
            "eerste_periode",
            format!("{}-{}", wp.first_year, wp.first_half),
        ),
        ("aantal_periodes", r.periods.len().to_string()),
        ("ambitie_aandeel", n(wp.ambition_share)),
        (
            "ambitie_inclusief_achterstand",
            yes(wp.ambition_includes_backlog),
        ),
        (
            "taakstelling_personen",
            n(r.taakstelling.taakstelling_persons),
        ),
        ("achterstand_personen", n(r.taakstelling.backlog_persons)),
        ("ambitie_personen", n(a.ambition_persons)),
        ("gepland_personen", n(a.planned_persons)),
        ("haalbaar_personen", n(a.feasible_persons)),
        ("tekort_personen", n(a.gap_persons)),
        ("ambitie_gehaald", yes(a.reached)),
        ("conclusie_ambitie", a.verdict.nl()),
        ("conclusie_taakstelling", r.taakstelling.verdict.nl()),
        (
            "niet_gehuisvest_personen",
            n(r.taakstelling.unhoused_persons),
        ),
        ("samenwerking_personen", n(wp.cooperation_persons)),
        ("rvb_tender_woningen", n(wp.rvb_tender_homes)),
        ("rvb_tender_typen", wp.rvb_tender_types.clone()),
        ("steun", wp.support.clone()),
    ]
}

/// Starts a GeoPackage: its pragmas and the three required tables (with RD New unless `local`).
/// Starts a GeoPackage whose tables were last changed on `as_of` (the
/// peildatum, not the clock: the same inputs give the same bytes on any day).
pub(crate) fn begin(
    conn: &Connection,
    local: bool,
    as_of: chrono::NaiveDate,
) -> rusqlite::Result<i32> {
    conn.pragma_update(None, "application_id", 0x4750_4B47)?;
    conn.pragma_update(None, "user_version", 10300)?;
    conn.execute_batch(&format!(
        "BEGIN;
         CREATE TABLE gpkg_spatial_ref_sys (
             srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY,
             organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL,
             definition TEXT NOT NULL, description TEXT);
         CREATE TABLE gpkg_contents (
             table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL,
             identifier TEXT UNIQUE, description TEXT DEFAULT '',
             last_change DATETIME NOT NULL DEFAULT '{}T00:00:00.000Z',
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
        as_of.format("%Y-%m-%d")
    ))?;
    let srs_id = if local { -1 } else { 28992 };
    if !local {
        conn.execute(
            "INSERT INTO gpkg_spatial_ref_sys VALUES ('Amersfoort / RD New', 28992, 'EPSG', 28992, ?1, 'Rijksdriehoekstelsel')",
            params![RD_NEW_WKT],
        )?;
    }
    Ok(srs_id)
}

/// A feature table of MultiPolygons (`geoms` per row) with its contents and geometry column rows.
pub(crate) fn feature_table(
    conn: &Connection,
    name: &str,
    table: &Table,
    shapes: &[Option<&geo::MultiPolygon<f64>>],
    srs_id: i32,
    description: &str,
) -> rusqlite::Result<()> {
    let geoms: Vec<Option<Vec<u8>>> = shapes
        .iter()
        .map(|s| s.and_then(|mp| locatiescout_model::gpkg_blob::encode_multi_polygon(mp, srs_id)))
        .collect();
    create_table(conn, name, table, true)?;
    insert_rows(conn, name, table, Some(&geoms))?;
    let extent = locatiescout_model::geometry::bounds_of(shapes.iter().flatten().copied());
    conn.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, min_x, min_y, max_x, max_y, srs_id)
         VALUES (?1, 'features', ?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            name,
            description,
            extent.map(|r| r.min().x),
            extent.map(|r| r.min().y),
            extent.map(|r| r.max().x),
            extent.map(|r| r.max().y),
            srs_id
        ],
    )?;
    conn.execute(
        "INSERT INTO gpkg_geometry_columns VALUES (?1, 'geom', 'MULTIPOLYGON', ?2, 0, 0)",
        params![name, srs_id],
    )?;
    Ok(())
}

/// An attribute table (no geometry) with its contents row.
pub(crate) fn attribute_table(
    conn: &Connection,
    name: &str,
    table: &Table,
    description: &str,
) -> rusqlite::Result<()> {
    create_table(conn, name, table, false)?;
    insert_rows(conn, name, table, None)?;
    conn.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, description) VALUES (?1, 'attributes', ?1, ?2)",
        params![name, description],
    )?;
    Ok(())
}

fn build(conn: &Connection, ex: &WerkprogrammaExport) -> rusqlite::Result<()> {
    let as_of = chrono::NaiveDate::parse_from_str(&ex.report.reference_date, "%d-%m-%Y")
        .unwrap_or_default();
    let srs_id = begin(conn, ex.local, as_of)?;
    let sites = exchange_sites(ex);
    let shapes: Vec<Option<&geo::MultiPolygon<f64>>> =
        ex.shapes.iter().map(Option::as_ref).collect();
    feature_table(
        conn,
        SITES,
        &sites,
        &shapes,
        srs_id,
        "Locaties van het lokaal werkprogramma",
    )?;
    for (name, table, what) in [
        (
            exchange::PERIODS_TABLE,
            exchange_periods(ex),
            "Taakstelling en ambitie per periode",
        ),
        (
            exchange::KNELPUNTEN_TABLE,
            exchange_knelpunten(ex),
            "Knelpunten per categorie",
        ),
        (
            exchange::SCHEMES_TABLE,
            exchange_schemes(ex),
            "Regelingen per regel",
        ),
    ] {
        attribute_table(conn, name, &table, what)?;
    }
    conn.execute_batch(&format!(
        "CREATE TABLE \"{m}\" (sleutel TEXT PRIMARY KEY NOT NULL, waarde TEXT NOT NULL);",
        m = exchange::META_TABLE
    ))?;
    {
        let mut stmt = conn.prepare(&format!(
            "INSERT INTO \"{}\" (sleutel, waarde) VALUES (?1, ?2)",
            exchange::META_TABLE
        ))?;
        for (k, v) in exchange_meta(ex) {
            stmt.execute(params![k, v])?;
        }
    }
    conn.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, description) VALUES (?1, 'attributes', ?1, ?2)",
        params![exchange::META_TABLE, "Schema, gemeente, peildatum en uitkomst (docs/werkprogramma-gpkg.md)"],
    )?;
    conn.execute_batch("COMMIT;")
}

/// Writes the GeoPackage beside `path` and renames it into place.
pub fn write(path: &Path, ex: &WerkprogrammaExport) -> Result<(), String> {
    write_with(path, |conn| build(conn, ex))
}

/// Runs `build` on a new GeoPackage beside `path` and renames it into place.
pub(crate) fn write_with(
    path: &Path,
    build: impl FnOnce(&Connection) -> rusqlite::Result<()>,
) -> Result<(), String> {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".tmp");
    let tmp = path.with_file_name(name);
    let _ = std::fs::remove_file(&tmp);
    let r = Connection::open(&tmp)
        .and_then(|conn| {
            build(&conn)?;
            conn.close().map_err(|(_, e)| e)
        })
        .map_err(|e| locatiescout_model::nl_error::sqlite_nl(&e))
        .and_then(|_| std::fs::rename(&tmp, path).map_err(|e| locatiescout_model::nl::io_nl(&e)));
    if r.is_err() {
        // The file begun and SQLite's journal beside it (a build that failed half way).
        for suffix in ["", "-journal", "-wal", "-shm"] {
            let mut name = tmp.as_os_str().to_owned();
            name.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(name));
        }
    }
    r
}
