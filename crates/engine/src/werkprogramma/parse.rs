//! Reading a werkprogramma file (TOML or JSON) strictly, with errors in Dutch.

use super::input::{
    too_large_file, too_many_entries, too_many_periods, too_many_support_asks, Werkprogramma,
    MAX_ENTRIES, MAX_FILE_BYTES, MAX_PERIODS, MAX_SUPPORT_ASKS,
};

impl Werkprogramma {
    /// Reads a werkprogramma file (TOML, or JSON when `json`) strictly: a key this
    /// version does not know is an error naming it (a typo must not silently drop a
    /// number), and a file without `entries` — `{}`, `[]`, a GeoJSON — is refused
    /// rather than stored as an empty werkprogramma over the user's.
    pub fn parse_file(text: &str, json: bool) -> Result<Werkprogramma, String> {
        if text.len() as u64 > MAX_FILE_BYTES {
            return Err(too_large_file(text.len() as u64));
        }
        let text = text.trim_start_matches('\u{feff}');
        // Counted before parsing: a TOML parse of 100,000 lines alone takes
        // seconds and half a gigabyte.
        if !json {
            let headers = toml_array_tables(text, "entries");
            if headers > MAX_ENTRIES {
                return Err(too_many_entries(headers));
            }
            let periods = toml_array_tables(text, "periods");
            if periods > MAX_PERIODS {
                return Err(too_many_periods(periods));
            }
            let asks = toml_array_tables(text, "support_asks");
            if asks > MAX_SUPPORT_ASKS {
                return Err(too_many_support_asks(asks));
            }
        }
        let mut unknown: Vec<String> = Vec::new();
        let mut note = |p: serde_ignored::Path<'_>| unknown.push(p.to_string());
        let (wp, has_entries) = if json {
            let value: serde_json::Value = serde_json::from_str(text).map_err(|e| json_nl(&e))?;
            let Some(obj) = value.as_object() else {
                return Err(format!(
                    "is geen werkprogramma: verwacht een object met 'entries', kreeg {}",
                    json_kind(&value)
                ));
            };
            let has = obj.contains_key("entries");
            if let Some(lines) = obj
                .get("entries")
                .and_then(|e| e.as_array())
                .filter(|lines| lines.len() > MAX_ENTRIES)
            {
                return Err(too_many_entries(lines.len()));
            }
            let de = &mut serde_json::Deserializer::from_str(text);
            let wp: Werkprogramma =
                serde_ignored::deserialize(de, &mut note).map_err(|e| json_nl(&e))?;
            (wp, has)
        } else {
            // Parsed once: the tree is looked at and then read as a werkprogramma
            // (a second parse doubled the time and memory of a large file).
            let root = toml::de::DeTable::parse(text).map_err(|e| toml_nl(&e, text))?;
            let entries = root
                .get_ref()
                .iter()
                .find(|(key, _)| key.get_ref() == "entries")
                .map(|(_, lines)| lines.get_ref());
            let has = entries.is_some();
            if let Some(toml::de::DeValue::Array(lines)) = entries {
                if lines.len() > MAX_ENTRIES {
                    return Err(too_many_entries(lines.len()));
                }
            }
            let de = toml::de::Deserializer::from(root);
            let wp: Werkprogramma =
                serde_ignored::deserialize(de, &mut note).map_err(|e| toml_nl(&e, text))?;
            (wp, has)
        };
        // Keys of earlier versions: say what replaced them.
        for k in &unknown {
            let last = k.rsplit('.').next().unwrap_or(k);
            let hint = match last {
                "household_size" => "wordt niet meer gebruikt: geef per regel persons_per_unit (personen per woning of woonplek)",
                "max_per_municipality_eur" => "bestaat sinds 2025 niet meer: de SFT kent geen maximum per gemeente; verwijder de sleutel",
                "max_delivery_months" => "heet nu max_start_months: de SFT vraagt sinds 2025 een start van de bouw binnen 18 maanden",
                _ => continue,
            };
            return Err(format!("sleutel '{k}' {hint}"));
        }
        if let Some(k) = unknown.first() {
            return Err(format!(
                "onbekende sleutel '{k}'{}; dit bestand wordt niet ingelezen (controleer de spelling; de sleutels staan in de handleiding bij 'locatiescout werkprogramma')",
                if unknown.len() > 1 {
                    format!(" (en {} andere)", unknown.len() - 1)
                } else {
                    String::new()
                }
            ));
        }
        wp.check_limits()?;
        if !has_entries {
            return Err(
                "de sleutel 'entries' (de regels van het werkprogramma) ontbreekt; dit lijkt geen werkprogramma, er is niets opgeslagen".into(),
            );
        }
        Ok(wp)
    }
}

/// The `[[name]]` tables of a TOML text (`[[ name ]]` too), counted by line.
fn toml_array_tables(text: &str, name: &str) -> usize {
    text.lines()
        .filter(|line| {
            line.trim_start()
                .strip_prefix("[[")
                .map(str::trim_start)
                .and_then(|rest| rest.strip_prefix(name))
                .is_some_and(|rest| rest.trim_start().starts_with("]]"))
        })
        .count()
}

fn json_kind(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Array(_) => "een lijst",
        serde_json::Value::String(_) => "tekst",
        serde_json::Value::Number(_) => "een getal",
        serde_json::Value::Bool(_) => "waar/onwaar",
        serde_json::Value::Null => "null",
        serde_json::Value::Object(_) => "een object",
    }
}

/// A JSON error in Dutch, with line and column.
fn json_nl(e: &serde_json::Error) -> String {
    format!(
        "regel {}, kolom {}: {}",
        e.line(),
        e.column(),
        locatiescout_model::nl::serde_nl(&e.to_string())
    )
}

/// A TOML error in Dutch, with the line where it is.
fn toml_nl(e: &toml::de::Error, text: &str) -> String {
    let msg = locatiescout_model::nl::serde_nl(e.message());
    match e.span() {
        Some(span) => {
            let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
            format!("regel {line}: {msg}")
        }
        None => msg,
    }
}
