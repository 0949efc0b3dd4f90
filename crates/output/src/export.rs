//! Writing scored sites: RFC 7946 GeoJSON (WGS84, for QGIS and the web) and CSV
//! in the Dutch Excel dialect (`;`, decimal comma, UTF-8 with BOM). Each site
//! keeps its full identifier, the name a planner reads and every attribute of
//! its source beside the computed columns, so the result joins back in QGIS.

use std::collections::HashSet;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use locatiescout_engine::dataset::Dataset;
use locatiescout_engine::score::Scoring;
use locatiescout_model::csv_nl::DutchCsv;
use locatiescout_model::files::extension_lower;
use locatiescout_model::geojson::{json_str, write_geometry};
use locatiescout_model::layer::{FieldSeen, Layer};
use locatiescout_model::nl::nl_number;
use locatiescout_model::source_values::SourceValue;
use locatiescout_model::text::{render_all, Lang, Text};

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(
        "{path}: kan niet worden geschreven: {}",
        locatiescout_model::nl::io_nl_write(source, path)
    )]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("{path}: onbekend uitvoerformaat; gebruik .geojson, .json of .csv")]
    UnknownFormat { path: PathBuf },
    #[error("er zijn geen locaties om te exporteren")]
    NoSites,
}

/// Writes `sites` (in the given order) to `.geojson`/`.json` or `.csv`; the
/// explanations and reasons in `lang` (the CSV keeps the Dutch Excel dialect:
/// `;` and decimal commas, whatever the language).
pub fn export_sites(
    path: &Path,
    ds: &Dataset,
    scoring: &Scoring,
    sites: &[u32],
    lang: Lang,
) -> Result<(), ExportError> {
    let io_err = |source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    };
    let ext = extension_lower(path);
    let layer = ds
        .site_layer(&scoring.profile)
        .ok_or(ExportError::NoSites)?;
    // Write to a temporary file first so a failed export never leaves half a
    // file; through a link, beside and onto its target.
    let target = locatiescout_model::files::output_target(path).map_err(io_err)?;
    let tmp = target.with_extension(format!("{ext}.tmp"));
    let file = File::create(&tmp).map_err(io_err)?;
    let mut w = BufWriter::new(file);
    let r = match ext.as_str() {
        "geojson" | "json" => write_geojson(&mut w, ds, layer, scoring, sites, lang),
        "csv" => write_csv(&mut w, ds, layer, scoring, sites, lang),
        _ => {
            drop(w);
            let _ = std::fs::remove_file(&tmp);
            return Err(ExportError::UnknownFormat {
                path: path.to_path_buf(),
            });
        }
    };
    let r = r.and_then(|_| w.flush()).and_then(|_| {
        w.into_inner()
            .map_err(|e| e.into_error())
            .and_then(|f| f.sync_all())
    });
    if let Err(e) = r {
        let _ = std::fs::remove_file(&tmp);
        return Err(io_err(e));
    }
    std::fs::rename(&tmp, &target).map_err(|e| {
        // Nothing left behind: the temporary file goes when it cannot take its place.
        let _ = std::fs::remove_file(&tmp);
        io_err(e)
    })
}

/// The ranked sites as an RFC 7946 FeatureCollection in memory, e.g. for a map
/// source; same properties as the `.geojson` export.
pub fn sites_geojson(
    ds: &Dataset,
    scoring: &Scoring,
    sites: &[u32],
) -> Result<Vec<u8>, ExportError> {
    let layer = ds
        .site_layer(&scoring.profile)
        .ok_or(ExportError::NoSites)?;
    let mut out = Vec::new();
    write_geojson(&mut out, ds, layer, scoring, sites, Lang::Nl).map_err(|source| {
        ExportError::Io {
            path: PathBuf::from("<geheugen>"),
            source,
        }
    })?;
    Ok(out)
}

/// Any layer for the map (buildings, listings, outlines): index, id and name.
pub fn layer_geojson(layer: &locatiescout_model::layer::Layer) -> Result<Vec<u8>, ExportError> {
    use locatiescout_model::attrs::Field;
    layer_geojson_with(layer, |i| {
        let mut p = format!("\"index\":{i},\"id\":{}", json_str(&layer.label(i)));
        for (key, field) in [("name", Field::Name), ("address", Field::Address)] {
            if let Some(v) = layer.text(i, field) {
                p.push_str(&format!(",\"{key}\":{}", json_str(v)));
            }
        }
        p
    })
}

/// A named overlay layer for the map: each feature's index and its own name
/// (`naam`, `name`, …), which the legend and the highlight use.
pub fn overlay_geojson(layer: &locatiescout_model::layer::Layer) -> Result<Vec<u8>, ExportError> {
    layer_geojson_with(layer, |i| {
        format!(
            "\"index\":{i},\"name\":{}",
            json_str(&layer.feature_name(i))
        )
    })
}

/// Congestion areas for the map: colour key of afname and invoeding, whether
/// congestion management applies (hatched), and the description the tooltip shows.
pub fn congestion_geojson(
    layer: &locatiescout_model::layer::Layer,
    cfg: &locatiescout_engine::congestion::CongestionConfig,
) -> Result<Vec<u8>, ExportError> {
    layer_geojson_with(layer, |i| {
        let a = locatiescout_engine::congestion::area_info(layer, i, cfg);
        format!(
            "\"index\":{i},\"id\":{},\"afname\":{},\"invoeding\":{},\"beheer\":{},\"tekst\":{}",
            json_str(&a.id),
            json_str(a.offtake.key()),
            json_str(a.feedin.key()),
            a.managed,
            json_str(&a.describe().nl())
        )
    })
}

/// Features are written in parallel chunks: projecting every vertex to WGS84 is
/// the cost here, and it is independent per feature. (The sites themselves go to
/// the map as vector tiles: [`crate::tiles`].)
fn layer_geojson_with(
    layer: &locatiescout_model::layer::Layer,
    props: impl Fn(usize) -> String + Sync,
) -> Result<Vec<u8>, ExportError> {
    use rayon::prelude::*;
    let local = layer.source_crs == locatiescout_model::crs::Crs::Local;
    const CHUNK: usize = 2048;
    let n = layer.len();
    let chunks: Vec<io::Result<Vec<u8>>> = (0..n.div_ceil(CHUNK))
        .into_par_iter()
        .map(|c| {
            let ids = c * CHUNK..(c * CHUNK + CHUNK).min(n);
            let mut w = Vec::with_capacity(ids.len() * 256);
            for i in ids {
                write!(w, "{{\"type\":\"Feature\",\"id\":{i},\"geometry\":")?;
                write_geometry(&mut w, layer, i, local)?;
                writeln!(w, ",\"properties\":{{{}}}}},", props(i))?;
            }
            Ok(w)
        })
        .collect();
    let mut out = b"{\"type\":\"FeatureCollection\",\"features\":[\n".to_vec();
    for c in chunks {
        out.extend(c.map_err(|source| ExportError::Io {
            path: PathBuf::from("<geheugen>"),
            source,
        })?);
    }
    // Drop the last feature's ",\n" (if any) to close the array.
    if out.ends_with(b",\n") {
        out.truncate(out.len() - 2);
    }
    out.extend_from_slice(b"\n]}\n");
    Ok(out)
}

fn write_geojson(
    w: &mut impl Write,
    ds: &Dataset,
    layer: &locatiescout_model::layer::Layer,
    scoring: &Scoring,
    sites: &[u32],
    lang: Lang,
) -> io::Result<()> {
    let source = SourceColumns::new(layer, scoring, &[]);
    let namer = locatiescout_model::site_name::SiteNamer::new(layer);
    let mut geometry = Vec::new();
    w.write_all(b"{\"type\":\"FeatureCollection\",\"features\":[\n")?;
    for (rank, &s) in sites.iter().enumerate() {
        let i = s as usize;
        if rank > 0 {
            w.write_all(b",\n")?;
        }
        write!(
            w,
            "{{\"type\":\"Feature\",\"id\":{},\"geometry\":",
            json_str(&layer.label(i))
        )?;
        geometry.clear();
        write_geometry(
            &mut geometry,
            layer,
            i,
            layer.source_crs == locatiescout_model::crs::Crs::Local,
        )?;
        w.write_all(&without_negative_zero(&geometry))?;
        let ko = scoring.knockout_reasons(ds, i);
        let ko = if ko.is_empty() {
            "null".to_string()
        } else {
            json_str(&render_all(&ko, "; ", lang))
        };
        write!(
            w,
            ",\"properties\":{{\"site_index\":{i},\"rank\":{},\"id\":{},\"name\":{},\"score\":{},\"homes\":{},\"knockout\":{},\"explanation\":{}",
            rank + 1,
            json_str(&layer.label(i)),
            json_str(&namer.name(i)),
            one_decimal(f64::from(scoring.scores[i])),
            scoring.homes[i],
            ko,
            json_str(&scoring.explain(ds, i).render(lang)),
        )?;
        // A criterion not scored (its layer is missing) is null, never a 0.
        for (k, (c, v)) in scoring
            .profile
            .criteria
            .iter()
            .zip(scoring.sub_scores(i))
            .enumerate()
        {
            if scoring.spatial.scored(k) {
                write!(w, ",\"score_{}\":{}", c.key, one_decimal(f64::from(*v)))?;
            } else {
                write!(w, ",\"score_{}\":null", c.key)?;
            }
        }
        for f in scoring.spatial_facts(ds, i) {
            let unit = if f.unit == "m" { "m" } else { "pct" };
            match f.value {
                Some(v) => write!(w, ",\"{}_{unit}\":{}", f.key, one_decimal(v))?,
                None => write!(w, ",\"{}_{unit}\":null", f.key)?,
            }
            let name = f.feature_name.as_deref().map_or("null".into(), json_str);
            write!(w, ",\"{}_object\":{name}", f.key)?;
        }
        write!(w, ",\"grid\":{}", json_str(&scoring.grid[i].to_string()))?;
        let t = scoring.term_years[i];
        if t.is_finite() {
            write!(w, ",\"term_years\":{}", one_decimal(f64::from(t)))?;
        } else {
            write!(w, ",\"term_years\":null")?;
        }
        for (out, col) in &source.columns {
            let v = layer
                .source_value(i, col)
                .map_or_else(|| "null".to_string(), |v| json_value(&v));
            write!(w, ",{}:{v}", json_str(out))?;
        }
        w.write_all(b"}}")?;
    }
    w.write_all(b"\n]}\n")
}

/// The columns each export computes, in both formats' words: a source column
/// named like any of them (compared without case, as QGIS and Excel do) is
/// renamed alike in the GeoJSON and the CSV, so both join back the same way.
fn computed_columns(scoring: &Scoring) -> Vec<String> {
    let mut names: Vec<String> = [
        // GeoJSON
        "site_index",
        "rank",
        "id",
        "name",
        "score",
        "homes",
        "knockout",
        "explanation",
        "grid",
        "term_years",
        // CSV
        "rang",
        "naam",
        "woningen",
        "beschikbaar_jaren",
        "netaansluiting",
        "afvaller",
        "toelichting",
        "x_rd",
        "y_rd",
    ]
    .map(String::from)
    .to_vec();
    for c in &scoring.profile.criteria {
        names.push(format!("score_{}", c.key));
        if c.input.is_spatial() {
            for suffix in ["pct", "m", "object"] {
                names.push(format!("{}_{suffix}", c.key));
            }
        }
    }
    names
}

/// The source attributes an export hands back, each under the name it had,
/// or with `bron_` before it where a computed column of either format already
/// has that name: both stay visible.
struct SourceColumns<'l> {
    columns: Vec<(String, &'l FieldSeen)>,
}

impl<'l> SourceColumns<'l> {
    /// `own`: the names the format at hand writes, should one be missing from
    /// [`computed_columns`].
    fn new(layer: &'l Layer, scoring: &Scoring, own: &[String]) -> SourceColumns<'l> {
        let mut taken: HashSet<String> = computed_columns(scoring)
            .iter()
            .chain(own)
            .map(|c| c.to_lowercase())
            .collect();
        let mut columns = Vec::new();
        for col in layer.source_columns() {
            let mut out = col.name.clone();
            while !taken.insert(out.to_lowercase()) {
                out = format!("bron_{out}");
            }
            columns.push((out, col));
        }
        SourceColumns { columns }
    }
}

/// A source value in JSON: a number where the source's text is one (so QGIS
/// reads a number column), `true`/`false`, arrays and objects as the source
/// had them, a recognised code always as text.
fn json_value(v: &SourceValue<'_>) -> String {
    match v {
        SourceValue::Json(t) if is_json_literal(t) => (*t).to_string(),
        SourceValue::Text(t) | SourceValue::Json(t) => {
            let t = unsigned_zero(t);
            if is_plain_number(&t) {
                t.into_owned()
            } else {
                json_str(&t)
            }
        }
        SourceValue::Code(t) => json_str(&unsigned_zero(t)),
        SourceValue::Number(n) if n.is_finite() => number(*n),
        SourceValue::Number(_) => "null".into(),
        SourceValue::Read(t) => json_str(t),
    }
}

/// A source value in the Dutch Excel dialect: a number with a decimal comma.
fn csv_value(v: &SourceValue<'_>) -> String {
    match v {
        SourceValue::Text(t) | SourceValue::Json(t) => {
            let t = unsigned_zero(t);
            if is_plain_number(&t) {
                t.replace('.', ",")
            } else {
                t.into_owned()
            }
        }
        SourceValue::Code(t) => unsigned_zero(t).into_owned(),
        SourceValue::Number(n) => number(*n).replace('.', ","),
        SourceValue::Read(t) => t.clone(),
    }
}

/// `true`, `false`, an array or an object: JSON the import wrote itself.
fn is_json_literal(t: &str) -> bool {
    t == "true" || t == "false" || t.starts_with('[') || t.starts_with('{')
}

/// A number as Rust writes it, never `-0`.
fn number(n: f64) -> String {
    if n == 0.0 {
        "0".into()
    } else {
        format!("{n}")
    }
}

/// `t` without the minus of a negative zero (`-0`, `-0.0`, `-0,00`): no export
/// writes one (review F12), the rest of the text stays as the source wrote it.
fn unsigned_zero(t: &str) -> std::borrow::Cow<'_, str> {
    let Some(rest) = t.trim().strip_prefix('-') else {
        return t.into();
    };
    let (int, frac) = match rest.split_once(['.', ',']) {
        Some((i, f)) => (i, f),
        None => (rest, ""),
    };
    let zeros = |s: &str| s.bytes().all(|b| b == b'0');
    if !int.is_empty() && zeros(int) && zeros(frac) {
        t.replacen('-', "", 1).into()
    } else {
        t.into()
    }
}

/// A written geometry without negative zeros: local coordinates (written as the
/// file had them) of `-0.0`, or a tiny negative rounded to seven decimals.
fn without_negative_zero(geometry: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    const NEG: &[u8] = b"-0.0000000";
    let at = |k: usize| {
        geometry[k..].starts_with(NEG)
            && matches!(geometry.get(k + NEG.len()), Some(b',' | b']'))
            && (k == 0 || matches!(geometry[k - 1], b',' | b'['))
    };
    if !(0..geometry.len()).any(at) {
        return geometry.into();
    }
    let mut out = Vec::with_capacity(geometry.len());
    for (k, b) in geometry.iter().enumerate() {
        if !(*b == b'-' && at(k)) {
            out.push(*b);
        }
    }
    out.into()
}

/// `12`, `-0.5`, `272.393825871`: a decimal number as JSON writes it. Not a
/// code that looks like one: a leading zero (`0221…`, a BAG id) or more than 15
/// digits before the point stays text.
fn is_plain_number(t: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let u = t.strip_prefix('-').unwrap_or(t);
    let (int, frac) = match u.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (u, None),
    };
    digits(int)
        && int.len() <= 15
        && (int == "0" || !int.starts_with('0'))
        && frac.is_none_or(digits)
}

/// A number with one decimal as JSON writes it, never `-0.0` (a share of 0 %
/// computed as −0,0001 % is 0).
fn one_decimal(v: f64) -> String {
    let s = format!("{v:.1}");
    if s == "-0.0" {
        "0.0".into()
    } else {
        s
    }
}

fn write_csv(
    w: &mut impl Write,
    ds: &Dataset,
    layer: &locatiescout_model::layer::Layer,
    scoring: &Scoring,
    sites: &[u32],
    lang: Lang,
) -> io::Result<()> {
    let mut header = vec![
        "rang".to_string(),
        "id".into(),
        "naam".into(),
        "score".into(),
        "woningen".into(),
        "beschikbaar_jaren".into(),
        "netaansluiting".into(),
        "afvaller".into(),
        "toelichting".into(),
        "x_rd".into(),
        "y_rd".into(),
    ];
    header.extend(
        scoring
            .profile
            .criteria
            .iter()
            .map(|c| format!("score_{}", c.key)),
    );
    // Every spatial input as its value (% or m) and the feature that decided it.
    for c in scoring
        .profile
        .criteria
        .iter()
        .filter(|c| c.input.is_spatial())
    {
        let unit = if c.input == locatiescout_engine::profile::Input::DistanceM {
            "m"
        } else {
            "pct"
        };
        header.push(format!("{}_{unit}", c.key));
        header.push(format!("{}_object", c.key));
    }
    let source = SourceColumns::new(layer, scoring, &header);
    header.extend(source.columns.iter().map(|(out, _)| out.clone()));
    let namer = locatiescout_model::site_name::SiteNamer::new(layer);
    let mut csv = DutchCsv::new(&header);
    for (rank, &s) in sites.iter().enumerate() {
        let i = s as usize;
        let anchor = layer.geom.anchor(i);
        let t = scoring.term_years[i];
        let term = if t.is_infinite() {
            Text::new("term.open").render(lang)
        } else if t.is_nan() {
            String::new()
        } else {
            nl_number(f64::from(t), 1)
        };
        let mut row = vec![
            (rank + 1).to_string(),
            layer.label(i),
            namer.name(i),
            nl_number(f64::from(scoring.scores[i]), 1),
            nl_number(f64::from(scoring.homes[i]), 0).replace('.', ""),
            term,
            scoring.grid[i].text().render(lang),
            render_all(&scoring.knockout_reasons(ds, i), "; ", lang),
            scoring.explain(ds, i).render(lang),
            anchor
                .map(|p| nl_number(p.x(), 2).replace('.', ""))
                .unwrap_or_default(),
            anchor
                .map(|p| nl_number(p.y(), 2).replace('.', ""))
                .unwrap_or_default(),
        ];
        // A criterion not scored (its layer is missing) is an empty cell, never a 0.
        row.extend(scoring.sub_scores(i).iter().enumerate().map(|(k, v)| {
            if scoring.spatial.scored(k) {
                nl_number(f64::from(*v), 1)
            } else {
                String::new()
            }
        }));
        for f in scoring.spatial_facts(ds, i) {
            // Decimal comma without thousands separator, as the other number columns.
            row.push(
                f.value
                    .map(|v| nl_number(v, 1).replace('.', ""))
                    .unwrap_or_default(),
            );
            row.push(f.feature_name.unwrap_or_default());
        }
        row.extend(source.columns.iter().map(|(_, col)| {
            layer
                .source_value(i, col)
                .map(|v| csv_value(&v))
                .unwrap_or_default()
        }));
        csv.row(&row);
    }
    w.write_all(&csv.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::{csv_value, is_plain_number, json_value, without_negative_zero};
    use locatiescout_model::source_values::SourceValue;

    #[test]
    fn negative_zero_is_written_as_zero() {
        // Review F12: whatever form it came in.
        for (v, json, csv) in [
            (SourceValue::Number(-0.0), "0", "0"),
            (SourceValue::Text("-0"), "0", "0"),
            (SourceValue::Text("-0.00"), "0.00", "0,00"),
            (SourceValue::Text("-0,0"), "\"0,0\"", "0,0"),
            (SourceValue::Json("-0"), "0", "0"),
            (SourceValue::Code("-0"), "\"0\"", "0"),
        ] {
            assert_eq!(json_value(&v), json, "{v:?}");
            assert_eq!(csv_value(&v), csv, "{v:?}");
        }
        // Not a zero, or not a number: as the source wrote it.
        for (v, json, csv) in [
            (SourceValue::Text("-0.5"), "-0.5", "-0,5"),
            (SourceValue::Text("-01"), "\"-01\"", "-01"),
            (SourceValue::Text("-"), "\"-\"", "-"),
            (SourceValue::Text("-0a"), "\"-0a\"", "-0a"),
            (SourceValue::Number(-2.5), "-2.5", "-2,5"),
        ] {
            assert_eq!(json_value(&v), json, "{v:?}");
            assert_eq!(csv_value(&v), csv, "{v:?}");
        }
        let g = b"{\"type\":\"Point\",\"coordinates\":[-0.0000000,-0.0000000]}";
        assert_eq!(
            &*without_negative_zero(g),
            b"{\"type\":\"Point\",\"coordinates\":[0.0000000,0.0000000]}"
        );
        let g = b"[[-10.0000000,-0.00000001],[-0.0000001,5.0]]";
        assert_eq!(&*without_negative_zero(g), g);
    }

    #[test]
    fn json_literals_are_written_as_the_source_had_them() {
        assert_eq!(json_value(&SourceValue::Json("true")), "true");
        assert_eq!(csv_value(&SourceValue::Json("true")), "true");
        assert_eq!(json_value(&SourceValue::Json("[1,2]")), "[1,2]");
        assert_eq!(csv_value(&SourceValue::Json("[1,2]")), "[1,2]");
        // A text that reads so stays text.
        assert_eq!(json_value(&SourceValue::Text("true")), "\"true\"");
        assert_eq!(json_value(&SourceValue::Json("9999")), "9999");
    }

    #[test]
    fn numbers_are_told_from_codes_that_look_like_them() {
        for n in ["0", "12", "-0.5", "272.393825871", "2917.96256463"] {
            assert!(is_plain_number(n), "{n}");
        }
        // A BAG id (leading zero), a 16-digit key, a Dutch decimal, a date, words.
        for t in [
            "0221100000312345",
            "1234567890123456",
            "2,476",
            "2025-01-01",
            "1e5",
            "12.",
            ".5",
            "",
            "-",
            "ja",
        ] {
            assert!(!is_plain_number(t), "{t}");
        }
    }
}
