//! The roll-up's tables, defined once: the report, the spreadsheet and the
//! GeoPackage all read their columns here.

use locatiescout_engine::regio::Regio;

use crate::report::tables::{Cell, Table};

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
            "haalbaar_binnen_ambitie_personen",
            "Haalbaar statushouders, per gemeente tot haar ambitie (personen)".into(),
        ),
        (
            "haalbaar_personen",
            "Haalbaar statushouders, zonder die grens (personen, ter informatie)".into(),
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
                whole(t.feasible_within_ambition_persons),
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

/// The five categories with how often they are named and what they block, each
/// blocked home once (under the knelpunt that blocks it), and their total.
pub fn category_table(r: &Regio) -> Table {
    let mut rows: Vec<Vec<Cell>> = r
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
        .collect();
    if !rows.is_empty() {
        rows.push(vec![
            text("Samen"),
            whole(r.categories.iter().map(|c| c.count as f64).sum()),
            Cell::Empty,
            whole(r.blocked_units),
            whole(r.blocked_persons),
        ]);
    }
    Table {
        title: "Knelpunten per categorie (elke tegengehouden woning één keer)",
        sheet: "Knelpunten per categorie",
        columns: vec![
            ("categorie", "Categorie".into()),
            ("knelpunten", "Knelpunten".into()),
            ("gemeenten", "Gemeenten".into()),
            (
                "houdt_tegen_eenheden",
                "Houdt tegen (woningen en plekken voor statushouders)".into(),
            ),
            ("houdt_tegen_personen", "Houdt tegen (personen)".into()),
        ],
        rows,
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

/// Per addressee: how many municipalities ask and the homes at stake (only the
/// support asked, not an addressee a knelpunt only suggests).
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

pub(super) fn notes_table(r: &Regio) -> Table {
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
            "Haalbaar statushouders, per gemeente tot haar ambitie (personen)".into(),
            whole(n.feasible_within_ambition_persons),
        ),
        (
            "Haalbaar statushouders, zonder die grens (personen, ter informatie)".into(),
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
        (
            "Tegengehouden (woningen en plekken voor statushouders, elk één keer)".into(),
            whole(r.blocked_units),
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
