//! What the user enters: the [`Werkprogramma`] with its periods and entries,
//! the knelpunten they add or strike out and the support they ask — stored in
//! the project — and what the data says about an entry's site ([`EntryFacts`]).

use chrono::{Datelike, NaiveDate};

use super::defaults::WerkprogrammaDefaults;
use crate::business::{BusinessParams, HousingForm};
use crate::score::SiteDetail;
use locatiescout_model::flag::Flag;
use locatiescout_model::nl::nl_number;
use locatiescout_model::text::Text;

/// The five categories of knelpunten the Bouwstenen note asks for.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(export_to = "../../ui/src/bindings/")
)]
pub enum KnelpuntCategory {
    Locaties,
    Procedures,
    Capaciteit,
    Exploitatie,
    Financiering,
}

impl KnelpuntCategory {
    pub const ALL: [KnelpuntCategory; 5] = [
        KnelpuntCategory::Locaties,
        KnelpuntCategory::Procedures,
        KnelpuntCategory::Capaciteit,
        KnelpuntCategory::Exploitatie,
        KnelpuntCategory::Financiering,
    ];

    /// The code in the exchange GeoPackage and the project file.
    pub fn key(self) -> &'static str {
        match self {
            KnelpuntCategory::Locaties => "locaties",
            KnelpuntCategory::Procedures => "procedures",
            KnelpuntCategory::Capaciteit => "capaciteit",
            KnelpuntCategory::Exploitatie => "exploitatie",
            KnelpuntCategory::Financiering => "financiering",
        }
    }

    pub fn parse(key: &str) -> Option<KnelpuntCategory> {
        KnelpuntCategory::ALL.into_iter().find(|c| c.key() == key)
    }

    pub fn dutch(self) -> &'static str {
        match self {
            KnelpuntCategory::Locaties => "Locaties",
            KnelpuntCategory::Procedures => "Procedures",
            KnelpuntCategory::Capaciteit => "Capaciteit",
            KnelpuntCategory::Exploitatie => "Exploitatie",
            KnelpuntCategory::Financiering => "Financiering",
        }
    }
}

/// Who a municipality asks for help with a knelpunt (DOMAIN.md, "Lokaal
/// werkprogramma": support needed from Rijk/provincie; the RVB and the
/// kwartiermakers; the grid operator for congestion).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(export_to = "../../ui/src/bindings/")
)]
pub enum Addressee {
    Rijk,
    Provincie,
    Netbeheerder,
    Rvb,
    Kwartiermakers,
    Gemeente,
}

impl Addressee {
    pub const ALL: [Addressee; 6] = [
        Addressee::Rijk,
        Addressee::Provincie,
        Addressee::Netbeheerder,
        Addressee::Rvb,
        Addressee::Kwartiermakers,
        Addressee::Gemeente,
    ];

    /// The code in the exchange GeoPackage and the project file.
    pub fn key(self) -> &'static str {
        match self {
            Addressee::Rijk => "rijk",
            Addressee::Provincie => "provincie",
            Addressee::Netbeheerder => "netbeheerder",
            Addressee::Rvb => "rvb",
            Addressee::Kwartiermakers => "kwartiermakers",
            Addressee::Gemeente => "gemeente",
        }
    }

    pub fn parse(key: &str) -> Option<Addressee> {
        Addressee::ALL.into_iter().find(|a| a.key() == key)
    }

    pub fn dutch(self) -> &'static str {
        match self {
            Addressee::Rijk => "Rijk",
            Addressee::Provincie => "provincie",
            Addressee::Netbeheerder => "netbeheerder",
            Addressee::Rvb => "RVB",
            Addressee::Kwartiermakers => "kwartiermakers",
            Addressee::Gemeente => "gemeente zelf",
        }
    }

    /// Who usually helps with a derived knelpunt of this key.
    pub(super) fn default_for(key: &str) -> Option<Addressee> {
        Some(match key {
            "grid_queue" | "grid_limited" | "grid_unknown" | "grid_requested" => {
                Addressee::Netbeheerder
            }
            "funding_gap" | "sft_not_fit" | "sft_late" => Addressee::Rijk,
            // The college of B&W grants the omgevingsvergunning (DOMAIN.md "Who decides").
            "permit_term" | "change_of_use" | "lead_time" | "period_past" => Addressee::Gemeente,
            "ambition" | "no_site" | "capacity" => Addressee::Kwartiermakers,
            "rvb_site" => Addressee::Rvb,
            _ => return None,
        })
    }
}

/// One obstacle. Derived ones carry a stable `key` so the user can dismiss them.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(export_to = "../../ui/src/bindings/")
)]
pub struct Knelpunt {
    pub category: KnelpuntCategory,
    /// `grid_queue`, `term_short`, … for derived ones; `eigen` for the user's own.
    pub key: String,
    /// A derived one's sentence; the user's own is read back as plain text.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub text: Text,
    pub derived: bool,
}

/// The support a municipality asks for one knelpunt (by key, or the text of its own).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(export_to = "../../ui/src/bindings/")
)]
pub struct SupportAsk {
    pub key: String,
    pub addressee: Addressee,
    pub ask: String,
}

/// One half-year period's figures as entered.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(export_to = "../../ui/src/bindings/")
)]
pub struct PeriodInput {
    /// Persons to house (the taakstelling of the circulaire).
    pub taakstelling_persons: f64,
    /// Statushouders housed in the regular stock this period.
    pub regular_stock_persons: f64,
    /// Statushouders already housed in this period up to the peildatum (the
    /// realisation so far); shown beside the taakstelling, not counted again.
    pub realised_persons: f64,
}

/// A share of an entry's homes for a target group other than statushouders.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(export_to = "../../ui/src/bindings/")
)]
pub struct GroupShare {
    pub group: String,
    pub share: f64,
}

/// One line of the werkprogramma: a site or a number of homes or places of a
/// housing form, delivered in a period.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(export_to = "../../ui/src/bindings/")
)]
pub struct Entry {
    /// The site's source id (BRK/BAG identificatie, RVB bouwwerkcode); empty
    /// for an entry without a site (woningdelen, splitsing in the existing stock).
    pub site_id: String,
    /// A short name for tables and the map; empty = the address or parcel from the data.
    pub name: String,
    /// The profile that scored it (`flex`, `transformatie`).
    pub profile: String,
    pub form: HousingForm,
    /// Homes, or woonplekken for the forms counted in places.
    pub homes: f64,
    /// 0, 1 or 2: the period the homes are planned in.
    pub period: usize,
    /// Persons per home or place; `None` = the form's default.
    pub persons_per_unit: Option<f64>,
    /// Months from the peildatum or the free site to the keys; `None` = the
    /// form's default (set it lower when work has begun).
    pub lead_time_months: Option<u32>,
    /// `None` = not entered: the SFT minimum is assumed, and the report says so.
    pub share_statushouders: Option<f64>,
    pub mix: Vec<GroupShare>,
    /// This entry's own business case numbers; `None` = the form's (flex: the project's).
    pub business: Option<BusinessParams>,
    /// Keys of derived knelpunten the user struck out.
    pub dismissed: Vec<String>,
    pub added: Vec<Knelpunt>,
    pub note: String,
}

impl Default for Entry {
    fn default() -> Self {
        Entry {
            site_id: String::new(),
            name: String::new(),
            profile: "flex".into(),
            form: HousingForm::Flex,
            homes: 0.0,
            period: 0,
            persons_per_unit: None,
            lead_time_months: None,
            share_statushouders: None,
            mix: Vec::new(),
            business: None,
            dismissed: Vec::new(),
            added: Vec::new(),
            note: String::new(),
        }
    }
}

/// The most lines a werkprogramma holds. A municipality's has tens; at this
/// many the report is already some hundreds of pages and every output together
/// takes about 2 s and 200 MB (BENCHMARKS.md "A werkprogramma of many lines"),
/// while each further line costs the same again: far beyond it (100,000 lines)
/// a run would take a minute and gigabytes, so it is refused before anything
/// is computed.
pub const MAX_ENTRIES: usize = 2_000;

/// The refusal of a werkprogramma of `lines` lines, more than [`MAX_ENTRIES`].
pub(super) fn too_many_entries(lines: usize) -> String {
    format!(
        "het werkprogramma heeft {} regels; Locatiescout rekent met hoogstens {} regels. Voeg regels op dezelfde locatie samen (één regel per locatie en woonvorm) of verdeel het over meer werkprogramma's; er is niets opgeslagen",
        nl_number(lines as f64, 0),
        nl_number(MAX_ENTRIES as f64, 0)
    )
}

/// The most periods: 20 years of half-years. The circulaire counts three
/// (`data/werkprogramma.toml` `periods = 3`, DOMAIN.md "Ambition"); a longer
/// plan is the user's own, but every period is a column of every table.
pub const MAX_PERIODS: usize = 40;

/// The most target groups besides statushouders on one line: the note names
/// eight (`data/werkprogramma.toml` `groups`), a line mixes a few of them.
pub const MAX_GROUPS_PER_ENTRY: usize = 20;

/// The most knelpunten of the user's own on one line, and on the
/// werkprogramma as a whole: each is a sentence in every report.
pub const MAX_OWN_KNELPUNTEN_PER_ENTRY: usize = 10;
pub const MAX_OWN_KNELPUNTEN: usize = 100;

/// The most derived knelpunten struck out, per line and overall: there are
/// about twenty kinds (keys) to strike out, so more are repeats.
pub const MAX_DISMISSED: usize = 50;

/// The most support asks: one per knelpunt the municipality needs help with.
pub const MAX_SUPPORT_ASKS: usize = 200;

/// The largest werkprogramma file read (3 MB). A municipality's is a few
/// kilobytes and 2,000 lines with notes and knelpunten of their own about 1 MB;
/// the TOML parser alone takes up to 80 bytes of memory per byte read (200,000
/// target groups on one line: a 4 MB file, 330 MB before a limit could be
/// checked), so a larger file is refused unread.
pub const MAX_FILE_BYTES: u64 = 3 << 20;

/// The refusal of a werkprogramma file of `bytes` bytes, over [`MAX_FILE_BYTES`].
pub fn too_large_file(bytes: u64) -> String {
    format!(
        "het bestand is {} MB; een werkprogramma-bestand is hoogstens {} MB (2.000 regels met toelichting passen ruim). Kies het goede bestand of maak het kleiner; er is niets opgeslagen",
        nl_number(bytes as f64 / (1u64 << 20) as f64, 1),
        MAX_FILE_BYTES >> 20
    )
}

/// "{whose} heeft {n} {what}; Locatiescout rekent met hoogstens {max} {what}{per}. {advice}; er is niets opgeslagen".
fn over_limit(whose: &str, n: usize, what: &str, max: usize, per: &str, advice: &str) -> String {
    format!(
        "{whose} heeft {} {what}; Locatiescout rekent met hoogstens {} {what}{per}. {advice}; er is niets opgeslagen",
        nl_number(n as f64, 0),
        nl_number(max as f64, 0),
    )
}

/// The refusal of `n` periods, more than [`MAX_PERIODS`].
pub(super) fn too_many_periods(n: usize) -> String {
    over_limit(
        "het werkprogramma",
        n,
        "periodes",
        MAX_PERIODS,
        " (20 jaar in halve jaren)",
        "Laat de periodes na de laatste die u plant weg",
    )
}

/// The refusal of `n` support asks, more than [`MAX_SUPPORT_ASKS`].
pub(super) fn too_many_support_asks(n: usize) -> String {
    over_limit(
        "het werkprogramma",
        n,
        "steunvragen",
        MAX_SUPPORT_ASKS,
        "",
        "Vraag steun per knelpunt één keer",
    )
}

/// Everything the user enters for the werkprogramma; stored in the project.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(export_to = "../../ui/src/bindings/")
)]
pub struct Werkprogramma {
    pub gemeente: String,
    /// CBS code (`GM0344`); empty = looked up by name in the bundled CBS list
    /// when the werkprogramma is exported for the regional roll-up.
    pub gemeente_code: String,
    /// First period: year and half (1 = January–June, 2 = July–December).
    pub first_year: i32,
    pub first_half: u8,
    pub periods: Vec<PeriodInput>,
    /// Statushouders the municipality is behind on, cleared over the periods.
    pub backlog_persons: f64,
    pub ambition_share: f64,
    /// Whether the 20 % is taken of taakstelling plus backlog (else of the taakstelling).
    pub ambition_includes_backlog: bool,
    pub entries: Vec<Entry>,
    /// The project's flex business case numbers (`None` = the bundled defaults).
    pub business: Option<BusinessParams>,
    /// Overall knelpunten the user adds, and derived ones struck out (by key).
    pub added: Vec<Knelpunt>,
    pub dismissed: Vec<String>,
    /// Support asked per knelpunt, with its addressee.
    pub support_asks: Vec<SupportAsk>,
    /// Steun gevraagd van Rijk en provincie, in general.
    pub support: String,
    /// Samenwerking met andere gemeenten.
    pub cooperation: String,
    /// Statushouders housed through the cooperation (in other municipalities or from them).
    pub cooperation_persons: f64,
    pub planning: String,
    /// Relation to the volkshuisvestingsprogramma, the woondeal and the prestatieafspraken.
    pub volkshuisvesting: String,
    /// How the part of the backlog housed in the regular stock is reached.
    pub regular_stock_explanation: String,
    /// Execution capacity: staff, corporations' investment capacity, begeleiding, sociaal beheer.
    pub capacity: String,
    /// Interest in the RVB flex tender: homes wanted and which types.
    pub rvb_tender_homes: f64,
    pub rvb_tender_types: String,
}

impl Default for Werkprogramma {
    /// Without a first period (year 0): [`Werkprogramma::dated`] starts it in the
    /// half-year of the peildatum, so nothing here reads the clock.
    fn default() -> Self {
        let mut wp = Werkprogramma::starting(NaiveDate::MIN);
        wp.first_year = 0;
        wp.first_half = 0;
        wp
    }
}

impl Werkprogramma {
    /// An empty werkprogramma whose first period is the half-year of `today`.
    pub fn starting(today: NaiveDate) -> Werkprogramma {
        let d = WerkprogrammaDefaults::default();
        Werkprogramma {
            gemeente: String::new(),
            gemeente_code: String::new(),
            first_year: today.year(),
            first_half: if today.month() >= 7 { 2 } else { 1 },
            periods: vec![PeriodInput::default(); d.periods],
            backlog_persons: 0.0,
            ambition_share: d.ambition_share,
            ambition_includes_backlog: d.ambition_includes_backlog,
            entries: Vec::new(),
            business: None,
            added: Vec::new(),
            dismissed: Vec::new(),
            support_asks: Vec::new(),
            support: String::new(),
            cooperation: String::new(),
            cooperation_persons: 0.0,
            planning: String::new(),
            volkshuisvesting: String::new(),
            regular_stock_explanation: String::new(),
            capacity: String::new(),
            rvb_tender_homes: 0.0,
            rvb_tender_types: String::new(),
        }
    }

    /// This werkprogramma with its first period in the half-year of `date` when
    /// it names none (a file without `first_year`).
    pub fn dated(&self, date: NaiveDate) -> Werkprogramma {
        let mut wp = self.clone();
        if wp.first_year == 0 && wp.first_half == 0 {
            let start = Werkprogramma::starting(date);
            wp.first_year = start.first_year;
            wp.first_half = start.first_half;
        }
        wp
    }

    /// "2e helft 2026" for period `p`.
    pub fn period_label(&self, p: usize) -> String {
        self.period_text(p).nl()
    }

    /// Period `p` for a reader: "2e helft 2026" / "2nd half 2026".
    pub fn period_text(&self, p: usize) -> Text {
        let (year, half) = self.period_of(p);
        Text::new(if half == 1 { "wp.half1" } else { "wp.half2" }).str("year", year.to_string())
    }

    /// Year and half (1 or 2) of period `p`.
    pub fn period_of(&self, p: usize) -> (i32, u8) {
        let idx = i64::from(self.first_half.clamp(1, 2)) - 1 + p as i64;
        (self.first_year + (idx / 2) as i32, (idx % 2) as u8 + 1)
    }

    /// Last day of period `p`: homes planned then are delivered by this date.
    pub fn period_end(&self, p: usize) -> NaiveDate {
        let (year, half) = self.period_of(p);
        let (m, d) = if half == 1 { (6, 30) } else { (12, 31) };
        NaiveDate::from_ymd_opt(year, m, d).unwrap_or(NaiveDate::MIN)
    }

    /// Persons per home or place of `e`: its own, else its form's default.
    pub fn persons_per_unit(&self, e: &Entry) -> f64 {
        e.persons_per_unit
            .unwrap_or_else(|| WerkprogrammaDefaults::default().persons_per_unit(e.form))
    }

    /// Months from the peildatum or the free site to the keys for `e`.
    pub fn lead_time_months(&self, e: &Entry) -> u32 {
        e.lead_time_months
            .unwrap_or_else(|| WerkprogrammaDefaults::default().lead_time_months(e.form))
    }

    /// Refuses a werkprogramma with more of a repeated part than Locatiescout
    /// computes with — lines ([`MAX_ENTRIES`]), periods, target groups,
    /// knelpunten of the user's own or struck out, support asks — naming the
    /// limit. Only counts: cheap, and done before anything is computed.
    pub fn check_limits(&self) -> Result<(), String> {
        if self.entries.len() > MAX_ENTRIES {
            return Err(too_many_entries(self.entries.len()));
        }
        if self.periods.len() > MAX_PERIODS {
            return Err(too_many_periods(self.periods.len()));
        }
        if self.support_asks.len() > MAX_SUPPORT_ASKS {
            return Err(too_many_support_asks(self.support_asks.len()));
        }
        let whole = "het werkprogramma";
        if self.added.len() > MAX_OWN_KNELPUNTEN {
            return Err(over_limit(
                whole,
                self.added.len(),
                "eigen knelpunten",
                MAX_OWN_KNELPUNTEN,
                "",
                "Voeg knelpunten die hetzelfde zeggen samen",
            ));
        }
        if self.dismissed.len() > MAX_DISMISSED {
            return Err(over_limit(
                whole,
                self.dismissed.len(),
                "weggestreepte knelpunten",
                MAX_DISMISSED,
                "",
                "Streep elk knelpunt één keer weg",
            ));
        }
        for (k, e) in self.entries.iter().enumerate() {
            let line = format!("regel {}", k + 1);
            for (n, what, max, advice) in [
                (
                    e.mix.len(),
                    "doelgroepen",
                    MAX_GROUPS_PER_ENTRY,
                    "Voeg doelgroepen samen of verdeel de regel over meer regels",
                ),
                (
                    e.added.len(),
                    "eigen knelpunten",
                    MAX_OWN_KNELPUNTEN_PER_ENTRY,
                    "Voeg knelpunten die hetzelfde zeggen samen",
                ),
                (
                    e.dismissed.len(),
                    "weggestreepte knelpunten",
                    MAX_DISMISSED,
                    "Streep elk knelpunt één keer weg",
                ),
            ] {
                if n > max {
                    return Err(over_limit(&line, n, what, max, " per regel", advice));
                }
            }
        }
        Ok(())
    }

    /// Refuses input that cannot be computed with, in Dutch: more of a part than
    /// [`Werkprogramma::check_limits`] allows, numbers that are not numbers,
    /// negative or fractional persons and homes, shares outside 0–100 %, a
    /// persons-per-unit of 0.
    pub fn validate(&self) -> Result<(), String> {
        self.check_limits()?;
        let share = |name: &str, v: f64| {
            if v.is_nan() {
                Err(format!(
                    "{name} is geen getal: kies een aandeel tussen 0 en 1 (0,2 = 20 %)"
                ))
            } else if (0.0..=1.0).contains(&v) {
                Ok(())
            } else {
                Err(format!(
                    "{name} is {}: kies een aandeel tussen 0 en 1 (0,2 = 20 %)",
                    nl_number(v, 2)
                ))
            }
        };
        share("de ambitie", self.ambition_share)?;
        if self.periods.is_empty() {
            return Err("het werkprogramma heeft minstens één periode nodig".into());
        }
        let unset = self.first_year == 0 && self.first_half == 0;
        if !unset && !(1..=2).contains(&self.first_half) {
            return Err("de eerste periode is de 1e of 2e helft van een jaar".into());
        }
        if !unset && !(1900..=2200).contains(&self.first_year) {
            return Err(format!(
                "het eerste jaar is {}: kies een jaar tussen 1900 en 2200",
                self.first_year
            ));
        }
        for (p, per) in self.periods.iter().enumerate() {
            let period = self.period_label(p);
            for (what, v) in [
                ("de taakstelling", per.taakstelling_persons),
                ("de reguliere voorraad", per.regular_stock_persons),
                ("het aantal gerealiseerd", per.realised_persons),
            ] {
                whole_persons(&format!("{period}: {what}"), v)?;
            }
        }
        for (name, v) in [
            ("de achterstand", self.backlog_persons),
            (
                "het aantal personen via samenwerking",
                self.cooperation_persons,
            ),
            (
                "het aantal woningen voor de RVB-tender",
                self.rvb_tender_homes,
            ),
        ] {
            whole_persons(name, v)?;
        }
        for (k, e) in self.entries.iter().enumerate() {
            let name = if e.site_id.is_empty() {
                format!("regel {} ({})", k + 1, e.form.dutch().to_lowercase())
            } else {
                format!("regel {} (locatie {})", k + 1, e.site_id)
            };
            if e.period >= self.periods.len() {
                return Err(format!(
                    "{name}: period = {} bestaat niet; het werkprogramma heeft {} (period = 0 is de eerste, {} de laatste)",
                    e.period,
                    if self.periods.len() == 1 {
                        "1 periode".to_string()
                    } else {
                        format!("{} periodes", self.periods.len())
                    },
                    self.periods.len() - 1
                ));
            }
            if e.homes.is_nan() {
                return Err(format!(
                    "{name}: het aantal {} is geen getal",
                    e.form.unit_word(2.0)
                ));
            }
            if !(e.homes.is_finite() && e.homes >= 0.0 && e.homes.fract() == 0.0) {
                return Err(format!(
                    "{name}: het aantal {} is {}: kies een heel aantal, 0 of meer",
                    e.form.unit_word(2.0),
                    nl_number(e.homes, 2)
                ));
            }
            if let Some(ppu) = e.persons_per_unit {
                if !ppu.is_finite() {
                    return Err(format!(
                        "{name}: personen per {} is geen (eindig) getal: kies een aantal groter dan 0 en hoogstens 20",
                        e.form.unit_word(1.0)
                    ));
                }
                if !(ppu.is_finite() && ppu > 0.0 && ppu <= 20.0) {
                    return Err(format!(
                        "{name}: personen per {} is {}: kies een aantal groter dan 0 en hoogstens 20",
                        e.form.unit_word(1.0),
                        nl_number(ppu, 1)
                    ));
                }
            }
            if let Some(months) = e.lead_time_months {
                if months > 120 {
                    return Err(format!(
                        "{name}: doorlooptijd {months} maanden: kies 0 tot 120 maanden"
                    ));
                }
            }
            let own = e.statushouders_share();
            share(&format!("{name}: het aandeel statushouders"), own)?;
            let mut total = own;
            for g in &e.mix {
                share(&format!("{name}: het aandeel {}", g.group), g.share)?;
                total += g.share;
            }
            if total > 1.0 + 1e-9 {
                return Err(format!(
                    "{name}: de doelgroepen tellen op tot {} %, meer dan 100 %",
                    nl_number(total * 100.0, 0)
                ));
            }
            if let Some(b) = &e.business {
                b.validate().map_err(|err| format!("{name}: {err}"))?;
            }
        }
        if let Some(b) = &self.business {
            b.validate().map_err(|e| e.to_string())?;
        }
        Ok(())
    }

    /// Adds a site, or returns the index of the entry it already has. Entries
    /// without a site are always added.
    pub fn add_site(&mut self, entry: Entry) -> usize {
        if let Some(i) = self.entries.iter().position(|e| {
            !entry.site_id.is_empty() && e.site_id == entry.site_id && e.profile == entry.profile
        }) {
            return i;
        }
        self.entries.push(entry);
        self.entries.len() - 1
    }
}

/// A number of persons (or homes): a whole number, 0 or more.
fn whole_persons(name: &str, v: f64) -> Result<(), String> {
    if v.is_nan() {
        return Err(format!(
            "{name} is geen getal: vul een heel aantal in, 0 of meer"
        ));
    }
    if !(v.is_finite() && v >= 0.0) {
        return Err(format!("{name} kan niet negatief zijn"));
    }
    if v.fract() != 0.0 {
        return Err(format!(
            "{name} is {}: vul een heel aantal in (personen tellen per persoon)",
            nl_number(v, 2)
        ));
    }
    Ok(())
}

impl Entry {
    /// The share of the homes for statushouders: the entry's own, else the SFT
    /// minimum (DOMAIN.md Funding schemes "SFT": 30 %), which the report lists
    /// as an assumption.
    pub fn statushouders_share(&self) -> f64 {
        self.share_statushouders
            .unwrap_or_else(|| BusinessParams::default().sft.min_share_statushouders)
    }
}

/// What the data says about an entry's site: its scored detail (absent when the
/// site is not in the loaded layers) and its current flag. The detail is shared:
/// many lines on one site hold one copy, not one each.
#[derive(Debug, Clone, Default)]
pub struct EntryFacts {
    pub detail: Option<std::sync::Arc<SiteDetail>>,
    pub flag: Option<Flag>,
}

/// The business case numbers for an entry: its own, or its form's (flex: the
/// project's) with the entry's share for statushouders.
pub fn entry_params(wp: &Werkprogramma, e: &Entry) -> BusinessParams {
    if let Some(p) = &e.business {
        return p.clone();
    }
    let mut p = match (&wp.business, e.form) {
        (Some(b), HousingForm::Flex) => b.clone(),
        _ => BusinessParams::for_form(e.form),
    };
    p.share_statushouders = e.statushouders_share();
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_are_consecutive_half_years() {
        let wp = Werkprogramma::starting(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap());
        assert_eq!(wp.period_label(0), "2e helft 2026");
        assert_eq!(wp.period_label(1), "1e helft 2027");
        assert_eq!(wp.period_label(2), "2e helft 2027");
        assert_eq!(
            wp.period_end(1),
            NaiveDate::from_ymd_opt(2027, 6, 30).unwrap()
        );
    }

    /// Issue 32 item 9: one line over the limit is refused, naming it, however
    /// the werkprogramma arrives (a file, the app); the limit itself is accepted.
    #[test]
    fn more_lines_than_the_limit_are_refused_naming_it() {
        let mut wp = Werkprogramma {
            entries: vec![Entry::default(); MAX_ENTRIES],
            ..Werkprogramma::default()
        };
        assert_eq!(wp.validate(), Ok(()));
        wp.entries.push(Entry::default());
        let e = wp.validate().unwrap_err();
        assert!(
            e.contains("heeft 2.001 regels") && e.contains("hoogstens 2.000 regels"),
            "{e}"
        );
        // Counted before the TOML is parsed, also written `[[ entries ]]`.
        let toml = "[[ entries ]]\nhomes = 1\n".repeat(MAX_ENTRIES + 1);
        let e = Werkprogramma::parse_file(&toml, false).unwrap_err();
        assert!(e.contains("heeft 2.001 regels"), "{e}");
        let json = format!(
            r#"{{"entries":[{}]}}"#,
            vec!["{}"; MAX_ENTRIES + 1].join(",")
        );
        let e = Werkprogramma::parse_file(&json, true).unwrap_err();
        assert!(e.contains("heeft 2.001 regels"), "{e}");
        let fits = "[[entries]]\nhomes = 1\n".repeat(MAX_ENTRIES);
        assert_eq!(
            Werkprogramma::parse_file(&fits, false).map(|wp| wp.entries.len()),
            Ok(MAX_ENTRIES)
        );
    }

    /// Review F8: every repeated part has its limit: at it the werkprogramma is
    /// accepted, one more is refused naming the part and the limit.
    #[test]
    fn every_repeated_part_is_refused_one_over_its_limit() {
        let own = Knelpunt {
            category: KnelpuntCategory::Locaties,
            key: "eigen".into(),
            text: Text::plain("eigen"),
            derived: false,
        };
        let group = GroupShare {
            group: "starters".into(),
            share: 0.0,
        };
        let ask = SupportAsk {
            key: "grid_queue".into(),
            addressee: Addressee::Netbeheerder,
            ask: "hulp".into(),
        };
        let base = Werkprogramma {
            entries: vec![Entry::default()],
            ..Werkprogramma::default()
        };
        type Grow = fn(&mut Werkprogramma, usize, &Knelpunt, &GroupShare, &SupportAsk);
        let parts: [(Grow, usize, &str); 7] = [
            (
                |w, n, _, _, _| w.periods = vec![PeriodInput::default(); n],
                MAX_PERIODS,
                "periodes",
            ),
            (
                |w, n, _, g, _| w.entries[0].mix = vec![g.clone(); n],
                MAX_GROUPS_PER_ENTRY,
                "doelgroepen",
            ),
            (
                |w, n, k, _, _| w.entries[0].added = vec![k.clone(); n],
                MAX_OWN_KNELPUNTEN_PER_ENTRY,
                "eigen knelpunten",
            ),
            (
                |w, n, _, _, _| w.entries[0].dismissed = vec!["grid_queue".into(); n],
                MAX_DISMISSED,
                "weggestreepte knelpunten",
            ),
            (
                |w, n, k, _, _| w.added = vec![k.clone(); n],
                MAX_OWN_KNELPUNTEN,
                "eigen knelpunten",
            ),
            (
                |w, n, _, _, _| w.dismissed = vec!["ambition".into(); n],
                MAX_DISMISSED,
                "weggestreepte knelpunten",
            ),
            (
                |w, n, _, _, a| w.support_asks = vec![a.clone(); n],
                MAX_SUPPORT_ASKS,
                "steunvragen",
            ),
        ];
        for (grow, max, what) in parts {
            let mut wp = base.clone();
            grow(&mut wp, max, &own, &group, &ask);
            assert_eq!(wp.validate(), Ok(()), "{what} at {max}");
            grow(&mut wp, max + 1, &own, &group, &ask);
            let e = wp.validate().unwrap_err();
            let said = |n: usize| nl_number(n as f64, 0);
            assert!(
                e.contains(&format!("heeft {} {what}", said(max + 1)))
                    && e.contains(&format!("hoogstens {} {what}", said(max)))
                    && e.contains("er is niets opgeslagen"),
                "{e}"
            );
        }
        // In a TOML file the periods and support asks are counted before parsing.
        let toml = format!(
            "{}[[entries]]\nhomes = 1\n",
            "[[ periods ]]\n".repeat(MAX_PERIODS + 1)
        );
        let e = Werkprogramma::parse_file(&toml, false).unwrap_err();
        assert!(e.contains("heeft 41 periodes"), "{e}");
        // A file over the size limit is refused before it is parsed.
        let big = format!(
            "[[entries]]\nnote = \"{}\"\n",
            "x".repeat(MAX_FILE_BYTES as usize)
        );
        let e = Werkprogramma::parse_file(&big, false).unwrap_err();
        assert!(e.contains("hoogstens 3 MB"), "{e}");
    }
}
