//! A layer as named columns of little-endian bytes: the "compact binary form" the
//! project file keeps instead of re-parsing GeoJSON. Columns are plain arrays
//! (coordinates, offsets, one column per attribute), so writing and reading are
//! straight copies, and a damaged column is caught by [`Layer::from_parts`].

use chrono::NaiveDate;
use geo::Coord;
use lasso::Key;

use crate::import::{ImportReport, Layer, LayerParts};
use locatiescout_model::attrs::{new_strings, Attrs, Functions, Sym};
use locatiescout_model::crs::Crs;
use locatiescout_model::geometry::{GeomKind, GeomStore};
use locatiescout_model::layer::LayerKind;

/// Bumped when a column changes meaning; stored per layer.
pub const CODEC_VERSION: u32 = 1;

const TEXT_SLOTS: usize = 13;

fn put<const N: usize, T: Copy>(v: &[T], f: impl Fn(T) -> [u8; N]) -> Vec<u8> {
    let mut out = Vec::with_capacity(v.len() * N);
    for &x in v {
        out.extend_from_slice(&f(x));
    }
    out
}

fn get<const N: usize, T>(
    name: &str,
    b: &[u8],
    f: impl Fn([u8; N]) -> T,
) -> Result<Vec<T>, String> {
    if !b.len().is_multiple_of(N) {
        return Err(format!(
            "column {name}: {} bytes is not a multiple of {N}",
            b.len()
        ));
    }
    Ok(b.chunks_exact(N)
        .map(|c| {
            let mut a = [0u8; N];
            a.copy_from_slice(c);
            f(a)
        })
        .collect())
}

fn sym_code(s: Option<Sym>) -> u32 {
    s.map_or(0, |k| k.into_usize() as u32 + 1)
}

fn sym_from(code: u32) -> Result<Option<Sym>, String> {
    match code {
        0 => Ok(None),
        c => Sym::try_from_usize(c as usize - 1)
            .map(Some)
            .ok_or_else(|| format!("bad string key {c}")),
    }
}

const NO_DATE: i32 = i32::MIN;

fn date_code(d: Option<NaiveDate>) -> i32 {
    use chrono::Datelike;
    d.map_or(NO_DATE, |d| d.num_days_from_ce())
}

fn date_from(c: i32) -> Option<NaiveDate> {
    (c != NO_DATE)
        .then(|| NaiveDate::from_num_days_from_ce_opt(c))
        .flatten()
}

/// The columns of `layer`, by name.
pub fn encode(layer: &Layer) -> Vec<(String, Vec<u8>)> {
    let mut cols: Vec<(String, Vec<u8>)> = Vec::new();
    encode_each(layer, &mut |name, data| cols.push((name.to_string(), data)));
    cols
}

/// Hands each column of `layer` to `sink` as soon as it is encoded, so saving
/// holds one column's bytes at a time, not a second copy of the whole layer
/// (5 M parcels: 1.8 GB).
pub fn encode_each(layer: &Layer, sink: &mut dyn FnMut(&str, Vec<u8>)) {
    let g = layer.geom.raw();
    let mut col = |name: &str, data: Vec<u8>| sink(name, data);
    col(
        "geom.coords",
        put(g.coords, |c: Coord<f64>| {
            let mut b = [0u8; 16];
            b[..8].copy_from_slice(&c.x.to_le_bytes());
            b[8..].copy_from_slice(&c.y.to_le_bytes());
            b
        }),
    );
    col("geom.ring_ends", put(g.ring_ends, u32::to_le_bytes));
    col("geom.part_ends", put(g.part_ends, u32::to_le_bytes));
    col("geom.feature_ends", put(g.feature_ends, u32::to_le_bytes));
    col("geom.kinds", g.kinds.iter().map(|k| k.code()).collect());
    let (ids, id_ends) = layer.raw_ids();
    col("ids", ids.as_bytes().to_vec());
    col("id_ends", put(id_ends, |e: usize| (e as u64).to_le_bytes()));
    col("area_m2", put(&layer.area_m2, f64::to_le_bytes));
    col("source_index", put(&layer.source_index, u32::to_le_bytes));
    col(
        "invalid",
        layer.invalid.iter().map(|&b| u8::from(b)).collect(),
    );
    // The string pool in key order; rebuilt by interning in the same order.
    let mut strings = Vec::new();
    let mut string_ends = Vec::with_capacity(layer.strings.len());
    for k in 0..layer.strings.len() {
        if let Some(s) = Sym::try_from_usize(k).and_then(|k| layer.strings.try_resolve(&k)) {
            strings.extend_from_slice(s.as_bytes());
        }
        string_ends.push(strings.len() as u64);
    }
    col("strings", strings);
    col("string_ends", put(&string_ends, u64::to_le_bytes));
    let a = &layer.attrs;
    for slot in 0..TEXT_SLOTS {
        col(
            &format!("attrs.text{slot}"),
            put(
                &a.iter()
                    .map(|x| sym_code(x.texts[slot]))
                    .collect::<Vec<_>>(),
                u32::to_le_bytes,
            ),
        );
    }
    col(
        "attrs.registered_area_m2",
        put(
            &a.iter()
                .map(|x| x.registered_area_m2.unwrap_or(f32::NAN))
                .collect::<Vec<_>>(),
            f32::to_le_bytes,
        ),
    );
    col(
        "attrs.floor_area_m2",
        put(
            &a.iter()
                .map(|x| x.floor_area_m2.unwrap_or(f32::NAN))
                .collect::<Vec<_>>(),
            f32::to_le_bytes,
        ),
    );
    col(
        "attrs.year_built",
        put(
            &a.iter()
                .map(|x| x.year_built.unwrap_or(0))
                .collect::<Vec<_>>(),
            u16::to_le_bytes,
        ),
    );
    col(
        "attrs.functions",
        put(
            &a.iter().map(|x| x.functions.0).collect::<Vec<_>>(),
            u16::to_le_bytes,
        ),
    );
    col(
        "attrs.available_from",
        put(
            &a.iter()
                .map(|x| date_code(x.available_from))
                .collect::<Vec<_>>(),
            i32::to_le_bytes,
        ),
    );
    col(
        "attrs.available_until",
        put(
            &a.iter()
                .map(|x| date_code(x.available_until))
                .collect::<Vec<_>>(),
            i32::to_le_bytes,
        ),
    );
    col(
        "attrs.extra_start",
        put(
            &a.iter().map(|x| x.extra_start).collect::<Vec<_>>(),
            u32::to_le_bytes,
        ),
    );
    col(
        "attrs.extra_len",
        put(
            &a.iter().map(|x| x.extra_len).collect::<Vec<_>>(),
            u32::to_le_bytes,
        ),
    );
    col(
        "extras.key",
        put(
            &layer
                .extras
                .iter()
                .map(|(k, _)| sym_code(Some(*k)))
                .collect::<Vec<_>>(),
            u32::to_le_bytes,
        ),
    );
    col(
        "extras.value",
        put(
            &layer
                .extras
                .iter()
                .map(|(_, v)| sym_code(Some(*v)))
                .collect::<Vec<_>>(),
            u32::to_le_bytes,
        ),
    );
}

/// Looks columns up by name; a missing one is an error naming it.
pub trait ColumnSource {
    fn column(&mut self, name: &str) -> Result<Vec<u8>, String>;
}

/// Rebuilds a layer from its columns.
pub fn decode(
    kind: LayerKind,
    source_crs: Crs,
    report: ImportReport,
    src: &mut dyn ColumnSource,
) -> Result<Layer, String> {
    let u32s =
        |src: &mut dyn ColumnSource, name: &str| get(name, &src.column(name)?, u32::from_le_bytes);
    let coords = get("geom.coords", &src.column("geom.coords")?, |b: [u8; 16]| {
        let mut x = [0u8; 8];
        let mut y = [0u8; 8];
        x.copy_from_slice(&b[..8]);
        y.copy_from_slice(&b[8..]);
        Coord {
            x: f64::from_le_bytes(x),
            y: f64::from_le_bytes(y),
        }
    })?;
    let kinds = src
        .column("geom.kinds")?
        .into_iter()
        .map(|c| GeomKind::from_code(c).ok_or_else(|| format!("unknown geometry kind {c}")))
        .collect::<Result<Vec<_>, _>>()?;
    let geom = GeomStore::from_raw(
        coords,
        u32s(src, "geom.ring_ends")?,
        u32s(src, "geom.part_ends")?,
        u32s(src, "geom.feature_ends")?,
        kinds,
    )?;
    let ids = String::from_utf8(src.column("ids")?).map_err(|_| "ids are not UTF-8".to_string())?;
    let id_ends = get("id_ends", &src.column("id_ends")?, u64::from_le_bytes)?
        .into_iter()
        .map(|e| usize::try_from(e).map_err(|_| "id offset too large".to_string()))
        .collect::<Result<Vec<_>, _>>()?;
    let strings = new_strings();
    let raw = src.column("strings")?;
    let ends = get(
        "string_ends",
        &src.column("string_ends")?,
        u64::from_le_bytes,
    )?;
    let mut start = 0usize;
    for (k, &end) in ends.iter().enumerate() {
        let end = usize::try_from(end).map_err(|_| "string offset too large".to_string())?;
        let piece = raw
            .get(start..end)
            .ok_or_else(|| format!("string {k} out of range"))?;
        let s = std::str::from_utf8(piece).map_err(|_| format!("string {k} is not UTF-8"))?;
        // Each string must get its old key back; a duplicate means a damaged column.
        if strings.get_or_intern(s).into_usize() != k {
            return Err(format!("string {k} is a duplicate"));
        }
        start = end;
    }
    let n = geom.len();
    let mut texts: Vec<Vec<u32>> = Vec::with_capacity(TEXT_SLOTS);
    for slot in 0..TEXT_SLOTS {
        texts.push(u32s(src, &format!("attrs.text{slot}"))?);
    }
    let f32s =
        |src: &mut dyn ColumnSource, name: &str| get(name, &src.column(name)?, f32::from_le_bytes);
    let u16s =
        |src: &mut dyn ColumnSource, name: &str| get(name, &src.column(name)?, u16::from_le_bytes);
    let i32s =
        |src: &mut dyn ColumnSource, name: &str| get(name, &src.column(name)?, i32::from_le_bytes);
    let reg = f32s(src, "attrs.registered_area_m2")?;
    let floor = f32s(src, "attrs.floor_area_m2")?;
    let year = u16s(src, "attrs.year_built")?;
    let functions = u16s(src, "attrs.functions")?;
    let from = i32s(src, "attrs.available_from")?;
    let until = i32s(src, "attrs.available_until")?;
    let extra_start = u32s(src, "attrs.extra_start")?;
    let extra_len = u32s(src, "attrs.extra_len")?;
    let columns = [
        reg.len(),
        floor.len(),
        year.len(),
        functions.len(),
        from.len(),
        until.len(),
        extra_start.len(),
        extra_len.len(),
    ];
    if columns
        .iter()
        .chain(texts.iter().map(Vec::len).collect::<Vec<_>>().iter())
        .any(|&l| l != n)
    {
        return Err(format!("attribute columns do not all have {n} rows"));
    }
    let opt_f32 = |v: f32| (!v.is_nan()).then_some(v);
    let mut attrs = Vec::with_capacity(n);
    for i in 0..n {
        let mut t = [None; TEXT_SLOTS];
        for (slot, col) in texts.iter().enumerate() {
            t[slot] = sym_from(col[i])?;
        }
        attrs.push(Attrs {
            texts: t,
            registered_area_m2: opt_f32(reg[i]),
            floor_area_m2: opt_f32(floor[i]),
            year_built: (year[i] != 0).then_some(year[i]),
            functions: Functions(functions[i]),
            available_from: date_from(from[i]),
            available_until: date_from(until[i]),
            extra_start: extra_start[i],
            extra_len: extra_len[i],
        });
    }
    let keys = u32s(src, "extras.key")?;
    let values = u32s(src, "extras.value")?;
    if keys.len() != values.len() {
        return Err("extra-field columns differ in length".into());
    }
    let extras = keys
        .into_iter()
        .zip(values)
        .map(|(k, v)| match (sym_from(k)?, sym_from(v)?) {
            (Some(k), Some(v)) => Ok((k, v)),
            _ => Err("empty extra-field key".to_string()),
        })
        .collect::<Result<Vec<_>, String>>()?;
    let area_m2 = get("area_m2", &src.column("area_m2")?, f64::from_le_bytes)?;
    let source_index = u32s(src, "source_index")?;
    let invalid = src.column("invalid")?.into_iter().map(|b| b != 0).collect();
    Layer::from_parts(LayerParts {
        kind,
        source_crs,
        geom,
        attrs,
        extras,
        ids,
        id_ends,
        strings,
        area_m2,
        source_index,
        invalid,
        report,
    })
}
