//! The roll-up's report as blocks, which the werkprogramma's HTML and PDF
//! writers draw: the summary first, then the map and the chart, then the tables.

use locatiescout_engine::regio::{Regio, RegionTotal};
use locatiescout_model::nl::{nl_number, pct};

use super::figure::{chart, map};
use super::tables::{scope, tables};
use crate::report::doc::{Block, Fig, Tone};

/// A report table longer than this shows its first rows and points to the
/// spreadsheet, which has them all (a national roll-up has thousands of sites).
const REPORT_ROWS: usize = 300;

pub fn title(r: &Regio) -> String {
    format!("Regionaal overzicht lokale werkprogramma's — {}", scope(r))
}

/// The headline: what is feasible set against the ambition with each
/// municipality counted up to its own ambition, so one's surplus does not hide
/// another's shortfall; the plain sum follows as information.
fn summary_text(n: &RegionTotal) -> String {
    let share = |v: f64| {
        if n.ambition_persons > 0.0 {
            pct(v / n.ambition_persons)
        } else {
            "geen ambitie opgegeven".into()
        }
    };
    let mut text = format!(
        "{} van de {} gemeenten halen de ambitie op wat binnen hun periodes haalbaar is. Samen is voor {} van de {} statushouders van de ambitie een woning of plek haalbaar ({}), elke gemeente geteld tot haar eigen ambitie; opgeteld over de gemeenten die hem niet halen ontbreken {} personen.",
        n.reached,
        n.municipalities,
        nl_number(n.feasible_within_ambition_persons, 0),
        nl_number(n.ambition_persons, 0),
        share(n.feasible_within_ambition_persons),
        nl_number(n.gap_persons, 0)
    );
    if n.feasible_persons > n.feasible_within_ambition_persons {
        text.push_str(&format!(
            " Ter informatie: zonder die grens is voor {} statushouders een woning of plek haalbaar ({}); wat een gemeente meer doet dan haar ambitie, vult het tekort van een andere niet aan.",
            nl_number(n.feasible_persons, 0),
            share(n.feasible_persons)
        ));
    }
    text
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
            text: summary_text(n),
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
                "Haalbaar statushouders, elke gemeente tot haar ambitie (personen)".into(),
                nl_number(n.feasible_within_ambition_persons, 0),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_headline_caps_each_municipality_at_its_ambition() {
        // Issue 31 item 9: Een 40 of 60, Twee 50 of 30. Summed as is that is 90 of 90
        // (100 %, short 20 all the same); capped at each one's ambition 70 of 90.
        let n = RegionTotal {
            municipalities: 2,
            reached: 1,
            ambition_persons: 90.0,
            feasible_persons: 90.0,
            feasible_within_ambition_persons: 70.0,
            gap_persons: 20.0,
            ..RegionTotal::default()
        };
        let text = summary_text(&n);
        assert!(
            text.contains("Samen is voor 70 van de 90 statushouders van de ambitie een woning of plek haalbaar (78 %)"),
            "{text}"
        );
        assert!(text.contains("ontbreken 20 personen"), "{text}");
        assert!(
            text.contains(
                "zonder die grens is voor 90 statushouders een woning of plek haalbaar (100 %)"
            ),
            "{text}"
        );
        // Nothing to net: no second sentence.
        let even = RegionTotal {
            feasible_persons: 70.0,
            ..n
        };
        assert!(!summary_text(&even).contains("zonder die grens"));
    }
}
