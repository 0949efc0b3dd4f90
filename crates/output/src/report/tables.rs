//! The werkprogramma's tables, defined once: the spreadsheet, the CSV, the
//! report, the PDF, the GeoPackage and the GeoJSON all read their columns here.

use geo::{Orient, Polygon};
use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::WerkprogrammaExport;
use locatiescout_engine::business::{SchemeFit, COST_FACTORS, SENSITIVITY_COLUMNS};
use locatiescout_engine::werkprogramma::PeriodResult;
use locatiescout_model::crs::rd_to_wgs84;
use locatiescout_model::csv_nl::DutchCsv;
use locatiescout_model::nl::nl_number;
use locatiescout_model::text::{known_key, render_all, Lang, Text};

/// A value with its kind, so each format can show it properly.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// A count or measure, shown with this many decimals.
    Number(f64, usize),
    Money(f64),
    /// 0–1, shown as a percentage.
    Share(f64),
    Date(chrono::NaiveDate),
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
            Cell::Date(d) => d.format("%d-%m-%Y").to_string(),
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
            Cell::Date(d) => serde_json::Value::String(d.format("%Y-%m-%d").to_string()),
            Cell::Empty => serde_json::Value::Null,
        }
    }
}

/// One table: Dutch headers for people, keys for machines.
#[derive(Debug, Clone)]
pub struct Table {
    pub title: &'static str,
    pub sheet: &'static str,
    pub columns: Vec<(&'static str, std::borrow::Cow<'static, str>)>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// Leaves out columns no row has a value in (a report reader sees no empty columns).
    pub fn without_empty_columns(mut self) -> Table {
        let keep: Vec<bool> = (0..self.columns.len())
            .map(|c| {
                self.rows.iter().any(|r| {
                    r.get(c)
                        .is_some_and(|cell| !cell.display().trim().is_empty())
                })
            })
            .collect();
        let mut k = keep.iter();
        self.columns.retain(|_| *k.next().unwrap_or(&true));
        for row in &mut self.rows {
            let mut k = keep.iter();
            row.retain(|_| *k.next().unwrap_or(&true));
        }
        self
    }
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn opt_num(v: Option<f64>, d: usize) -> Cell {
    v.map_or(Cell::Empty, |v| Cell::Number(v, d))
}

fn whole(v: f64) -> Cell {
    Cell::Number(v, 0)
}

/// The sites as a reader sees them: without columns nothing fills.
/// Raw ids are left to the machine formats: a reader gets the name.
pub fn site_rows(ex: &WerkprogrammaExport) -> Table {
    let mut t = site_table(ex);
    if let Some(c) = t.columns.iter().position(|(k, _)| *k == "identificatie") {
        t.columns.remove(c);
        for row in &mut t.rows {
            row.remove(c);
        }
    }
    t.without_empty_columns()
}

/// The sites: what, how many, when, for whom, and what the data says of them.
/// Every column, so machine formats keep one layout.
pub fn site_table(ex: &WerkprogrammaExport) -> Table {
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
                whole((k + 1) as f64),
                text(&s.label),
                text(s.entry.form.dutch()),
                whole(s.units),
                text(s.unit_word),
                Cell::Number(s.persons_per_unit, 1),
                Cell::Share(s.entry.statushouders_share()),
                whole(s.units_statushouders),
                whole(s.persons_statushouders),
                text(&s.period_label),
                text(&s.feasible_label),
                text(&s.ready_date),
                s.cause
                    .as_deref()
                    .and_then(|key| known_key(&format!("kp.overall.{key}")))
                    .map_or(Cell::Empty, |key| Cell::Text(Text::new(key).nl())),
                text(mix),
                opt_num(s.score, 1),
                s.band.as_ref().map_or(Cell::Empty, |b| Cell::Text(b.nl())),
                text(&s.term_text),
                text(&s.grid_text),
                s.flag.as_ref().map_or(Cell::Empty, |f| Cell::Text(f.nl())),
                s.owner.clone().map_or(Cell::Empty, Cell::Text),
                text(&s.entry.site_id),
                text(&s.entry.note),
            ]
        })
        .collect();
    Table {
        title: "Locaties en woonvormen",
        sheet: "Locaties",
        columns: vec![
            ("nr", "Nr".into()),
            ("locatie", "Locatie".into()),
            ("woonvorm", "Woonvorm".into()),
            ("eenheden", "Aantal".into()),
            ("eenheid", "Eenheid".into()),
            ("personen_per_eenheid", "Personen per woning/plek".into()),
            ("aandeel_statushouders", "Aandeel statushouders".into()),
            (
                "eenheden_statushouders",
                "Voor statushouders (woningen/plekken)".into(),
            ),
            ("personen_statushouders", "Statushouders (personen)".into()),
            ("gepland", "Gepland".into()),
            ("haalbaar", "Haalbaar".into()),
            ("haalbaar_vanaf", "Oplevering vanaf".into()),
            ("reden_later", "Later of niet door".into()),
            ("doelgroepen", "Overige doelgroepen".into()),
            ("score", "Score".into()),
            ("klasse", "Klasse".into()),
            ("beschikbaar", "Beschikbaar".into()),
            ("netaansluiting", "Netaansluiting".into()),
            ("vlag", "Vlag".into()),
            ("eigenaar", "Eigenaar".into()),
            ("identificatie", "Identificatie".into()),
            ("notitie", "Notitie".into()),
        ],
        rows,
    }
}

fn period_cells(p: &PeriodResult, realised: bool) -> Vec<Cell> {
    let mut cells = vec![
        text(&p.label),
        whole(p.taakstelling_persons),
        whole(p.backlog_persons),
        whole(p.persons_to_house),
        whole(p.ambition_persons),
        whole(p.planned_units),
        whole(p.planned_persons),
        whole(p.feasible_units),
        whole(p.feasible_persons),
        whole(p.regular_stock_persons),
        whole(p.cooperation_persons),
        whole(p.balance_persons),
    ];
    if realised {
        cells.push(whole(p.realised_persons));
    }
    cells
}

/// The cooperation's row: housed through other municipalities over all
/// periods (the input is not per period), so the rows add up to the total.
fn cooperation_cells(persons: f64, realised: bool) -> Vec<Cell> {
    let mut cells = vec![Cell::Text("Via samenwerking (alle periodes)".into())];
    cells.extend(std::iter::repeat_n(Cell::Empty, 9));
    cells.push(whole(persons));
    cells.push(whole(-persons));
    if realised {
        cells.push(Cell::Empty);
    }
    cells
}

/// Per period: the taakstelling against what is planned and what can really be
/// delivered, the cooperation, and the total — every column of the total is
/// the sum of the rows above it. The ambition is judged on the total only.
pub fn period_rows(ex: &WerkprogrammaExport) -> Table {
    let r = &ex.report;
    let realised = r.total.realised_persons > 0.0;
    let mut rows: Vec<Vec<Cell>> = r
        .periods
        .iter()
        .map(|p| period_cells(p, realised))
        .collect();
    if r.total.cooperation_persons > 0.0 {
        rows.push(cooperation_cells(r.total.cooperation_persons, realised));
    }
    rows.push(period_cells(&r.total, realised));
    let mut columns = vec![
        ("periode", "Periode".into()),
        ("taakstelling_personen", "Taakstelling (personen)".into()),
        ("achterstand_personen", "Deel achterstand (personen)".into()),
        ("te_huisvesten_personen", "Te huisvesten (personen)".into()),
        ("ambitie_personen", "Deel ambitie (personen)".into()),
        ("gepland_eenheden", "Gepland (woningen en plekken)".into()),
        (
            "gepland_personen",
            "Gepland statushouders (personen)".into(),
        ),
        ("haalbaar_eenheden", "Haalbaar (woningen en plekken)".into()),
        (
            "haalbaar_personen",
            "Haalbaar statushouders (personen)".into(),
        ),
        ("regulier_personen", "Reguliere voorraad (personen)".into()),
        (
            "samenwerking_personen",
            "Via samenwerking (personen)".into(),
        ),
        (
            "niet_gehuisvest_personen",
            "Nog zonder woning (personen; − is meer gehuisvest)".into(),
        ),
    ];
    if realised {
        columns.push((
            "gerealiseerd_personen",
            "Al gehuisvest tot de peildatum (personen)".into(),
        ));
    }
    Table {
        title: "Taakstelling, gepland en haalbaar per periode",
        sheet: "Periodes",
        columns,
        rows,
    }
}

pub(crate) fn scheme_text(x: &SchemeFit) -> String {
    let mut parts = Vec::new();
    if x.conditional {
        parts.push("mogelijk onder voorwaarden".to_string());
    } else if !x.fits {
        parts.push(format!(
            "past niet: {}",
            render_all(&x.reasons, "; ", Lang::Nl)
        ));
    } else {
        parts.push("past".to_string());
    }
    parts.extend(x.remarks.iter().map(Text::nl));
    parts.join("; ")
}

/// Per entry: the business case.
pub fn business_rows(ex: &WerkprogrammaExport) -> Table {
    let rows = ex
        .report
        .sites
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let b = &s.business;
            let amount = |key: &str| {
                Cell::Money(
                    b.schemes
                        .iter()
                        .find(|x| x.key == key)
                        .map_or(0.0, |x| x.amount_eur),
                )
            };
            vec![
                whole((k + 1) as f64),
                text(&s.label),
                whole(b.homes),
                Cell::Money(b.params.investment_per_home_eur),
                Cell::Number(b.params.rent_per_month_eur, 2),
                Cell::Number(b.term_years, 1),
                whole(f64::from(b.params.relocations)),
                Cell::Share(b.params.residual_value_share),
                Cell::Share(b.params.discount_rate),
                Cell::Money(b.investment_eur),
                Cell::Money(b.npv_before_schemes_eur),
                amount("sft"),
                amount("rthf"),
                Cell::Money(b.npv_eur),
                Cell::Money(b.funding_gap_eur),
                Cell::Money(b.remaining_gap_eur),
                Cell::Money(b.remaining_gap_per_home_eur),
                Cell::Money(b.schemes.iter().map(|x| x.contingent_eur).sum()),
            ]
        })
        .collect();
    Table {
        title: "Businesscase per regel",
        sheet: "Businesscase",
        columns: vec![
            ("nr", "Nr".into()),
            ("locatie", "Locatie".into()),
            ("eenheden", "Woningen/plekken".into()),
            (
                "investering_per_woning",
                "Investering per woning/plek".into(),
            ),
            ("huur_per_maand", "Huur per maand (€)".into()),
            ("termijn_jaren", "Termijn (jaar)".into()),
            ("verplaatsingen", "Verplaatsingen".into()),
            ("restwaarde", "Restwaarde".into()),
            ("disconteringsvoet", "Disconto".into()),
            ("investering", "Investering".into()),
            ("ncw_zonder_regelingen", "NCW zonder regelingen".into()),
            ("sft", "SFT".into()),
            ("rthf", "RTHF-bijdrage".into()),
            ("ncw", "NCW".into()),
            ("tekort", "Tekort".into()),
            ("restant_tekort", "Tekort na subsidie".into()),
            ("restant_per_woning", "Na subsidie per woning/plek".into()),
            (
                "rthf_garantie_gemeente",
                "RTHF-garantie gemeente (hoogstens)".into(),
            ),
        ],
        rows,
    }
}

/// Per entry and scheme: fits or not, the amount and why.
pub fn scheme_rows(ex: &WerkprogrammaExport) -> Table {
    let mut rows = Vec::new();
    for (k, s) in ex.report.sites.iter().enumerate() {
        for x in &s.business.schemes {
            rows.push(vec![
                whole((k + 1) as f64),
                text(&s.label),
                text(x.name),
                text(match (x.fits, x.conditional) {
                    (true, _) => "ja",
                    (false, true) => "onder voorwaarden",
                    (false, false) => "nee",
                }),
                if x.fits && x.amount_eur != 0.0 {
                    Cell::Money(x.amount_eur)
                } else {
                    Cell::Empty
                },
                text(if x.counted {
                    "in de businesscase"
                } else {
                    "indicatie, niet meegeteld"
                }),
                text(scheme_text(x)),
            ]);
        }
    }
    Table {
        title: "Regelingen per regel",
        sheet: "Regelingen",
        columns: vec![
            ("nr", "Nr".into()),
            ("locatie", "Locatie".into()),
            ("regeling", "Regeling".into()),
            ("past", "Past".into()),
            ("bedrag", "Bedrag".into()),
            ("telt", "Telt".into()),
            ("toelichting", "Toelichting".into()),
        ],
        rows,
    }
}

/// The remaining gap of all entries together by build cost and varied assumption.
pub fn sensitivity_rows(ex: &WerkprogrammaExport) -> Table {
    let rows = COST_FACTORS
        .iter()
        .zip(&ex.report.sensitivity)
        .map(|(f, line)| {
            let mut row = vec![text(if (*f - 1.0).abs() < 1e-9 {
                "zoals ingevuld".to_string()
            } else {
                format!("{} van de ingevulde", Cell::Share(*f).display())
            })];
            row.extend(line.iter().map(|v| Cell::Money(*v)));
            row
        })
        .collect();
    let mut columns = vec![("bouwkosten", "Bouwkosten".into())];
    for v in SENSITIVITY_COLUMNS {
        columns.push((v.key(), v.label().nl().into()));
    }
    Table {
        title: "Gevoeligheid: tekort na subsidie van alle regels samen",
        sheet: "Gevoeligheid",
        columns,
        rows,
    }
}

/// The business-case numbers still at a default without a (current) source.
pub fn assumption_rows(ex: &WerkprogrammaExport) -> Table {
    let rows = ex
        .report
        .assumptions
        .iter()
        .map(|a| vec![text(&a.text), text(&a.status), text(a.sites.join(", "))])
        .collect();
    Table {
        title: "Uitgangspunten zonder (actuele) bron of niet ingevuld — stel eigen waarden in",
        sheet: "Aannames",
        columns: vec![
            ("uitgangspunt", "Uitgangspunt".into()),
            ("status", "Status".into()),
            ("locaties", "Gebruikt bij".into()),
        ],
        rows,
    }
}

/// The knelpunten as a reader sees them: without columns nothing fills.
pub fn knelpunt_rows(ex: &WerkprogrammaExport) -> Table {
    knelpunt_table(ex).without_empty_columns()
}

/// Knelpunten per category, with the sites each applies to, what it blocks and who is asked.
pub fn knelpunt_table(ex: &WerkprogrammaExport) -> Table {
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
                if item.blocked_persons > 0.0 {
                    whole(item.blocked_persons)
                } else {
                    Cell::Empty
                },
                item.addressee.map_or(Cell::Empty, |a| text(a.dutch())),
                text(&item.ask),
                text(if item.derived {
                    "afgeleid uit de gegevens"
                } else {
                    "ingevoerd"
                }),
            ]);
        }
    }
    Table {
        title: "Knelpunten en gevraagde steun",
        sheet: "Knelpunten",
        columns: vec![
            ("categorie", "Categorie".into()),
            ("knelpunt", "Knelpunt".into()),
            ("locaties", "Locaties".into()),
            ("houdt_tegen_personen", "Houdt tegen (personen)".into()),
            ("steun_van", "Steun van".into()),
            ("vraag", "Gevraagde steun".into()),
            ("bron", "Bron".into()),
        ],
        rows,
    }
}

/// Every entry's own knelpunten.
pub fn site_knelpunt_rows(ex: &WerkprogrammaExport) -> Table {
    let mut rows = Vec::new();
    for (k, s) in ex.report.sites.iter().enumerate() {
        for kp in &s.knelpunten {
            rows.push(vec![
                whole((k + 1) as f64),
                text(&s.label),
                text(kp.category.dutch()),
                text(&kp.text),
            ]);
        }
    }
    Table {
        title: "Knelpunten per locatie",
        sheet: "Knelpunten per locatie",
        columns: vec![
            ("nr", "Nr".into()),
            ("locatie", "Locatie".into()),
            ("categorie", "Categorie".into()),
            ("knelpunt", "Knelpunt".into()),
        ],
        rows,
    }
}

/// The doelgroepenmix over all entries.
pub fn group_rows(ex: &WerkprogrammaExport) -> Table {
    let rows = ex
        .report
        .groups_total
        .iter()
        .map(|(g, n)| vec![text(g), whole(*n)])
        .chain(std::iter::once(vec![
            text("Totaal"),
            whole(ex.report.groups_total.values().sum()),
        ]))
        .collect();
    Table {
        title: "Doelgroepenmix van alle regels samen",
        sheet: "Doelgroepen",
        columns: vec![
            ("doelgroep", "Doelgroep".into()),
            ("eenheden", "Woningen en plekken".into()),
        ],
        rows,
    }
}

/// Sites and their business case in one row each (the CSV, GeoJSON and
/// GeoPackage layout); the business table's nr, locatie and units are already there.
pub fn sites_with_business(ex: &WerkprogrammaExport) -> Table {
    let mut sites = site_table(ex);
    let business = business_rows(ex);
    sites
        .columns
        .extend(business.columns.iter().skip(3).cloned());
    for (row, b) in sites.rows.iter_mut().zip(business.rows) {
        row.extend(b.into_iter().skip(3));
    }
    sites
}

/// The werkprogramma's own facts and texts, as label–value pairs.
pub fn summary_rows(ex: &WerkprogrammaExport) -> Vec<(&'static str, Cell)> {
    let r = &ex.report;
    let wp = &r.input;
    let a = &r.ambition;
    vec![
        ("Gemeente", text(&wp.gemeente)),
        (
            "Peildatum",
            chrono::NaiveDate::parse_from_str(&r.reference_date, "%d-%m-%Y")
                .map_or_else(|_| text(&r.reference_date), Cell::Date),
        ),
        ("Conclusie ambitie", text(&a.verdict)),
        ("Conclusie taakstelling", text(&r.taakstelling.verdict)),
        (
            "Ambitie aanvullende woonvormen",
            Cell::Share(wp.ambition_share),
        ),
        (
            "Grondslag ambitie",
            text(if wp.ambition_includes_backlog {
                "taakstelling en achterstand"
            } else {
                "taakstelling zonder achterstand"
            }),
        ),
        ("Grondslag (personen)", whole(a.base_persons)),
        ("Ambitie (personen)", whole(a.ambition_persons)),
        (
            "Gepland voor statushouders (personen)",
            whole(a.planned_persons),
        ),
        (
            "Haalbaar voor statushouders (personen)",
            whole(a.feasible_persons),
        ),
        ("Tekort op de ambitie (personen)", whole(a.gap_persons)),
        ("Achterstand (personen)", whole(wp.backlog_persons)),
        ("Regels", whole(r.sites.len() as f64)),
        ("Woningen en plekken gepland", whole(r.total.planned_units)),
        (
            "Woningen en plekken haalbaar",
            whole(r.total.feasible_units),
        ),
        ("Toelichting", text(&r.ambition_text)),
        (
            "Financieringstekort (voor subsidie)",
            Cell::Money(r.funding_gap_total_eur),
        ),
        ("SFT-bijdrage", Cell::Money(r.sft_total_eur)),
        ("Tekort na subsidie", Cell::Money(r.remaining_gap_total_eur)),
        (
            "RTHF-garantie gemeente (hoogstens)",
            Cell::Money(r.rthf_contingent_total_eur),
        ),
        (
            "Relatie met volkshuisvestingsprogramma, woondeal en prestatieafspraken",
            text(&wp.volkshuisvesting),
        ),
        (
            "Deel van de opgave in de reguliere voorraad",
            text(&wp.regular_stock_explanation),
        ),
        ("Uitvoeringscapaciteit", text(&wp.capacity)),
        ("Steun gevraagd van Rijk en provincie", text(&wp.support)),
        ("Samenwerking met andere gemeenten", text(&wp.cooperation)),
        (
            "Via samenwerking gehuisvest (personen)",
            whole(wp.cooperation_persons),
        ),
        (
            "Interesse RVB-tender flexwoningen (woningen)",
            whole(wp.rvb_tender_homes),
        ),
        (
            "Gewenste typen voor de RVB-tender",
            text(&wp.rvb_tender_types),
        ),
        ("Planning", text(&wp.planning)),
    ]
}

/// Excel holds at most 32,767 characters in a cell: a longer text is cut, saying so
/// (the CSV keeps it whole).
fn excel_text(s: &str) -> std::borrow::Cow<'_, str> {
    const LIMIT: usize = 32_767;
    const NOTE: &str =
        " … (ingekort: Excel houdt 32.767 tekens per cel; de CSV heeft de volledige tekst)";
    if s.chars().count() <= LIMIT {
        return std::borrow::Cow::Borrowed(s);
    }
    let keep = LIMIT - NOTE.chars().count();
    let cut: String = s.chars().take(keep).collect();
    std::borrow::Cow::Owned(format!("{cut}{NOTE}"))
}

/// The spreadsheet: a summary sheet, then sites, periods, knelpunten and business case.
pub fn xlsx(ex: &WerkprogrammaExport) -> Result<Vec<u8>, XlsxError> {
    let as_of = chrono::NaiveDate::parse_from_str(&ex.report.reference_date, "%d-%m-%Y")
        .unwrap_or_default();
    workbook(
        as_of,
        "Werkprogramma",
        "Lokaal werkprogramma aanvullende huisvesting",
        &summary_rows(ex),
        vec![
            site_rows(ex),
            period_rows(ex),
            knelpunt_rows(ex),
            site_knelpunt_rows(ex),
            business_rows(ex),
            scheme_rows(ex),
            sensitivity_rows(ex),
            assumption_rows(ex),
            group_rows(ex),
        ],
    )
}

/// A workbook: a summary sheet of label–value pairs, then a sheet per table;
/// made on `as_of` (the peildatum, not the clock: the same bytes on any day).
pub fn workbook<L: AsRef<str>>(
    as_of: chrono::NaiveDate,
    summary_sheet: &str,
    heading: &str,
    summary: &[(L, Cell)],
    tables: Vec<Table>,
) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    {
        use chrono::Datelike;
        let made = rust_xlsxwriter::ExcelDateTime::from_ymd(
            u16::try_from(as_of.year()).unwrap_or(1970),
            as_of.month() as u8,
            as_of.day() as u8,
        )?;
        wb.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&made));
    }
    let bold = Format::new().set_bold().set_text_wrap();
    let wrap = Format::new()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Top);
    let money = Format::new().set_num_format("€ #,##0");
    let share = Format::new().set_num_format("0%");
    let date = Format::new().set_num_format("dd-mm-yyyy");
    let number = |d: usize| {
        Format::new().set_num_format(if d == 0 {
            "#,##0".to_string()
        } else {
            format!("#,##0.{}", "0".repeat(d))
        })
    };
    let write = |ws: &mut rust_xlsxwriter::Worksheet,
                 r: u32,
                 c: u16,
                 cell: &Cell|
     -> Result<(), XlsxError> {
        match cell {
            Cell::Money(v) => ws.write_number_with_format(r, c, *v, &money)?,
            Cell::Share(v) => ws.write_number_with_format(r, c, *v, &share)?,
            Cell::Number(v, d) => ws.write_number_with_format(r, c, *v, &number(*d))?,
            Cell::Date(d) => {
                use chrono::Datelike;
                let x = rust_xlsxwriter::ExcelDateTime::from_ymd(
                    d.year() as u16,
                    d.month() as u8,
                    d.day() as u8,
                )?;
                ws.write_date_with_format(r, c, &x, &date)?
            }
            Cell::Text(s) => ws.write_string_with_format(r, c, excel_text(s).as_ref(), &wrap)?,
            Cell::Empty => ws,
        };
        Ok(())
    };
    let ws = wb.add_worksheet();
    ws.set_name(summary_sheet)?;
    ws.write_string_with_format(0, 0, heading, &bold)?;
    ws.set_column_width(0, 42)?;
    ws.set_column_width(1, 100)?;
    for (k, (label, cell)) in summary.iter().enumerate() {
        let row = (k + 2) as u32;
        ws.write_string_with_format(row, 0, label.as_ref(), &bold)?;
        write(ws, row, 1, cell)?;
    }
    for table in tables {
        let ws = wb.add_worksheet();
        ws.set_name(table.sheet)?;
        for (c, (_, header)) in table.columns.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, header.as_ref(), &bold)?;
            // Wide enough for the longest value up to 60 characters; longer text wraps.
            let longest = table
                .rows
                .iter()
                .filter_map(|r| r.get(c))
                .map(|cell| cell.display().chars().count())
                .max()
                .unwrap_or(0);
            let width = (longest.max(header.chars().count().min(24)) as f64 + 2.0).clamp(8.0, 60.0);
            ws.set_column_width(c as u16, width)?;
        }
        for (r, row) in table.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                write(ws, (r + 1) as u32, c as u16, cell)?;
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
    let mut w = DutchCsv::new(t.columns.iter().map(|(_, h)| h.as_ref()));
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
    serde_json::to_vec_pretty(&fc).map_err(|e| locatiescout_model::nl_error::json_nl(&e))
}
