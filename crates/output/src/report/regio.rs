//! The regional roll-up as files: a report (HTML and PDF, the werkprogramma's
//! house style, with a map of the provinces and a chart per period), a
//! spreadsheet with a sheet per table and a GeoPackage of every site with its
//! municipality code. Every writer reads the tables defined here once.

use std::path::{Path, PathBuf};

use locatiescout_engine::regio::Regio;
use locatiescout_model::nl::{nl_number, pct};

use super::doc::{Block, Fig, Tone};
use super::tables::{workbook, Cell, Table};
use super::{figure, gpkg, html, pdf, tmp_beside, ReportError, Staged};

/// The formats [`stage`] knows, by extension.
pub const FORMATS: [&str; 4] = ["html", "pdf", "xlsx", "gpkg"];

/// Keys of the per-period columns; a roll-up over more half-years than this
/// shows the first ones and says so.
const PERIOD_KEYS: [&str; 8] = [
    "haalbaar_periode_1",
    "haalbaar_periode_2",
    "haalbaar_periode_3",
    "haalbaar_periode_4",
    "haalbaar_periode_5",
    "haalbaar_periode_6",
    "haalbaar_periode_7",
    "haalbaar_periode_8",
];

/// A report table longer than this shows its first rows and points to the
/// spreadsheet, which has them all (a national roll-up has thousands of sites).
const REPORT_ROWS: usize = 300;

fn whole(v: f64) -> Cell {
    Cell::Number(v, 0)
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn yes(b: bool) -> Cell {
    text(if b { "ja" } else { "nee" })
}

/// Where the roll-up looks: the one province all municipalities are in, else the country.
pub fn scope(r: &Regio) -> String {
    let names: Vec<&str> = r
        .provinces
        .iter()
        .filter(|p| p.municipalities + p.missing > 0)
        .map(|p| p.name.as_str())
        .collect();
    match names.as_slice() {
        [one] => format!("provincie {one}"),
        [] => "geen gemeenten".into(),
        _ => format!("{} provincies", names.len()),
    }
}

pub fn title(r: &Regio) -> String {
    format!("Regionaal overzicht lokale werkprogramma's — {}", scope(r))
}

fn period_columns(r: &Regio) -> Vec<(&'static str, std::borrow::Cow<'static, str>)> {
    r.periods
        .iter()
        .zip(PERIOD_KEYS)
        .map(|(label, key)| {
            (
                key,
                format!("Haalbaar {label} (woningen en plekken)").into(),
            )
        })
        .collect()
}

fn per_period(values: &[f64]) -> impl Iterator<Item = Cell> + '_ {
    values.iter().take(PERIOD_KEYS.len()).map(|v| whole(*v))
}

/// Per municipality: the taakstelling, the ambition, what is feasible and the verdict.
pub fn municipality_table(r: &Regio) -> Table {
    let mut columns = vec![
        ("gemeente_code", "Code".into()),
        ("gemeente", "Gemeente".into()),
        ("provincie", "Provincie".into()),
        ("peildatum", "Peildatum".into()),
        ("taakstelling_personen", "Taakstelling (personen)".into()),
        ("achterstand_personen", "Achterstand (personen)".into()),
        ("ambitie_personen", "Ambitie (personen)".into()),
        (
            "gepland_personen",
            "Gepland statushouders (personen)".into(),
        ),
        (
            "haalbaar_personen",
            "Haalbaar statushouders (personen)".into(),
        ),
    ];
    columns.extend(period_columns(r));
    columns.extend([
        ("tekort_personen", "Tekort op de ambitie (personen)".into()),
        ("ambitie_gehaald", "Ambitie gehaald".into()),
        ("conclusie", "Conclusie".into()),
        ("bestand", "Bestand".into()),
    ]);
    let rows = r
        .municipalities
        .iter()
        .map(|m| {
            let mut row = vec![
                text(&m.code),
                text(&m.naam),
                text(&m.provincie),
                chrono::NaiveDate::parse_from_str(&m.reference_date, "%Y-%m-%d")
                    .map_or_else(|_| text(&m.reference_date), Cell::Date),
                whole(m.taakstelling_persons),
                whole(m.backlog_persons),
                whole(m.ambition_persons),
                whole(m.planned_persons),
                whole(m.feasible_persons),
            ];
            row.extend(per_period(&m.feasible_units_per_period));
            row.extend([
                whole(m.gap_persons),
                yes(m.reached),
                text(&m.verdict),
                text(&m.file),
            ]);
            row
        })
        .collect();
    Table {
        title: "Per gemeente: taakstelling, ambitie en wat haalbaar is",
        sheet: "Gemeenten",
        columns,
        rows,
    }
}

/// Per province and for all municipalities together.
pub fn province_table(r: &Regio) -> Table {
    let mut columns = vec![
        ("provincie_code", "Code".into()),
        ("provincie", "Provincie".into()),
        ("gemeenten", "Gemeenten met werkprogramma".into()),
        ("ontbrekend", "Verwacht, ontbreekt".into()),
        ("ambitie_gehaald", "Halen de ambitie".into()),
        ("taakstelling_personen", "Taakstelling (personen)".into()),
        ("achterstand_personen", "Achterstand (personen)".into()),
        ("ambitie_personen", "Ambitie (personen)".into()),
        (
            "gepland_personen",
            "Gepland statushouders (personen)".into(),
        ),
        (
            "haalbaar_personen",
            "Haalbaar statushouders (personen)".into(),
        ),
        ("haalbaar_eenheden", "Haalbaar (woningen en plekken)".into()),
    ];
    columns.extend(period_columns(r));
    columns.push((
        "tekort_personen",
        "Tekort, opgeteld per gemeente (personen)".into(),
    ));
    let rows = r
        .provinces
        .iter()
        .chain(std::iter::once(&r.national))
        .map(|t| {
            let mut row = vec![
                text(&t.code),
                text(if t.code == "NL" {
                    "Alle gemeenten samen".to_string()
                } else {
                    t.name.clone()
                }),
                whole(t.municipalities as f64),
                whole(t.missing as f64),
                whole(t.reached as f64),
                whole(t.taakstelling_persons),
                whole(t.backlog_persons),
                whole(t.ambition_persons),
                whole(t.planned_persons),
                whole(t.feasible_persons),
                whole(t.feasible_units),
            ];
            row.extend(per_period(&t.feasible_units_per_period));
            row.push(whole(t.gap_persons));
            row
        })
        .collect();
    Table {
        title: "Per provincie en in totaal",
        sheet: "Provincies",
        columns,
        rows,
    }
}

/// Per half-year over all municipalities.
pub fn period_table(r: &Regio) -> Table {
    Table {
        title: "Per periode, alle gemeenten samen",
        sheet: "Periodes",
        columns: vec![
            ("periode", "Periode".into()),
            ("gemeenten", "Gemeenten".into()),
            ("taakstelling_personen", "Taakstelling (personen)".into()),
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
        ],
        rows: r
            .period_totals
            .iter()
            .map(|p| {
                vec![
                    text(&p.label),
                    whole(p.municipalities as f64),
                    whole(p.taakstelling_persons),
                    whole(p.ambition_persons),
                    whole(p.planned_units),
                    whole(p.planned_persons),
                    whole(p.feasible_units),
                    whole(p.feasible_persons),
                ]
            })
            .collect(),
    }
}

/// The five categories with how often they are named and what they block.
pub fn category_table(r: &Regio) -> Table {
    Table {
        title: "Knelpunten per categorie",
        sheet: "Knelpunten per categorie",
        columns: vec![
            ("categorie", "Categorie".into()),
            ("knelpunten", "Knelpunten".into()),
            ("gemeenten", "Gemeenten".into()),
            (
                "houdt_tegen_eenheden",
                "Houdt tegen (woningen en plekken)".into(),
            ),
            ("houdt_tegen_personen", "Houdt tegen (personen)".into()),
        ],
        rows: r
            .categories
            .iter()
            .map(|c| {
                vec![
                    text(c.label),
                    whole(c.count as f64),
                    whole(c.municipalities as f64),
                    whole(c.blocked_units),
                    whole(c.blocked_persons),
                ]
            })
            .collect(),
    }
}

/// Every knelpunt, most blocking first.
pub fn knelpunt_table(r: &Regio) -> Table {
    Table {
        title: "Knelpunten, gerangschikt naar de woningen die ze tegenhouden",
        sheet: "Knelpunten",
        columns: vec![
            ("rang", "Rang".into()),
            ("categorie", "Categorie".into()),
            ("knelpunt", "Knelpunt".into()),
            ("aantal_gemeenten", "Gemeenten".into()),
            (
                "houdt_tegen_eenheden",
                "Houdt tegen (woningen en plekken)".into(),
            ),
            ("houdt_tegen_personen", "Houdt tegen (personen)".into()),
            ("gemeenten", "Welke gemeenten".into()),
        ],
        rows: r
            .knelpunten
            .iter()
            .enumerate()
            .map(|(k, t)| {
                vec![
                    whole((k + 1) as f64),
                    text(t.category),
                    text(&t.text),
                    whole(t.municipalities.len() as f64),
                    whole(t.blocked_units),
                    whole(t.blocked_persons),
                    text(t.municipalities.join(", ")),
                ]
            })
            .collect(),
    }
}

/// Per addressee: how many municipalities ask and the homes at stake.
pub fn support_summary_table(r: &Regio) -> Table {
    Table {
        title: "Gevraagde steun per adressaat",
        sheet: "Steun per adressaat",
        columns: vec![
            ("steun_van", "Steun van".into()),
            ("gemeenten", "Gemeenten".into()),
            ("vragen", "Vragen".into()),
            ("eenheden", "Woningen en plekken op het spel".into()),
        ],
        rows: r
            .support
            .iter()
            .map(|g| {
                vec![
                    text(g.addressee),
                    whole(g.municipalities as f64),
                    whole(g.asks.len() as f64),
                    whole(g.blocked_units),
                ]
            })
            .collect(),
    }
}

/// Every ask, grouped by addressee, most at stake first.
pub fn support_table(r: &Regio) -> Table {
    Table {
        title: "Gevraagde steun, per adressaat",
        sheet: "Steun",
        columns: vec![
            ("steun_van", "Steun van".into()),
            ("gemeente", "Gemeente".into()),
            ("knelpunt", "Knelpunt".into()),
            ("vraag", "Gevraagd".into()),
            ("eenheden", "Woningen en plekken op het spel".into()),
        ],
        rows: r
            .support
            .iter()
            .flat_map(|g| {
                g.asks.iter().map(move |a| {
                    vec![
                        text(g.addressee),
                        text(&a.gemeente),
                        text(&a.knelpunt),
                        text(&a.ask),
                        whole(a.blocked_units),
                    ]
                })
            })
            .collect(),
    }
}

/// The funding schemes against their budgets.
pub fn scheme_table(r: &Regio) -> Table {
    Table {
        title: "Regelingen: wat past, tegen het budget",
        sheet: "Regelingen",
        columns: vec![
            ("regeling", "Regeling".into()),
            ("regels", "Regels die passen".into()),
            ("gemeenten", "Gemeenten".into()),
            ("eenheden", "Woningen en plekken".into()),
            ("bedrag", "Bedrag (subsidie)".into()),
            ("budget", "Budget".into()),
            ("deel_budget", "Deel van het budget".into()),
            (
                "garantie_gemeenten",
                "Garantie gemeenten (hoogstens)".into(),
            ),
            ("budget_toelichting", "Budget: toelichting".into()),
        ],
        rows: r
            .schemes
            .iter()
            .map(|s| {
                vec![
                    text(&s.name),
                    whole(s.lines as f64),
                    whole(s.municipalities as f64),
                    whole(s.units),
                    Cell::Money(s.amount_eur),
                    s.budget_eur.map_or(Cell::Empty, Cell::Money),
                    s.budget_share.map_or(Cell::Empty, Cell::Share),
                    if s.contingent_eur > 0.0 {
                        Cell::Money(s.contingent_eur)
                    } else {
                        Cell::Empty
                    },
                    text(&s.budget_label),
                ]
            })
            .collect(),
    }
}

/// Homes per housing form and half-year (what the RVB's tender needs to know).
pub fn demand_table(r: &Regio) -> Table {
    let mut columns = vec![("woonvorm", "Woonvorm".into())];
    columns.extend(
        r.periods
            .iter()
            .zip(PERIOD_KEYS)
            .map(|(label, key)| (key, format!("Gepland {label}").into())),
    );
    columns.push(("totaal", "Totaal".into()));
    Table {
        title: "Woningen en plekken per woonvorm en periode (gepland)",
        sheet: "Vraag per woonvorm",
        columns,
        rows: r
            .demand
            .iter()
            .map(|d| {
                let mut row = vec![text(d.form)];
                row.extend(per_period(&d.units_per_period));
                row.push(whole(d.total_units));
                row
            })
            .collect(),
    }
}

/// The municipalities' interest in the RVB flex tender.
pub fn tender_table(r: &Regio) -> Table {
    Table {
        title: "Belangstelling voor de RVB-tender flexwoningen",
        sheet: "RVB-tender",
        columns: vec![
            ("gemeente", "Gemeente".into()),
            ("woningen", "Woningen".into()),
            ("typen", "Gewenste typen".into()),
        ],
        rows: r
            .tender
            .iter()
            .map(|t| vec![text(&t.gemeente), whole(t.homes), text(&t.types)])
            .collect(),
    }
}

/// Every site of every counted werkprogramma.
pub fn site_table(r: &Regio) -> Table {
    Table {
        title: "Alle locaties",
        sheet: "Locaties",
        columns: vec![
            ("gemeente_code", "Code".into()),
            ("gemeente", "Gemeente".into()),
            ("regel", "Regel".into()),
            ("locatie", "Locatie".into()),
            ("woonvorm", "Woonvorm".into()),
            ("eenheden", "Woningen en plekken".into()),
            ("gepland", "Gepland".into()),
            ("haalbaar", "Haalbaar".into()),
            ("score", "Score".into()),
            ("identificatie", "Identificatie".into()),
        ],
        rows: r
            .sites
            .iter()
            .map(|s| {
                vec![
                    text(&s.gemeente_code),
                    text(&s.gemeente),
                    whole(f64::from(s.line)),
                    text(&s.label),
                    text(s.form),
                    whole(s.units),
                    text(&s.period),
                    text(&s.feasible),
                    s.score.map_or(Cell::Empty, |v| Cell::Number(v, 1)),
                    text(&s.source_id),
                ]
            })
            .collect(),
    }
}

/// Expected municipalities that sent nothing.
pub fn missing_table(r: &Regio) -> Table {
    Table {
        title: "Verwacht maar niet ontvangen",
        sheet: "Ontbrekend",
        columns: vec![
            ("gemeente_code", "Code".into()),
            ("gemeente", "Gemeente".into()),
            ("provincie", "Provincie".into()),
        ],
        rows: r
            .missing
            .iter()
            .map(|(c, n, p)| vec![text(c), text(n), text(p)])
            .collect(),
    }
}

fn notes_table(r: &Regio) -> Table {
    Table {
        title: "Meldingen bij het inlezen",
        sheet: "Meldingen",
        columns: vec![("melding", "Melding".into())],
        rows: r.notes.iter().map(|n| vec![text(n)]).collect(),
    }
}

/// The headline figures, as label–value pairs (the spreadsheet's first sheet, the app's summary).
pub fn summary(r: &Regio) -> Vec<(String, Cell)> {
    let n = &r.national;
    vec![
        ("Gebied".into(), text(scope(r))),
        ("Bestanden ingelezen".into(), whole(r.files_read as f64)),
        (
            "Gemeenten met werkprogramma".into(),
            whole(n.municipalities as f64),
        ),
        (
            "Verwacht maar ontbrekend".into(),
            whole(r.missing.len() as f64),
        ),
        (
            "Gemeenten die de ambitie halen".into(),
            whole(n.reached as f64),
        ),
        (
            "Taakstelling (personen)".into(),
            whole(n.taakstelling_persons),
        ),
        ("Achterstand (personen)".into(), whole(n.backlog_persons)),
        ("Ambitie (personen)".into(), whole(n.ambition_persons)),
        (
            "Gepland statushouders (personen)".into(),
            whole(n.planned_persons),
        ),
        (
            "Haalbaar statushouders (personen)".into(),
            whole(n.feasible_persons),
        ),
        (
            "Haalbaar (woningen en plekken)".into(),
            whole(n.feasible_units),
        ),
        (
            "Tekort op de ambitie, opgeteld per gemeente (personen)".into(),
            whole(n.gap_persons),
        ),
        ("Locaties".into(), whole(r.sites.len() as f64)),
        ("Meldingen".into(), whole(r.notes.len() as f64)),
    ]
}

/// Every table, in the report's order (the notes are a list in the report and
/// a sheet of their own in the spreadsheet).
pub fn tables(r: &Regio) -> Vec<Table> {
    vec![
        province_table(r),
        municipality_table(r),
        period_table(r),
        category_table(r),
        knelpunt_table(r),
        support_summary_table(r),
        support_table(r),
        scheme_table(r),
        demand_table(r),
        tender_table(r),
        site_table(r),
        missing_table(r),
    ]
}

/// The map of the provinces with every site, at a size.
pub fn map(r: &Regio, width: f64, height: f64) -> figure::Drawing {
    let (outlines, sent): (Vec<_>, Vec<bool>) = r.outlines.iter().cloned().unzip();
    let sites: Vec<&geo::MultiPolygon<f64>> =
        r.sites.iter().filter_map(|s| s.shape.as_ref()).collect();
    figure::overview_map(&outlines, &sent, &sites, width, height)
}

/// Per half-year: the ambition's part, planned and feasible statushouders (persons).
pub fn chart(r: &Regio, width: f64, height: f64) -> figure::Drawing {
    let groups: Vec<(String, [f64; 3])> = r
        .period_totals
        .iter()
        .map(|p| {
            (
                p.label.clone(),
                [p.ambition_persons, p.planned_persons, p.feasible_persons],
            )
        })
        .collect();
    figure::bars(
        &groups,
        ["Deel ambitie", "Gepland", "Haalbaar"],
        width,
        height,
    )
}

pub fn map_svg(r: &Regio) -> String {
    html::svg(
        &map(r, 520.0, 560.0),
        "Kaart van de gemeenten en hun locaties",
    )
}

pub fn chart_svg(r: &Regio) -> String {
    html::svg(
        &chart(r, 520.0, 260.0),
        "Statushouders per periode, alle gemeenten samen: deel van de ambitie, gepland en haalbaar",
    )
}

/// The report as blocks.
pub fn document(r: &Regio, today: chrono::NaiveDate) -> Vec<Block> {
    let n = &r.national;
    let mut b = vec![
        Block::Title(title(r)),
        Block::Small(format!(
            "{} gemeenten met een werkprogramma uit {} bestanden · {} verwacht maar niet ontvangen · opgesteld met Locatiescout op {}",
            n.municipalities,
            r.files_read,
            r.missing.len(),
            today.format("%d-%m-%Y")
        )),
        Block::Heading("Samenvatting".into()),
        Block::Para {
            text: format!(
                "{} van de {} gemeenten halen de ambitie op wat binnen hun periodes haalbaar is. Samen is voor {} van de {} statushouders van de ambitie een woning of plek haalbaar ({}); opgeteld over de gemeenten die hem niet halen ontbreken {} personen.",
                n.reached,
                n.municipalities,
                nl_number(n.feasible_persons, 0),
                nl_number(n.ambition_persons, 0),
                if n.ambition_persons > 0.0 {
                    pct(n.feasible_persons / n.ambition_persons)
                } else {
                    "geen ambitie opgegeven".into()
                },
                nl_number(n.gap_persons, 0)
            ),
            lead: true,
            tone: if n.municipalities == 0 {
                Tone::Plain
            } else if n.reached == n.municipalities {
                Tone::Good
            } else {
                Tone::Bad
            },
        },
        Block::Figures(vec![
            (
                "Gemeenten met werkprogramma".into(),
                format!(
                    "{}{}",
                    n.municipalities,
                    if r.missing.is_empty() {
                        String::new()
                    } else {
                        format!(" van {}", n.municipalities + r.missing.len())
                    }
                ),
            ),
            ("Ambitie (personen)".into(), nl_number(n.ambition_persons, 0)),
            (
                "Haalbaar statushouders (personen)".into(),
                nl_number(n.feasible_persons, 0),
            ),
            (
                "Haalbaar (woningen en plekken)".into(),
                nl_number(n.feasible_units, 0),
            ),
        ]),
    ];
    let top: Vec<String> = r
        .knelpunten
        .iter()
        .filter(|k| k.blocked_units > 0.0)
        .take(3)
        .map(|k| {
            format!(
                "{}: {} — houdt {} woningen en plekken tegen in {} gemeente{}",
                k.category,
                k.text,
                nl_number(k.blocked_units, 0),
                k.municipalities.len(),
                if k.municipalities.len() == 1 { "" } else { "n" }
            )
        })
        .collect();
    if !top.is_empty() {
        b.push(Block::Heading("Wat de meeste woningen tegenhoudt".into()));
        b.push(Block::Bullets(top));
    }
    if !r.missing.is_empty() {
        b.push(Block::Para {
            text: format!(
                "Nog geen werkprogramma van: {}.",
                r.missing
                    .iter()
                    .map(|(c, n, _)| format!("{n} ({c})"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            lead: false,
            tone: Tone::Bad,
        });
    }
    if !r.notes.is_empty() {
        b.push(Block::Heading("Meldingen bij het inlezen".into()));
        b.push(Block::Bullets(r.notes.clone()));
    }
    b.push(Block::PageBreak);
    b.push(Block::Heading("Kaart en planning".into()));
    b.push(Block::Drawings(vec![
        Fig {
            screen: map(r, 520.0, 560.0),
            print: map(r, 420.0, 400.0),
            label: "Kaart van de gemeenten en hun locaties".into(),
            caption: "Kaart: gemeenten met werkprogramma (gevuld) en hun locaties.".into(),
        },
        Fig {
            screen: chart(r, 520.0, 260.0),
            print: chart(r, 340.0, 240.0),
            label: "Statushouders per periode, alle gemeenten samen".into(),
            caption:
                "Statushouders (personen) per periode: deel van de ambitie, gepland en haalbaar."
                    .into(),
        },
    ]));
    b.push(Block::PageBreak);
    for mut t in tables(r) {
        if t.rows.is_empty() {
            continue;
        }
        let more = t.rows.len().saturating_sub(REPORT_ROWS);
        let sheet = t.sheet;
        t.rows.truncate(REPORT_ROWS);
        b.push(Block::Table(t));
        if more > 0 {
            b.push(Block::Small(format!(
                "… en nog {} regels: de volledige tabel staat in de spreadsheet (XLSX), blad '{sheet}'.",
                nl_number(more as f64, 0)
            )));
        }
    }
    b
}

fn gpkg(at: &Path, r: &Regio) -> Result<(), String> {
    gpkg::write_with(at, |conn| {
        let srs = gpkg::begin(conn, false)?;
        let shapes: Vec<Option<&geo::MultiPolygon<f64>>> =
            r.sites.iter().map(|s| s.shape.as_ref()).collect();
        gpkg::feature_table(
            conn,
            "regio_locaties",
            &site_table(r),
            &shapes,
            srs,
            "Locaties van alle werkprogramma's met de gemeentecode",
        )?;
        gpkg::attribute_table(
            conn,
            "regio_gemeenten",
            &municipality_table(r),
            "Per gemeente",
        )?;
        gpkg::attribute_table(
            conn,
            "regio_provincies",
            &province_table(r),
            "Per provincie en in totaal",
        )?;
        conn.execute_batch("COMMIT;")
    })
}

fn render_to(
    at: &Path,
    named: &Path,
    r: &Regio,
    today: chrono::NaiveDate,
) -> Result<(), ReportError> {
    let fail = |detail: String| ReportError::Write {
        path: named.to_path_buf(),
        detail,
    };
    let bytes = match locatiescout_model::files::extension_lower(named).as_str() {
        "html" | "htm" => html::render_blocks(&title(r), document(r, today)).into_bytes(),
        "pdf" => pdf::render_blocks(title(r), document(r, today)),
        "xlsx" => workbook("Overzicht", &title(r), &summary(r), {
            let mut all = tables(r);
            all.push(notes_table(r));
            all
        })
        .map_err(|e| fail(e.to_string()))?,
        "gpkg" => return gpkg(at, r).map_err(fail),
        _ => {
            return Err(ReportError::UnknownFormat {
                path: named.to_path_buf(),
            })
        }
    };
    std::fs::write(at, &bytes).map_err(|e| fail(locatiescout_model::nl::io_nl_write(&e, named)))
}

/// Renders every output beside its target; nothing is in place until
/// [`Staged::commit`].
pub fn stage(
    paths: &[PathBuf],
    r: &Regio,
    today: chrono::NaiveDate,
) -> Result<Staged, ReportError> {
    let mut staged = Staged::default();
    for path in paths {
        let tmp = tmp_beside(path);
        staged.files.push((tmp.clone(), path.clone()));
        render_to(&tmp, path, r, today)?;
    }
    Ok(staged)
}
