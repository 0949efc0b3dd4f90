//! Flags: a status, note, author and time on any site, kept as an append-only
//! history. A site is named by its source identifier (BRK/BAG `identificatie`,
//! RVB `BOUWWERKCO`), so flags survive re-imports and travel between projects.
//! Hand-off is a CSV (every event) or GeoJSON (one feature per site, with its
//! history) that another project imports: the newest change wins, conflicts are
//! listed, and nothing is overwritten — both sides stay in the history.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::Path;

use rusqlite::params;

use super::{kind_key, now_rfc3339, Project, ProjectError};
use crate::import::{Layer, LayerKind};
use locatiescout_model::csv_nl::DutchCsv;
pub use locatiescout_model::flag::{
    normalise_time, os_user, Conflict, Flag, FlagImport, FlagStatus, NewFlag,
};
use locatiescout_model::geojson::{json_str, write_geometry};

/// Every flaggable site by id: (layer, feature).
pub fn site_index<'a>(layers: &[&'a Layer]) -> HashMap<&'a str, (usize, usize)> {
    let mut m = HashMap::new();
    for (l, layer) in layers.iter().enumerate() {
        if !matches!(
            layer.kind,
            LayerKind::Parcels | LayerKind::Buildings | LayerKind::Listings
        ) {
            continue;
        }
        for i in 0..layer.len() {
            if let Some(id) = layer.source_id(i) {
                m.entry(id).or_insert((l, i));
            }
        }
    }
    m
}

fn row_to_flag(r: &rusqlite::Row<'_>) -> rusqlite::Result<Flag> {
    let kind: String = r.get(2)?;
    let status: String = r.get(3)?;
    Ok(Flag {
        id: r.get(0)?,
        site_id: r.get(1)?,
        site_kind: super::kind_from(&kind).unwrap_or(LayerKind::Parcels),
        status: FlagStatus::parse(&status).unwrap_or(FlagStatus::InOnderzoek),
        note: r.get(4)?,
        author: r.get(5)?,
        at: r.get(6)?,
        origin: r.get(7)?,
    })
}

const FLAG_COLUMNS: &str = "id, site_id, site_kind, status, note, author, at, origin";

impl Project {
    /// Adds flags (one site or a whole selection) in one transaction; returns them as stored.
    pub fn add_flags(&mut self, flags: Vec<NewFlag>) -> Result<Vec<Flag>, ProjectError> {
        let path = self.path.clone();
        let err = |e| ProjectError::sql(&path, e);
        let author = os_user();
        let now = now_rfc3339();
        let tx = self.conn_mut().transaction().map_err(err)?;
        let mut out = Vec::with_capacity(flags.len());
        {
            let mut insert = tx
                .prepare(
                    "INSERT INTO flag_events (site_id, site_kind, status, note, author, at, origin)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'local')",
                )
                .map_err(err)?;
            for f in flags {
                if f.site_id.trim().is_empty() {
                    return Err(ProjectError::Flag(
                        "een vlag heeft een locatie-id nodig".into(),
                    ));
                }
                let at = match &f.at {
                    Some(t) => normalise_time(t).map_err(ProjectError::Flag)?,
                    None => now.clone(),
                };
                let author = f
                    .author
                    .clone()
                    .filter(|a| !a.trim().is_empty())
                    .unwrap_or_else(|| author.clone());
                insert
                    .execute(params![f.site_id, kind_key(f.site_kind), f.status.key(), f.note, author, at])
                    .map_err(|e| match e.sqlite_error_code() {
                        Some(rusqlite::ErrorCode::ConstraintViolation) => ProjectError::Flag(format!(
                            "{}: deze vlag (zelfde status, toelichting, auteur en tijd) staat er al",
                            f.site_id
                        )),
                        _ => err(e),
                    })?;
                out.push(Flag {
                    id: tx.last_insert_rowid(),
                    site_id: f.site_id,
                    site_kind: f.site_kind,
                    status: f.status,
                    note: f.note,
                    author,
                    at,
                    origin: "local".into(),
                });
            }
        }
        tx.commit().map_err(err)?;
        Ok(out)
    }

    /// The current flag of every flagged site: its newest event.
    pub fn current_flags(&self) -> Result<Vec<Flag>, ProjectError> {
        let sql = format!(
            "SELECT {FLAG_COLUMNS} FROM flag_events e
             WHERE id = (SELECT id FROM flag_events x WHERE x.site_id = e.site_id
                         ORDER BY (CASE WHEN at > ?1 THEN '' ELSE at END) DESC, id DESC LIMIT 1)
             ORDER BY site_id"
        );
        // An event dated in the future (stored before such times were refused)
        // ranks as oldest, so it cannot pin a site's status; ties go by insertion order.
        let limit = locatiescout_model::flag::latest_valid_time();
        let mut stmt = self.conn().prepare(&sql).map_err(self.err())?;
        let rows = stmt.query_map([limit], row_to_flag).map_err(self.err())?;
        rows.collect::<Result<Vec<_>, _>>().map_err(self.err())
    }

    /// A site's flag history, oldest first.
    pub fn flag_history(&self, site_id: &str) -> Result<Vec<Flag>, ProjectError> {
        let sql =
            format!("SELECT {FLAG_COLUMNS} FROM flag_events WHERE site_id = ?1 ORDER BY at, id");
        let mut stmt = self.conn().prepare(&sql).map_err(self.err())?;
        let rows = stmt
            .query_map(params![site_id], row_to_flag)
            .map_err(self.err())?;
        rows.collect::<Result<Vec<_>, _>>().map_err(self.err())
    }

    fn all_events(&self) -> Result<Vec<Flag>, ProjectError> {
        let sql = format!("SELECT {FLAG_COLUMNS} FROM flag_events ORDER BY site_id, at, id");
        let mut stmt = self.conn().prepare(&sql).map_err(self.err())?;
        let rows = stmt.query_map([], row_to_flag).map_err(self.err())?;
        rows.collect::<Result<Vec<_>, _>>().map_err(self.err())
    }

    /// Writes the flags to `.csv` (every event: the whole history, Dutch Excel dialect)
    /// or `.geojson` (one feature per site with its geometry from `layers`, current
    /// flag plus `geschiedenis`). Returns the number of sites written.
    pub fn export_flags(&self, out: &Path, layers: &[&Layer]) -> Result<usize, ProjectError> {
        locatiescout_model::files::refuse_overwriting_input(out, &[(self.path(), "het project")])
            .map_err(ProjectError::Flag)?;
        let events = self.all_events()?;
        let ext = locatiescout_model::files::extension_lower(out);
        let mut by_site: BTreeMap<&str, Vec<&Flag>> = BTreeMap::new();
        for e in &events {
            by_site.entry(&e.site_id).or_default().push(e);
        }
        let mut buf: Vec<u8> = Vec::new();
        let io = |e: std::io::Error| {
            ProjectError::Flag(format!(
                "{}: kan niet worden geschreven: {}",
                out.display(),
                locatiescout_model::nl::io_nl_write(&e, out)
            ))
        };
        match ext.as_str() {
            "csv" => {
                let mut csv = DutchCsv::new([
                    "site_id",
                    "soort",
                    "status",
                    "toelichting",
                    "auteur",
                    "tijdstip",
                ]);
                for e in &events {
                    csv.row([
                        e.site_id.as_str(),
                        kind_key(e.site_kind),
                        e.status.label(),
                        &e.note,
                        &e.author,
                        &e.at,
                    ]);
                }
                buf = csv.into_bytes();
            }
            "geojson" | "json" => {
                let index = site_index(layers);
                buf.extend_from_slice(b"{\"type\":\"FeatureCollection\",\"features\":[\n");
                for (k, (site, history)) in by_site.iter().enumerate() {
                    let Some(current) = history.last() else {
                        continue;
                    };
                    if k > 0 {
                        buf.extend_from_slice(b",\n");
                    }
                    write!(
                        buf,
                        "{{\"type\":\"Feature\",\"id\":{},\"geometry\":",
                        json_str(site)
                    )
                    .map_err(io)?;
                    match index.get(site) {
                        Some(&(l, i)) => {
                            let layer = layers[l];
                            write_geometry(
                                &mut buf,
                                layer,
                                i,
                                layer.source_crs == locatiescout_model::crs::Crs::Local,
                            )
                            .map_err(io)?;
                        }
                        None => buf.extend_from_slice(b"null"),
                    }
                    let hist: Vec<String> = history
                        .iter()
                        .map(|e| {
                            format!(
                                "{{\"status\":{},\"toelichting\":{},\"auteur\":{},\"tijdstip\":{}}}",
                                json_str(e.status.label()),
                                json_str(&e.note),
                                json_str(&e.author),
                                json_str(&e.at)
                            )
                        })
                        .collect();
                    write!(
                        buf,
                        ",\"properties\":{{\"site_id\":{},\"soort\":{},\"status\":{},\"toelichting\":{},\"auteur\":{},\"tijdstip\":{},\"geschiedenis\":[{}]}}}}",
                        json_str(site),
                        json_str(kind_key(current.site_kind)),
                        json_str(current.status.label()),
                        json_str(&current.note),
                        json_str(&current.author),
                        json_str(&current.at),
                        hist.join(",")
                    )
                    .map_err(io)?;
                }
                buf.extend_from_slice(b"\n]}\n");
            }
            _ => {
                return Err(ProjectError::Flag(format!(
                    "{}: onbekend formaat; gebruik .csv of .geojson",
                    out.display()
                )))
            }
        }
        locatiescout_model::files::write_atomic(out, &buf).map_err(io)?;
        Ok(by_site.len())
    }

    /// Imports a flag file made by [`Project::export_flags`] (or by hand). Good rows
    /// are added to the history; rows with unknown sites, bad statuses or times are
    /// reported. `layers` are this project's layers: a flag needs a site that exists.
    pub fn import_flags(
        &mut self,
        path: &Path,
        layers: &[&Layer],
    ) -> Result<FlagImport, ProjectError> {
        locatiescout_model::files::refuse_special(path).map_err(ProjectError::Flag)?;
        let text = std::fs::read(path).map_err(|e| {
            ProjectError::Flag(format!(
                "{}: kan niet worden gelezen: {}",
                path.display(),
                locatiescout_model::nl::io_nl(&e)
            ))
        })?;
        // The same decoding as every CSV reader: UTF-16 with a BOM, UTF-8, and
        // Windows-1252 for a line that is not UTF-8 (Excel), never U+FFFD.
        let text = crate::import::csv::decode(text).text;
        let ext = locatiescout_model::files::extension_lower(path);
        let mut report = FlagImport {
            path: path.to_path_buf(),
            ..FlagImport::default()
        };
        let rows = match ext.as_str() {
            "csv" | "txt" => parse_csv(&text, path, &mut report),
            "geojson" | "json" => parse_geojson(&text, path, &mut report)?,
            _ => {
                return Err(ProjectError::Flag(format!(
                    "{}: onbekend formaat; gebruik .csv of .geojson",
                    path.display()
                )))
            }
        };
        let index = site_index(layers);
        let before: HashMap<String, Flag> = self
            .current_flags()?
            .into_iter()
            .map(|f| (f.site_id.clone(), f))
            .collect();
        let origin = format!(
            "import:{}",
            path.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        );
        let file = self.path.clone();
        let err = |e| ProjectError::sql(&file, e);
        let mut incoming_latest: HashMap<String, Flag> = HashMap::new();
        let tx = self.conn_mut().transaction().map_err(err)?;
        {
            let mut insert = tx
                .prepare(
                    "INSERT OR IGNORE INTO flag_events (site_id, site_kind, status, note, author, at, origin)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )
                .map_err(err)?;
            for (row, r) in rows {
                let Some(&(l, _)) = index.get(r.site_id.as_str()) else {
                    report.rejected.push((
                        row,
                        format!("onbekende locatie '{}' in dit project", r.site_id),
                    ));
                    continue;
                };
                let kind = layers[l].kind;
                let n = insert
                    .execute(params![
                        r.site_id,
                        kind_key(kind),
                        r.status.key(),
                        r.note,
                        r.author,
                        r.at,
                        origin
                    ])
                    .map_err(err)?;
                if n == 0 {
                    report.duplicates += 1;
                    continue;
                }
                report.imported += 1;
                let flag = Flag {
                    id: tx.last_insert_rowid(),
                    site_id: r.site_id.clone(),
                    site_kind: kind,
                    status: r.status,
                    note: r.note,
                    author: r.author,
                    at: r.at,
                    origin: origin.clone(),
                };
                let newer = incoming_latest
                    .get(&r.site_id)
                    .is_none_or(|f| flag.at >= f.at);
                if newer {
                    incoming_latest.insert(r.site_id, flag);
                }
            }
        }
        tx.commit().map_err(err)?;
        for (site, incoming) in incoming_latest {
            if let Some(local) = before.get(&site) {
                if local.status != incoming.status || local.note != incoming.note {
                    report.conflicts.push(Conflict {
                        site_id: site,
                        incoming_wins: incoming.at > local.at,
                        local: local.clone(),
                        incoming,
                    });
                }
            }
        }
        report.conflicts.sort_by(|a, b| a.site_id.cmp(&b.site_id));
        report.rejected.sort_by_key(|(line, _)| *line);
        Ok(report)
    }
}

/// A parsed, valid row of a flag file.
struct Row {
    site_id: String,
    status: FlagStatus,
    note: String,
    author: String,
    at: String,
}

fn make_row(site: &str, status: &str, note: &str, author: &str, at: &str) -> Result<Row, String> {
    if site.trim().is_empty() {
        return Err("locatie-id (site_id) ontbreekt".into());
    }
    if at.trim().is_empty() {
        return Err("tijdstip ontbreekt".into());
    }
    Ok(Row {
        site_id: site.trim().to_string(),
        status: FlagStatus::parse(status)?,
        note: note.to_string(),
        author: if author.trim().is_empty() {
            "onbekend".into()
        } else {
            author.trim().to_string()
        },
        at: normalise_time(at)?,
    })
}

/// Reads flag rows with the one CSV reader every command uses: a row it cannot
/// read as it stood (a quote never closed, a control byte, too many fields) is
/// rejected with its line, like a row with a bad status.
fn parse_csv(text: &str, path: &Path, report: &mut FlagImport) -> Vec<(usize, Row)> {
    use crate::import::csv::{detect_delimiter, CsvRow, CsvRows};
    let rows_read = match CsvRows::new(path, text, detect_delimiter(text)) {
        Ok(r) => r,
        Err(e) => {
            report
                .rejected
                .push((1, format!("kopregel onleesbaar: {e}")));
            return Vec::new();
        }
    };
    let headers: Vec<String> = rows_read
        .headers()
        .iter()
        .map(|s| s.to_lowercase())
        .collect();
    let col = |names: &[&str]| headers.iter().position(|h| names.contains(&h.as_str()));
    let (Some(site), Some(status)) = (col(&["site_id", "id", "locatie"]), col(&["status"])) else {
        report
            .rejected
            .push((1, "kolommen 'site_id' en 'status' zijn nodig".into()));
        return Vec::new();
    };
    let note = col(&["toelichting", "note", "notitie"]);
    let author = col(&["auteur", "author"]);
    let at = col(&["tijdstip", "at", "time"]);
    let mut rows = Vec::new();
    for (k, row) in rows_read.enumerate() {
        let (line, rec) = match row {
            Ok(CsvRow::Record { line, record, .. }) => (line, record),
            Ok(CsvRow::Refused { line, reason, .. }) => {
                report.rejected.push((line, reason));
                continue;
            }
            Err(e) => {
                report
                    .rejected
                    .push((k + 2, format!("onleesbare regel: {e}")));
                continue;
            }
        };
        let get = |c: Option<usize>| c.and_then(|c| rec.get(c)).unwrap_or("");
        match make_row(
            get(Some(site)),
            get(Some(status)),
            get(note),
            get(author),
            get(at),
        ) {
            Ok(r) => rows.push((line, r)),
            Err(e) => report.rejected.push((line, e)),
        }
    }
    rows
}

fn parse_geojson(
    text: &str,
    path: &Path,
    report: &mut FlagImport,
) -> Result<Vec<(usize, Row)>, ProjectError> {
    let v: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        ProjectError::Flag(format!(
            "{}: {}",
            path.display(),
            locatiescout_model::nl_error::json_nl(&e)
        ))
    })?;
    let Some(features) = v.get("features").and_then(|f| f.as_array()) else {
        return Err(ProjectError::Flag(format!(
            "{}: geen FeatureCollection met 'features'",
            path.display()
        )));
    };
    let s = |o: &serde_json::Value, k: &str| {
        o.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string()
    };
    let mut rows = Vec::new();
    for (k, f) in features.iter().enumerate() {
        let n = k + 1;
        let Some(p) = f.get("properties").filter(|p| p.is_object()) else {
            report.rejected.push((n, "object zonder properties".into()));
            continue;
        };
        let site = s(p, "site_id");
        // The history holds every event, the current one included; without it, the properties are the event.
        let events: Vec<&serde_json::Value> = match p.get("geschiedenis").and_then(|h| h.as_array())
        {
            Some(h) if !h.is_empty() => h.iter().collect(),
            _ => vec![p],
        };
        for e in events {
            match make_row(
                &site,
                &s(e, "status"),
                &s(e, "toelichting"),
                &s(e, "auteur"),
                &s(e, "tijdstip"),
            ) {
                Ok(r) => rows.push((n, r)),
                Err(msg) => report.rejected.push((n, msg)),
            }
        }
    }
    Ok(rows)
}
