//! Parsing one GeoJSON feature (or bare geometry) from its bytes with serde
//! visitors: coordinates go straight into flat arrays, no `serde_json::Value`
//! tree is built. Semantic problems become Dutch messages that skip just this
//! feature; JSON syntax errors are returned for the caller to make fatal.

use std::borrow::Cow;
use std::fmt;

use geo::Coord;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use locatiescout_model::attrs::PropValue;
use locatiescout_model::geometry::{FeatureGeometry, GeomKind};

/// A feature as read, before field recognition and CRS projection.
#[derive(Debug, Default)]
pub struct RawFeature<'de> {
    pub geometry: Option<FeatureGeometry>,
    pub geojson_id: Option<String>,
    pub props: Vec<(Cow<'de, str>, PropValue<'de>)>,
    pub warnings: Vec<String>,
    /// A third coordinate was present and dropped.
    pub had_z: bool,
}

/// Why a feature could not be read.
#[derive(Debug)]
pub enum FeatureError {
    /// The feature is well-formed JSON but not a usable GeoJSON feature.
    Skip(String),
    /// The bytes are not valid JSON.
    Syntax(serde_json::Error),
}

fn strip_position(e: &serde_json::Error) -> String {
    let s = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    s.strip_suffix(&suffix).unwrap_or(&s).to_string()
}

fn classify(e: serde_json::Error) -> FeatureError {
    match e.classify() {
        serde_json::error::Category::Data => {
            FeatureError::Skip(locatiescout_model::nl::serde_nl(&strip_position(&e)))
        }
        _ => FeatureError::Syntax(e),
    }
}

/// Parses a `{"type":"Feature",...}` object.
pub fn parse_feature(bytes: &[u8]) -> Result<RawFeature<'_>, FeatureError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let f = FeatureSeed.deserialize(&mut de).map_err(classify)?;
    de.end().map_err(classify)?;
    Ok(f)
}

/// Parses a bare geometry object as a feature without properties.
pub fn parse_geometry_feature(bytes: &[u8]) -> Result<RawFeature<'_>, FeatureError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let mut warnings = Vec::new();
    let g = GeometrySeed {
        warnings: &mut warnings,
        depth: 0,
    }
    .deserialize(&mut de)
    .map_err(classify)?;
    de.end().map_err(classify)?;
    Ok(RawFeature {
        had_z: g.as_ref().is_some_and(|g| g.had_z),
        geometry: g.map(|g| g.geom),
        warnings,
        ..RawFeature::default()
    })
}

// ---------------------------------------------------------------- keys

enum FeatureKey {
    Type,
    Id,
    Geometry,
    Properties,
    Bbox,
    Forbidden(String),
    Other,
}

struct FeatureKeyVisitor;
impl<'de> Visitor<'de> for FeatureKeyVisitor {
    type Value = FeatureKey;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("een sleutel")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<FeatureKey, E> {
        Ok(match v {
            "type" => FeatureKey::Type,
            "id" => FeatureKey::Id,
            "geometry" => FeatureKey::Geometry,
            "properties" => FeatureKey::Properties,
            "bbox" => FeatureKey::Bbox,
            "features" | "coordinates" | "geometries" => FeatureKey::Forbidden(v.to_string()),
            _ => FeatureKey::Other,
        })
    }
}
impl<'de> Deserialize<'de> for FeatureKey {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(FeatureKeyVisitor)
    }
}

// ---------------------------------------------------------------- feature

struct FeatureSeed;

impl<'de> DeserializeSeed<'de> for FeatureSeed {
    type Value = RawFeature<'de>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<RawFeature<'de>, D::Error> {
        d.deserialize_any(self)
    }
}

fn not_an_object<E: de::Error>(what: &str, found: &str) -> E {
    E::custom(format!("{what} moet een JSON-object zijn, maar is {found}"))
}

impl<'de> Visitor<'de> for FeatureSeed {
    type Value = RawFeature<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("een feature-object")
    }
    fn visit_unit<E: de::Error>(self) -> Result<RawFeature<'de>, E> {
        Err(not_an_object("een feature", "null"))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<RawFeature<'de>, E> {
        Err(not_an_object("een feature", "true/false"))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<RawFeature<'de>, E> {
        Err(not_an_object("een feature", "een getal"))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<RawFeature<'de>, E> {
        Err(not_an_object("een feature", "een getal"))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<RawFeature<'de>, E> {
        Err(not_an_object("een feature", "een getal"))
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<RawFeature<'de>, E> {
        Err(not_an_object("een feature", "tekst"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<RawFeature<'de>, A::Error> {
        Err(not_an_object("een feature", "een lijst"))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawFeature<'de>, A::Error> {
        let mut out = RawFeature::default();
        let mut ty: Option<String> = None;
        let mut geometry_seen = false;
        let (mut type_seen, mut id_seen, mut props_seen) = (false, false, false);
        let twice = |seen: &mut bool, name: &str, warnings: &mut Vec<String>| {
            if *seen {
                warnings.push(format!("dubbel lid '{name}'; de laatste telt"));
            }
            *seen = true;
        };
        while let Some(key) = map.next_key::<FeatureKey>()? {
            match key {
                FeatureKey::Type => {
                    twice(&mut type_seen, "type", &mut out.warnings);
                    ty = Some(map.next_value::<TypeName>()?.0)
                }
                FeatureKey::Id => {
                    twice(&mut id_seen, "id", &mut out.warnings);
                    out.geojson_id = map.next_value::<FeatureId>()?.0
                }
                FeatureKey::Geometry => {
                    if geometry_seen {
                        out.warnings
                            .push("dubbel lid 'geometry'; de laatste telt".into());
                    }
                    geometry_seen = true;
                    let g = map.next_value_seed(GeometrySeed {
                        warnings: &mut out.warnings,
                        depth: 0,
                    })?;
                    out.had_z = g.as_ref().is_some_and(|g| g.had_z);
                    out.geometry = g.map(|g| g.geom);
                }
                FeatureKey::Properties => {
                    twice(&mut props_seen, "properties", &mut out.warnings);
                    let Props(props, dups) = map.next_value::<Props<'de>>()?;
                    for d in dups {
                        out.warnings.push(format!(
                            "eigenschap '{d}' staat er twee keer; de laatste waarde telt"
                        ));
                    }
                    out.props = props;
                }
                FeatureKey::Bbox => {
                    if let Some(w) = map.next_value::<BboxCheck>()?.0 {
                        out.warnings.push(w);
                    }
                }
                FeatureKey::Forbidden(name) => {
                    map.next_value::<IgnoredAny>()?;
                    out.warnings.push(format!(
                        "lid '{name}' hoort niet in een Feature (RFC 7946 §7.1) en is genegeerd"
                    ));
                }
                FeatureKey::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        match ty.as_deref() {
            Some("Feature") => {}
            None => return Err(de::Error::custom("feature zonder 'type'")),
            Some(t) => {
                return Err(de::Error::custom(format!(
                    "type is '{t}', verwacht 'Feature' (hoofdlettergevoelig)"
                )))
            }
        }
        if !geometry_seen {
            return Err(de::Error::custom("feature zonder lid 'geometry'"));
        }
        Ok(out)
    }
}

struct TypeName(String);
impl<'de> Deserialize<'de> for TypeName {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = TypeName;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("tekst")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<TypeName, E> {
                Ok(TypeName(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<TypeName, A::Error> {
                Err(de::Error::custom(
                    "'type' moet tekst zijn, maar is een object",
                ))
            }
        }
        d.deserialize_any(V).map_err(|e: D::Error| {
            let s = e.to_string();
            if s.contains("'type'") {
                e
            } else {
                de::Error::custom("'type' moet tekst zijn")
            }
        })
    }
}

struct FeatureId(Option<String>);
impl<'de> Deserialize<'de> for FeatureId {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match serde_json::Value::deserialize(d)? {
            serde_json::Value::String(s) => Ok(FeatureId(Some(s))),
            serde_json::Value::Number(n) => Ok(FeatureId(Some(n.to_string()))),
            serde_json::Value::Null => Ok(FeatureId(None)),
            _ => Err(de::Error::custom("'id' moet tekst of een getal zijn")),
        }
    }
}

/// `Some(warning)` when a bbox is not 4 or 6 numbers; it is never used, only checked.
struct BboxCheck(Option<String>);
impl<'de> Deserialize<'de> for BboxCheck {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = serde_json::Value::deserialize(d)?;
        let ok = v.as_array().is_some_and(|a| {
            (a.len() == 4 || a.len() == 6) && a.iter().all(serde_json::Value::is_number)
        });
        Ok(BboxCheck((!ok).then(|| {
            format!("'bbox' moet 4 of 6 getallen zijn, maar is {v}; genegeerd")
        })))
    }
}

/// A key or string that borrows from the input when it has no escapes.
struct CowStr<'de>(Cow<'de, str>);
impl<'de> Deserialize<'de> for CowStr<'de> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = CowStr<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("tekst")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<CowStr<'de>, E> {
                Ok(CowStr(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<CowStr<'de>, E> {
                Ok(CowStr(Cow::Owned(v.to_string())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<CowStr<'de>, E> {
                Ok(CowStr(Cow::Owned(v)))
            }
        }
        d.deserialize_str(V)
    }
}

/// The properties, and the names that occurred more than once (the last value counts).
struct Props<'de>(Vec<(Cow<'de, str>, PropValue<'de>)>, Vec<String>);
impl<'de> Deserialize<'de> for Props<'de> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Props<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("een object of null")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Props<'de>, E> {
                Ok(Props(Vec::new(), Vec::new()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Props<'de>, A::Error> {
                Err(not_an_object("'properties'", "een lijst"))
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Props<'de>, E> {
                Err(not_an_object("'properties'", "tekst"))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Props<'de>, E> {
                Err(not_an_object("'properties'", "een getal"))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Props<'de>, E> {
                Err(not_an_object("'properties'", "een getal"))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Props<'de>, E> {
                Err(not_an_object("'properties'", "een getal"))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Props<'de>, E> {
                Err(not_an_object("'properties'", "true/false"))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Props<'de>, A::Error> {
                let mut out: Vec<(Cow<'de, str>, PropValue<'de>)> = Vec::with_capacity(16);
                let mut dups = Vec::new();
                while let Some(CowStr(k)) = map.next_key::<CowStr<'de>>()? {
                    let v = map.next_value::<Prop<'de>>()?.0;
                    if let Some(slot) = out.iter_mut().find(|(n, _)| *n == k) {
                        slot.1 = v; // JSON: the last duplicate wins, and it is said
                        dups.push(k.into_owned());
                    } else {
                        out.push((k, v));
                    }
                }
                Ok(Props(out, dups))
            }
        }
        d.deserialize_any(V)
    }
}

struct Prop<'de>(PropValue<'de>);
impl<'de> Deserialize<'de> for Prop<'de> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Prop<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("een waarde")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Prop<'de>, E> {
                Ok(Prop(PropValue::Null))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Prop<'de>, E> {
                Ok(Prop(PropValue::Bool(v)))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Prop<'de>, E> {
                Ok(Prop(PropValue::Num(v)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Prop<'de>, E> {
                Ok(Prop(PropValue::Num(v as f64)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Prop<'de>, E> {
                Ok(Prop(PropValue::Num(v as f64)))
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Prop<'de>, E> {
                Ok(Prop(PropValue::Str(Cow::Borrowed(v))))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Prop<'de>, E> {
                Ok(Prop(PropValue::Str(Cow::Owned(v.to_string()))))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Prop<'de>, E> {
                Ok(Prop(PropValue::Str(Cow::Owned(v))))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Prop<'de>, A::Error> {
                let v = serde_json::Value::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
                Ok(Prop(PropValue::Json(v.to_string())))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Prop<'de>, A::Error> {
                let v = serde_json::Value::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Prop(PropValue::Json(v.to_string())))
            }
        }
        d.deserialize_any(V)
    }
}

// ---------------------------------------------------------------- geometry

/// A geometry and whether it had a Z coordinate.
pub struct ParsedGeometry {
    pub geom: FeatureGeometry,
    pub had_z: bool,
}

/// Positions and the end offsets of nested lists: `ends[0]` closes lists of
/// positions (rings, lines), `ends[1]` lists of those (polygons), `ends[2]` lists
/// of polygons.
#[derive(Default)]
struct Nested {
    coords: Vec<Coord<f64>>,
    ends: [Vec<u32>; 3],
    had_z: bool,
}

enum Nest {
    Num(f64),
    /// 0 = a position, 1 = a list of positions, …
    Height(u8),
}

struct NestSeed<'a>(&'a mut Nested);

impl<'de> DeserializeSeed<'de> for NestSeed<'_> {
    type Value = Nest;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Nest, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for NestSeed<'_> {
    type Value = Nest;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("een getal of een lijst")
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Nest, E> {
        Ok(Nest::Num(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Nest, E> {
        Ok(Nest::Num(v as f64))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Nest, E> {
        Ok(Nest::Num(v as f64))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Nest, E> {
        Err(E::custom(format!(
            "coördinaat is tekst (\"{v}\") in plaats van een getal"
        )))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Nest, E> {
        Err(E::custom("coördinaat is null in plaats van een getal"))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Nest, E> {
        Err(E::custom(
            "coördinaat is true/false in plaats van een getal",
        ))
    }
    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Nest, A::Error> {
        Err(de::Error::custom(
            "coördinaat is een object in plaats van een getal",
        ))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Nest, A::Error> {
        let sink = self.0;
        let Some(first) = seq.next_element_seed(NestSeed(sink))? else {
            return Err(de::Error::custom("lege coördinatenlijst"));
        };
        match first {
            Nest::Num(x) => {
                let mut n = 1usize;
                let mut y = f64::NAN;
                while let Some(v) = seq.next_element_seed(NestSeed(sink))? {
                    match v {
                        Nest::Num(v) => {
                            n += 1;
                            if n == 2 {
                                y = v;
                            }
                        }
                        Nest::Height(_) => {
                            return Err(de::Error::custom(
                                "een positie bevat een lijst in plaats van getallen",
                            ))
                        }
                    }
                }
                if n < 2 {
                    return Err(de::Error::custom(
                        "positie met 1 getal; er zijn er 2 (x, y) of 3 (x, y, z) nodig",
                    ));
                }
                if n > 3 {
                    return Err(de::Error::custom(format!(
                        "positie met {n} getallen; hooguit 3 (x, y, z) zijn toegestaan"
                    )));
                }
                if !x.is_finite() || !y.is_finite() {
                    return Err(de::Error::custom("coördinaat is geen eindig getal"));
                }
                sink.had_z |= n == 3;
                sink.coords.push(Coord { x, y });
                Ok(Nest::Height(0))
            }
            Nest::Height(h) => {
                while let Some(v) = seq.next_element_seed(NestSeed(sink))? {
                    match v {
                        Nest::Height(h2) if h2 == h => {}
                        _ => return Err(de::Error::custom(
                            "ongelijke nesting: getallen en lijsten door elkaar in 'coordinates'",
                        )),
                    }
                }
                let level = h as usize;
                if level >= 3 {
                    return Err(de::Error::custom("'coordinates' is te diep genest"));
                }
                let end = if level == 0 {
                    sink.coords.len()
                } else {
                    sink.ends[level - 1].len()
                };
                sink.ends[level].push(end as u32);
                Ok(Nest::Height(h + 1))
            }
        }
    }
}

enum GeomKey {
    Type,
    Coordinates,
    Geometries,
    Bbox,
    Forbidden(String),
    Other,
}
impl<'de> Deserialize<'de> for GeomKey {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = GeomKey;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("een sleutel")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<GeomKey, E> {
                Ok(match v {
                    "type" => GeomKey::Type,
                    "coordinates" => GeomKey::Coordinates,
                    "geometries" => GeomKey::Geometries,
                    "bbox" => GeomKey::Bbox,
                    "features" | "geometry" | "properties" => GeomKey::Forbidden(v.to_string()),
                    _ => GeomKey::Other,
                })
            }
        }
        d.deserialize_str(V)
    }
}

/// Parses a geometry object or `null` (→ `None`).
struct GeometrySeed<'w> {
    warnings: &'w mut Vec<String>,
    depth: u8,
}

impl<'de> DeserializeSeed<'de> for GeometrySeed<'_> {
    type Value = Option<ParsedGeometry>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for GeometrySeed<'_> {
    type Value = Option<ParsedGeometry>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("een geometrie-object of null")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Err(not_an_object("een geometrie", "true/false"))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Err(not_an_object("een geometrie", "een getal"))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Err(not_an_object("een geometrie", "een getal"))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Err(not_an_object("een geometrie", "een getal"))
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Err(not_an_object("een geometrie", "tekst"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(not_an_object("een geometrie", "een lijst"))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let warnings = self.warnings;
        let mut ty: Option<String> = None;
        let mut nested: Option<(Nested, u8)> = None;
        let mut members: Option<Vec<ParsedGeometry>> = None;
        let (mut type_seen, mut coords_seen) = (false, false);
        while let Some(key) = map.next_key::<GeomKey>()? {
            match key {
                GeomKey::Type => {
                    if type_seen {
                        warnings.push("dubbel lid 'type' in de geometrie; de laatste telt".into());
                    }
                    type_seen = true;
                    ty = Some(map.next_value::<TypeName>()?.0)
                }
                GeomKey::Coordinates => {
                    if coords_seen {
                        warnings.push(
                            "dubbel lid 'coordinates' in de geometrie; de laatste telt".into(),
                        );
                    }
                    coords_seen = true;
                    let mut n = Nested::default();
                    let h = match map.next_value_seed(NestSeed(&mut n))? {
                        Nest::Height(h) => h,
                        Nest::Num(_) => {
                            return Err(de::Error::custom(
                                "'coordinates' moet een lijst zijn, maar is een getal",
                            ))
                        }
                    };
                    nested = Some((n, h));
                }
                GeomKey::Geometries => {
                    members = Some(map.next_value_seed(MembersSeed {
                        warnings: &mut *warnings,
                        depth: self.depth + 1,
                    })?);
                }
                GeomKey::Bbox => {
                    if let Some(w) = map.next_value::<BboxCheck>()?.0 {
                        warnings.push(w);
                    }
                }
                GeomKey::Forbidden(name) => {
                    map.next_value::<IgnoredAny>()?;
                    warnings.push(format!(
                        "lid '{name}' hoort niet in een geometrie (RFC 7946 §7.1) en is genegeerd"
                    ));
                }
                GeomKey::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let Some(ty) = ty else {
            return Err(de::Error::custom("geometrie zonder 'type'"));
        };
        if ty == "GeometryCollection" {
            let Some(members) = members else {
                return Err(de::Error::custom("GeometryCollection zonder 'geometries'"));
            };
            if self.depth > 0 {
                warnings.push("geneste GeometryCollection (RFC 7946 §3.1.8 raadt dit af)".into());
            }
            if members.len() == 1 {
                warnings.push(
                    "GeometryCollection met één geometrie (RFC 7946 §3.1.8 raadt dit af)".into(),
                );
            }
            return flatten_collection(members, warnings).map_err(de::Error::custom);
        }
        let kind = match ty.as_str() {
            "Point" => GeomKind::Point,
            "MultiPoint" => GeomKind::MultiPoint,
            "LineString" => GeomKind::LineString,
            "MultiLineString" => GeomKind::MultiLineString,
            "Polygon" => GeomKind::Polygon,
            "MultiPolygon" => GeomKind::MultiPolygon,
            other => {
                return Err(de::Error::custom(format!(
                    "onbekend geometrietype '{other}' (hoofdlettergevoelig: Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon of GeometryCollection)"
                )))
            }
        };
        let Some((n, h)) = nested else {
            return Err(de::Error::custom(format!("{ty} zonder 'coordinates'")));
        };
        let had_z = n.had_z;
        let geom = shape(kind, n, h, warnings).map_err(de::Error::custom)?;
        Ok(Some(ParsedGeometry { geom, had_z }))
    }
}

struct MembersSeed<'w> {
    warnings: &'w mut Vec<String>,
    depth: u8,
}

impl<'de> DeserializeSeed<'de> for MembersSeed<'_> {
    type Value = Vec<ParsedGeometry>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for MembersSeed<'_> {
    type Value = Vec<ParsedGeometry>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("een lijst van geometrieën")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        if self.depth > 8 {
            return Err(de::Error::custom("GeometryCollection is te diep genest"));
        }
        let mut out = Vec::new();
        loop {
            let seed = GeometrySeed {
                warnings: &mut *self.warnings,
                depth: self.depth,
            };
            match seq.next_element_seed(seed)? {
                None => break,
                Some(Some(g)) => out.push(g),
                Some(None) => {
                    return Err(de::Error::custom(
                        "null in 'geometries' van een GeometryCollection",
                    ))
                }
            }
        }
        Ok(out)
    }
}

fn kind_need(kind: GeomKind) -> (u8, &'static str) {
    match kind {
        GeomKind::Point => (0, "één positie [x, y]"),
        GeomKind::MultiPoint => (1, "een lijst van posities"),
        GeomKind::LineString => (1, "een lijst van posities"),
        GeomKind::MultiLineString => (2, "een lijst van lijnen"),
        GeomKind::Polygon => (2, "een lijst van ringen"),
        GeomKind::MultiPolygon => (3, "een lijst van polygonen"),
    }
}

fn seq_ends(n: usize) -> Vec<u32> {
    (1..=n as u32).collect()
}

/// Turns nested lists into a geometry of `kind`, checking the GeoJSON rules
/// (ring length, line length) and closing unclosed rings with a warning.
fn shape(
    kind: GeomKind,
    n: Nested,
    height: u8,
    warnings: &mut Vec<String>,
) -> Result<FeatureGeometry, String> {
    let (need, what) = kind_need(kind);
    if height != need {
        return Err(format!(
            "'coordinates' past niet bij {}: verwacht {what}",
            kind.name()
        ));
    }
    let Nested { coords, ends, .. } = n;
    let [e0, e1, _] = ends;
    match kind {
        GeomKind::Point => Ok(FeatureGeometry {
            kind,
            coords,
            ring_ends: vec![1],
            part_ends: vec![1],
        }),
        GeomKind::MultiPoint => {
            let k = coords.len();
            Ok(FeatureGeometry {
                kind,
                coords,
                ring_ends: seq_ends(k),
                part_ends: seq_ends(k),
            })
        }
        GeomKind::LineString | GeomKind::MultiLineString => {
            let mut start = 0;
            for &end in &e0 {
                if end - start < 2 {
                    return Err("een lijn heeft minstens 2 posities nodig".into());
                }
                start = end;
            }
            let k = e0.len();
            Ok(FeatureGeometry {
                kind,
                coords,
                ring_ends: e0,
                part_ends: seq_ends(k),
            })
        }
        GeomKind::Polygon | GeomKind::MultiPolygon => {
            let part_ends = if kind == GeomKind::Polygon {
                vec![e0.len() as u32]
            } else {
                e1
            };
            let (coords, ring_ends) = close_rings(coords, &e0, warnings)?;
            Ok(FeatureGeometry {
                kind,
                coords,
                ring_ends,
                part_ends,
            })
        }
    }
}

pub(crate) fn close_rings(
    coords: Vec<Coord<f64>>,
    ends: &[u32],
    warnings: &mut Vec<String>,
) -> Result<(Vec<Coord<f64>>, Vec<u32>), String> {
    let mut start = 0usize;
    let mut all_closed = true;
    for &end in ends {
        let ring = &coords[start..end as usize];
        if ring.first() != ring.last() {
            all_closed = false;
        }
        let distinct = ring.len() - usize::from(ring.first() == ring.last());
        if distinct < 3 {
            return Err(format!(
                "een ring heeft {} posities; er zijn er minstens 4 nodig (eerste = laatste)",
                ring.len()
            ));
        }
        start = end as usize;
    }
    if all_closed {
        return Ok((coords, ends.to_vec()));
    }
    warnings.push("ring niet gesloten (eerste positie ≠ laatste); automatisch gesloten".into());
    let mut out = Vec::with_capacity(coords.len() + ends.len());
    let mut new_ends = Vec::with_capacity(ends.len());
    let mut start = 0usize;
    for &end in ends {
        let ring = &coords[start..end as usize];
        out.extend_from_slice(ring);
        if ring.first() != ring.last() {
            out.push(ring[0]);
        }
        new_ends.push(out.len() as u32);
        start = end as usize;
    }
    Ok((out, new_ends))
}

/// Keeps the parts of the highest dimension: a site is an area if it has one.
pub(crate) fn flatten_collection(
    members: Vec<ParsedGeometry>,
    warnings: &mut Vec<String>,
) -> Result<Option<ParsedGeometry>, String> {
    let rank = |k: GeomKind| match k {
        GeomKind::Point | GeomKind::MultiPoint => 0,
        GeomKind::LineString | GeomKind::MultiLineString => 1,
        _ => 2,
    };
    let Some(top) = members.iter().map(|m| rank(m.geom.kind)).max() else {
        return Err("lege GeometryCollection".into());
    };
    if members.iter().any(|m| rank(m.geom.kind) != top) {
        warnings.push("GeometryCollection met gemengde dimensies: alleen de delen van de hoogste dimensie zijn gebruikt".into());
    }
    let kind = [
        GeomKind::MultiPoint,
        GeomKind::MultiLineString,
        GeomKind::MultiPolygon,
    ][top];
    let mut g = FeatureGeometry {
        kind,
        coords: Vec::new(),
        ring_ends: Vec::new(),
        part_ends: Vec::new(),
    };
    let mut had_z = false;
    for m in members.into_iter().filter(|m| rank(m.geom.kind) == top) {
        had_z |= m.had_z;
        let (c0, r0) = (g.coords.len() as u32, g.ring_ends.len() as u32);
        g.coords.extend_from_slice(&m.geom.coords);
        g.ring_ends.extend(m.geom.ring_ends.iter().map(|e| e + c0));
        g.part_ends.extend(m.geom.part_ends.iter().map(|e| e + r0));
    }
    Ok(Some(ParsedGeometry { geom: g, had_z }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn skip(json: &str) -> String {
        match parse_feature(json.as_bytes()) {
            Err(FeatureError::Skip(m)) => m,
            other => panic!("expected skip, got {other:?}"),
        }
    }

    #[test]
    fn reads_a_multipolygon_with_hole_and_z() {
        let f = parse_feature(br#"{"type":"Feature","id":7,"properties":{"a":"1,5","b":[1,2]},
            "geometry":{"coordinates":[[[[0,0,-100000],[4,0,0],[4,4,0],[0,4,0],[0,0,0]],[[1,1],[2,1],[2,2],[1,1]]],[[[10,10],[11,10],[11,11],[10,10]]]],"type":"MultiPolygon"}}"#).unwrap();
        let g = f.geometry.unwrap();
        assert_eq!(g.kind, GeomKind::MultiPolygon);
        assert_eq!(g.ring_ends, vec![5, 9, 13]);
        assert_eq!(g.part_ends, vec![2, 3]);
        assert!(f.had_z);
        assert_eq!(f.geojson_id.as_deref(), Some("7"));
        assert_eq!(f.props[1].1, PropValue::Json("[1,2]".into()));
    }

    #[test]
    fn semantic_problems_skip_with_dutch_reasons() {
        assert!(skip(r#"{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1,"f"]}}"#).contains("tekst"));
        assert!(skip(r#"{"type":"Feature","properties":[],"geometry":null}"#).contains("lijst"));
        assert!(skip(r#"{"type":"Featre","properties":{},"geometry":null}"#).contains("Featre"));
        assert!(skip(r#"{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}}"#).contains("ring"));
        assert!(skip(r#"{"type":"Feature","properties":{},"geometry":{"type":"MultiPolygon","coordinates":[1,2]}}"#).contains("polygonen"));
        assert!(skip("null").contains("null"));
        assert!(
            skip(r#"{"type":"Feature","id":{},"properties":{},"geometry":null}"#).contains("id")
        );
    }

    #[test]
    fn syntax_errors_are_not_skips() {
        assert!(matches!(
            parse_feature(br#"{"type":"Feature" "x":1}"#),
            Err(FeatureError::Syntax(_))
        ));
    }

    #[test]
    fn unclosed_ring_is_closed_with_a_warning() {
        let f = parse_geometry_feature(
            br#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}"#,
        )
        .unwrap();
        assert_eq!(f.geometry.unwrap().coords.len(), 5);
        assert_eq!(f.warnings.len(), 1);
    }
}
