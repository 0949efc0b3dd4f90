//! The Dutch Excel CSV dialect every CSV this program writes for people
//! follows: `;` between fields (the comma is the decimal sign), a UTF-8
//! byte-order mark so Excel reads accents, fields quoted only where they must be.
//! Numbers are formatted by the caller ([`crate::nl`]).

/// The byte-order mark Excel needs to read UTF-8.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A cell Excel or LibreOffice would run as a formula (`=`, `+`, `-`, `@`, tab or
/// carriage return first: OWASP "CSV injection") gets a leading apostrophe, so a
/// note like `=HYPERLINK(…)` is shown as text. Numbers such as `-12,5` stay numbers.
pub fn neutralise(s: &str) -> std::borrow::Cow<'_, str> {
    let risky = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && !looks_numeric(s) {
        std::borrow::Cow::Owned(format!("'{s}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// `-12,5`, `+3`, `-1.234,56`: a signed number, which a spreadsheet may read as one.
fn looks_numeric(s: &str) -> bool {
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    !body.is_empty()
        && body.chars().any(|c| c.is_ascii_digit())
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
}

/// A field quoted where `;`, a quote or a line break would break the row, and
/// neutralised where it would run as a formula.
fn csv_field(s: &str) -> String {
    let s = neutralise(s);
    let s = s.as_ref();
    if s.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// A CSV file in the making, in memory: the mark, the header, then rows.
#[derive(Debug, Clone)]
pub struct DutchCsv {
    bytes: Vec<u8>,
}

impl DutchCsv {
    pub fn new<S: AsRef<str>>(header: impl IntoIterator<Item = S>) -> DutchCsv {
        let mut csv = DutchCsv {
            bytes: BOM.to_vec(),
        };
        csv.row(header);
        csv
    }

    /// One row; every field is quoted where it must be.
    pub fn row<S: AsRef<str>>(&mut self, fields: impl IntoIterator<Item = S>) {
        for (k, f) in fields.into_iter().enumerate() {
            if k > 0 {
                self.bytes.push(b';');
            }
            self.bytes
                .extend_from_slice(csv_field(f.as_ref()).as_bytes());
        }
        self.bytes.push(b'\n');
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_numbers_are_not() {
        let mut c = DutchCsv::new(["a", "b", "c", "d", "e"]);
        c.row([
            "=HYPERLINK(\"http://x\";\"klik\")",
            "@SUM(1+1)",
            "=1+2",
            "-12,5",
            "\tx",
        ]);
        let text = String::from_utf8(c.into_bytes()).unwrap_or_default();
        let row = text.lines().nth(1).unwrap_or_default();
        assert_eq!(
            row,
            "\"'=HYPERLINK(\"\"http://x\"\";\"\"klik\"\")\";'@SUM(1+1);'=1+2;-12,5;'\tx"
        );
        assert_eq!(neutralise("+31 6 1234"), "'+31 6 1234");
        assert_eq!(neutralise("+3"), "+3");
    }

    #[test]
    fn mark_header_rows_and_quoting() {
        let mut c = DutchCsv::new(["id", "toelichting"]);
        c.row(["A;1", "zegt \"ja\""]);
        c.row(["B", "12,5"]);
        let text = String::from_utf8(c.into_bytes()).unwrap_or_default();
        assert_eq!(
            text,
            "\u{feff}id;toelichting\n\"A;1\";\"zegt \"\"ja\"\"\"\nB;12,5\n"
        );
    }
}
