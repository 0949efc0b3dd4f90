//! Two to four sites side by side, as a corporation weighs flex locations:
//! every criterion and sub-score, homes, term, grid status and its source,
//! flags, and the business case — with the differences and the best value per
//! row marked, computed here so the app only draws the table.

use chrono::NaiveDate;

use crate::business::{business_case, HousingForm};
use crate::project::Flag;
use crate::score::{nl_number, Dataset, Scoring, Term};
use crate::werkprogramma::{entry_params, Entry, Werkprogramma};

/// Fewer than two is no comparison; more than four no longer fits side by side.
pub const MIN_SITES: usize = 2;
pub const MAX_SITES: usize = 4;

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ComparedSite {
    pub index: u32,
    pub id: String,
    pub score: f64,
    pub band: String,
}

/// One line of the comparison.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CompareRow {
    /// Score, Criteria, Locatie or Businesscase.
    pub group: &'static str,
    pub label: String,
    pub values: Vec<String>,
    /// Not every site has the same value.
    pub differs: bool,
    /// Sites with the best value of a row that has a better direction.
    pub best: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Comparison {
    pub profile: String,
    pub sites: Vec<ComparedSite>,
    pub rows: Vec<CompareRow>,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CompareError {
    #[error("kies {MIN_SITES} tot {MAX_SITES} locaties om te vergelijken (nu {0})")]
    Count(usize),
    #[error("locatie {0} bestaat niet in de geladen gegevens")]
    NoSite(u32),
}

/// Better is higher (`Some(true)`), lower (`Some(false)`) or neither.
fn row(
    group: &'static str,
    label: &str,
    values: Vec<String>,
    nums: &[Option<f64>],
    higher: Option<bool>,
) -> CompareRow {
    let differs = values.windows(2).any(|w| w[0] != w[1]);
    let best = match higher {
        Some(h) if differs => {
            let key = |v: f64| if h { v } else { -v };
            let top = nums
                .iter()
                .flatten()
                .map(|v| key(*v))
                .fold(f64::NEG_INFINITY, f64::max);
            nums.iter()
                .enumerate()
                .filter(|(_, v)| v.is_some_and(|v| key(v) == top || (key(v) - top).abs() < 1e-9))
                .map(|(k, _)| k)
                .collect()
        }
        _ => Vec::new(),
    };
    CompareRow {
        group,
        label: label.to_string(),
        values,
        differs,
        best,
    }
}

fn eur(v: f64) -> String {
    format!("€ {}", nl_number(v, 0))
}

/// Compares `indices` (sites of `scoring`'s profile). The business case uses
/// the werkprogramma's numbers for a site that is in it, else the project's.
pub fn compare(
    ds: &Dataset,
    scoring: &Scoring,
    indices: &[u32],
    flags: &[Flag],
    wp: &Werkprogramma,
    today: NaiveDate,
) -> Result<Comparison, CompareError> {
    if !(MIN_SITES..=MAX_SITES).contains(&indices.len()) {
        return Err(CompareError::Count(indices.len()));
    }
    let layer = ds.site_layer(&scoring.profile);
    let mut details = Vec::with_capacity(indices.len());
    for &i in indices {
        details.push(
            scoring
                .detail(ds, i as usize)
                .ok_or(CompareError::NoSite(i))?,
        );
    }
    let form = if scoring.profile.key == "transformatie" {
        HousingForm::Transformatie
    } else {
        HousingForm::Flex
    };
    let cases: Vec<_> = indices
        .iter()
        .zip(&details)
        .map(|(&i, d)| {
            let source = layer.and_then(|l| l.source_id(i as usize)).unwrap_or(&d.id);
            let planned = wp
                .entries
                .iter()
                .find(|e| e.site_id == source && e.profile == scoring.profile.key);
            let entry = planned.cloned().unwrap_or_else(|| Entry {
                site_id: source.to_string(),
                profile: scoring.profile.key.clone(),
                form,
                homes: d.facts.homes.floor(),
                ..Entry::default()
            });
            let params = entry_params(wp, &entry, Some(d.facts.term));
            (
                business_case(entry.homes, entry.form, &params, today),
                planned.is_some(),
            )
        })
        .collect();

    let mut rows = Vec::new();
    let all = |f: &dyn Fn(usize) -> (String, Option<f64>)| -> (Vec<String>, Vec<Option<f64>>) {
        (0..details.len()).map(f).unzip()
    };
    let (v, n) = all(&|k| (nl_number(details[k].score, 1), Some(details[k].score)));
    rows.push(row("Score", "Score", v, &n, Some(true)));
    let (v, n) = all(&|k| (details[k].band.clone(), None));
    rows.push(row("Score", "Klasse", v, &n, None));
    for (c, crit) in scoring.profile.criteria.iter().enumerate() {
        let (v, n) = all(&|k| {
            let cs = &details[k].criteria[c];
            let mut s = nl_number(cs.score, 0);
            if cs.knocked_out {
                s.push_str(" (valt af)");
            }
            (s, Some(cs.score))
        });
        rows.push(row(
            "Criteria",
            &format!(
                "{} ({} %)",
                crit.label,
                nl_number(details[0].criteria[c].share * 100.0, 0)
            ),
            v,
            &n,
            Some(true),
        ));
    }
    let (v, n) = all(&|k| {
        (
            nl_number(details[k].facts.homes, 0),
            Some(details[k].facts.homes),
        )
    });
    rows.push(row("Locatie", "Woningen (schatting)", v, &n, Some(true)));
    let (v, n) = all(&|k| {
        let a = details[k].facts.area_m2;
        (format!("{} m²", nl_number(a, 0)), Some(a))
    });
    rows.push(row("Locatie", "Oppervlakte", v, &n, None));
    let (v, n) = all(&|k| match details[k].facts.term {
        Term::Years(y) => (format!("{} jaar", nl_number(y, 1)), Some(y)),
        Term::OpenEnd => ("onbepaald".into(), Some(f64::INFINITY)),
        Term::Unknown => ("onbekend".into(), None),
    });
    rows.push(row("Locatie", "Beschikbaar", v, &n, Some(true)));
    let (v, n) = all(&|k| {
        let g = &details[k].facts.grid_reading;
        // Fewer severity points is better: available 0 … queue 3.
        (
            format!("{} — {}", g.status.dutch(), g.detail),
            Some(-f64::from(g.status.severity())),
        )
    });
    rows.push(row("Locatie", "Netaansluiting", v, &n, Some(true)));
    let (v, n) = all(&|k| {
        let s = match details[k].facts.grid_reading.source {
            Some(crate::grid::GridSource::Note) => "notitie bij de locatie",
            Some(crate::grid::GridSource::Rvb) => "RVB-impactanalyse",
            Some(crate::grid::GridSource::Area) => "capaciteitskaart",
            None => "geen",
        };
        (s.to_string(), None)
    });
    rows.push(row("Locatie", "Bron netaansluiting", v, &n, None));
    let (v, n) = all(&|k| {
        (
            details[k]
                .facts
                .owner
                .clone()
                .unwrap_or_else(|| "onbekend".into()),
            None,
        )
    });
    rows.push(row("Locatie", "Eigenaar", v, &n, None));
    let (v, n) = all(&|k| {
        let src = layer
            .and_then(|l| l.source_id(indices[k] as usize))
            .unwrap_or(&details[k].id);
        let f = flags.iter().find(|f| f.site_id == src);
        (
            f.map_or("geen".to_string(), |f| {
                if f.note.is_empty() {
                    f.status.label().to_string()
                } else {
                    format!("{} ({})", f.status.label(), f.note)
                }
            }),
            None,
        )
    });
    rows.push(row("Locatie", "Vlag", v, &n, None));
    let (v, n) = all(&|k| {
        let (b, planned) = &cases[k];
        (
            format!(
                "{} woningen, {} jaar{}",
                nl_number(b.homes, 0),
                nl_number(b.params.term_years, 1),
                if *planned { " (werkprogramma)" } else { "" }
            ),
            None,
        )
    });
    rows.push(row("Businesscase", "Uitgangspunt", v, &n, None));
    let (v, n) = all(&|k| {
        (
            eur(cases[k].0.investment_eur),
            Some(cases[k].0.investment_eur),
        )
    });
    rows.push(row("Businesscase", "Investering", v, &n, None));
    let (v, n) = all(&|k| {
        (
            eur(cases[k].0.npv_before_schemes_eur),
            Some(cases[k].0.npv_before_schemes_eur),
        )
    });
    rows.push(row(
        "Businesscase",
        "NCW zonder regelingen",
        v,
        &n,
        Some(true),
    ));
    let (v, n) = all(&|k| (eur(cases[k].0.npv_eur), Some(cases[k].0.npv_eur)));
    rows.push(row("Businesscase", "NCW met regelingen", v, &n, Some(true)));
    let (v, n) = all(&|k| {
        (
            eur(cases[k].0.funding_gap_per_home_eur),
            Some(cases[k].0.funding_gap_per_home_eur),
        )
    });
    rows.push(row("Businesscase", "Tekort per woning", v, &n, Some(false)));
    let (v, n) = all(&|k| {
        (
            eur(cases[k].0.remaining_gap_per_home_eur),
            Some(cases[k].0.remaining_gap_per_home_eur),
        )
    });
    rows.push(row(
        "Businesscase",
        "Tekort na subsidie per woning",
        v,
        &n,
        Some(false),
    ));
    for (key, label) in [("sft", "SFT"), ("rthf", "RTHF")] {
        let (v, n) = all(&|k| {
            let s = cases[k].0.schemes.iter().find(|s| s.key == key);
            match s {
                Some(s) if s.fits => (
                    if s.amount_eur > 0.0 {
                        format!("past: {}", eur(s.amount_eur))
                    } else {
                        "past".to_string()
                    },
                    Some(1.0),
                ),
                Some(s) => (format!("past niet: {}", s.reasons.join("; ")), Some(0.0)),
                None => (String::new(), None),
            }
        });
        rows.push(row("Businesscase", label, v, &n, Some(true)));
    }
    Ok(Comparison {
        profile: scoring.profile.title.clone(),
        sites: details
            .iter()
            .map(|d| ComparedSite {
                index: d.index,
                id: d.id.clone(),
                score: d.score,
                band: d.band.clone(),
            })
            .collect(),
        rows,
    })
}

/// Why a comparison could not be written.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CompareExportError {
    #[error("{path}: kan niet worden geschreven: {detail}")]
    Write {
        path: std::path::PathBuf,
        detail: String,
    },
    #[error("{path}: onbekend uitvoerformaat voor een vergelijking; kies .xlsx of .csv")]
    UnknownFormat { path: std::path::PathBuf },
}

/// The table as the app shows it, to hand on: `.xlsx` (differing rows shaded,
/// the best value bold, as on screen) or `.csv` in the Dutch Excel dialect with
/// two extra columns saying which rows differ and which site is best. Written
/// whole or not at all.
pub fn write(path: &std::path::Path, c: &Comparison) -> Result<(), CompareExportError> {
    let ext = crate::export::extension_lower(path);
    let fail = |detail: String| CompareExportError::Write {
        path: path.to_path_buf(),
        detail,
    };
    let bytes = match ext.as_str() {
        "xlsx" => to_xlsx(c).map_err(|e| fail(e.to_string()))?,
        "csv" => to_csv(c).map_err(|e| fail(e.to_string()))?,
        _ => {
            return Err(CompareExportError::UnknownFormat {
                path: path.to_path_buf(),
            })
        }
    };
    crate::export::write_atomic(path, &bytes).map_err(|e| fail(crate::import::io_nl(&e)))
}

fn title(c: &Comparison) -> String {
    format!(
        "Vergelijking van {} locaties (profiel {})",
        c.sites.len(),
        c.profile
    )
}

/// One sheet "Vergelijking": a title, then group, item and a column per site.
pub fn to_xlsx(c: &Comparison) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Color, Format, FormatAlign, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Vergelijking")?;
    let bold = Format::new().set_bold();
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let shade = Color::RGB(0xFFF4CC);
    let plain = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let differs = plain.clone().set_background_color(shade);
    let best = differs.clone().set_bold();
    ws.write_string_with_format(0, 0, title(c), &bold)?;
    ws.set_column_width(0, 14)?;
    ws.set_column_width(1, 34)?;
    ws.write_string_with_format(2, 0, "Groep", &head)?;
    ws.write_string_with_format(2, 1, "Onderdeel", &head)?;
    for (k, s) in c.sites.iter().enumerate() {
        let col = (k + 2) as u16;
        ws.set_column_width(col, 30)?;
        ws.write_string_with_format(
            2,
            col,
            format!("{}\n{} ({})", s.id, nl_number(s.score, 1), s.band),
            &head,
        )?;
    }
    for (r, row) in c.rows.iter().enumerate() {
        let r = (r + 3) as u32;
        let f = if row.differs { &differs } else { &plain };
        ws.write_string_with_format(r, 0, row.group, f)?;
        ws.write_string_with_format(r, 1, &row.label, f)?;
        for (k, v) in row.values.iter().enumerate() {
            let f = if row.best.contains(&k) { &best } else { f };
            ws.write_string_with_format(r, (k + 2) as u16, v, f)?;
        }
    }
    ws.set_freeze_panes(3, 2)?;
    wb.save_to_buffer()
}

/// `;`, UTF-8 with BOM: the values as shown, plus "verschilt" (ja/nee) and "beste"
/// (the ids of the best sites of that row, if the row has a better direction).
pub fn to_csv(c: &Comparison) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .flexible(false)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    let mut header = vec!["groep".to_string(), "onderdeel".to_string()];
    header.extend(c.sites.iter().map(|s| s.id.clone()));
    header.extend(["verschilt".to_string(), "beste".to_string()]);
    w.write_record(&header)?;
    for row in &c.rows {
        let mut rec = vec![row.group.to_string(), row.label.clone()];
        rec.extend(row.values.iter().cloned());
        rec.push(if row.differs { "ja" } else { "nee" }.to_string());
        let best: Vec<&str> = row
            .best
            .iter()
            .filter_map(|&k| c.sites.get(k).map(|s| s.id.as_str()))
            .collect();
        rec.push(best.join(", "));
        w.write_record(&rec)?;
    }
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}
