//! The werkprogramma's tables, defined once: the spreadsheet, the CSV, the
//! report, the PDF, the GeoPackage and the GeoJSON all read their columns here.

use geo::{Orient, Polygon};
use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::WerkprogrammaExport;
use locatiescout_engine::werkprogramma::PeriodResult;
use locatiescout_model::crs::rd_to_wgs84;
use locatiescout_model::csv_nl::DutchCsv;
use locatiescout_model::nl::nl_number;

/// A value with its kind, so each format can show it properly.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// A count or measure, shown with this many decimals.
    Number(f64, usize),
    Money(f64),
    /// 0–1, shown as a percentage.
    Share(f64),
    Empty,
}

impl Cell {
    /// As a Dutch reader expects it: `1.234,5`, `€ 12.000`, `20 %`.
    pub fn display(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Number(v, d) => nl_number(*v, *d),
            Cell::Money(v) => format!("€\u{a0}{}", nl_number(*v, 0)),
            Cell::Share(v) => format!("{}\u{a0}%", nl_number(v * 100.0, 0)),
            Cell::Empty => String::new(),
        }
    }

    /// A plain number for machine-readable formats (GeoJSON, GeoPackage).
    fn json(&self) -> serde_json::Value {
        match self {
            Cell::Text(s) => serde_json::Value::String(s.clone()),
            Cell::Number(v, _) | Cell::Money(v) | Cell::Share(v) => {
                serde_json::Number::from_f64(*v)
                    .map(serde_json::Value::Number)
                    .unwrap_or(serde_json::Value::Null)
            }
            Cell::Empty => serde_json::Value::Null,
        }
    }
}

/// One table: Dutch headers for people, keys for machines.
#[derive(Debug, Clone)]
pub struct Table {
    pub title: &'static str,
    pub sheet: &'static str,
    pub columns: Vec<(&'static str, &'static str)>,
    pub rows: Vec<Vec<Cell>>,
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn opt_num(v: Option<f64>, d: usize) -> Cell {
    v.map_or(Cell::Empty, |v| Cell::Number(v, d))
}

/// The sites: what, how many, when, for whom, and what the data says of them.
pub fn site_rows(ex: &WerkprogrammaExport) -> Table {
    let rows = ex
        .report
        .sites
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let mix = s
                .entry
                .mix
                .iter()
                .map(|g| format!("{} {}", g.group, Cell::Share(g.share).display()))
                .collect::<Vec<_>>()
                .join(", ");
            vec![
                Cell::Number((k + 1) as f64, 0),
                text(&s.label),
                text(s.entry.form.dutch()),
                Cell::Number(s.entry.homes, 0),
                text(&s.period_label),
                Cell::Share(s.entry.share_statushouders),
                Cell::Number(s.homes_statushouders, 1),
                text(mix),
                opt_num(s.score, 1),
                s.band.clone().map_or(Cell::Empty, Cell::Text),
                opt_num(s.area_m2, 0),
                text(&s.term_text),
                text(&s.grid_text),
                s.flag.clone().map_or(Cell::Empty, Cell::Text),
                s.owner.clone().map_or(Cell::Empty, Cell::Text),
                Cell::Number(s.knelpunten.len() as f64, 0),
                text(&s.entry.note),
            ]
        })
        .collect();
    Table {
        title: "Locaties",
        sheet: "Locaties",
        columns: vec![
            ("nr", "Nr"),
            ("locatie", "Locatie"),
            ("woonvorm", "Woonvorm"),
            ("woningen", "Woningen"),
            ("oplevering", "Oplevering"),
            ("aandeel_statushouders", "Aandeel statushouders"),
            ("woningen_statushouders", "Woningen statushouders"),
            ("doelgroepen", "Overige doelgroepen"),
            ("score", "Score"),
            ("klasse", "Klasse"),
            ("oppervlakte_m2", "Oppervlakte (m²)"),
            ("beschikbaar", "Beschikbaar"),
            ("netaansluiting", "Netaansluiting"),
            ("vlag", "Vlag"),
            ("eigenaar", "Eigenaar"),
            ("knelpunten", "Knelpunten"),
            ("notitie", "Notitie"),
        ],
        rows,
    }
}

fn period_cells(p: &PeriodResult) -> Vec<Cell> {
    vec![
        text(&p.label),
        Cell::Number(p.taakstelling_persons, 0),
        Cell::Number(p.backlog_persons, 1),
        Cell::Number(p.persons_to_house, 1),
        Cell::Number(p.ambition_persons, 1),
        Cell::Number(p.ambition_homes, 1),
        Cell::Number(p.homes, 0),
        Cell::Number(p.homes_statushouders, 1),
        Cell::Number(p.persons_statushouders, 1),
        p.share_achieved.map_or(Cell::Empty, Cell::Share),
        Cell::Number(p.gap_homes, 1),
        Cell::Number(p.regular_stock_persons, 0),
        Cell::Number(p.unhoused_persons, 1),
        text(if p.reaches_ambition { "ja" } else { "nee" }),
    ]
}

/// Per period: the taakstelling against what the sites deliver, and the total.
pub fn period_rows(ex: &WerkprogrammaExport) -> Table {
    let r = &ex.report;
    let mut rows: Vec<Vec<Cell>> = r.periods.iter().map(period_cells).collect();
    rows.push(period_cells(&r.total));
    Table {
        title: "Taakstelling en ambitie per periode",
        sheet: "Periodes",
        columns: vec![
            ("periode", "Periode"),
            ("taakstelling_personen", "Taakstelling (personen)"),
            ("achterstand_personen", "Deel achterstand (personen)"),
            ("te_huisvesten_personen", "Te huisvesten (personen)"),
            ("ambitie_personen", "Ambitie (personen)"),
            ("ambitie_woningen", "Ambitie (woningen)"),
            ("woningen", "Woningen gepland"),
            ("woningen_statushouders", "Woningen statushouders"),
            ("statushouders_personen", "Statushouders (personen)"),
            ("behaald", "Behaald aandeel"),
            ("tekort_woningen", "Tekort (woningen)"),
            ("regulier_personen", "Reguliere voorraad (personen)"),
            ("niet_gehuisvest_personen", "Nog te huisvesten (personen)"),
            ("ambitie_gehaald", "Ambitie gehaald"),
        ],
        rows,
    }
}

/// Per site: the flex business case and the schemes it fits.
pub fn business_rows(ex: &WerkprogrammaExport) -> Table {
    let rows = ex
        .report
        .sites
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let b = &s.business;
            let scheme = |key: &str| {
                b.schemes
                    .iter()
                    .find(|x| x.key == key)
                    .map_or(Cell::Empty, |x| {
                        text(if x.fits {
                            if x.reasons.is_empty() {
                                "past".to_string()
                            } else {
                                format!("past ({})", x.reasons.join("; "))
                            }
                        } else {
                            format!("past niet: {}", x.reasons.join("; "))
                        })
                    })
            };
            let amount = |key: &str| {
                Cell::Money(
                    b.schemes
                        .iter()
                        .find(|x| x.key == key)
                        .map_or(0.0, |x| x.amount_eur),
                )
            };
            vec![
                Cell::Number((k + 1) as f64, 0),
                text(&s.label),
                Cell::Number(b.homes, 0),
                Cell::Money(b.params.investment_per_home_eur),
                Cell::Number(b.params.rent_per_month_eur, 2),
                Cell::Number(b.params.term_years, 1),
                Cell::Number(f64::from(b.params.relocations), 0),
                Cell::Share(b.params.residual_value_share),
                Cell::Share(b.params.discount_rate),
                Cell::Money(b.investment_eur),
                Cell::Money(b.npv_before_schemes_eur),
                amount("sft"),
                amount("rthf"),
                Cell::Money(b.npv_eur),
                Cell::Money(b.funding_gap_eur),
                Cell::Money(b.funding_gap_per_home_eur),
                Cell::Money(b.remaining_gap_eur),
                Cell::Money(b.remaining_gap_per_home_eur),
                scheme("sft"),
                scheme("rthf"),
            ]
        })
        .collect();
    Table {
        title: "Businesscase flexwoningen per locatie",
        sheet: "Businesscase",
        columns: vec![
            ("nr", "Nr"),
            ("locatie", "Locatie"),
            ("woningen", "Woningen"),
            ("investering_per_woning", "Investering per woning"),
            ("huur_per_maand", "Huur per maand (€)"),
            ("termijn_jaren", "Termijn (jaar)"),
            ("verplaatsingen", "Verplaat- singen"),
            ("restwaarde", "Restwaarde"),
            ("disconteringsvoet", "Disconto"),
            ("investering", "Investering"),
            ("ncw_zonder_regelingen", "NCW zonder regelingen"),
            ("sft", "SFT"),
            ("rthf", "RTHF-bijdrage"),
            ("ncw", "NCW"),
            ("tekort", "Tekort"),
            ("tekort_per_woning", "Tekort per woning"),
            ("restant_tekort", "Tekort na subsidie"),
            ("restant_per_woning", "Na subsidie per woning"),
            ("sft_past", "SFT"),
            ("rthf_past", "RTHF"),
        ],
        rows,
    }
}

/// Sites and their business case in one row each (the CSV, GeoJSON and
/// GeoPackage layout); the business table's nr, locatie and woningen are already there.
pub fn sites_with_business(ex: &WerkprogrammaExport) -> Table {
    let mut sites = site_rows(ex);
    let business = business_rows(ex);
    sites
        .columns
        .extend(business.columns.iter().skip(3).copied());
    for (row, b) in sites.rows.iter_mut().zip(business.rows) {
        row.extend(b.into_iter().skip(3));
    }
    sites
}

/// Knelpunten per category, with the sites each applies to.
pub fn knelpunt_rows(ex: &WerkprogrammaExport) -> Table {
    let mut rows = Vec::new();
    for c in &ex.report.knelpunten {
        for item in &c.items {
            rows.push(vec![
                text(c.label),
                text(&item.text),
                text(if item.sites.is_empty() {
                    "alle".to_string()
                } else {
                    item.sites.join(", ")
                }),
                text(if item.derived {
                    "afgeleid uit de gegevens"
                } else {
                    "ingevoerd"
                }),
            ]);
        }
    }
    Table {
        title: "Knelpunten",
        sheet: "Knelpunten",
        columns: vec![
            ("categorie", "Categorie"),
            ("knelpunt", "Knelpunt"),
            ("locaties", "Locaties"),
            ("bron", "Bron"),
        ],
        rows,
    }
}

/// The werkprogramma's own facts and texts, as label–value pairs.
pub fn summary_rows(ex: &WerkprogrammaExport) -> Vec<(&'static str, Cell)> {
    let r = &ex.report;
    let wp = &r.input;
    vec![
        ("Gemeente", text(&wp.gemeente)),
        ("Datum", text(&r.reference_date)),
        (
            "Ambitie aanvullende woonvormen",
            Cell::Share(wp.ambition_share),
        ),
        (
            "Gemiddelde huishoudgrootte",
            Cell::Number(wp.household_size, 2),
        ),
        (
            "Achterstand (personen)",
            Cell::Number(wp.backlog_persons, 0),
        ),
        ("Locaties", Cell::Number(r.sites.len() as f64, 0)),
        ("Woningen", Cell::Number(r.total.homes, 0)),
        (
            "Woningen voor statushouders",
            Cell::Number(r.total.homes_statushouders, 1),
        ),
        ("Conclusie", text(&r.ambition_text)),
        (
            "Financieringstekort (voor subsidie)",
            Cell::Money(r.funding_gap_total_eur),
        ),
        ("SFT-bijdrage", Cell::Money(r.sft_total_eur)),
        ("Tekort na subsidie", Cell::Money(r.remaining_gap_total_eur)),
        ("Steun gevraagd van Rijk en provincie", text(&wp.support)),
        ("Samenwerking met andere gemeenten", text(&wp.cooperation)),
        ("Planning", text(&wp.planning)),
    ]
}

/// The spreadsheet: a summary sheet, then sites, periods, knelpunten and business case.
pub fn xlsx(ex: &WerkprogrammaExport) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    let money = Format::new().set_num_format("€ #,##0");
    let share = Format::new().set_num_format("0%");
    let number = |d: usize| {
        Format::new().set_num_format(if d == 0 {
            "#,##0".to_string()
        } else {
            format!("#,##0.{}", "0".repeat(d))
        })
    };
    let ws = wb.add_worksheet();
    ws.set_name("Werkprogramma")?;
    ws.write_string_with_format(0, 0, "Lokaal werkprogramma aanvullende huisvesting", &bold)?;
    ws.set_column_width(0, 38)?;
    ws.set_column_width(1, 90)?;
    for (k, (label, cell)) in summary_rows(ex).into_iter().enumerate() {
        let row = (k + 2) as u32;
        ws.write_string_with_format(row, 0, label, &bold)?;
        match cell {
            Cell::Money(v) => ws.write_number_with_format(row, 1, v, &money)?,
            Cell::Share(v) => ws.write_number_with_format(row, 1, v, &share)?,
            Cell::Number(v, d) => ws.write_number_with_format(row, 1, v, &number(d))?,
            Cell::Text(s) => ws.write_string_with_format(row, 1, &s, &wrap)?,
            Cell::Empty => ws,
        };
    }
    for table in [
        site_rows(ex),
        period_rows(ex),
        knelpunt_rows(ex),
        business_rows(ex),
    ] {
        let ws = wb.add_worksheet();
        ws.set_name(table.sheet)?;
        for (c, (_, header)) in table.columns.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *header, &bold)?;
            ws.set_column_width(c as u16, (header.chars().count() as f64 + 2.0).max(12.0))?;
        }
        for (r, row) in table.rows.iter().enumerate() {
            let r = (r + 1) as u32;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Money(v) => ws.write_number_with_format(r, c, *v, &money)?,
                    Cell::Share(v) => ws.write_number_with_format(r, c, *v, &share)?,
                    Cell::Number(v, d) => ws.write_number_with_format(r, c, *v, &number(*d))?,
                    Cell::Text(s) => ws.write_string(r, c, s)?,
                    Cell::Empty => ws,
                };
            }
        }
        ws.set_freeze_panes(1, 0)?;
    }
    wb.save_to_buffer()
}

/// The sites with their business case in one CSV, Dutch Excel dialect:
/// `;`, decimal comma, UTF-8 with BOM.
pub fn csv(ex: &WerkprogrammaExport) -> Vec<u8> {
    let t = sites_with_business(ex);
    let mut w = DutchCsv::new(t.columns.iter().map(|(_, h)| *h));
    for row in &t.rows {
        let plain = |c: &Cell| match c {
            // Numbers without thousands separators or units, so Excel reads them as numbers.
            Cell::Number(v, d) => format!("{v:.d$}").replace('.', ","),
            Cell::Money(v) => format!("{v:.0}"),
            Cell::Share(v) => format!("{:.4}", v).replace('.', ","),
            c => c.display(),
        };
        w.row(row.iter().map(plain));
    }
    w.into_bytes()
}

/// RD New → WGS84 with RFC 7946 winding (exteriors counter-clockwise).
fn polygon_json(p: &Polygon<f64>, local: bool) -> Result<serde_json::Value, String> {
    let p = p.orient(geo::orient::Direction::Default);
    let ring = |ls: &geo::LineString<f64>| -> Result<serde_json::Value, String> {
        ls.0.iter()
            .map(|c| {
                let (x, y) = if local {
                    (c.x, c.y)
                } else {
                    rd_to_wgs84(c.x, c.y).map_err(|e| e.to_string())?
                };
                let r7 = |v: f64| (v * 1e7).round() / 1e7;
                Ok(serde_json::json!([r7(x), r7(y)]))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(serde_json::Value::Array)
    };
    let mut rings = vec![ring(p.exterior())?];
    for h in p.interiors() {
        rings.push(ring(h)?);
    }
    Ok(serde_json::Value::Array(rings))
}

/// The sites as an RFC 7946 FeatureCollection (WGS84) with every table column.
pub fn geojson(ex: &WerkprogrammaExport) -> Result<Vec<u8>, String> {
    let t = sites_with_business(ex);
    let mut features = Vec::new();
    for (k, row) in t.rows.iter().enumerate() {
        let mut props = serde_json::Map::new();
        for ((key, _), cell) in t.columns.iter().zip(row) {
            props.insert((*key).to_string(), cell.json());
        }
        let site = &ex.report.sites[k];
        props.insert(
            "knelpunten_tekst".into(),
            serde_json::Value::String(
                site.knelpunten
                    .iter()
                    .map(|kp| format!("{}: {}", kp.category.dutch(), kp.text))
                    .collect::<Vec<_>>()
                    .join(" | "),
            ),
        );
        let geometry = match ex.shapes.get(k).and_then(|s| s.as_ref()) {
            Some(mp) if !mp.0.is_empty() => serde_json::json!({
                "type": "MultiPolygon",
                "coordinates": mp.0.iter().map(|p| polygon_json(p, ex.local)).collect::<Result<Vec<_>, _>>()?,
            }),
            _ => serde_json::Value::Null,
        };
        features.push(serde_json::json!({
            "type": "Feature",
            "id": site.entry.site_id,
            "geometry": geometry,
            "properties": props,
        }));
    }
    let fc = serde_json::json!({ "type": "FeatureCollection", "features": features });
    serde_json::to_vec_pretty(&fc).map_err(|e| e.to_string())
}
