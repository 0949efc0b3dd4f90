//! The project file (`*.locatiescout`): one SQLite database holding the imported
//! layers (as columns, see [`codec`]), settings (profile, weights, selection) and
//! flags with their full history. WAL journal, foreign keys on, every write in a
//! transaction; the schema is migrated in code and a file from a newer version
//! is refused, never touched.

pub mod codec;
pub mod flags;

use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use rusqlite_migration::{Migrations, M};

use crate::import::{ImportReport, Layer, LayerKind};
use locatiescout_model::crs::Crs;
use locatiescout_model::layer::{LayerRole, NamedLayer};
use locatiescout_model::nl_error::sqlite_nl;

pub use flags::{Conflict, Flag, FlagImport, FlagStatus, NewFlag};

/// Settings key of the werkprogramma (its JSON; the application layer reads it).
pub const WERKPROGRAMMA: &str = "werkprogramma";

/// `PRAGMA application_id`: "LSct", so other SQLite files are recognised as not ours.
const APPLICATION_ID: i32 = 0x4c53_6374;

/// SQLite's page size for new projects (its maximum): large blobs read in fewer pages.
const PAGE_SIZE: i64 = 65_536;

/// Columns are stored in pieces of at most this size (SQLite's blob limit is 1 GB).
const PART_BYTES: usize = 64 << 20;

/// The schema, one migration per version. Only ever append.
const MIGRATIONS: &[&str] = &[
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
         CREATE TABLE layers (
             id INTEGER PRIMARY KEY,
             kind TEXT NOT NULL,
             source_path TEXT NOT NULL,
             source_crs TEXT NOT NULL,
             imported_at TEXT NOT NULL,
             features INTEGER NOT NULL,
             codec INTEGER NOT NULL,
             report TEXT NOT NULL
         );
         CREATE TABLE layer_columns (
             layer_id INTEGER NOT NULL REFERENCES layers(id) ON DELETE CASCADE,
             name TEXT NOT NULL,
             part INTEGER NOT NULL,
             data BLOB NOT NULL,
             PRIMARY KEY (layer_id, name, part)
         );
         CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
         CREATE TABLE flag_events (
             id INTEGER PRIMARY KEY,
             site_id TEXT NOT NULL,
             site_kind TEXT NOT NULL,
             status TEXT NOT NULL CHECK (status IN
                 ('kansrijk', 'in_onderzoek', 'aangeboden', 'gereserveerd', 'niet_geschikt')),
             note TEXT NOT NULL DEFAULT '',
             author TEXT NOT NULL,
             at TEXT NOT NULL,
             origin TEXT NOT NULL DEFAULT 'local',
             UNIQUE (site_id, at, author, status, note)
         );
         CREATE INDEX flag_events_site ON flag_events (site_id, at);",
    // Named overlay layers (natura2000, stations, …): several of kind 'overlay'.
    "ALTER TABLE layers ADD COLUMN name TEXT NOT NULL DEFAULT '';
         ALTER TABLE layers ADD COLUMN role TEXT NOT NULL DEFAULT '';
         ALTER TABLE layers ADD COLUMN title TEXT NOT NULL DEFAULT '';",
    // Earlier values of a setting (the werkprogramma): what a replace took away stays recoverable.
    "CREATE TABLE setting_history (
             id INTEGER PRIMARY KEY,
             key TEXT NOT NULL,
             value TEXT NOT NULL,
             replaced_at TEXT NOT NULL
         );
         CREATE INDEX setting_history_key ON setting_history (key, id);",
];

/// Earlier values kept per setting; older ones are dropped.
pub const SETTING_HISTORY_KEPT: usize = 200;

/// An earlier value of a setting.
#[derive(Debug, Clone, PartialEq)]
pub struct SettingVersion {
    pub id: i64,
    pub replaced_at: String,
    pub value: String,
}

fn migrations() -> Migrations<'static> {
    Migrations::new(MIGRATIONS.iter().map(|sql| M::up(sql)).collect())
}

/// The newest schema this version of Locatiescout knows: one version per migration.
pub fn schema_version() -> usize {
    MIGRATIONS.len()
}

#[derive(Debug, thiserror::Error)]
pub enum ProjectError {
    #[error("{path} bestaat niet")]
    NotFound { path: PathBuf },
    #[error("{path} bestaat al; kies een andere naam of open het bestaande project")]
    Exists { path: PathBuf },
    #[error("{path} is geen Locatiescout-project (of het is beschadigd): {detail}. Het bestand is niet gewijzigd.")]
    NotAProject { path: PathBuf, detail: String },
    #[error("{path} is gemaakt met een nieuwere versie van Locatiescout (schemaversie {found}, deze versie kent tot en met {known}). Werk Locatiescout bij; het bestand is niet gewijzigd.")]
    TooNew {
        path: PathBuf,
        found: i64,
        known: usize,
    },
    #[error(
        "{path} is alleen-lezen; sla het project op onder een andere naam om verder te werken"
    )]
    ReadOnly { path: PathBuf },
    #[error("{path} is in gebruik door een ander programma; sluit het daar of probeer het over een moment opnieuw")]
    Locked { path: PathBuf },
    /// SQLite found the file damaged (a page overwritten, cut short): one
    /// sentence with what to do; SQLite's own words, cut to their first line,
    /// in brackets after it.
    #[error("{path}: het project is beschadigd; zet een reservekopie terug of maak het project opnieuw uit de bronbestanden{}", bracket(detail))]
    Damaged { path: PathBuf, detail: String },
    /// One layer's stored columns do not fit together; the rest of the project
    /// (flags, settings) can still be read.
    #[error("{path}: laag {kind} van het project is beschadigd; zet een reservekopie terug, lees die laag opnieuw in of maak het project opnieuw uit de bronbestanden{}", bracket(detail))]
    BadLayer {
        path: PathBuf,
        kind: String,
        detail: String,
    },
    #[error("{path}: laag {kind} is opgeslagen door een nieuwere versie van Locatiescout (opslagversie {found}); werk Locatiescout bij om het project te openen")]
    LayerTooNew {
        path: PathBuf,
        kind: String,
        found: u32,
    },
    #[error("{path}: {message}")]
    Sql { path: PathBuf, message: String },
    #[error("{0}")]
    Flag(String),
    #[error("werkprogramma: {0}")]
    Werkprogramma(String),
}

/// " (words)" after a sentence, the system's words cut to their first line; nothing without any.
fn bracket(raw: &str) -> String {
    let words = locatiescout_model::nl_error::system_words(raw);
    if words.is_empty() {
        String::new()
    } else {
        format!(" ({words})")
    }
}

impl ProjectError {
    fn sql(path: &Path, e: rusqlite::Error) -> ProjectError {
        use rusqlite::ErrorCode as C;
        let path = path.to_path_buf();
        match e.sqlite_error_code() {
            Some(C::DatabaseBusy | C::DatabaseLocked) => ProjectError::Locked { path },
            Some(C::ReadOnly) => ProjectError::ReadOnly { path },
            Some(C::NotADatabase) => ProjectError::NotAProject {
                path,
                detail: "geen geldige SQLite-database".into(),
            },
            Some(C::DatabaseCorrupt) => ProjectError::Damaged {
                path,
                detail: e.to_string(),
            },
            Some(C::DiskFull) => ProjectError::Sql {
                path,
                message: "de schijf is vol; er is niets gewijzigd".into(),
            },
            Some(C::CannotOpen) => ProjectError::Sql {
                path,
                message:
                    "het bestand kan niet worden geopend (ontbreekt de map of de toestemming?)"
                        .into(),
            },
            _ => {
                // "no such table: flag_events" and kin: the file is not (or no longer) a
                // whole project; say which part is missing and what to do.
                let nl = sqlite_nl(&e);
                let raw = e.to_string();
                let message = if raw.starts_with("no such table")
                    || raw.starts_with("no such column")
                {
                    format!(
                        "het project is onvolledig of beschadigd: {}. Open een reservekopie of maak het project opnieuw met 'locatiescout project create'",
                        nl.split(':').next().unwrap_or(&nl)
                    )
                } else {
                    format!("het project kan niet worden gelezen of bijgewerkt: {nl}")
                };
                ProjectError::Sql { path, message }
            }
        }
    }
}

pub use locatiescout_model::saved::SavedProfile;

/// Refuses what cannot be a project before SQLite opens it: missing, a pipe or
/// device, or empty.
fn check_file(path: &Path) -> Result<(), ProjectError> {
    if !path.exists() {
        return Err(ProjectError::NotFound {
            path: path.to_path_buf(),
        });
    }
    let not = |detail: String| ProjectError::NotAProject {
        path: path.to_path_buf(),
        detail,
    };
    locatiescout_model::files::refuse_special(path).map_err(not)?;
    if std::fs::metadata(path).is_ok_and(|m| m.len() == 0) {
        return Err(not("het bestand is leeg (0 bytes)".into()));
    }
    // Every SQLite database starts with this header; SQLite itself would open a
    // 1-byte file as an empty database and call it "not Locatiescout's".
    let mut head = [0u8; 16];
    let read = std::fs::File::open(path).and_then(|mut f| {
        use std::io::Read;
        f.read_exact(&mut head)
    });
    if read.is_err() || &head != b"SQLite format 3\0" {
        return Err(not(
            "het is geen SQLite-database (te kort, of een ander soort bestand)".into(),
        ));
    }
    Ok(())
}

/// Refuses a SQLite file that is not Locatiescout's or is from a newer version.
fn check_ours(conn: &Connection, path: &Path) -> Result<(), ProjectError> {
    let err = |e| ProjectError::sql(path, e);
    let app: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(err)?;
    if app != APPLICATION_ID {
        return Err(ProjectError::NotAProject {
            path: path.to_path_buf(),
            detail: "het bestand is wel een SQLite-database, maar niet van Locatiescout".into(),
        });
    }
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(err)?;
    if version > schema_version() as i64 {
        return Err(ProjectError::TooNew {
            path: path.to_path_buf(),
            found: version,
            known: schema_version(),
        });
    }
    Ok(())
}

/// The role and title of a named overlay nobody chose them for, from its name
/// alone: the role the default profiles read it in and the name they show it by.
/// The one definition: a fetched overlay is stored with them, a stored one
/// without a known role or a title is read with them, and the application gives
/// them to a layer the user names without saying more.
pub fn overlay_defaults(name: &str) -> (LayerRole, String) {
    (
        LayerRole::default_for(name),
        locatiescout_model::layer::default_layer_title(name),
    )
}

/// An open project file.
pub struct Project {
    conn: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for Project {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Project").field("path", &self.path).finish()
    }
}

pub(crate) fn now_rfc3339() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

pub(crate) fn kind_key(k: LayerKind) -> &'static str {
    match k {
        LayerKind::Parcels => "parcels",
        LayerKind::Buildings => "buildings",
        LayerKind::Listings => "listings",
        LayerKind::Units => "units",
        LayerKind::Overlay => "overlay",
        LayerKind::Congestion => "congestion",
    }
}

pub(crate) fn kind_from(s: &str) -> Option<LayerKind> {
    [
        LayerKind::Parcels,
        LayerKind::Buildings,
        LayerKind::Listings,
        LayerKind::Units,
        LayerKind::Overlay,
        LayerKind::Congestion,
    ]
    .into_iter()
    .find(|k| kind_key(*k) == s)
}

impl Project {
    /// Creates a new, empty project; refuses to overwrite an existing file.
    pub fn create(path: &Path) -> Result<Project, ProjectError> {
        if path.exists() {
            return Err(ProjectError::Exists {
                path: path.to_path_buf(),
            });
        }
        Project::create_new(path).inspect_err(|_| {
            // A full disk or a failure halfway: no empty or half-made file stays.
            for suffix in ["", "-wal", "-shm", "-journal"] {
                let mut name = path.as_os_str().to_os_string();
                name.push(suffix);
                let _ = std::fs::remove_file(std::path::PathBuf::from(name));
            }
        })
    }

    fn create_new(path: &Path) -> Result<Project, ProjectError> {
        let conn = Connection::open(path).map_err(|e| ProjectError::sql(path, e))?;
        // Layers are stored as large column blobs: with 64 KB pages SQLite walks a
        // sixteenth of the overflow pages when a project is reopened. Only a new,
        // empty file can take a page size, so it is set before anything else.
        conn.pragma_update(None, "page_size", PAGE_SIZE)
            .map_err(|e| ProjectError::sql(path, e))?;
        let mut p = Project {
            conn,
            path: path.to_path_buf(),
        };
        p.configure()?;
        p.conn
            .pragma_update(None, "application_id", APPLICATION_ID)
            .map_err(|e| ProjectError::sql(path, e))?;
        p.migrate()?;
        p.set_meta("created", &now_rfc3339())?;
        Ok(p)
    }

    /// Opens an existing project, migrating an older schema; a newer one, a file
    /// that is not a project, or a locked or read-only file is refused untouched.
    pub fn open(path: &Path) -> Result<Project, ProjectError> {
        check_file(path)?;
        let err = |e| ProjectError::sql(path, e);
        // Look first through a read-only connection: nothing is written before we know
        // the file is ours and not from a newer version.
        {
            let ro =
                Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(err)?;
            check_ours(&ro, path)?;
        }
        let read_only = std::fs::metadata(path)
            .map(|m| m.permissions().readonly())
            .unwrap_or(false);
        if read_only {
            return Err(ProjectError::ReadOnly {
                path: path.to_path_buf(),
            });
        }
        let conn = Connection::open(path).map_err(err)?;
        let mut p = Project {
            conn,
            path: path.to_path_buf(),
        };
        p.configure()?;
        p.migrate()?;
        let ok: String = p
            .conn
            .query_row("PRAGMA quick_check", [], |r| r.get(0))
            .map_err(err)?;
        if ok != "ok" {
            return Err(ProjectError::Damaged {
                path: path.to_path_buf(),
                detail: ok,
            });
        }
        Ok(p)
    }

    /// Opens a project only to read it (showing, exporting flags or the
    /// werkprogramma): a read-only file, or one on a read-only disk, opens too.
    /// An older schema is read as it is; nothing is migrated or written.
    pub fn open_read_only(path: &Path) -> Result<Project, ProjectError> {
        check_file(path)?;
        let err = |e| ProjectError::sql(path, e);
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI;
        let plain = Connection::open_with_flags(path, flags);
        // A WAL database in a folder we may not write needs `immutable` to be read.
        let conn = match plain.and_then(|c| {
            c.pragma_query_value(None, "application_id", |r| r.get::<_, i32>(0))
                .map(|_| c)
        }) {
            Ok(c) => c,
            Err(_) => {
                let uri = format!(
                    "file:{}?immutable=1",
                    path.display()
                        .to_string()
                        .replace('?', "%3f")
                        .replace('#', "%23")
                );
                Connection::open_with_flags(uri, flags).map_err(err)?
            }
        };
        check_ours(&conn, path)?;
        Ok(Project {
            conn,
            path: path.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn err(&self) -> impl Fn(rusqlite::Error) -> ProjectError + '_ {
        |e| ProjectError::sql(&self.path, e)
    }

    fn configure(&mut self) -> Result<(), ProjectError> {
        let path = self.path.clone();
        let err = |e| ProjectError::sql(&path, e);
        // Wait a little for another writer instead of failing at once.
        self.conn
            .busy_timeout(std::time::Duration::from_secs(3))
            .map_err(err)?;
        let mode: String = self
            .conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(err)?;
        if !mode.eq_ignore_ascii_case("wal") {
            tracing::warn!("{}: journal_mode {mode} in plaats van WAL", path.display());
        }
        // NORMAL is durable in WAL mode except for the last transactions on power loss;
        // FULL keeps every committed flag through a crash of the machine too.
        self.conn
            .pragma_update(None, "synchronous", "FULL")
            .map_err(err)?;
        self.conn
            .pragma_update(None, "foreign_keys", true)
            .map_err(err)?;
        Ok(())
    }

    fn migrate(&mut self) -> Result<(), ProjectError> {
        migrations()
            .to_latest(&mut self.conn)
            .map_err(|e| ProjectError::Sql {
                path: self.path.clone(),
                message: format!(
                    "het project kan niet worden bijgewerkt naar deze versie van Locatiescout: {}",
                    match &e {
                        rusqlite_migration::Error::RusqliteError { err, .. } => {
                            sqlite_nl(err)
                        }
                        other => format!("een stap van het bijwerken is mislukt ({other})"),
                    }
                ),
            })
    }

    fn set_meta(&self, key: &str, value: &str) -> Result<(), ProjectError> {
        self.upsert("meta", key, value)
    }

    /// Sets `key` in one of the key/value tables (`meta`, `settings`).
    fn upsert(&self, table: &'static str, key: &str, value: &str) -> Result<(), ProjectError> {
        let sql = format!(
            "INSERT INTO {table} (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value"
        );
        self.conn
            .execute(&sql, params![key, value])
            .map_err(self.err())?;
        Ok(())
    }

    /// Stores a layer, replacing the previous one of the same kind.
    pub fn save_layer(&mut self, layer: &Layer) -> Result<(), ProjectError> {
        self.save_layer_as(layer, "", "", "")
    }

    /// Stores a named overlay layer, replacing the one of the same name.
    pub fn save_named(&mut self, named: &NamedLayer) -> Result<(), ProjectError> {
        self.save_layer_as(&named.layer, &named.name, named.role.key(), &named.title)
    }

    /// Stores `layer` as the named overlay `name` (a fetched PDOK overlay).
    pub fn save_overlay(
        &mut self,
        layer: &Layer,
        name: &str,
        role: &str,
        title: &str,
    ) -> Result<(), ProjectError> {
        self.save_layer_as(layer, name, role, title)
    }

    /// Kind and name (empty unless a named overlay) of every stored layer,
    /// without reading them.
    pub fn stored_layers(&self) -> Result<Vec<(LayerKind, String)>, ProjectError> {
        let err = self.err();
        let mut stmt = self
            .conn
            .prepare("SELECT kind, name FROM layers ORDER BY id")
            .map_err(&err)?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .map_err(&err)?
            .collect::<Result<Vec<_>, _>>()
            .map_err(&err)?;
        Ok(rows
            .into_iter()
            .filter_map(|(k, n)| kind_from(&k).map(|k| (k, n)))
            .collect())
    }

    /// Removes the named overlay layer `name`; false when there was none.
    pub fn remove_named(&mut self, name: &str) -> Result<bool, ProjectError> {
        let n = self
            .conn
            .execute(
                "DELETE FROM layers WHERE kind = 'overlay' AND name = ?1 AND name != ''",
                params![name],
            )
            .map_err(self.err())?;
        Ok(n > 0)
    }

    fn save_layer_as(
        &mut self,
        layer: &Layer,
        name: &str,
        role: &str,
        title: &str,
    ) -> Result<(), ProjectError> {
        let path = self.path.clone();
        let err = |e| ProjectError::sql(&path, e);
        let report = serde_json::to_string(&layer.report).map_err(|e| ProjectError::Sql {
            path: path.clone(),
            message: locatiescout_model::nl_error::json_nl(&e),
        })?;
        let tx = self.conn.transaction().map_err(err)?;
        tx.execute(
            "DELETE FROM layers WHERE kind = ?1 AND name = ?2",
            params![kind_key(layer.kind), name],
        )
        .map_err(err)?;
        tx.execute(
            "INSERT INTO layers (kind, source_path, source_crs, imported_at, features, codec, report, name, role, title)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                kind_key(layer.kind),
                layer.report.path.display().to_string(),
                serde_json::to_string(&layer.source_crs).unwrap_or_default(),
                now_rfc3339(),
                layer.len() as i64,
                codec::CODEC_VERSION,
                report,
                name,
                role,
                title
            ],
        )
        .map_err(err)?;
        let id = tx.last_insert_rowid();
        {
            let mut insert = tx
                .prepare("INSERT INTO layer_columns (layer_id, name, part, data) VALUES (?1, ?2, ?3, ?4)")
                .map_err(err)?;
            // Each column is written as soon as it is encoded, then dropped.
            let mut failed = None;
            codec::encode_each(layer, &mut |name, data| {
                if failed.is_some() {
                    return;
                }
                let mut parts = data.chunks(PART_BYTES).peekable();
                let empty: &[u8] = &[];
                let written = if parts.peek().is_none() {
                    insert.execute(params![id, name, 0, empty]).map(|_| ())
                } else {
                    parts.enumerate().try_for_each(|(k, part)| {
                        insert
                            .execute(params![id, name, k as i64, part])
                            .map(|_| ())
                    })
                };
                if let Err(e) = written {
                    failed = Some(e);
                }
            });
            if let Some(e) = failed {
                return Err(err(e));
            }
        }
        tx.commit().map_err(err)?;
        Ok(())
    }

    /// Every stored layer but the named overlays, in the order they were imported.
    pub fn load_layers(&self) -> Result<Vec<Layer>, ProjectError> {
        self.load_rows(false)?
            .into_iter()
            .map(|r| r.map(|(_, _, _, l)| l))
            .collect()
    }

    /// The layers that can be read, and an error naming each damaged one: the
    /// user's flags stay readable and exportable when a layer is damaged.
    pub fn load_layers_readable(&self) -> Result<(Vec<Layer>, Vec<ProjectError>), ProjectError> {
        let mut layers = Vec::new();
        let mut damaged = Vec::new();
        for r in self.load_rows(false)? {
            match r {
                Ok((_, _, _, l)) => layers.push(l),
                Err(e) => damaged.push(e),
            }
        }
        Ok((layers, damaged))
    }

    /// The named overlay layers, in the order they were imported. A role this
    /// version does not know reads as the name's default role.
    pub fn load_named(&self) -> Result<Vec<NamedLayer>, ProjectError> {
        self.load_rows(true)?
            .into_iter()
            .map(|r| {
                r.map(|(name, role, title, layer)| {
                    let (default_role, default_title) = overlay_defaults(&name);
                    NamedLayer {
                        role: LayerRole::parse(&role).unwrap_or(default_role),
                        title: if title.is_empty() {
                            default_title
                        } else {
                            title
                        },
                        name,
                        layer,
                    }
                })
            })
            .collect()
    }

    #[allow(clippy::type_complexity)]
    /// Each stored layer, decoded, or the error that names it: one damaged layer
    /// does not hide the others.
    #[allow(clippy::type_complexity)]
    fn load_rows(
        &self,
        named: bool,
    ) -> Result<Vec<Result<(String, String, String, Layer), ProjectError>>, ProjectError> {
        let err = self.err();
        let mut stmt = self
            .conn
            .prepare(if named {
                "SELECT id, kind, source_crs, codec, report, name, role, title FROM layers WHERE name != '' ORDER BY id"
            } else {
                "SELECT id, kind, source_crs, codec, report, name, role, title FROM layers WHERE name = '' ORDER BY id"
            })
            .map_err(&err)?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, u32>(3)?,
                    r.get::<_, String>(4)?,
                    (
                        r.get::<_, String>(5)?,
                        r.get::<_, String>(6)?,
                        r.get::<_, String>(7)?,
                    ),
                ))
            })
            .map_err(&err)?
            .collect::<Result<Vec<_>, _>>()
            .map_err(&err)?;
        let mut layers = Vec::with_capacity(rows.len());
        for (id, kind, crs, codec_version, report, (name, role, title)) in rows {
            // Said as a planner names it ("percelen"), not as stored ("parcels").
            let shown = kind_from(&kind).map_or_else(
                || format!("'{}'", locatiescout_model::nl_error::cut(&kind)),
                |k| k.dutch().to_string(),
            );
            let bad = |detail: String| ProjectError::BadLayer {
                path: self.path.clone(),
                kind: shown.clone(),
                detail,
            };
            let one = || -> Result<Layer, ProjectError> {
                if codec_version > codec::CODEC_VERSION {
                    return Err(ProjectError::LayerTooNew {
                        path: self.path.clone(),
                        kind: shown.clone(),
                        found: codec_version,
                    });
                }
                let k = kind_from(&kind).ok_or_else(|| bad("onbekende soort".into()))?;
                let crs: Crs = serde_json::from_str(&crs)
                    .map_err(|e| bad(locatiescout_model::nl::serde_nl(&e.to_string())))?;
                let report: ImportReport = serde_json::from_str(&report)
                    .map_err(|e| bad(locatiescout_model::nl::serde_nl(&e.to_string())))?;
                let mut src = DbColumns {
                    conn: &self.conn,
                    layer: id,
                };
                codec::decode(k, crs, report, &mut src).map_err(bad)
            };
            layers.push(one().map(|layer| (name, role, title, layer)));
        }
        Ok(layers)
    }

    /// A stored setting (JSON text), e.g. the profile and weights in use.
    pub fn setting(&self, key: &str) -> Result<Option<String>, ProjectError> {
        self.conn
            .query_row(
                "SELECT value FROM settings WHERE key = ?1",
                params![key],
                |r| r.get(0),
            )
            .optional()
            .map_err(self.err())
    }

    pub fn set_setting(&self, key: &str, value: &str) -> Result<(), ProjectError> {
        self.upsert("settings", key, value)
    }

    /// Stores a setting and keeps the value it replaces (when different) in the
    /// history, in one transaction: the user's earlier work stays recoverable.
    pub fn set_setting_keeping(&mut self, key: &str, value: &str) -> Result<(), ProjectError> {
        let path = self.path.clone();
        let err = |e| ProjectError::sql(&path, e);
        let now = now_rfc3339();
        let tx = self.conn.transaction().map_err(err)?;
        let old: Option<String> = tx
            .query_row(
                "SELECT value FROM settings WHERE key = ?1",
                params![key],
                |r| r.get(0),
            )
            .optional()
            .map_err(err)?;
        if let Some(old) = old.filter(|o| o != value) {
            tx.execute(
                "INSERT INTO setting_history (key, value, replaced_at) VALUES (?1, ?2, ?3)",
                params![key, old, now],
            )
            .map_err(err)?;
            tx.execute(
                "DELETE FROM setting_history WHERE key = ?1 AND id NOT IN
                   (SELECT id FROM setting_history WHERE key = ?1 ORDER BY id DESC LIMIT ?2)",
                params![key, SETTING_HISTORY_KEPT as i64],
            )
            .map_err(err)?;
        }
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )
        .map_err(err)?;
        tx.commit().map_err(err)
    }

    /// The earlier values of a setting, newest first.
    pub fn setting_history(&self, key: &str) -> Result<Vec<SettingVersion>, ProjectError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, replaced_at, value FROM setting_history WHERE key = ?1 ORDER BY id DESC",
            )
            .map_err(self.err())?;
        let rows = stmt
            .query_map(params![key], |r| {
                Ok(SettingVersion {
                    id: r.get(0)?,
                    replaced_at: r.get(1)?,
                    value: r.get(2)?,
                })
            })
            .map_err(self.err())?;
        rows.collect::<Result<Vec<_>, _>>().map_err(self.err())
    }

    /// The profile last used and its weights by criterion key.
    pub fn saved_profile(&self) -> Result<SavedProfile, ProjectError> {
        let key = self
            .setting("profile")?
            .and_then(|p| serde_json::from_str(&p).ok());
        let weights = self
            .setting("weights")?
            .and_then(|w| serde_json::from_str(&w).ok())
            .unwrap_or_default();
        Ok(SavedProfile { key, weights })
    }

    /// Writes the whole project into a new single file (`VACUUM INTO`): consistent
    /// even while this one is in use, compact, without a WAL beside it — to mail.
    pub fn save_copy(&self, target: &Path) -> Result<(), ProjectError> {
        if target.exists() {
            return Err(ProjectError::Exists {
                path: target.to_path_buf(),
            });
        }
        self.conn
            .execute("VACUUM INTO ?1", params![target.display().to_string()])
            .map_err(|e| ProjectError::sql(target, e))?;
        Ok(())
    }

    /// `PRAGMA integrity_check`: "ok" or what is wrong.
    pub fn integrity_check(&self) -> Result<String, ProjectError> {
        self.conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(self.err())
    }

    /// Folds the WAL into the main file (done by SQLite on close as well); after
    /// this the `.locatiescout` file alone is the whole project, e.g. to mail it.
    pub fn conn_checkpoint(&self) {
        if let Err(e) = self.conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);") {
            tracing::warn!("{}: checkpoint: {e}", self.path.display());
        }
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    pub(crate) fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }
}

/// Reads a layer's columns, joining their parts.
struct DbColumns<'a> {
    conn: &'a Connection,
    layer: i64,
}

impl codec::ColumnSource for DbColumns<'_> {
    /// The column's parts read straight from the pages into one buffer
    /// (incremental blob I/O): SQLite does not first copy each 64 MB part into a
    /// buffer of its own.
    fn column(&mut self, name: &str) -> Result<Vec<u8>, String> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT rowid, length(data) FROM layer_columns WHERE layer_id = ?1 AND name = ?2 ORDER BY part",
            )
            .map_err(|e| sqlite_nl(&e))?;
        let parts: Vec<(i64, usize)> = stmt
            .query_map(params![self.layer, name], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?.max(0) as usize))
            })
            .map_err(|e| sqlite_nl(&e))?
            .collect::<Result<_, _>>()
            .map_err(|e| sqlite_nl(&e))?;
        if parts.is_empty() {
            return Err(format!("kolom '{name}' ontbreekt"));
        }
        let total: usize = parts.iter().map(|(_, n)| n).sum();
        let mut out = vec![0u8; total];
        let mut at = 0usize;
        for (rowid, n) in parts {
            let mut blob = self
                .conn
                .blob_open(rusqlite::MAIN_DB, "layer_columns", "data", rowid, true)
                .map_err(|e| sqlite_nl(&e))?;
            std::io::Read::read_exact(&mut blob, &mut out[at..at + n])
                .map_err(|e| locatiescout_model::nl::io_nl(&e))?;
            at += n;
        }
        Ok(out)
    }
}
