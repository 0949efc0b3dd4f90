//! Flags as values: a status, note, author and time on a site. The project
//! store keeps their history; the werkprogramma and the comparison read them.

use std::path::PathBuf;

use crate::layer::LayerKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagStatus {
    Kansrijk,
    InOnderzoek,
    Aangeboden,
    Gereserveerd,
    NietGeschikt,
}

impl FlagStatus {
    pub const ALL: [FlagStatus; 5] = [
        FlagStatus::Kansrijk,
        FlagStatus::InOnderzoek,
        FlagStatus::Aangeboden,
        FlagStatus::Gereserveerd,
        FlagStatus::NietGeschikt,
    ];

    /// The stored key (also accepted on input).
    pub fn key(self) -> &'static str {
        match self {
            FlagStatus::Kansrijk => "kansrijk",
            FlagStatus::InOnderzoek => "in_onderzoek",
            FlagStatus::Aangeboden => "aangeboden",
            FlagStatus::Gereserveerd => "gereserveerd",
            FlagStatus::NietGeschikt => "niet_geschikt",
        }
    }

    /// As the user sees it.
    /// The catalogue key of the label (`model::text`), for an English reader.
    pub fn text_key(self) -> &'static str {
        match self {
            FlagStatus::Kansrijk => "flag.kansrijk",
            FlagStatus::InOnderzoek => "flag.in_onderzoek",
            FlagStatus::Aangeboden => "flag.aangeboden",
            FlagStatus::Gereserveerd => "flag.gereserveerd",
            FlagStatus::NietGeschikt => "flag.niet_geschikt",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            FlagStatus::Kansrijk => "Kansrijk",
            FlagStatus::InOnderzoek => "In onderzoek",
            FlagStatus::Aangeboden => "Aangeboden aan gemeente",
            FlagStatus::Gereserveerd => "Gereserveerd",
            FlagStatus::NietGeschikt => "Niet geschikt",
        }
    }

    /// A key or label, in any case, with spaces, dashes or underscores.
    pub fn parse(s: &str) -> Result<FlagStatus, String> {
        let norm = |s: &str| s.trim().to_lowercase().replace(['-', ' '], "_");
        let n = norm(s);
        Self::ALL
            .into_iter()
            .find(|st| norm(st.key()) == n || norm(st.label()) == n)
            .ok_or_else(|| {
                format!(
                    "onbekende status '{}'; kies uit: {}",
                    s.trim(),
                    Self::ALL.map(|st| st.label()).join(", ")
                )
            })
    }
}

/// A flag to add. `author` defaults to the operating-system user, `at` to now.
#[derive(Debug, Clone)]
pub struct NewFlag {
    pub site_id: String,
    pub site_kind: LayerKind,
    pub status: FlagStatus,
    pub note: String,
    pub author: Option<String>,
    pub at: Option<String>,
}

/// One event of a site's flag history.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Flag {
    pub id: i64,
    pub site_id: String,
    pub site_kind: LayerKind,
    pub status: FlagStatus,
    pub note: String,
    pub author: String,
    /// RFC 3339, UTC, milliseconds: sorts as text.
    pub at: String,
    /// `local` or `import:<file name>`.
    pub origin: String,
}

/// A site whose flag differs between this project and an imported file.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Conflict {
    pub site_id: String,
    pub local: Flag,
    pub incoming: Flag,
    /// Whether the incoming change is the newer one (and so now the current flag).
    pub incoming_wins: bool,
}

/// What a flag import did.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct FlagImport {
    pub path: PathBuf,
    pub imported: usize,
    /// Events this project already had.
    pub duplicates: usize,
    /// Rows not imported: row (1-based line or feature number) and reason.
    pub rejected: Vec<(usize, String)>,
    pub conflicts: Vec<Conflict>,
}

/// The operating-system user, the default author.
pub fn os_user() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "onbekend".into())
}

/// A time as stored: RFC 3339 in UTC with milliseconds, so text order is time order.
pub fn normalise_time(s: &str) -> Result<String, String> {
    let t = chrono::DateTime::parse_from_rfc3339(s.trim()).map_err(|_| {
        format!(
            "tijdstip '{}' is geen ISO 8601-tijd (bijv. 2026-11-21T14:03:00Z)",
            s.trim()
        )
    })?;
    let utc = t.with_timezone(&chrono::Utc);
    // A flag from the future would stay "newest" for ever and pin the site's status.
    if utc > chrono::Utc::now() + chrono::Duration::days(1) {
        return Err(format!(
            "tijdstip '{}' ligt meer dan een dag in de toekomst; een vlag kan niet later gezet zijn dan nu",
            s.trim()
        ));
    }
    Ok(utc.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
}

/// The latest moment a stored flag may carry: later ones (from a file written
/// before this check existed) do not count as newest.
pub fn latest_valid_time() -> String {
    (chrono::Utc::now() + chrono::Duration::days(1))
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}
