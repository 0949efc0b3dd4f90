//! GeoPackage (OGC 12-128r18): the feature layers a file holds, with geometry
//! type, count and CRS, and one layer read into a [`Layer`]. SQLite is opened
//! read-only and immutable, so the user's file (and its `-wal`/`-shm`) is never
//! written; rows are streamed in batches that all cores decode while the next
//! batch is read, so a multi-GB BAG GeoPackage is never in memory whole.

use std::borrow::Cow;
use std::path::Path;
use std::sync::mpsc;

use rayon::prelude::*;
use rusqlite::{Connection, OpenFlags};

use super::wkb::{decode, Unusable};
use super::{ImportError, ImportOptions, Layer, LayerBuilder, Prepared};
use locatiescout_model::attrs::{new_strings, ParsedAttrs, PropValue};
use locatiescout_model::crs::{self, Crs};
use locatiescout_model::nl_error::sqlite_nl;

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

/// The CRS of a GeoPackage layer's spatial reference system: by organisation
/// and code (EPSG 28992 and the compound 7415, EPSG 4326, OGC CRS84, EPSG 3857),
/// else by its WKT definition (GDAL writes CRS84 as organisation `NONE`).
pub fn crs_of(organization: &str, code: i64, definition: &str) -> Option<Crs> {
    match (organization.to_ascii_uppercase().as_str(), code) {
        ("EPSG", 28992 | 7415) => Some(Crs::RdNew),
        ("EPSG", 4326) | ("OGC", 84) => Some(Crs::Wgs84),
        ("EPSG", 3857 | 900913) => Some(Crs::WebMercator),
        _ => crs::crs_from_wkt(definition),
    }
}

/// GeoPackage's two undefined systems (-1 cartesian, 0 geographic): the CRS is
/// then decided from the coordinates, as for GeoJSON without `crs`.
fn undefined_srs(srs_id: i64) -> bool {
    srs_id == -1 || srs_id == 0
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
    .map_err(|e| fail(format!("kan niet worden geopend: {}", sqlite_nl(&e))))?;
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })
    .map_err(|_| fail("is geen GeoPackage: het is geen SQLite-bestand".into()))?;
    Ok(conn)
}

/// The feature layers of the GeoPackage at `path`, in the file's order.
pub fn layers(path: &Path) -> Result<Vec<GpkgLayer>, ImportError> {
    super::open_checked(path)?;
    let conn = open(path)?;
    list(&conn, path, true)
}

/// The feature layers; counted (a full scan of each table) only when asked.
fn list(conn: &Connection, path: &Path, counted: bool) -> Result<Vec<GpkgLayer>, ImportError> {
    let fail = |message: String| ImportError::GeoPackage {
        path: path.to_path_buf(),
        message,
    };
    let mut stmt = conn
        .prepare(
            "SELECT c.table_name, g.geometry_type_name, g.column_name, COALESCE(g.srs_id, c.srs_id, -1),
                    COALESCE(s.organization, ''), COALESCE(s.organization_coordsys_id, -1), COALESCE(s.srs_name, ''), COALESCE(s.definition, '')
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
                r.get::<_, String>(7)?,
            ))
        })
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .map_err(|e| fail(format!("gpkg_contents is onleesbaar: {}", sqlite_nl(&e))))?;
    rows.into_iter()
        .map(
            |(name, geometry_type, geometry_column, srs_id, org, code, srs_name, definition)| {
                let features = if counted {
                    count(conn, path, &name)?
                } else {
                    0
                };
                Ok(GpkgLayer {
                    crs: crs_of(&org, code, &definition),
                    name,
                    geometry_type,
                    geometry_column,
                    features,
                    srs_id,
                    srs_name,
                })
            },
        )
        .collect()
}

/// `name` quoted as an SQL identifier.
fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn count(conn: &Connection, path: &Path, layer: &str) -> Result<u64, ImportError> {
    conn.query_row(&format!("SELECT count(*) FROM {}", ident(layer)), [], |r| {
        r.get::<_, i64>(0)
    })
    .map(|n| n.max(0) as u64)
    .map_err(|e| ImportError::GeoPackage {
        path: path.to_path_buf(),
        message: format!("laag '{layer}' is onleesbaar: {}", sqlite_nl(&e)),
    })
}

/// The layer asked for, or the only one; several without a choice is an error
/// that lists them, so the caller can ask.
fn choose(
    path: &Path,
    mut all: Vec<GpkgLayer>,
    asked: Option<&str>,
) -> Result<GpkgLayer, ImportError> {
    let names = || all.iter().map(|l| l.name.clone()).collect::<Vec<_>>();
    match asked {
        Some(want) => {
            let found = all
                .iter()
                .position(|l| l.name == want)
                .or_else(|| all.iter().position(|l| l.name.eq_ignore_ascii_case(want)));
            match found {
                Some(i) => Ok(all.swap_remove(i)),
                None => Err(ImportError::NoSuchLayer {
                    path: path.to_path_buf(),
                    layer: want.to_string(),
                    layers: names(),
                }),
            }
        }
        None if all.len() == 1 => Ok(all.swap_remove(0)),
        None if all.is_empty() => Err(ImportError::GeoPackage {
            path: path.to_path_buf(),
            message: "bevat geen lagen met geometrie (alleen tabellen zonder kaartgegevens)".into(),
        }),
        None => Err(ImportError::ChooseLayer {
            path: path.to_path_buf(),
            layers: names(),
        }),
    }
}

/// One attribute column and how its values are read.
struct Column {
    name: String,
    declared: String,
    boolean: bool,
}

/// One value of a row, its text and blobs kept in the batch's arenas.
#[derive(Clone, Copy)]
enum Cell {
    Null,
    Int(i64),
    Real(f64),
    Text(u32, u32),
    Blob,
}

/// One row: fid, geometry bytes and cells as ranges into its [`Batch`].
struct Row {
    fid: i64,
    geometry: Option<(u32, u32)>,
    cells: u32,
}

/// Rows as read from SQLite, before decoding. Text and blobs go to two arenas
/// per batch and the batches are recycled, so a million rows cost no per-value
/// allocation (measured: owned `Value`s made the GeoPackage import of 1M
/// parcels slower than geopandas).
#[derive(Default)]
struct Batch {
    rows: Vec<Row>,
    cells: Vec<Cell>,
    text: String,
    bytes: Vec<u8>,
}

impl Batch {
    fn clear(&mut self) {
        self.rows.clear();
        self.cells.clear();
        self.text.clear();
        self.bytes.clear();
    }

    /// A batch is sent on at [`BATCH_ROWS`] rows, or earlier once its arenas
    /// pass [`BATCH_BYTES`]: their offsets are `u32`, and one SQLite value is at
    /// most 1 GB, so an arena stays far below 4 GB.
    fn is_full(&self) -> bool {
        self.rows.len() >= BATCH_ROWS
            || self.bytes.len() > BATCH_BYTES
            || self.text.len() > BATCH_BYTES
    }

    fn cells(&self, r: &Row, n: usize) -> &[Cell] {
        &self.cells[r.cells as usize..r.cells as usize + n]
    }

    fn geometry(&self, r: &Row) -> Option<&[u8]> {
        r.geometry.map(|(s, e)| &self.bytes[s as usize..e as usize])
    }

    /// Appends one SQLite row (fid, geometry, then `n` attribute columns).
    fn push(&mut self, r: &rusqlite::Row<'_>, n: usize) -> rusqlite::Result<()> {
        use rusqlite::types::ValueRef;
        let geometry = match r.get_ref(1)? {
            ValueRef::Blob(b) => {
                let s = self.bytes.len() as u32;
                self.bytes.extend_from_slice(b);
                Some((s, self.bytes.len() as u32))
            }
            _ => None,
        };
        let cells = self.cells.len() as u32;
        for i in 0..n {
            let cell = match r.get_ref(i + 2)? {
                ValueRef::Null => Cell::Null,
                ValueRef::Integer(v) => Cell::Int(v),
                ValueRef::Real(v) => Cell::Real(v),
                ValueRef::Text(t) => {
                    let s = self.text.len() as u32;
                    self.text.push_str(&String::from_utf8_lossy(t));
                    Cell::Text(s, self.text.len() as u32)
                }
                ValueRef::Blob(_) => Cell::Blob,
            };
            self.cells.push(cell);
        }
        self.rows.push(Row {
            fid: r.get::<_, Option<i64>>(0)?.unwrap_or(-1),
            geometry,
            cells,
        });
        Ok(())
    }
}

const BATCH_ROWS: usize = 4096;
const BATCH_BYTES: usize = 256 << 20;

enum Outcome {
    Ok(Box<Prepared>, bool),
    Skip(String),
}

fn value_of<'a>(c: &Column, v: Cell, text: &'a str) -> Option<PropValue<'a>> {
    Some(match v {
        Cell::Null | Cell::Blob => return None,
        Cell::Int(i) if c.boolean => PropValue::Bool(i != 0),
        // Beyond 2^53 a double loses digits; such integers are identifiers.
        Cell::Int(i) if i.unsigned_abs() > 1 << 53 => PropValue::Str(Cow::Owned(i.to_string())),
        Cell::Int(i) => PropValue::Num(i as f64),
        Cell::Real(r) => PropValue::Num(r),
        Cell::Text(s, e) => PropValue::Str(Cow::Borrowed(&text[s as usize..e as usize])),
    })
}

fn prepare(
    batch: &Batch,
    row: &Row,
    index: usize,
    columns: &[Column],
    opts: &ImportOptions<'_>,
    strings: &locatiescout_model::attrs::Strings,
    declared: Option<Crs>,
) -> Outcome {
    let props: Vec<(Cow<str>, PropValue)> = columns
        .iter()
        .zip(batch.cells(row, columns.len()))
        .filter_map(|(c, v)| {
            Some((
                Cow::Borrowed(c.name.as_str()),
                value_of(c, *v, &batch.text)?,
            ))
        })
        .collect();
    if let Some(samples) = opts.samples {
        samples.record(index, &props);
    }
    let attrs = ParsedAttrs::from_props(props, opts.field_map);
    if let Some(reason) = attrs.historic() {
        return Outcome::Skip(reason);
    }
    let Some(blob) = batch.geometry(row) else {
        return Outcome::Skip("geen geometrie (NULL)".into());
    };
    let header = match locatiescout_model::gpkg_blob::split(blob) {
        Ok(h) => h,
        Err(e) => return Outcome::Skip(e.0),
    };
    if header.empty {
        return Outcome::Skip("lege geometrie".into());
    }
    let mut warnings = Vec::new();
    match decode(header.wkb, &mut warnings) {
        Ok(d) => match super::outside_declared(declared, &d.geometry.geom) {
            Some(reason) => Outcome::Skip(reason),
            None => Outcome::Ok(
                Box::new(Prepared::new(
                    index,
                    d.geometry.geom,
                    attrs,
                    Some(row.fid.to_string()),
                    warnings,
                    d.geometry.had_z,
                    strings,
                )),
                d.had_m,
            ),
        },
        Err(Unusable::Empty) => Outcome::Skip("lege geometrie".into()),
        Err(Unusable::Bad(reason)) => Outcome::Skip(reason),
    }
}

/// Reads one feature layer of a GeoPackage: `opts.layer`, or the only one.
pub fn read_gpkg(path: &Path, opts: ImportOptions<'_>) -> Result<Layer, ImportError> {
    let (_, file_bytes) = super::open_checked(path)?;
    let fail = |message: String| ImportError::GeoPackage {
        path: path.to_path_buf(),
        message,
    };
    let conn = open(path)?;
    let all = list(&conn, path, false)?;
    let layer_count = all.len();
    let layer = choose(path, all, opts.layer)?;
    let name = layer.name.clone();
    let Some(geom_col) = layer.geometry_column.clone() else {
        return Err(fail(format!(
            "laag '{name}' heeft geen geometriekolom (gpkg_geometry_columns noemt haar niet)"
        )));
    };
    let crs = if undefined_srs(layer.srs_id) {
        None
    } else {
        Some(layer.crs.ok_or_else(|| ImportError::UnknownCrs {
            path: path.to_path_buf(),
            source: crs::UnknownCrsName(format!(
                "{} (srs_id {}) van laag '{name}'",
                layer.srs_name, layer.srs_id
            )),
        })?)
    };
    let total = count(&conn, path, &name)?;

    let mut info = conn
        .prepare(&format!("PRAGMA table_info({})", ident(&name)))
        .map_err(|e| fail(format!("laag '{name}' is onleesbaar: {}", sqlite_nl(&e))))?;
    let table: Vec<(String, String, bool)> = info
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(5)? > 0,
            ))
        })
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .map_err(|e| {
            fail(format!(
                "de kolommen van laag '{name}' zijn onleesbaar: {}",
                sqlite_nl(&e)
            ))
        })?;
    drop(info);
    let pk = table
        .iter()
        .find(|(_, ty, pk)| *pk && ty.eq_ignore_ascii_case("INTEGER"))
        .map(|(n, _, _)| n.clone());
    let columns: Vec<Column> = table
        .into_iter()
        .filter(|(n, _, _)| *n != geom_col && Some(n) != pk.as_ref())
        .map(|(name, declared, _)| Column {
            boolean: declared.to_ascii_uppercase().starts_with("BOOL"),
            name,
            declared,
        })
        .collect();
    let mut select = format!(
        "SELECT {}, {}",
        pk.as_deref().map_or_else(|| "rowid".to_string(), ident),
        ident(&geom_col)
    );
    for c in &columns {
        select.push_str(", ");
        select.push_str(&ident(&c.name));
    }
    select.push_str(" FROM ");
    select.push_str(&ident(&name));
    drop(conn);

    let mut b = LayerBuilder::new(path, "GeoPackage", opts);
    // A GeoPackage spends at least 16 bytes per position (GeoJSON ~24): reserve
    // so the arrays are not copied on every doubling (untouched capacity is free).
    b.reserve_for_bytes(file_bytes.saturating_mul(3) / 2);
    b.report.notes.push(if layer_count > 1 {
        format!("laag '{name}' gelezen (een van {layer_count} lagen)")
    } else {
        format!("laag '{name}' gelezen")
    });
    if !columns.is_empty() {
        let typed: Vec<String> = columns
            .iter()
            .map(|c| {
                format!(
                    "{} ({})",
                    c.name,
                    if c.declared.is_empty() {
                        "zonder type"
                    } else {
                        &c.declared
                    }
                )
            })
            .collect();
        b.report
            .notes
            .push(format!("kolommen: {}", typed.join(", ")));
    }
    let strings = new_strings();
    let mut blobs = 0usize;
    let (tx, rx) = mpsc::sync_channel::<Result<Batch, String>>(2);
    let (recycle_tx, recycle_rx) = mpsc::channel::<Batch>();
    let read = std::thread::scope(|s| -> Result<(), ImportError> {
        let n_values = columns.len();
        let select = &select;
        s.spawn(move || {
            let send_err = |e: String| {
                let _ = tx.send(Err(e));
            };
            let conn = match open(path) {
                Ok(c) => c,
                Err(e) => return send_err(e.to_string()),
            };
            let mut stmt = match conn.prepare(select) {
                Ok(s) => s,
                Err(e) => return send_err(sqlite_nl(&e)),
            };
            let mut rows = match stmt.query([]) {
                Ok(r) => r,
                Err(e) => return send_err(sqlite_nl(&e)),
            };
            let mut batch = Batch::default();
            loop {
                match rows.next() {
                    Ok(Some(r)) => {
                        if let Err(e) = batch.push(r, n_values) {
                            return send_err(sqlite_nl(&e));
                        }
                        if batch.is_full() {
                            let mut next = recycle_rx.try_recv().unwrap_or_default();
                            next.clear();
                            let full = std::mem::replace(&mut batch, next);
                            if tx.send(Ok(full)).is_err() {
                                return; // the importer stopped (cancel or error)
                            }
                        }
                    }
                    Ok(None) => break,
                    Err(e) => return send_err(sqlite_nl(&e)),
                }
            }
            if !batch.rows.is_empty() {
                let _ = tx.send(Ok(batch));
            }
        });
        let mut done = 0u64;
        let parse = |batch: &Batch, base: usize| -> Vec<Outcome> {
            batch
                .rows
                .par_iter()
                .enumerate()
                .map(|(i, row)| {
                    let index = usize::try_from(row.fid).unwrap_or(base + i);
                    prepare(batch, row, index, &columns, &opts, &strings, crs)
                })
                .collect()
        };
        let mut merge = |b: &mut LayerBuilder<'_>,
                         batch: Batch,
                         outcomes: Vec<Outcome>|
         -> Result<(), ImportError> {
            for (i, (row, outcome)) in batch.rows.iter().zip(outcomes).enumerate() {
                let cells = batch.cells(row, columns.len());
                blobs += cells.iter().filter(|c| matches!(c, Cell::Blob)).count();
                let index = usize::try_from(row.fid).unwrap_or(i);
                match outcome {
                    Outcome::Ok(p, m) => {
                        b.had_m += usize::from(m);
                        b.push(*p)?;
                    }
                    Outcome::Skip(reason) => {
                        b.skip(index, None, format!("fid {}: {reason}", row.fid))
                    }
                }
            }
            let _ = recycle_tx.send(batch); // the reader may have finished already
            Ok(())
        };
        // Decode batch k+1 on all cores while batch k joins the layer in file order.
        let mut pending: Option<(Batch, Vec<Outcome>)> = None;
        for batch in rx.iter() {
            if opts.cancelled() {
                return Err(ImportError::Cancelled {
                    path: path.to_path_buf(),
                });
            }
            let batch = batch.map_err(|e| {
                fail(format!(
                    "laag '{name}': rij {} is onleesbaar: {e}",
                    done + 1
                ))
            })?;
            let base = done as usize;
            done += batch.rows.len() as u64;
            let prev = pending.take();
            let (merged, parsed) = rayon::join(
                || prev.map_or(Ok(()), |(pb, po)| merge(&mut b, pb, po)),
                || parse(&batch, base),
            );
            merged?;
            pending = Some((batch, parsed));
            if let Some(progress) = opts.progress {
                progress(done.saturating_mul(file_bytes) / total.max(1), file_bytes);
            }
        }
        if let Some((pb, po)) = pending {
            merge(&mut b, pb, po)?;
        }
        Ok(())
    });
    read?;
    if blobs > 0 {
        b.report.notes.push(format!(
            "{blobs} waarden waren binaire gegevens (BLOB) buiten de geometrie; die zijn niet ingelezen"
        ));
    }
    let (crs, decision) = b.declared_or_inferred(
        crs.map(|c| (c, format!("{} (srs_id {})", layer.srs_name, layer.srs_id))),
        &format!(
            "laag '{name}' heeft een ongedefinieerd stelsel (srs_id {})",
            layer.srs_id
        ),
    )?;
    b.finish(crs, decision, strings)
}
