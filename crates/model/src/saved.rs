//! What a project remembers of the scoring between sessions.

/// The profile last used in the app and its weights by criterion key.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SavedProfile {
    pub key: Option<String>,
    pub weights: Vec<(String, f64)>,
}
