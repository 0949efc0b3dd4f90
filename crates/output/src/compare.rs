//! A comparison of sites as a spreadsheet: XLSX, or CSV in the Dutch Excel dialect.

use locatiescout_engine::compare::{group_text, Comparison};
use locatiescout_model::csv_nl::DutchCsv;
use locatiescout_model::text::{number, Lang, Text};

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
pub fn write(path: &std::path::Path, c: &Comparison, lang: Lang) -> Result<(), CompareExportError> {
    let ext = locatiescout_model::files::extension_lower(path);
    let fail = |detail: String| CompareExportError::Write {
        path: path.to_path_buf(),
        detail,
    };
    let bytes = match ext.as_str() {
        "xlsx" => to_xlsx(c, lang).map_err(|e| fail(crate::report::xlsx_nl(&e)))?,
        "csv" => to_csv(c, lang),
        _ => {
            return Err(CompareExportError::UnknownFormat {
                path: path.to_path_buf(),
            })
        }
    };
    locatiescout_model::files::write_atomic(path, &bytes)
        .map_err(|e| fail(locatiescout_model::nl::io_nl_write(&e, path)))
}

fn title(c: &Comparison, lang: Lang) -> String {
    Text::new("cmp.title")
        .num("n", c.sites.len() as f64, 0)
        .text("profile", c.profile.clone())
        .render(lang)
}

/// One sheet "Vergelijking": a title, then group, item and a column per site.
pub fn to_xlsx(c: &Comparison, lang: Lang) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Color, Format, FormatAlign, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(Text::new("cmp.sheet").render(lang))?;
    let bold = Format::new().set_bold();
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let shade = Color::RGB(0xFFF4CC);
    let plain = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let differs = plain.clone().set_background_color(shade);
    let best = differs.clone().set_bold();
    ws.write_string_with_format(0, 0, title(c, lang), &bold)?;
    ws.set_column_width(0, 14)?;
    ws.set_column_width(1, 34)?;
    ws.write_string_with_format(2, 0, Text::new("cmp.group").render(lang), &head)?;
    ws.write_string_with_format(2, 1, Text::new("cmp.item").render(lang), &head)?;
    for (k, s) in c.sites.iter().enumerate() {
        let col = (k + 2) as u16;
        ws.set_column_width(col, 30)?;
        ws.write_string_with_format(
            2,
            col,
            format!(
                "{}\n{} ({})",
                s.id,
                number(s.score, 1, lang),
                s.band.render(lang)
            ),
            &head,
        )?;
    }
    for (r, row) in c.rows.iter().enumerate() {
        let r = (r + 3) as u32;
        let f = if row.differs { &differs } else { &plain };
        ws.write_string_with_format(r, 0, group_text(row.group).render(lang), f)?;
        ws.write_string_with_format(r, 1, row.label.render(lang), f)?;
        for (k, v) in row.values.iter().enumerate() {
            let f = if row.best.contains(&k) { &best } else { f };
            ws.write_string_with_format(r, (k + 2) as u16, v.render(lang), f)?;
        }
    }
    ws.set_freeze_panes(3, 2)?;
    wb.save_to_buffer()
}

/// `;`, UTF-8 with BOM: the values as shown, plus "verschilt" (ja/nee) and "beste"
/// (the ids of the best sites of that row, if the row has a better direction).
pub fn to_csv(c: &Comparison, lang: Lang) -> Vec<u8> {
    let h = |k| Text::new(k).render(lang).to_lowercase();
    let mut header = vec![h("cmp.group"), h("cmp.item")];
    header.extend(c.sites.iter().map(|s| s.id.clone()));
    header.extend([h("cmp.differs"), h("cmp.best")]);
    let mut w = DutchCsv::new(&header);
    for row in &c.rows {
        let mut rec = vec![group_text(row.group).render(lang), row.label.render(lang)];
        rec.extend(row.values.iter().map(|v| v.render(lang)));
        rec.push(h(if row.differs { "cmp.yes" } else { "cmp.no" }));
        let best: Vec<&str> = row
            .best
            .iter()
            .filter_map(|&k| c.sites.get(k).map(|s| s.id.as_str()))
            .collect();
        rec.push(best.join(", "));
        w.row(&rec);
    }
    w.into_bytes()
}
