//! The report's content, decided once: a list of blocks that the HTML and the
//! PDF writers each draw in their own way, so both hold the same text, figures
//! and tables. The first page is the bestuurlijke samenvatting (the verdict,
//! three figures, the obstacles that block most); then the map; then the tables.

use locatiescout_model::nl::nl_number;

use super::figure::{self, Drawing};
use super::tables::{
    assumption_rows, business_rows, group_rows, knelpunt_rows, period_rows, scheme_rows,
    sensitivity_rows, site_knelpunt_rows, site_rows, Table,
};
use super::WerkprogrammaExport;
use locatiescout_engine::werkprogramma::percent_text;
use locatiescout_model::text::Lang;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Tone {
    Plain,
    Good,
    Bad,
}

/// One figure at its size on screen and in print, with its accessible name and caption.
#[derive(Debug, Clone)]
pub struct Fig {
    pub screen: Drawing,
    pub print: Drawing,
    pub label: String,
    pub caption: String,
}

#[derive(Debug, Clone)]
pub enum Block {
    Title(String),
    Heading(String),
    /// Body text; `lead` is larger and bold.
    Para {
        text: String,
        lead: bool,
        tone: Tone,
    },
    Small(String),
    /// A few large figures side by side: (label, value).
    Figures(Vec<(String, String)>),
    Bullets(Vec<String>),
    /// Figures side by side (the map and the chart).
    Drawings(Vec<Fig>),
    Table(Table),
    PageBreak,
}

pub fn title(ex: &WerkprogrammaExport) -> String {
    let g = ex.report.input.gemeente.trim();
    if g.is_empty() {
        "Lokaal werkprogramma aanvullende huisvesting".to_string()
    } else {
        format!("Lokaal werkprogramma aanvullende huisvesting — {g}")
    }
}

fn persons(n: f64) -> String {
    format!(
        "{} {}",
        nl_number(n, 0),
        if n == 1.0 { "persoon" } else { "personen" }
    )
}

/// The whole report as blocks.
pub fn document(ex: &WerkprogrammaExport) -> Vec<Block> {
    let r = &ex.report;
    let wp = &r.input;
    let a = &r.ambition;
    let mut b = vec![
        Block::Title(title(ex)),
        Block::Small(format!(
            "Peildatum {} · periodes {} · opgesteld met Locatiescout",
            r.reference_date,
            r.periods
                .iter()
                .map(|p| p.label.nl())
                .collect::<Vec<_>>()
                .join(", ")
        )),
        Block::Heading("Bestuurlijke samenvatting".into()),
        Block::Para {
            text: a.verdict.nl(),
            lead: true,
            tone: if a.base_persons <= 0.0 {
                Tone::Plain
            } else if a.reached {
                Tone::Good
            } else {
                Tone::Bad
            },
        },
        Block::Para {
            text: r.taakstelling.verdict.nl(),
            lead: false,
            tone: if r.taakstelling.cleared {
                Tone::Good
            } else {
                Tone::Plain
            },
        },
        Block::Figures(vec![
            (
                format!(
                    "Ambitie: {} van {} ({}){}",
                    locatiescout_model::nl::pct(a.share),
                    nl_number(a.base_persons, 0),
                    if a.includes_backlog && r.total.backlog_persons > 0.0 {
                        "taakstelling en achterstand"
                    } else {
                        "taakstelling"
                    },
                    // 20 % of 131 is 26,2 persons: the ambition is whole persons, rounded up.
                    if (a.share * a.base_persons - a.ambition_persons).abs() > 1e-9 {
                        ", naar boven afgerond op hele personen"
                    } else {
                        ""
                    }
                ),
                persons(a.ambition_persons),
            ),
            (
                format!(
                    "Haalbaar binnen de periodes ({} van de ambitie)",
                    percent_text(
                        if a.ambition_persons > 0.0 {
                            a.feasible_persons / a.ambition_persons
                        } else {
                            1.0
                        },
                        1.0,
                        a.reached
                    )
                    .nl()
                ),
                persons(a.feasible_persons),
            ),
            (
                format!(
                    "Gepland: {} woningen en plekken in {} {}",
                    nl_number(r.total.planned_units, 0),
                    r.sites.len(),
                    if r.sites.len() == 1 {
                        "regel"
                    } else {
                        "regels"
                    }
                ),
                persons(a.planned_persons),
            ),
        ]),
    ];
    if r.total.realised_persons > 0.0 {
        let now = r
            .periods
            .iter()
            .filter(|p| p.realised_persons > 0.0)
            .map(|p| {
                format!(
                    "{}: {} van de {} van de taakstelling",
                    p.label.nl(),
                    persons(p.realised_persons),
                    persons(p.taakstelling_persons)
                )
            })
            .collect::<Vec<_>>()
            .join("; ");
        b.push(Block::Small(format!(
            "Al gehuisvest tot de peildatum (realisatie, ter informatie; niet nog eens meegeteld): {now}."
        )));
    }
    let top: Vec<String> = if a.reached && !r.risks.is_empty() {
        r.risks
            .iter()
            .take(3)
            .map(|o| {
                format!(
                    "{} — {} niet binnen de periodes{}",
                    o.text,
                    persons(o.late_persons),
                    sites_suffix(&o.late_sites)
                )
            })
            .collect()
    } else if r.obstacles.is_empty() {
        r.knelpunten
            .iter()
            .flat_map(|c| c.items.iter().map(move |i| (c.label, i)))
            .take(3)
            .map(|(c, i)| format!("{c}: {}{}", i.text, sites_suffix(&i.sites)))
            .collect()
    } else {
        r.obstacles
            .iter()
            .take(3)
            .map(|o| {
                format!(
                    "{} — houdt {} tegen{}{}",
                    o.text,
                    persons(o.blocked_persons),
                    sites_suffix(&o.late_sites),
                    o.addressee
                        .map(|x| format!("; steun van: {}", x.dutch()))
                        .unwrap_or_default()
                )
            })
            .collect()
    };
    if !top.is_empty() {
        b.push(Block::Heading(if a.reached && !r.risks.is_empty() {
            "Risico's".into()
        } else if r.obstacles.is_empty() {
            "Belangrijkste knelpunten".into()
        } else {
            "Wat de ambitie tegenhoudt".into()
        }));
        b.push(Block::Bullets(top));
    }
    b.push(Block::Para {
        text: format!(
            "Financiën: tekort vóór subsidie {}, {}, tekort na subsidie {}{}.",
            locatiescout_model::nl::eur(r.funding_gap_total_eur),
            match &r.sft_apply_by {
                Some(day) if r.sft_to_apply_eur > 0.0 && r.sft_total_eur > 0.0 => format!(
                    "SFT {} en nog aan te vragen vóór {day}: {} (het tekort na subsidie rekent erop)",
                    locatiescout_model::nl::eur(r.sft_total_eur),
                    locatiescout_model::nl::eur(r.sft_to_apply_eur)
                ),
                Some(day) if r.sft_to_apply_eur > 0.0 => format!(
                    "SFT nog aan te vragen vóór {day}: {} (het tekort na subsidie rekent erop)",
                    locatiescout_model::nl::eur(r.sft_to_apply_eur)
                ),
                _ => format!("SFT {}", locatiescout_model::nl::eur(r.sft_total_eur)),
            },
            locatiescout_model::nl::eur(r.remaining_gap_total_eur),
            if r.rthf_contingent_total_eur > 0.0 {
                format!(
                    "; garantie RTHF: de gemeente draagt hoogstens {}",
                    locatiescout_model::nl::eur(r.rthf_contingent_total_eur)
                )
            } else {
                String::new()
            }
        ),
        lead: false,
        tone: Tone::Plain,
    });
    if !r.assumptions.is_empty() {
        b.push(Block::Small(format!(
            "Let op: dit werkprogramma rekent met {} uitgangspunt{} zonder (actuele) bron of niet ingevuld, zoals {}. Haalbaarheid en financieringstekort zijn daarom indicatief; stel eigen waarden in (tabel 'Uitgangspunten zonder (actuele) bron of niet ingevuld').",
            r.assumptions.len(),
            if r.assumptions.len() == 1 { "" } else { "en" },
            r.assumptions
                .iter()
                .take(2)
                .map(|a| a.text.nl())
                .collect::<Vec<_>>()
                .join(" en ")
        )));
    }
    b.push(Block::PageBreak);
    b.push(Block::Heading("Kaart en planning".into()));
    b.push(Block::Drawings(vec![
        Fig {
            screen: figure::map(ex, 520.0, 380.0, Lang::Nl),
            print: figure::map(ex, 470.0, 400.0, Lang::Nl),
            label: "Kaart van de locaties".into(),
            caption: "Kaart: de locaties, genummerd als in de tabellen, binnen de gemeentegrens."
                .into(),
        },
        Fig {
            screen: figure::chart(ex, 520.0, 260.0, Lang::Nl),
            print: figure::chart(ex, 290.0, 220.0, Lang::Nl),
            label: "Statushouders per periode: deel van de ambitie, gepland en haalbaar".into(),
            caption:
                "Statushouders (personen) per periode: deel van de ambitie, gepland en haalbaar."
                    .into(),
        },
    ]));
    b.push(Block::PageBreak);
    b.push(Block::Heading("Toelichting".into()));
    b.push(Block::Para {
        text: r.ambition_text.nl(),
        lead: false,
        tone: Tone::Plain,
    });
    for t in [
        period_rows(ex),
        site_rows(ex),
        knelpunt_rows(ex),
        site_knelpunt_rows(ex),
        group_rows(ex),
        business_rows(ex),
        scheme_rows(ex),
        sensitivity_rows(ex),
        assumption_rows(ex),
    ] {
        if !t.rows.is_empty() {
            b.push(Block::Table(t));
        }
    }
    let planning: Vec<String> = r
        .periods
        .iter()
        .enumerate()
        .map(|(p, per)| {
            let names: Vec<String> = r
                .sites
                .iter()
                .enumerate()
                .filter(|(_, s)| s.feasible_period == Some(p) && s.units > 0.0)
                .map(|(k, s)| format!("{}. {}", k + 1, s.label))
                .collect();
            format!(
                "{}: haalbaar {} woningen en plekken — {}",
                per.label,
                nl_number(per.feasible_units, 0),
                if names.is_empty() {
                    "niets".to_string()
                } else {
                    names.join(", ")
                }
            )
        })
        .collect();
    b.push(Block::Heading("Planning".into()));
    b.push(Block::Bullets(planning));
    let cooperation = if wp.cooperation_persons > 0.0 {
        format!(
            "{}{}Via de samenwerking gehuisvest: {}.",
            wp.cooperation.trim(),
            if wp.cooperation.trim().is_empty() {
                ""
            } else {
                " "
            },
            persons(wp.cooperation_persons)
        )
    } else {
        wp.cooperation.clone()
    };
    let tender = if wp.rvb_tender_homes > 0.0 || !wp.rvb_tender_types.trim().is_empty() {
        format!(
            "Belangstelling voor de RVB-tender flexwoningen: {} woningen{}.",
            nl_number(wp.rvb_tender_homes, 0),
            if wp.rvb_tender_types.trim().is_empty() {
                String::new()
            } else {
                format!(", typen: {}", wp.rvb_tender_types.trim())
            }
        )
    } else {
        String::new()
    };
    for (head, text) in [
        (
            "Relatie met volkshuisvestingsprogramma, woondeal en prestatieafspraken",
            wp.volkshuisvesting.clone(),
        ),
        (
            "Deel van de opgave in de reguliere voorraad",
            wp.regular_stock_explanation.clone(),
        ),
        ("Uitvoeringscapaciteit", wp.capacity.clone()),
        ("Steun gevraagd van Rijk en provincie", wp.support.clone()),
        ("Samenwerking met andere gemeenten", cooperation),
        ("RVB-tender flexwoningen", tender),
        ("Toelichting op de planning", wp.planning.clone()),
    ] {
        if !text.trim().is_empty() {
            b.push(Block::Heading(head.into()));
            b.push(Block::Para {
                text,
                lead: false,
                tone: Tone::Plain,
            });
        }
    }
    b.push(Block::Heading("Uitgangspunten".into()));
    b.push(Block::Small(format!(
        "De ambitie telt over alle periodes samen; per periode zijn de getallen informatie. Haalbaar is wat vóór het einde van een periode kan worden opgeleverd: de doorlooptijd van de woonvorm (maanden tot de sleutel, zie de tabel met uitgangspunten) gerekend vanaf de peildatum ({date}) en vanaf de dag dat de locatie vrij is, en niet vóór het jaar waarin de netbeheerder kan aansluiten; de laatste van die drie bepaalt de oplevering en is de enige oorzaak waaraan te late woningen worden toegeschreven. Niet haalbaar is een locatie die afvalt, als niet geschikt is gemarkeerd of niet in de geladen gegevens staat. Statushouders zijn personen: per regel het aantal woningen of woonplekken voor statushouders maal het aantal personen per woning of plek, één keer afgerond over alle regels, zodat de rijen optellen tot de totalen. De achterstand is verdeeld over {spread} periode{spread_s}. Standaardwaarden en hun bronnen staan bij de uitgangspunten van het werkprogramma en de businesscase in de app; netaansluiting en knelpunten zijn afgeleid uit de geladen gegevens en indicatief.",
        date = r.reference_date,
        spread = r.periods.iter().filter(|p| p.backlog_persons > 0.0).count().max(1),
        spread_s = if r.periods.iter().filter(|p| p.backlog_persons > 0.0).count() <= 1 { "" } else { "s" },
    )));
    b
}

fn sites_suffix(sites: &[String]) -> String {
    match sites.len() {
        0 => String::new(),
        1..=3 => format!(" ({})", sites.join(", ")),
        n => format!(" ({} locaties)", n),
    }
}
