//! ESRI Shapefile: `.shp` shapes (the `shapefile` crate) with the `.shx` index,
//! `.dbf` attributes (the `dbase` crate) in the code page `.cpg` names, and the
//! CRS `.prj` describes. The user may point at the `.shp`, the `.dbf` or a
//! `.zip` that holds them. Shapes and records are paired by position, as the
//! format prescribes; a record marked deleted drops its shape, as GDAL does.

use std::borrow::Cow;
use std::io::{Cursor, Read, Seek};
use std::path::{Path, PathBuf};

use geo::Coord;
use rayon::prelude::*;
use shapefile::{PolygonRing, Shape, ShapeReader};

use super::feature::close_rings;
use super::{ImportError, ImportOptions, Layer, LayerBuilder, Prepared};
use locatiescout_model::attrs::{new_strings, ParsedAttrs, PropValue, Strings};
use locatiescout_model::crs;
use locatiescout_model::geometry::{FeatureGeometry, GeomKind};

trait Source: Read + Seek + Send {}
impl<T: Read + Seek + Send> Source for T {}

/// The parts of one shapefile, opened.
struct Parts {
    shp: Box<dyn Source>,
    shx: Option<Box<dyn Source>>,
    dbf: Box<dyn Source>,
    prj: Option<String>,
    cpg: Option<String>,
    /// How the parts are named in messages (`gebouwen.shp`, `archief.zip!gebouwen.shp`).
    name: String,
}

fn fail(path: &Path, message: String) -> ImportError {
    ImportError::Shapefile {
        path: path.to_path_buf(),
        message,
    }
}

/// `path` with extension `ext`, in lower or upper case, if it exists.
fn sibling(path: &Path, ext: &str) -> Option<PathBuf> {
    [ext.to_string(), ext.to_ascii_uppercase()]
        .into_iter()
        .map(|e| path.with_extension(e))
        .find(|p| p.is_file())
}

fn open_file(path: &Path) -> Result<Box<dyn Source>, ImportError> {
    let f = std::fs::File::open(path).map_err(|source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(Box::new(std::io::BufReader::with_capacity(1 << 20, f)))
}

fn read_small(path: &Path) -> Result<String, ImportError> {
    let bytes = std::fs::read(path).map_err(|source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(String::from_utf8_lossy(&bytes).trim().to_string())
}

/// The parts beside a `.shp` or `.dbf` on disk.
fn from_files(path: &Path) -> Result<Parts, ImportError> {
    let shp = sibling(path, "shp").ok_or_else(|| {
        fail(
            path,
            "het .shp-bestand met de vormen ontbreekt naast dit bestand".into(),
        )
    })?;
    let dbf = sibling(path, "dbf").ok_or_else(|| {
        fail(
            &shp,
            format!(
                "het .dbf-bestand met de kenmerken ontbreekt; een shapefile bestaat uit {0}.shp, {0}.shx en {0}.dbf (kopieer ze samen)",
                stem(&shp)
            ),
        )
    })?;
    Ok(Parts {
        shp: open_file(&shp)?,
        shx: sibling(path, "shx").map(|p| open_file(&p)).transpose()?,
        dbf: open_file(&dbf)?,
        prj: sibling(path, "prj").map(|p| read_small(&p)).transpose()?,
        cpg: sibling(path, "cpg").map(|p| read_small(&p)).transpose()?,
        name: shp
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
    })
}

fn stem(p: &Path) -> String {
    p.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The shapefile inside a `.zip`: the one `.shp` (or the one `layer` names),
/// its parts read into memory (a shapefile's parts are at most 2 GB each).
fn from_zip(path: &Path, layer: Option<&str>) -> Result<Parts, ImportError> {
    let file = std::fs::File::open(path).map_err(|source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut zip = zip::ZipArchive::new(std::io::BufReader::new(file))
        .map_err(|e| fail(path, format!("is geen leesbaar zip-bestand ({e})")))?;
    let names: Vec<String> = zip
        .file_names()
        .filter_map(|n| n.ok().map(Cow::into_owned))
        .collect();
    let shps: Vec<&String> = names
        .iter()
        .filter(|n| n.to_ascii_lowercase().ends_with(".shp") && !n.starts_with("__MACOSX"))
        .collect();
    let chosen = match (layer, shps.as_slice()) {
        (_, []) => {
            return Err(fail(
                path,
                "bevat geen shapefile (geen .shp-bestand in het zip-bestand)".into(),
            ))
        }
        (None, [one]) => (*one).clone(),
        (None, _) => {
            return Err(ImportError::ChooseLayer {
                path: path.to_path_buf(),
                layers: shps.iter().map(|s| stem(Path::new(s))).collect(),
            })
        }
        (Some(want), _) => shps
            .iter()
            .find(|s| stem(Path::new(s)).eq_ignore_ascii_case(want))
            .map(|s| (*s).clone())
            .ok_or_else(|| ImportError::NoSuchLayer {
                path: path.to_path_buf(),
                layer: want.to_string(),
                layers: shps.iter().map(|s| stem(Path::new(s))).collect(),
            })?,
    };
    let base = &chosen[..chosen.len() - 4];
    let mut member = |ext: &str| -> Result<Option<Vec<u8>>, ImportError> {
        let Some(name) = names.iter().find(|n| {
            n.len() == base.len() + 4
                && n.starts_with(base)
                && n[base.len()..].eq_ignore_ascii_case(ext)
        }) else {
            return Ok(None);
        };
        let mut f = zip.by_name(name).map_err(|e| {
            fail(
                path,
                format!("{name} in het zip-bestand is onleesbaar ({e})"),
            )
        })?;
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).map_err(|e| {
            fail(
                path,
                format!("{name} in het zip-bestand is onleesbaar ({e})"),
            )
        })?;
        Ok(Some(bytes))
    };
    let name = format!(
        "{}!{chosen}",
        path.file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default()
    );
    let shp = member(".shp")?.unwrap_or_default();
    let shx = member(".shx")?;
    let dbf = member(".dbf")?.ok_or_else(|| {
        fail(
            path,
            format!("{chosen}: het .dbf-bestand met de kenmerken ontbreekt in het zip-bestand"),
        )
    })?;
    let text = |b: Option<Vec<u8>>| b.map(|b| String::from_utf8_lossy(&b).trim().to_string());
    let prj = text(member(".prj")?);
    let cpg = text(member(".cpg")?);
    Ok(Parts {
        shp: Box::new(Cursor::new(shp)),
        shx: shx.map(|b| Box::new(Cursor::new(b)) as Box<dyn Source>),
        dbf: Box::new(Cursor::new(dbf)),
        prj,
        cpg,
        name,
    })
}

/// The encoding a `.cpg` names: UTF-8, Windows-1252 ("ANSI 1252", "1252"),
/// ISO-8859-1 and whatever else the WHATWG labels know.
fn code_page(cpg: &str) -> Option<&'static encoding_rs::Encoding> {
    let c = cpg.trim().to_ascii_lowercase();
    let c = c.strip_prefix("ansi ").unwrap_or(&c).trim();
    match c {
        "65001" | "utf8" | "utf-8" => Some(encoding_rs::UTF_8),
        "1252" | "cp1252" | "windows-1252" | "ansi" => Some(encoding_rs::WINDOWS_1252),
        // ISO-8859-1 decodes as its superset Windows-1252 (the WHATWG rule).
        "88591" | "8859-1" | "8859_1" | "iso-8859-1" | "iso 88591" | "iso8859-1" | "latin1" => {
            Some(encoding_rs::WINDOWS_1252)
        }
        other => encoding_rs::Encoding::for_label(other.as_bytes()),
    }
}

/// One dBASE record's values in column order.
struct Record(Vec<dbase::FieldValue>);

impl dbase::ReadableRecord for Record {
    fn read_using<S, M>(it: &mut dbase::FieldIterator<S, M>) -> Result<Self, dbase::FieldError>
    where
        S: Read + Seek,
        M: Read + Seek,
    {
        let mut values = Vec::new();
        for v in it.by_ref() {
            values.push(v?.value);
        }
        Ok(Record(values))
    }
}

fn prop(v: &dbase::FieldValue) -> Option<PropValue<'_>> {
    use dbase::FieldValue as F;
    Some(match v {
        F::Character(Some(s)) | F::Memo(s) => PropValue::Str(Cow::Borrowed(s.as_str())),
        F::Numeric(Some(n)) => PropValue::Num(*n),
        // The dbase crate parses F fields as f32; its shortest decimal form keeps
        // the digits an f32 holds without inventing more (272.39383, not 272.3938293).
        F::Float(Some(n)) => PropValue::Num(n.to_string().parse().unwrap_or(f64::from(*n))),
        F::Logical(Some(b)) => PropValue::Bool(*b),
        F::Date(Some(d)) => PropValue::Str(Cow::Owned(format!(
            "{:04}-{:02}-{:02}",
            d.year(),
            d.month(),
            d.day()
        ))),
        F::Integer(i) => PropValue::Num(f64::from(*i)),
        F::Currency(n) | F::Double(n) => PropValue::Num(*n),
        F::DateTime(t) => {
            let d = t.date();
            let tm = t.time();
            PropValue::Str(Cow::Owned(format!(
                "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
                d.year(),
                d.month(),
                d.day(),
                tm.hours(),
                tm.minutes(),
                tm.seconds()
            )))
        }
        _ => return None,
    })
}

fn xy(p: &impl shapefile::record::traits::HasXY) -> Coord<f64> {
    Coord { x: p.x(), y: p.y() }
}

/// A ring or line of points.
fn path_of<P: shapefile::record::traits::HasXY>(pts: &[P]) -> Vec<Coord<f64>> {
    pts.iter().map(xy).collect()
}

/// Whether `p` lies inside the closed ring `ring` (even-odd rule).
fn inside(p: Coord<f64>, ring: &[Coord<f64>]) -> bool {
    let mut inside = false;
    let mut j = ring.len().wrapping_sub(1);
    for i in 0..ring.len() {
        let (a, b) = (ring[i], ring[j]);
        if (a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x {
            inside = !inside;
        }
        j = i;
    }
    inside
}

/// Rings by the shapefile rule (outer clockwise, holes counter-clockwise) into
/// polygons: each hole goes to the smallest outer ring that holds it; a hole
/// no outer ring holds is read as an area of its own, with a warning.
fn polygons(
    rings: Vec<(bool, Vec<Coord<f64>>)>,
    warnings: &mut Vec<String>,
) -> Vec<Vec<Vec<Coord<f64>>>> {
    let mut polys: Vec<Vec<Vec<Coord<f64>>>> = Vec::new();
    let mut holes = Vec::new();
    for (outer, ring) in rings {
        if outer {
            polys.push(vec![ring]);
        } else {
            holes.push(ring);
        }
    }
    let mut lost = 0;
    for hole in holes {
        let Some(&probe) = hole.first() else { continue };
        let home = polys
            .iter()
            .enumerate()
            .filter(|(_, p)| inside(probe, &p[0]))
            .min_by(|a, b| ring_area(&a.1[0]).total_cmp(&ring_area(&b.1[0])))
            .map(|(i, _)| i);
        match home {
            Some(i) => polys[i].push(hole),
            None => {
                lost += 1;
                polys.push(vec![hole]);
            }
        }
    }
    if lost > 0 {
        warnings.push(format!(
            "{lost} gat(en) zonder buitenring eromheen; als vlak gelezen (ringrichting in het bestand klopt niet?)"
        ));
    }
    polys
}

fn ring_area(r: &[Coord<f64>]) -> f64 {
    let mut s = 0.0;
    for w in r.windows(2) {
        s += w[0].x * w[1].y - w[1].x * w[0].y;
    }
    s.abs() / 2.0
}

/// A shape as a layer geometry, whether it had Z and M, or why it is left out.
fn geometry(
    shape: Shape,
    warnings: &mut Vec<String>,
) -> Result<(FeatureGeometry, bool, bool), String> {
    let point = |c: Coord<f64>| FeatureGeometry {
        kind: GeomKind::Point,
        coords: vec![c],
        ring_ends: vec![1],
        part_ends: vec![1],
    };
    let points = |cs: Vec<Coord<f64>>| {
        let n = cs.len() as u32;
        FeatureGeometry {
            kind: GeomKind::MultiPoint,
            coords: cs,
            ring_ends: (1..=n).collect(),
            part_ends: (1..=n).collect(),
        }
    };
    let lines = |parts: Vec<Vec<Coord<f64>>>| -> Result<FeatureGeometry, String> {
        let mut g = FeatureGeometry {
            kind: if parts.len() == 1 {
                GeomKind::LineString
            } else {
                GeomKind::MultiLineString
            },
            coords: Vec::new(),
            ring_ends: Vec::new(),
            part_ends: Vec::new(),
        };
        for p in parts {
            if p.len() < 2 {
                return Err("een lijn heeft minstens 2 punten nodig".into());
            }
            g.coords.extend(p);
            g.ring_ends.push(g.coords.len() as u32);
            g.part_ends.push(g.ring_ends.len() as u32);
        }
        Ok(g)
    };
    let mut areas = |rings: Vec<(bool, Vec<Coord<f64>>)>| -> Result<FeatureGeometry, String> {
        let polys = polygons(rings, warnings);
        let mut coords = Vec::new();
        let mut ends = Vec::new();
        let mut part_ends = Vec::new();
        for p in &polys {
            for r in p {
                coords.extend_from_slice(r);
                ends.push(coords.len() as u32);
            }
            part_ends.push(ends.len() as u32);
        }
        let (coords, ring_ends) = close_rings(coords, &ends, warnings)?;
        Ok(FeatureGeometry {
            kind: if polys.len() == 1 {
                GeomKind::Polygon
            } else {
                GeomKind::MultiPolygon
            },
            coords,
            ring_ends,
            part_ends,
        })
    };
    fn rings<P: shapefile::record::traits::HasXY>(
        r: Vec<PolygonRing<P>>,
    ) -> Vec<(bool, Vec<Coord<f64>>)> {
        r.into_iter()
            .map(|r| match r {
                PolygonRing::Outer(p) => (true, path_of(&p)),
                PolygonRing::Inner(p) => (false, path_of(&p)),
            })
            .collect()
    }
    fn parts<P: shapefile::record::traits::HasXY>(p: Vec<Vec<P>>) -> Vec<Vec<Coord<f64>>> {
        p.iter().map(|l| path_of(l)).collect()
    }
    let g = match shape {
        Shape::NullShape => return Err("geen geometrie (lege vorm)".into()),
        Shape::Point(p) => (point(xy(&p)), false, false),
        Shape::PointM(p) => (point(xy(&p)), false, true),
        Shape::PointZ(p) => (point(xy(&p)), true, false),
        Shape::Multipoint(m) => (points(path_of(m.points())), false, false),
        Shape::MultipointM(m) => (points(path_of(m.points())), false, true),
        Shape::MultipointZ(m) => (points(path_of(m.points())), true, false),
        Shape::Polyline(l) => (lines(parts(l.into_inner()))?, false, false),
        Shape::PolylineM(l) => (lines(parts(l.into_inner()))?, false, true),
        Shape::PolylineZ(l) => (lines(parts(l.into_inner()))?, true, false),
        Shape::Polygon(p) => (areas(rings(p.into_inner()))?, false, false),
        Shape::PolygonM(p) => (areas(rings(p.into_inner()))?, false, true),
        Shape::PolygonZ(p) => (areas(rings(p.into_inner()))?, true, false),
        Shape::Multipatch(_) => {
            return Err("Multipatch (3D-vlakken) wordt niet gelezen; exporteer als Polygon".into())
        }
    };
    if g.0.coords.is_empty() {
        return Err("lege geometrie".into());
    }
    Ok(g)
}

/// One shape with its record, waiting to be decoded.
struct Pending {
    index: usize,
    shape: Result<Shape, String>,
    record: Option<Record>,
}

enum Outcome {
    Ok(Box<Prepared>, bool),
    Skip(String),
}

fn prepare(
    p: Pending,
    opts: &ImportOptions<'_>,
    names: &[String],
    strings: &Strings,
    declared: Option<locatiescout_model::crs::Crs>,
) -> Outcome {
    let props: Vec<(Cow<str>, PropValue)> = p
        .record
        .as_ref()
        .map(|r| {
            names
                .iter()
                .zip(&r.0)
                .filter_map(|(n, v)| Some((Cow::Borrowed(n.as_str()), prop(v)?)))
                .collect()
        })
        .unwrap_or_default();
    if let Some(samples) = opts.samples {
        samples.record(p.index, &props);
    }
    let attrs = ParsedAttrs::from_props(props, opts.field_map);
    if let Some(reason) = attrs.historic() {
        return Outcome::Skip(reason);
    }
    let mut warnings = Vec::new();
    if p.record.is_none() {
        warnings.push("geen record in het .dbf-bestand; zonder kenmerken ingelezen".into());
    }
    let shape = match p.shape {
        Ok(s) => s,
        Err(reason) => return Outcome::Skip(reason),
    };
    match geometry(shape, &mut warnings) {
        Ok((g, z, m)) => match super::outside_declared(declared, &g) {
            Some(reason) => Outcome::Skip(reason),
            None => Outcome::Ok(
                Box::new(Prepared::new(
                    p.index,
                    g,
                    attrs,
                    Some((p.index + 1).to_string()),
                    warnings,
                    z,
                    strings,
                )),
                m,
            ),
        },
        Err(reason) => Outcome::Skip(reason),
    }
}

const BATCH: usize = 8192;

/// The size of the `.shp` beside `path` (for a `.zip`, the zip's own size).
fn shp_len(path: &Path, is_zip: bool) -> Option<u64> {
    if is_zip {
        return None;
    }
    sibling(path, "shp")
        .and_then(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
}

/// Reads a shapefile given as its `.shp`, its `.dbf` or a `.zip`.
pub fn read_shapefile(path: &Path, opts: ImportOptions<'_>) -> Result<Layer, ImportError> {
    let (_, file_bytes) = super::open_checked(path)?;
    let is_zip = locatiescout_model::files::extension_lower(path) == "zip";
    let parts = if is_zip {
        from_zip(path, opts.layer)?
    } else {
        from_files(path)?
    };
    let shp_bytes = shp_len(path, is_zip).unwrap_or(file_bytes);
    let Parts {
        shp,
        shx,
        dbf,
        prj,
        cpg,
        name,
    } = parts;
    let had_shx = shx.is_some();
    let mut shapes = match shx {
        Some(shx) => ShapeReader::with_shx(shp, shx),
        None => ShapeReader::new(shp),
    }
    .map_err(|e| fail(path, format!("{name} is geen leesbaar .shp-bestand ({e})")))?;
    let shape_count = shapes.shape_count().ok();

    let encoding = match cpg.as_deref() {
        Some(c) => Some(code_page(c).ok_or_else(|| {
            fail(path, format!("het .cpg-bestand noemt codepagina '{c}', die Locatiescout niet kent (bekend: UTF-8, 1252/ANSI, ISO-8859-1)"))
        })?),
        None => None,
    };
    let mut table = match encoding {
        Some(e) => dbase::File::open_with_encoding(dbf, dbase::encoding::EncodingRs::from(e)),
        None => dbase::File::open(dbf),
    }
    .map_err(|e| fail(path, format!("het .dbf-bestand is onleesbaar ({e})")))?;
    let names: Vec<String> = table
        .fields()
        .iter()
        .map(|f| f.name().to_string())
        .collect();
    let records = table.num_records();

    let crs = match prj.as_deref() {
        Some(w) => Some(crs::crs_from_wkt(w).ok_or_else(|| ImportError::UnknownCrs {
            path: path.to_path_buf(),
            source: crs::UnknownCrsName(format!(
                "{} (uit het .prj-bestand)",
                w.split(['[', ',']).nth(1).unwrap_or(w).trim_matches('"')
            )),
        })?),
        None => None,
    };

    let mut b = LayerBuilder::new(path, "Shapefile", opts);
    // 16 bytes per position in the .shp: see the GeoPackage reader.
    b.reserve_for_bytes(shp_bytes.saturating_mul(3) / 2);
    let strings = new_strings();
    if !had_shx {
        b.report
            .notes
            .push("geen .shx-index; de vormen zijn op volgorde gelezen".into());
    }
    b.report.notes.push(match (cpg.as_deref(), encoding) {
        (Some(c), Some(e)) => format!("tekens gelezen als {} (.cpg: {c})", e.name()),
        _ => "geen .cpg-bestand; tekens gelezen volgens de codepagina in de dBASE-kop".into(),
    });
    let typed: Vec<String> = table
        .fields()
        .iter()
        .map(|f| format!("{} ({:?})", f.name(), f.field_type()))
        .collect();
    if !typed.is_empty() {
        b.report
            .notes
            .push(format!("kolommen: {}", typed.join(", ")));
    }
    if let Some(n) = shape_count {
        if n != records {
            b.report.notes.push(format!(
                "het .shp-bestand heeft {n} vormen, het .dbf-bestand {records} records; ze horen gelijk op te lopen"
            ));
        }
    }

    let mut index = 0usize;
    let mut deleted = 0usize;
    let mut truncated: Option<String> = None;
    let mut iter = shapes.iter_shapes();
    let mut rows = table.records();
    loop {
        if opts.cancelled() {
            return Err(ImportError::Cancelled {
                path: path.to_path_buf(),
            });
        }
        let mut batch = Vec::with_capacity(BATCH);
        while batch.len() < BATCH {
            let Some(shape) = iter.next() else { break };
            let shape = match shape {
                Ok(s) => Ok(s),
                Err(shapefile::Error::IoError(e))
                    if e.kind() == std::io::ErrorKind::UnexpectedEof =>
                {
                    truncated = Some(format!(
                        "het .shp-bestand houdt op bij vorm {} (afgebroken kopie of download?)",
                        index + 1
                    ));
                    break;
                }
                Err(e) => Err(format!("vorm is beschadigd ({e})")),
            };
            let record = match rows.next() {
                Some(mut r) => match r.is_deleted() {
                    Ok(true) => {
                        deleted += 1;
                        index += 1;
                        continue;
                    }
                    Ok(false) => r.read_as::<Record>().ok(),
                    Err(_) => None,
                },
                None => None,
            };
            batch.push(Pending {
                index,
                shape,
                record,
            });
            index += 1;
        }
        if batch.is_empty() {
            break;
        }
        let indices: Vec<usize> = batch.iter().map(|p| p.index).collect();
        let outcomes: Vec<Outcome> = batch
            .into_par_iter()
            .map(|p| prepare(p, &opts, &names, &strings, crs))
            .collect();
        for (i, o) in indices.into_iter().zip(outcomes) {
            match o {
                Outcome::Ok(p, m) => {
                    b.had_m += usize::from(m);
                    b.push(*p)?;
                }
                Outcome::Skip(reason) => b.skip(i, None, format!("vorm {}: {reason}", i + 1)),
            }
        }
        if let Some(progress) = opts.progress {
            let total = shape_count.unwrap_or(index).max(1) as u64;
            progress(
                (index as u64).saturating_mul(file_bytes) / total,
                file_bytes,
            );
        }
        if truncated.is_some() {
            break;
        }
    }
    if let Some(message) = truncated {
        let expected = shape_count.unwrap_or(index);
        for i in index..expected {
            b.skip(i, None, format!("vorm {}: {message}", i + 1));
        }
        b.report.notes.push(if expected > index {
            format!("{message}; {} vormen ontbreken", expected - index)
        } else {
            message
        });
    }
    if records < index {
        b.report.notes.push(format!(
            "het .dbf-bestand heeft {records} records voor {index} vormen; vormen {}–{index} zijn zonder kenmerken ingelezen",
            records + 1
        ));
    }
    if deleted > 0 {
        b.report.notes.push(format!(
            "{deleted} records zijn in het .dbf-bestand als verwijderd gemarkeerd; hun vormen zijn overgeslagen"
        ));
    }
    let (crs, decision) = b.declared_or_inferred(
        crs.map(|c| (c, format!("{c} volgens het .prj-bestand"))),
        "geen .prj-bestand",
    )?;
    b.finish(crs, decision, strings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_pages_in_the_spellings_gis_programs_write() {
        for c in ["UTF-8", "utf8", "65001"] {
            assert_eq!(code_page(c), Some(encoding_rs::UTF_8), "{c}");
        }
        for c in [
            "ANSI 1252",
            "1252",
            "CP1252",
            "ISO-8859-1",
            "88591",
            "ISO 88591",
        ] {
            assert_eq!(code_page(c), Some(encoding_rs::WINDOWS_1252), "{c}");
        }
        assert_eq!(code_page("KLINGON-7"), None);
    }

    #[test]
    fn holes_go_to_the_outer_ring_that_holds_them() {
        let sq = |x: f64, s: f64| {
            vec![
                Coord { x, y: x },
                Coord { x, y: x + s },
                Coord { x: x + s, y: x + s },
                Coord { x: x + s, y: x },
                Coord { x, y: x },
            ]
        };
        let mut w = Vec::new();
        // Two outers, a big one and a small one far away; the hole lies in the big one.
        let p = polygons(
            vec![
                (true, sq(100.0, 5.0)),
                (true, sq(0.0, 10.0)),
                (false, sq(2.0, 2.0)),
            ],
            &mut w,
        );
        assert_eq!(p.len(), 2);
        assert_eq!(p[1].len(), 2, "the hole joins the square that holds it");
        assert!(w.is_empty());
        let p = polygons(vec![(true, sq(0.0, 1.0)), (false, sq(50.0, 1.0))], &mut w);
        assert_eq!(p.len(), 2);
        assert!(w[0].contains("zonder buitenring"));
    }
}
