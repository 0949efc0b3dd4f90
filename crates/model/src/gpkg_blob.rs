//! The GeoPackage geometry blob (OGC 12-128r18 §2.1.3): a small header — magic
//! `GP`, version, flags, the srs id and an optional envelope — before standard
//! WKB. Written here once for the werkprogramma export and read here for the
//! GeoPackage import, so both sides agree on the header; the WKB itself is the
//! `wkb` crate's.

use geo::{BoundingRect, MultiPolygon};

/// A blob split into its header facts and the WKB after it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GpkgBlob<'a> {
    pub srs_id: i32,
    /// The header's empty flag: the geometry has no coordinates.
    pub empty: bool,
    pub wkb: &'a [u8],
}

/// Why a blob is not a GeoPackage geometry; the text is the Dutch reason shown
/// in the import report.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{0}")]
pub struct BlobError(pub String);

/// Splits `blob` into header facts and WKB, checking magic, version, flags and
/// length.
pub fn split(blob: &[u8]) -> Result<GpkgBlob<'_>, BlobError> {
    if blob.len() < 8 {
        return Err(BlobError(format!(
            "geometrie is {} bytes, te kort voor een GeoPackage-geometrie",
            blob.len()
        )));
    }
    if &blob[..2] != b"GP" {
        return Err(BlobError(
            "geometrie is geen GeoPackage-geometrie (begint niet met 'GP')".into(),
        ));
    }
    if blob[2] != 0 {
        return Err(BlobError(format!(
            "onbekende GeoPackage-geometrieversie {}",
            blob[2]
        )));
    }
    let flags = blob[3];
    if flags & 0b0010_0000 != 0 {
        return Err(BlobError(
            "uitgebreide GeoPackage-geometrie (ExtendedGeoPackageBinary) wordt niet gelezen".into(),
        ));
    }
    let envelope = match (flags >> 1) & 0b111 {
        0 => 0,
        1 => 32,
        2 | 3 => 48,
        4 => 64,
        other => {
            return Err(BlobError(format!(
                "ongeldige envelop-code {other} in de GeoPackage-geometrie"
            )))
        }
    };
    let id = [blob[4], blob[5], blob[6], blob[7]];
    let srs_id = if flags & 1 == 1 {
        i32::from_le_bytes(id)
    } else {
        i32::from_be_bytes(id)
    };
    let start = 8 + envelope;
    let Some(wkb) = blob.get(start..) else {
        return Err(BlobError(format!(
            "geometrie houdt op in de kop ({} bytes, kop {start})",
            blob.len()
        )));
    };
    Ok(GpkgBlob {
        srs_id,
        empty: flags & 0b0001_0000 != 0,
        wkb,
    })
}

/// A MultiPolygon as a GeoPackage blob: little-endian header with its xy
/// envelope, then little-endian WKB. `None` for an empty MultiPolygon.
pub fn encode_multi_polygon(mp: &MultiPolygon<f64>, srs_id: i32) -> Option<Vec<u8>> {
    let r = mp.bounding_rect()?;
    let mut b = Vec::with_capacity(40 + wkb::writer::multi_polygon_wkb_size(mp));
    b.extend_from_slice(b"GP");
    b.push(0);
    b.push(0b0000_0011); // little-endian, envelope [minx, maxx, miny, maxy]
    b.extend_from_slice(&srs_id.to_le_bytes());
    for v in [r.min().x, r.max().x, r.min().y, r.max().y] {
        b.extend_from_slice(&v.to_le_bytes());
    }
    let options = wkb::writer::WriteOptions {
        endianness: wkb::Endianness::LittleEndian,
    };
    wkb::writer::write_multi_polygon(&mut b, mp, &options).ok()?;
    Some(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::polygon;

    #[test]
    fn writes_and_splits_the_header() {
        let mp = MultiPolygon(vec![
            polygon![(x: 0.0, y: 0.0), (x: 4.0, y: 0.0), (x: 4.0, y: 3.0), (x: 0.0, y: 0.0)],
        ]);
        let blob = encode_multi_polygon(&mp, 28992).unwrap();
        let b = split(&blob).unwrap();
        assert_eq!(b.srs_id, 28992);
        assert!(!b.empty);
        // Byte order 1, type 6 (MultiPolygon), one polygon.
        assert_eq!(&b.wkb[..9], &[1, 6, 0, 0, 0, 1, 0, 0, 0]);
        // 8 header + 32 envelope + 9 + (1 + 4 + 4 + 4 + 4 × 16) polygon.
        assert_eq!(blob.len(), 8 + 32 + 9 + 9 + 4 + 64);
    }

    #[test]
    fn refuses_what_is_not_a_blob() {
        assert!(split(b"GP").unwrap_err().0.contains("te kort"));
        assert!(split(b"XX\0\x01\0\0\0\0").unwrap_err().0.contains("'GP'"));
        // Envelope code 1 says 32 bytes follow the header; they do not.
        assert!(split(b"GP\0\x03\0\0\0\0\x01")
            .unwrap_err()
            .0
            .contains("kop"));
        // Big-endian srs id, empty flag.
        let b = split(b"GP\0\x10\0\0\x00\x04\x01").unwrap();
        assert_eq!((b.srs_id, b.empty, b.wkb), (4, true, &[1u8][..]));
    }
}
