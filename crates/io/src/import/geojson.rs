//! Streaming GeoJSON reader. A byte scanner walks the top-level object and cuts
//! the `features` array into one slice per feature (memory stays bounded by a
//! batch, not the file); batches are parsed in parallel and merged in file order.
//! The CRS is decided at the end (a `crs` member may follow the features), then
//! coordinates are projected to RD New in place.

use std::collections::HashSet;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::mpsc;

use rayon::prelude::*;

use super::feature::{parse_feature, parse_geometry_feature, FeatureError, RawFeature};
use super::{ImportError, ImportOptions, Layer, LayerBuilder, Prepared};
use locatiescout_model::attrs::{new_strings, InternCache, ParsedAttrs, Strings};
use locatiescout_model::crs::{self, CrsDecision};

const READ_CHUNK: usize = 1 << 20;
const BATCH_BYTES: usize = 4 << 20;

/// A problem the scanner found, before the path is attached.
enum ScanError {
    Io(io::Error),
    Truncated {
        byte_offset: u64,
        feature: Option<usize>,
    },
    Syntax {
        byte_offset: u64,
        feature: Option<usize>,
        message: String,
    },
    TooLarge {
        byte_offset: u64,
    },
    NotGeoJson(String),
    Stopped,
}

impl From<io::Error> for ScanError {
    fn from(e: io::Error) -> Self {
        ScanError::Io(e)
    }
}

struct Scanner<R> {
    r: R,
    buf: Vec<u8>,
    pos: usize,
    end: usize,
    /// File offset of `buf[0]`.
    base: u64,
    max_value: usize,
    feature: Option<usize>,
}

impl<R: Read> Scanner<R> {
    fn offset(&self) -> u64 {
        self.base + self.pos as u64
    }

    /// Reads more, keeping `buf[pos..end]`. False at end of file.
    fn refill(&mut self) -> io::Result<bool> {
        if self.pos > 0 {
            self.buf.copy_within(self.pos..self.end, 0);
            self.end -= self.pos;
            self.base += self.pos as u64;
            self.pos = 0;
        }
        if self.end == self.buf.len() {
            let grown = (self.buf.len() * 2).max(READ_CHUNK);
            self.buf.resize(grown, 0);
        }
        loop {
            match self.r.read(&mut self.buf[self.end..]) {
                Ok(0) => return Ok(false),
                Ok(n) => {
                    self.end += n;
                    return Ok(true);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        }
    }

    /// The next non-whitespace byte, not consumed. `None` at end of file.
    fn peek(&mut self) -> Result<Option<u8>, ScanError> {
        loop {
            while self.pos < self.end {
                let b = self.buf[self.pos];
                if matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
                    self.pos += 1;
                } else {
                    return Ok(Some(b));
                }
            }
            if !self.refill()? {
                return Ok(None);
            }
        }
    }

    fn syntax(&self, message: impl Into<String>) -> ScanError {
        ScanError::Syntax {
            byte_offset: self.offset(),
            feature: self.feature,
            message: message.into(),
        }
    }

    fn expect(&mut self, want: u8, what: &str) -> Result<(), ScanError> {
        match self.peek()? {
            Some(b) if b == want => {
                self.pos += 1;
                Ok(())
            }
            Some(b) => Err(self.syntax(format!(
                "verwacht {what}, gevonden '{}'",
                char::from(b).escape_default()
            ))),
            None => Err(ScanError::Truncated {
                byte_offset: self.offset(),
                feature: self.feature,
            }),
        }
    }

    /// Length of the JSON value starting at `pos` (after `peek`). Strings are
    /// skipped with their escapes; nesting is tracked by brackets only, the
    /// parser checks the rest.
    fn value_len(&mut self) -> Result<usize, ScanError> {
        let first = self.peek()?.ok_or(ScanError::Truncated {
            byte_offset: self.offset(),
            feature: self.feature,
        })?;
        let mut rel = 0usize;
        if !matches!(first, b'{' | b'[' | b'"') {
            // number, true, false, null
            loop {
                let slice = &self.buf[self.pos + rel..self.end];
                if let Some(k) = slice
                    .iter()
                    .position(|b| matches!(b, b',' | b']' | b'}' | b' ' | b'\n' | b'\r' | b'\t'))
                {
                    return Ok(rel + k);
                }
                rel += slice.len();
                if !self.refill()? {
                    return Ok(rel);
                }
            }
        }
        if first == b'{' {
            return self.object_len();
        }
        let mut depth = 0u32;
        let mut in_str = false;
        let mut esc = false;
        loop {
            let slice = &self.buf[self.pos + rel..self.end];
            for (k, &b) in slice.iter().enumerate() {
                if in_str {
                    if esc {
                        esc = false;
                    } else if b == b'\\' {
                        esc = true;
                    } else if b == b'"' {
                        in_str = false;
                        if depth == 0 {
                            return Ok(rel + k + 1);
                        }
                    }
                    continue;
                }
                match b {
                    b'"' => in_str = true,
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            return Ok(rel + k + 1);
                        }
                    }
                    _ => {}
                }
            }
            rel += slice.len();
            self.grow_or_fail(rel)?;
        }
    }

    /// Fast path for objects (every feature): only braces and strings decide where
    /// an object ends, so SIMD `memchr` jumps over coordinate arrays. Bracket
    /// mistakes inside are left to the parser.
    fn object_len(&mut self) -> Result<usize, ScanError> {
        let mut rel = 0usize;
        let mut depth = 0u32;
        let mut in_str = false;
        loop {
            let slice = &self.buf[self.pos + rel..self.end];
            let mut k = 0usize;
            while k < slice.len() {
                if in_str {
                    match memchr::memchr2(b'"', b'\\', &slice[k..]) {
                        None => {
                            k = slice.len();
                        }
                        Some(j) if slice[k + j] == b'\\' => {
                            if k + j + 1 >= slice.len() {
                                // escape split across a refill: rescan from the backslash
                                k += j;
                                break;
                            }
                            k += j + 2;
                        }
                        Some(j) => {
                            in_str = false;
                            k += j + 1;
                        }
                    }
                    continue;
                }
                match memchr::memchr3(b'"', b'{', b'}', &slice[k..]) {
                    None => k = slice.len(),
                    Some(j) => {
                        let b = slice[k + j];
                        k += j + 1;
                        match b {
                            b'"' => in_str = true,
                            b'{' => depth += 1,
                            _ => {
                                depth = depth.saturating_sub(1);
                                if depth == 0 {
                                    return Ok(rel + k);
                                }
                            }
                        }
                    }
                }
            }
            rel += k;
            self.grow_or_fail(rel)?;
        }
    }

    /// After scanning `rel` bytes without finding the end: read more or fail.
    fn grow_or_fail(&mut self, rel: usize) -> Result<(), ScanError> {
        if rel > self.max_value {
            return Err(ScanError::TooLarge {
                byte_offset: self.offset(),
            });
        }
        if !self.refill()? {
            return Err(ScanError::Truncated {
                byte_offset: self.base + self.end as u64,
                feature: self.feature,
            });
        }
        Ok(())
    }

    fn take_value(&mut self) -> Result<&[u8], ScanError> {
        let len = self.value_len()?;
        let start = self.pos;
        self.pos += len;
        Ok(&self.buf[start..start + len])
    }

    fn key(&mut self) -> Result<String, ScanError> {
        if self.peek()? != Some(b'"') {
            return Err(self.syntax("verwacht een sleutel tussen aanhalingstekens"));
        }
        let at = self.offset();
        let raw = self.take_value()?;
        serde_json::from_slice::<String>(raw).map_err(|e| ScanError::Syntax {
            byte_offset: at,
            feature: None,
            message: e.to_string(),
        })
    }
}

/// Feature slices cut from the file, parsed together.
#[derive(Default)]
struct Batch {
    data: Vec<u8>,
    /// (start, end, feature index, file offset)
    slots: Vec<(usize, usize, usize, u64)>,
}

/// The top level, minus the features.
#[derive(Default)]
struct TopLevel {
    members: Vec<(String, Vec<u8>)>,
    had_features: bool,
    feature_count: usize,
}

impl TopLevel {
    fn member(&self, name: &str) -> Option<&[u8]> {
        self.members
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_slice())
    }
}

fn scan<R: Read>(
    sc: &mut Scanner<R>,
    tx: &mpsc::SyncSender<Batch>,
    recycled: &mpsc::Receiver<Batch>,
    total: u64,
    opts: &ImportOptions<'_>,
) -> Result<TopLevel, ScanError> {
    let mut top = TopLevel::default();
    match sc.peek()? {
        None => {
            return Err(ScanError::NotGeoJson(
                "het bestand bevat alleen witruimte".into(),
            ))
        }
        Some(b'{') => sc.pos += 1,
        Some(_) => return Err(ScanError::NotGeoJson(String::new())),
    }
    let mut seen = HashSet::new();
    if sc.peek()? == Some(b'}') {
        sc.pos += 1;
        return Ok(top);
    }
    loop {
        let key = sc.key()?;
        if !seen.insert(key.clone()) {
            return Err(ScanError::NotGeoJson(format!(
                "het lid '{key}' staat twee keer in het hoofdobject; onduidelijk welke bedoeld is"
            )));
        }
        sc.expect(b':', "':'")?;
        if key == "features" {
            top.had_features = true;
            if sc.peek()? != Some(b'[') {
                return Err(ScanError::NotGeoJson(
                    "'features' moet een lijst zijn".into(),
                ));
            }
            sc.pos += 1;
            let mut batch = Batch::default();
            let mut index = 0usize;
            if sc.peek()? == Some(b']') {
                sc.pos += 1;
            } else {
                loop {
                    sc.feature = Some(index);
                    sc.peek()?;
                    let at = sc.offset();
                    let bytes = sc.take_value()?;
                    let start = batch.data.len();
                    batch.data.extend_from_slice(bytes);
                    batch.slots.push((start, batch.data.len(), index, at));
                    index += 1;
                    if batch.data.len() >= BATCH_BYTES {
                        if let Some(p) = opts.progress {
                            p(sc.offset(), total);
                        }
                        // Reuse a merged batch's buffers: fresh 4 MB buffers cost page faults.
                        let mut next = recycled.try_recv().unwrap_or_default();
                        next.data.clear();
                        next.slots.clear();
                        if opts.cancelled() || tx.send(std::mem::replace(&mut batch, next)).is_err()
                        {
                            return Err(ScanError::Stopped);
                        }
                    }
                    match sc.peek()? {
                        Some(b',') => sc.pos += 1,
                        Some(b']') => {
                            sc.pos += 1;
                            break;
                        }
                        Some(_) => return Err(sc.syntax("verwacht ',' of ']' na een feature")),
                        None => {
                            return Err(ScanError::Truncated {
                                byte_offset: sc.offset(),
                                feature: sc.feature,
                            })
                        }
                    }
                }
            }
            sc.feature = None;
            top.feature_count = index;
            if !batch.slots.is_empty() && tx.send(batch).is_err() {
                return Err(ScanError::Stopped);
            }
        } else {
            let raw = sc.take_value()?.to_vec();
            top.members.push((key, raw));
        }
        match sc.peek()? {
            Some(b',') => sc.pos += 1,
            Some(b'}') => {
                sc.pos += 1;
                break;
            }
            Some(_) => return Err(sc.syntax("verwacht ',' of '}' in het hoofdobject")),
            None => {
                return Err(ScanError::Truncated {
                    byte_offset: sc.offset(),
                    feature: None,
                })
            }
        }
    }
    if sc.peek()?.is_some() {
        return Err(sc.syntax("er staat nog tekst na het einde van het GeoJSON-object"));
    }
    if let Some(p) = opts.progress {
        p(total, total);
    }
    Ok(top)
}

enum Outcome {
    Ok(Box<Prepared>),
    Skip(String),
    Syntax(serde_json::Error),
}

fn prepare(
    index: usize,
    raw: RawFeature<'_>,
    opts: &ImportOptions<'_>,
    cache: &mut InternCache<'_>,
) -> Result<Prepared, String> {
    if let Some(samples) = opts.samples {
        samples.record(index, &raw.props);
    }
    let attrs = ParsedAttrs::from_props(raw.props, opts.field_map);
    if let Some(reason) = attrs.historic() {
        return Err(reason);
    }
    let Some(geometry) = raw.geometry else {
        let hint = attrs.texts[7]
            .as_ref()
            .map(|a| format!("; adres '{a}' kan later worden gegeocodeerd"))
            .unwrap_or_default();
        return Err(format!("geen geometrie (null){hint}"));
    };
    if let Some(reason) = super::outside_declared(opts.outliers_for, &geometry) {
        return Err(format!("{reason}; dit object is overgeslagen"));
    }
    Ok(Prepared::with_cache(
        index,
        geometry,
        attrs,
        raw.geojson_id,
        raw.warnings,
        raw.had_z,
        cache,
    ))
}

/// Says what a file that does not start with `{` is.
fn explain_start(path: &Path, head: &[u8]) -> ImportError {
    let text = String::from_utf8_lossy(&head[..head.len().min(40)]).to_string();
    let trimmed = text.trim_start().to_string();
    let lower = trimmed.to_lowercase();
    if ["var ", "let ", "const ", "window.", "export "]
        .iter()
        .any(|p| lower.starts_with(p))
        || (lower.contains('=') && lower.contains('{'))
    {
        return ImportError::JavaScript {
            path: path.to_path_buf(),
            start: trimmed.chars().take(20).collect(),
        };
    }
    if head.is_empty() {
        return ImportError::NotGeoJson {
            path: path.to_path_buf(),
            message: "het bestand bevat alleen spaties en regeleinden".into(),
        };
    }
    if lower.starts_with("null") {
        return ImportError::NotGeoJson {
            path: path.to_path_buf(),
            message: "het bestand bevat alleen 'null'".into(),
        };
    }
    if lower.starts_with('[') {
        return ImportError::NotGeoJson {
            path: path.to_path_buf(),
            message: "het bestand is een JSON-lijst; verwacht een object met \"type\": \"FeatureCollection\"".into(),
        };
    }
    if std::str::from_utf8(head).is_err() && !head.is_empty() {
        if head.starts_with(b"PK") || head.starts_with(b"SQLite") || head.contains(&0) {
            return ImportError::NotJson {
                path: path.to_path_buf(),
                start: "binaire gegevens".into(),
                byte_offset: 0,
            };
        }
        return ImportError::NotUtf8 {
            path: path.to_path_buf(),
            byte_offset: std::str::from_utf8(head).map_or_else(|e| e.valid_up_to() as u64, |_| 0),
        };
    }
    ImportError::NotJson {
        path: path.to_path_buf(),
        start: trimmed.chars().take(20).collect(),
        byte_offset: 0,
    }
}

fn syntax_error(
    path: &Path,
    bytes: &[u8],
    at: u64,
    index: Option<usize>,
    e: &serde_json::Error,
) -> ImportError {
    if let Err(u) = std::str::from_utf8(bytes) {
        return ImportError::NotUtf8 {
            path: path.to_path_buf(),
            byte_offset: at + u.valid_up_to() as u64,
        };
    }
    // serde reports line/column inside the slice; turn that into a file offset.
    let mut offset = 0usize;
    for (n, line) in bytes.split(|b| *b == b'\n').enumerate() {
        if n + 1 == e.line() {
            offset += e.column().saturating_sub(1).min(line.len());
            break;
        }
        offset += line.len() + 1;
    }
    if e.classify() == serde_json::error::Category::Eof {
        return ImportError::Truncated {
            path: path.to_path_buf(),
            byte_offset: at + offset as u64,
            feature: index,
        };
    }
    let msg = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    ImportError::Syntax {
        path: path.to_path_buf(),
        byte_offset: at + offset as u64,
        feature: index,
        message: msg.strip_suffix(&suffix).unwrap_or(&msg).to_string(),
    }
}

/// Reads a GeoJSON file (FeatureCollection, single Feature or bare geometry).
pub fn read_geojson(path: &Path, opts: ImportOptions<'_>) -> Result<Layer, ImportError> {
    super::skipping_outliers(opts, |opts| read_geojson_once(path, opts))
}

fn read_geojson_once(path: &Path, opts: ImportOptions<'_>) -> Result<Layer, ImportError> {
    let (file, total) = super::open_checked(path)?;
    let pb = |e: ScanError| -> ImportError {
        let path: PathBuf = path.to_path_buf();
        match e {
            ScanError::Io(source) => ImportError::Io { path, source },
            ScanError::Truncated {
                byte_offset,
                feature,
            } => ImportError::Truncated {
                path,
                byte_offset,
                feature,
            },
            ScanError::Syntax {
                byte_offset,
                feature,
                message,
            } => ImportError::Syntax {
                path,
                byte_offset,
                feature,
                message,
            },
            ScanError::TooLarge { byte_offset } => ImportError::TooLarge {
                path,
                what: "één feature".into(),
                limit: format!("{} MB", opts.max_feature_bytes >> 20),
                byte_offset,
            },
            ScanError::NotGeoJson(message) => ImportError::NotGeoJson { path, message },
            ScanError::Stopped => ImportError::Cancelled { path },
        }
    };

    let mut sc = Scanner {
        r: file,
        buf: Vec::new(),
        pos: 0,
        end: 0,
        base: 0,
        max_value: opts.max_feature_bytes,
        feature: None,
    };
    // A first look decides whether this is JSON at all.
    sc.refill().map_err(|source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    // Judged on what follows any byte-order mark and leading white space, however
    // much of it (a file may start with megabytes of blanks before its '{').
    if sc.buf[..sc.end].starts_with(b"\xEF\xBB\xBF") {
        sc.pos = 3;
    }
    loop {
        match sc.buf[sc.pos..sc.end]
            .iter()
            .position(|b| !b.is_ascii_whitespace())
        {
            Some(k) => {
                sc.pos += k;
                break;
            }
            None => {
                sc.pos = sc.end;
                let more = sc.refill().map_err(|source| ImportError::Io {
                    path: path.to_path_buf(),
                    source,
                })?;
                if !more {
                    break;
                }
            }
        }
    }
    if sc.end - sc.pos < 64 {
        // A short read: the head may continue in the next block.
        sc.refill().map_err(|source| ImportError::Io {
            path: path.to_path_buf(),
            source,
        })?;
    }
    let head = sc.buf[sc.pos..(sc.pos + 64).min(sc.end)].to_vec();
    if head.first() != Some(&b'{') {
        return Err(explain_start(path, &head));
    }

    let mut builder = LayerBuilder::new(path, "GeoJSON", opts);
    builder.reserve_for_bytes(total);
    let strings = new_strings();
    let (tx, rx) = mpsc::sync_channel::<Batch>(2);
    let (recycle_tx, recycle_rx) = mpsc::channel::<Batch>();
    let result: Result<TopLevel, ImportError> = std::thread::scope(|s| {
        let scanner = s.spawn(move || {
            let r = scan(&mut sc, &tx, &recycle_rx, total, &opts);
            drop(tx);
            r
        });
        let mut fatal: Option<ImportError> = None;
        // Parse batch k+1 (all cores) while batch k is merged in file order.
        let mut pending: Option<(Batch, Vec<Outcome>)> = None;
        let parse = |batch: &Batch| -> Vec<Outcome> {
            batch
                .slots
                .par_iter()
                .map_init(
                    || InternCache::new(&strings),
                    |cache, &(s, e, index, _)| match parse_feature(&batch.data[s..e]) {
                        Ok(raw) => match prepare(index, raw, &opts, cache) {
                            Ok(p) => Outcome::Ok(Box::new(p)),
                            Err(reason) => Outcome::Skip(reason),
                        },
                        Err(FeatureError::Skip(m)) => Outcome::Skip(m),
                        Err(FeatureError::Syntax(e)) => Outcome::Syntax(e),
                    },
                )
                .collect()
        };
        let merge = |builder: &mut LayerBuilder<'_>,
                     batch: Batch,
                     outcomes: Vec<Outcome>|
         -> Result<(), ImportError> {
            for (&(s, e, index, at), outcome) in batch.slots.iter().zip(outcomes) {
                match outcome {
                    Outcome::Ok(p) => builder.push(*p)?,
                    Outcome::Skip(reason) => builder.skip(index, Some(at), reason),
                    Outcome::Syntax(err) => {
                        return Err(syntax_error(path, &batch.data[s..e], at, Some(index), &err))
                    }
                }
            }
            let _ = recycle_tx.send(batch); // the scanner may have finished already
            Ok(())
        };
        for batch in rx.iter() {
            if fatal.is_some() {
                continue;
            }
            let prev = pending.take();
            let (merged, parsed) = rayon::join(
                || prev.map_or(Ok(()), |(b, o)| merge(&mut builder, b, o)),
                || parse(&batch),
            );
            if let Err(e) = merged {
                fatal = Some(e);
                continue;
            }
            pending = Some((batch, parsed));
        }
        if let (Some((b, o)), None) = (pending.take(), fatal.as_ref()) {
            if let Err(e) = merge(&mut builder, b, o) {
                fatal = Some(e);
            }
        }
        let scanned = scanner.join().unwrap_or(Err(ScanError::Stopped));
        if let Some(e) = fatal {
            return Err(e);
        }
        scanned.map_err(pb)
    });
    let top = result?;
    if opts.cancelled() {
        return Err(ImportError::Cancelled {
            path: path.to_path_buf(),
        });
    }
    finish_top_level(path, builder, top, opts, strings)
}

fn type_of(path: &Path, top: &TopLevel) -> Result<String, ImportError> {
    let not = |message: String| ImportError::NotGeoJson {
        path: path.to_path_buf(),
        message,
    };
    let Some(raw) = top.member("type") else {
        return Err(not("het object heeft geen 'type' (verwacht \"FeatureCollection\", \"Feature\" of een geometrietype)".into()));
    };
    serde_json::from_slice::<String>(raw).map_err(|_| not("'type' moet tekst zijn".into()))
}

const GEOMETRY_TYPES: [&str; 7] = [
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
    "GeometryCollection",
];

fn finish_top_level(
    path: &Path,
    mut builder: LayerBuilder<'_>,
    top: TopLevel,
    opts: ImportOptions<'_>,
    strings: Strings,
) -> Result<Layer, ImportError> {
    let not = |message: String| ImportError::NotGeoJson {
        path: path.to_path_buf(),
        message,
    };
    let ty = type_of(path, &top)?;
    let member_names: Vec<&str> = top.members.iter().map(|(k, _)| k.as_str()).collect();
    match ty.as_str() {
        "FeatureCollection" => {
            if !top.had_features {
                return Err(not("FeatureCollection zonder 'features'".into()));
            }
            for name in ["geometry", "properties", "coordinates", "geometries"] {
                if member_names.contains(&name) {
                    builder.report.notes.push(format!(
                        "lid '{name}' hoort niet in een FeatureCollection (RFC 7946 §7.1) en is genegeerd"
                    ));
                }
            }
        }
        t if t == "Feature" || GEOMETRY_TYPES.contains(&t) => {
            if top.had_features {
                builder.report.notes.push(format!(
                    "lid 'features' hoort niet in een {t} (RFC 7946 §7.1) en is genegeerd"
                ));
            }
            // Rebuild the object without `features` and read it as one feature.
            let mut obj = b"{".to_vec();
            for (i, (k, v)) in top.members.iter().enumerate() {
                if i > 0 {
                    obj.push(b',');
                }
                obj.extend_from_slice(&serde_json::to_vec(k).unwrap_or_default());
                obj.push(b':');
                obj.extend_from_slice(v);
            }
            obj.push(b'}');
            let parsed = if t == "Feature" {
                parse_feature(&obj)
            } else {
                parse_geometry_feature(&obj)
            };
            match parsed {
                Ok(raw) => match prepare(0, raw, &opts, &mut InternCache::new(&strings)) {
                    Ok(p) => builder.push(p)?,
                    Err(reason) => builder.skip(0, Some(0), reason),
                },
                Err(FeatureError::Skip(reason)) => builder.skip(0, Some(0), reason),
                Err(FeatureError::Syntax(e)) => return Err(syntax_error(path, &obj, 0, None, &e)),
            }
        }
        other => {
            let hint = ["FeatureCollection", "Feature"]
                .iter()
                .chain(GEOMETRY_TYPES.iter())
                .find(|t| t.eq_ignore_ascii_case(other))
                .map(|t| format!(" (hoofdlettergevoelig: bedoeld is '{t}'?)"))
                .unwrap_or_default();
            return Err(not(format!("onbekend GeoJSON-type '{other}'{hint}")));
        }
    }

    let extent = builder.raw_extent();
    let (crs, decision) = match top.member("crs") {
        Some(raw) => {
            let name = crs_member_name(raw).ok_or_else(|| {
                not("het 'crs'-lid is onleesbaar (verwacht {\"type\":\"name\",\"properties\":{\"name\":\"EPSG:28992\"}})".into())
            })?;
            let crs = crs::parse_crs_name(&name).map_err(|source| ImportError::UnknownCrs {
                path: path.to_path_buf(),
                source,
            })?;
            if !crs::plausible(crs, &extent) {
                return Err(ImportError::CrsMismatch {
                    path: path.to_path_buf(),
                    declared: crs,
                    extent,
                });
            }
            (crs, CrsDecision::Declared { name })
        }
        None => crs::infer_crs(&extent).map_err(|source| ImportError::UndetectableCrs {
            path: path.to_path_buf(),
            source,
        })?,
    };
    builder.finish(crs, decision, strings)
}

/// Reads `{"type":"name","properties":{"name":…}}` and the old `{"type":"EPSG","properties":{"code":…}}`.
fn crs_member_name(raw: &[u8]) -> Option<String> {
    let v: serde_json::Value = serde_json::from_slice(raw).ok()?;
    let props = v.get("properties")?;
    if let Some(name) = props.get("name").and_then(|n| n.as_str()) {
        return Some(name.to_string());
    }
    props.get("code").map(|c| match c {
        serde_json::Value::String(s) => format!("EPSG:{s}"),
        other => format!("EPSG:{other}"),
    })
}
