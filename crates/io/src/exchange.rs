//! Reads a werkprogramma GeoPackage (docs/werkprogramma-gpkg.md) for the
//! regional roll-up. Columns are found by name, so a file with extra columns
//! still reads; a file of a newer schema version, one from before the schema had
//! a version, a GeoPackage of something else and a damaged file are each refused
//! with a Dutch sentence naming the file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use geo::{Geometry, MultiPolygon};
use geo_traits::to_geo::ToGeoGeometry;
use rusqlite::{Connection, OpenFlags};

use locatiescout_model::exchange::{
    Meta, Submission, SubmittedKnelpunt, SubmittedPeriod, SubmittedScheme, SubmittedSite,
    KNELPUNTEN_TABLE, META_TABLE, PERIODS_TABLE, SCHEMA, SCHEMA_VERSION, SCHEMES_TABLE,
    SITES_TABLE,
};

/// Why a file is not rolled up.
#[derive(Debug, thiserror::Error)]
pub enum ExchangeError {
    #[error("{path}: kan niet worden gelezen: {detail}")]
    Io { path: PathBuf, detail: String },
    #[error("{path} is geen GeoPackage (geen SQLite-database); kies het .gpkg-bestand dat Locatiescout bij het werkprogramma schreef")]
    NotGeoPackage { path: PathBuf },
    #[error("{path} is beschadigd ({detail}); vraag de gemeente het bestand opnieuw te sturen")]
    Damaged { path: PathBuf, detail: String },
    #[error("{path} is een GeoPackage maar geen werkprogramma van Locatiescout (de tabel {SITES_TABLE} ontbreekt)")]
    NotWerkprogramma { path: PathBuf },
    #[error("{path} is gemaakt met een Locatiescout van vóór schemaversie 1 (geen tabel {META_TABLE}, dus zonder gemeentecode en peildatum); exporteer het werkprogramma opnieuw")]
    Unversioned { path: PathBuf },
    #[error("{path} heeft schemaversie {found}; deze Locatiescout leest tot en met versie {SCHEMA_VERSION}: werk Locatiescout bij")]
    Newer { path: PathBuf, found: u32 },
    #[error("{path}: metadata '{key}' is '{value}', {expected}")]
    BadMeta {
        path: PathBuf,
        key: String,
        value: String,
        expected: &'static str,
    },
    #[error("{path}: de tabel {table} mist de kolom {column}")]
    MissingColumn {
        path: PathBuf,
        table: &'static str,
        column: &'static str,
    },
}

fn sql_error(path: &Path, e: &rusqlite::Error) -> ExchangeError {
    use rusqlite::ErrorCode as C;
    match e.sqlite_error_code() {
        Some(C::NotADatabase) => ExchangeError::NotGeoPackage {
            path: path.to_path_buf(),
        },
        Some(C::DatabaseCorrupt) => ExchangeError::Damaged {
            path: path.to_path_buf(),
            detail: "de database is kapot".into(),
        },
        // Busy, locked, unopenable, a missing table: what SQLite says, in Dutch.
        _ => ExchangeError::Io {
            path: path.to_path_buf(),
            detail: locatiescout_model::nl_error::sqlite_nl(e),
        },
    }
}

/// One table's rows with their columns by name.
struct Rows {
    index: HashMap<String, usize>,
    rows: Vec<Vec<rusqlite::types::Value>>,
}

impl Rows {
    fn read(conn: &Connection, path: &Path, table: &str) -> Result<Rows, ExchangeError> {
        let err = |e: rusqlite::Error| sql_error(path, &e);
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM \"{table}\""))
            .map_err(err)?;
        let index = stmt
            .column_names()
            .iter()
            .enumerate()
            .map(|(i, n)| (n.to_lowercase(), i))
            .collect();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                (0..n)
                    .map(|i| r.get::<_, rusqlite::types::Value>(i))
                    .collect::<Result<Vec<_>, _>>()
            })
            .map_err(err)?
            .collect::<Result<Vec<_>, _>>()
            .map_err(err)?;
        Ok(Rows { index, rows })
    }

    fn col(&self, name: &str) -> Option<usize> {
        self.index.get(name).copied()
    }

    fn need(
        &self,
        path: &Path,
        table: &'static str,
        column: &'static str,
    ) -> Result<usize, ExchangeError> {
        self.col(column)
            .ok_or_else(|| ExchangeError::MissingColumn {
                path: path.to_path_buf(),
                table,
                column,
            })
    }
}

fn num(row: &[rusqlite::types::Value], c: Option<usize>) -> f64 {
    use rusqlite::types::Value;
    match c.and_then(|c| row.get(c)) {
        Some(Value::Real(v)) if v.is_finite() => *v,
        Some(Value::Integer(v)) => *v as f64,
        Some(Value::Text(t)) => t.trim().replace(',', ".").parse().unwrap_or(0.0),
        _ => 0.0,
    }
}

fn opt_num(row: &[rusqlite::types::Value], c: Option<usize>) -> Option<f64> {
    use rusqlite::types::Value;
    match c.and_then(|c| row.get(c)) {
        Some(Value::Null) | None => None,
        _ => Some(num(row, c)),
    }
}

fn opt_index(row: &[rusqlite::types::Value], c: Option<usize>) -> Option<u32> {
    opt_num(row, c)
        .filter(|v| *v >= 1.0 && *v < 1000.0)
        .map(|v| v as u32)
}

fn text(row: &[rusqlite::types::Value], c: Option<usize>) -> String {
    use rusqlite::types::Value;
    match c.and_then(|c| row.get(c)) {
        Some(Value::Text(t)) => t.clone(),
        Some(Value::Integer(v)) => v.to_string(),
        Some(Value::Real(v)) => v.to_string(),
        _ => String::new(),
    }
}

fn shape(row: &[rusqlite::types::Value], c: Option<usize>) -> Option<MultiPolygon<f64>> {
    let rusqlite::types::Value::Blob(b) = row.get(c?)? else {
        return None;
    };
    let blob = locatiescout_model::gpkg_blob::split(b).ok()?;
    // Only RD New is placed on the regional map; unprojected local coordinates are not.
    if blob.empty || blob.srs_id != 28992 {
        return None;
    }
    match wkb::reader::read_wkb(blob.wkb).ok()?.try_to_geometry()? {
        Geometry::MultiPolygon(mp) => Some(mp),
        Geometry::Polygon(p) => Some(MultiPolygon(vec![p])),
        _ => None,
    }
}

fn table_exists(conn: &Connection, path: &Path, table: &str) -> Result<bool, ExchangeError> {
    conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type IN ('table','view') AND name = ?1",
        [table],
        |r| r.get::<_, i64>(0),
    )
    .map(|n| n > 0)
    .map_err(|e| sql_error(path, &e))
}

fn meta(conn: &Connection, path: &Path) -> Result<Meta, ExchangeError> {
    let rows = Rows::read(conn, path, META_TABLE)?;
    let k = rows.need(path, "werkprogramma_metadata", "sleutel")?;
    let v = rows.need(path, "werkprogramma_metadata", "waarde")?;
    let map: HashMap<String, String> = rows
        .rows
        .iter()
        .map(|r| (text(r, Some(k)), text(r, Some(v))))
        .collect();
    let get = |key: &str| {
        map.get(key)
            .map(|s| s.trim().to_string())
            .unwrap_or_default()
    };
    let bad = |key: &str, expected: &'static str| ExchangeError::BadMeta {
        path: path.to_path_buf(),
        key: key.into(),
        value: get(key),
        expected,
    };
    if get("schema") != SCHEMA {
        return Err(bad("schema", "verwacht 'locatiescout-werkprogramma'"));
    }
    let version: u32 = get("schema_versie")
        .parse()
        .map_err(|_| bad("schema_versie", "verwacht een geheel getal"))?;
    if version > SCHEMA_VERSION {
        return Err(ExchangeError::Newer {
            path: path.to_path_buf(),
            found: version,
        });
    }
    if version == 0 {
        return Err(bad("schema_versie", "verwacht 1 of hoger"));
    }
    let number = |key: &str| -> Result<f64, ExchangeError> {
        let s = get(key);
        if s.is_empty() {
            return Ok(0.0);
        }
        s.parse::<f64>()
            .ok()
            .filter(|v| v.is_finite() && *v >= 0.0)
            .ok_or_else(|| {
                bad(
                    key,
                    "verwacht een getal van 0 of meer met een punt als decimaalteken",
                )
            })
    };
    let yes = |key: &str| get(key) == "ja";
    let reference_date = chrono::NaiveDate::parse_from_str(&get("peildatum"), "%Y-%m-%d")
        .map_err(|_| bad("peildatum", "verwacht een datum als 2026-11-30"))?;
    Ok(Meta {
        schema_version: version,
        locatiescout_version: get("locatiescout_versie"),
        gemeente_code: get("gemeente_code").to_uppercase(),
        gemeente_naam: get("gemeente_naam"),
        reference_date,
        created_at: get("gemaakt_op"),
        ambition_share: number("ambitie_aandeel")?,
        ambition_includes_backlog: yes("ambitie_inclusief_achterstand"),
        taakstelling_persons: number("taakstelling_personen")?,
        backlog_persons: number("achterstand_personen")?,
        ambition_persons: number("ambitie_personen")?,
        planned_persons: number("gepland_personen")?,
        feasible_persons: number("haalbaar_personen")?,
        gap_persons: number("tekort_personen")?,
        reached: yes("ambitie_gehaald"),
        verdict: get("conclusie_ambitie"),
        taakstelling_verdict: get("conclusie_taakstelling"),
        unhoused_persons: number("niet_gehuisvest_personen")?,
        cooperation_persons: number("samenwerking_personen")?,
        rvb_tender_homes: number("rvb_tender_woningen")?,
        rvb_tender_types: get("rvb_tender_typen"),
        support: get("steun"),
    })
}

/// Reads one werkprogramma GeoPackage, or says in Dutch why it cannot be rolled up.
pub fn read(path: &Path) -> Result<Submission, ExchangeError> {
    let md = std::fs::metadata(path).map_err(|e| ExchangeError::Io {
        path: path.to_path_buf(),
        detail: locatiescout_model::nl::io_nl(&e),
    })?;
    if !md.is_file() {
        return Err(ExchangeError::Io {
            path: path.to_path_buf(),
            detail: "dit is geen gewoon bestand".into(),
        });
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| sql_error(path, &e))?;
    if !table_exists(&conn, path, SITES_TABLE)? {
        return Err(ExchangeError::NotWerkprogramma {
            path: path.to_path_buf(),
        });
    }
    if !table_exists(&conn, path, META_TABLE)? {
        return Err(ExchangeError::Unversioned {
            path: path.to_path_buf(),
        });
    }
    let mut meta = meta(&conn, path)?;
    // The file itself carries its peildatum, not the day it was written (the same
    // werkprogramma gives the same bytes on any day): which of two versions with
    // one peildatum is newer is the file's modification time.
    if let Ok(modified) = md.modified() {
        meta.created_at = chrono::DateTime::<chrono::Utc>::from(modified)
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    }

    let rows = Rows::read(&conn, path, SITES_TABLE)?;
    let units = rows.need(path, SITES_TABLE, "eenheden")?;
    let form = rows.need(path, SITES_TABLE, "woonvorm_code")?;
    let (fid, geom) = (rows.col("fid"), rows.col("geom"));
    let sites = rows
        .rows
        .iter()
        .enumerate()
        .map(|(k, r)| SubmittedSite {
            line: opt_index(r, fid).unwrap_or(k as u32 + 1),
            label: text(r, rows.col("locatie")),
            form: text(r, Some(form)),
            units: num(r, Some(units)),
            units_statushouders: num(r, rows.col("eenheden_statushouders")),
            persons_statushouders: num(r, rows.col("personen_statushouders")),
            period: opt_index(r, rows.col("periode_nr")),
            feasible_period: opt_index(r, rows.col("haalbaar_periode_nr")),
            score: opt_num(r, rows.col("score")),
            source_id: text(r, rows.col("identificatie")),
            shape: shape(r, geom),
        })
        .collect();

    let rows = Rows::read(&conn, path, PERIODS_TABLE)?;
    let nr = rows.need(path, PERIODS_TABLE, "periode_nr")?;
    let c = |n: &str| rows.col(n);
    let periods = rows
        .rows
        .iter()
        .filter_map(|r| {
            Some(SubmittedPeriod {
                nr: opt_index(r, Some(nr))?,
                year: num(r, c("jaar")) as i32,
                half: if num(r, c("helft")) >= 2.0 { 2 } else { 1 },
                taakstelling_persons: num(r, c("taakstelling_personen")),
                backlog_persons: num(r, c("achterstand_personen")),
                ambition_persons: num(r, c("ambitie_personen")),
                planned_units: num(r, c("gepland_eenheden")),
                planned_persons: num(r, c("gepland_personen")),
                feasible_units: num(r, c("haalbaar_eenheden")),
                feasible_persons: num(r, c("haalbaar_personen")),
                regular_stock_persons: num(r, c("regulier_personen")),
                unhoused_persons: num(r, c("niet_gehuisvest_personen")),
            })
        })
        .collect();

    let rows = Rows::read(&conn, path, KNELPUNTEN_TABLE)?;
    let c = |n: &str| rows.col(n);
    let knelpunten = rows
        .rows
        .iter()
        .map(|r| SubmittedKnelpunt {
            category: text(r, c("categorie_code")),
            key: text(r, c("sleutel")),
            text: text(r, c("knelpunt")),
            sites: text(r, c("locaties")),
            blocked_persons: num(r, c("houdt_tegen_personen")),
            blocked_units: num(r, c("houdt_tegen_eenheden")),
            addressee: Some(text(r, c("steun_van_code"))).filter(|s| !s.is_empty()),
            ask: text(r, c("vraag")),
        })
        .collect();

    let schemes = if table_exists(&conn, path, SCHEMES_TABLE)? {
        let rows = Rows::read(&conn, path, SCHEMES_TABLE)?;
        let c = |n: &str| rows.col(n);
        rows.rows
            .iter()
            .map(|r| SubmittedScheme {
                line: opt_index(r, c("regel")).unwrap_or(0),
                key: text(r, c("regeling_code")),
                fits: num(r, c("past")) != 0.0,
                counted: num(r, c("telt")) != 0.0,
                units: num(r, c("eenheden")),
                amount_eur: num(r, c("bedrag")),
                contingent_eur: num(r, c("garantie_gemeente")),
            })
            .collect()
    } else {
        Vec::new()
    };
    // A value of the wrong kind in a column reads as 0 or empty; a geometry
    // that is not a polygon is left off the map. Neither stops the roll-up.
    Ok(Submission {
        meta,
        sites,
        periods,
        knelpunten,
        schemes,
    })
}
