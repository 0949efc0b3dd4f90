//! The lokaal werkprogramma: which sites, how many homes, for whom and when,
//! against the taakstelling of three half-year periods and the ambition to
//! house 20 % of the statushouders in additional forms — and what stands in the
//! way (knelpunten), derived from the data and editable. What the user enters is
//! [`Werkprogramma`] (stored in the project); everything computed is
//! [`WerkprogrammaReport`], which the app shows and every export writes.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use crate::business::{
    business_case, gap_sensitivity, BusinessCase, BusinessParams, CaseContext, HousingForm,
    COST_FACTORS, TERM_DELTAS_YEARS,
};
use crate::grid::GridStatus;
use crate::score::{SiteDetail, Term};
use locatiescout_model::flag::{Flag, FlagStatus};
use locatiescout_model::nl::nl_number;
use locatiescout_model::text::Text;

const DEFAULTS: &str = include_str!("../../../data/werkprogramma.toml");

/// The numbers a new werkprogramma starts from (`data/werkprogramma.toml`).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WerkprogrammaDefaults {
    pub ambition_share: f64,
    pub ambition_includes_backlog: bool,
    pub periods: usize,
    pub backlog_periods: f64,
    pub min_term_years: f64,
    pub max_temporary_years: f64,
    pub groups: Vec<String>,
    /// Persons per home or woonplek by housing form key.
    pub persons_per_unit: BTreeMap<String, f64>,
}

impl Default for WerkprogrammaDefaults {
    fn default() -> Self {
        static PARSED: std::sync::OnceLock<WerkprogrammaDefaults> = std::sync::OnceLock::new();
        PARSED
            .get_or_init(|| {
                // Checked by a test: only a broken build gets here with a bad file.
                #[allow(clippy::expect_used)]
                locatiescout_model::defaults::parsed("werkprogramma.toml", DEFAULTS, |t, _| {
                    toml::from_str::<WerkprogrammaDefaults>(t)
                })
                .expect("data/werkprogramma.toml is valid")
            })
            .clone()
    }
}

impl WerkprogrammaDefaults {
    /// Persons per unit of `form` (1 when the file does not name the form).
    pub fn persons_per_unit(&self, form: HousingForm) -> f64 {
        self.persons_per_unit
            .get(form.key())
            .copied()
            .unwrap_or(1.0)
    }
}

/// The five categories of knelpunten the Bouwstenen note asks for.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
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
    fn default_for(key: &str) -> Option<Addressee> {
        Some(match key {
            "grid_queue" | "grid_limited" | "grid_unknown" | "grid_requested" => {
                Addressee::Netbeheerder
            }
            "funding_gap" | "sft_not_fit" | "sft_late" => Addressee::Rijk,
            "permit_term" | "change_of_use" => Addressee::Provincie,
            "ambition" | "no_site" | "capacity" => Addressee::Kwartiermakers,
            "rvb_site" => Addressee::Rvb,
            _ => return None,
        })
    }
}

/// One obstacle. Derived ones carry a stable `key` so the user can dismiss them.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Knelpunt {
    pub category: KnelpuntCategory,
    /// `grid_queue`, `term_short`, … for derived ones; `eigen` for the user's own.
    pub key: String,
    /// A derived one's sentence; the user's own is read back as plain text.
    pub text: Text,
    pub derived: bool,
}

/// The support a municipality asks for one knelpunt (by key, or the text of its own).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SupportAsk {
    pub key: String,
    pub addressee: Addressee,
    pub ask: String,
}

/// One half-year period's figures as entered.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct PeriodInput {
    /// Persons to house (the taakstelling of the circulaire).
    pub taakstelling_persons: f64,
    /// Statushouders housed in the regular stock this period.
    pub regular_stock_persons: f64,
}

/// A share of an entry's homes for a target group other than statushouders.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct GroupShare {
    pub group: String,
    pub share: f64,
}

/// One line of the werkprogramma: a site or a number of homes or places of a
/// housing form, delivered in a period.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
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
    pub share_statushouders: f64,
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
            share_statushouders: BusinessParams::default().share_statushouders,
            mix: Vec::new(),
            business: None,
            dismissed: Vec::new(),
            added: Vec::new(),
            note: String::new(),
        }
    }
}

/// Everything the user enters for the werkprogramma; stored in the project.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
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
    fn default() -> Self {
        Werkprogramma::starting(chrono::Local::now().date_naive())
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

    /// Refuses input that cannot be computed with, in Dutch.
    pub fn validate(&self) -> Result<(), String> {
        let share = |name: &str, v: f64| {
            if (0.0..=1.0).contains(&v) {
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
        if !(1..=2).contains(&self.first_half) {
            return Err("de eerste periode is de 1e of 2e helft van een jaar".into());
        }
        for (p, per) in self.periods.iter().enumerate() {
            let ok = |v: f64| v.is_finite() && v >= 0.0;
            if !ok(per.taakstelling_persons) || !ok(per.regular_stock_persons) {
                return Err(format!(
                    "{}: aantallen kunnen niet negatief zijn",
                    self.period_label(p)
                ));
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
            if !(v.is_finite() && v >= 0.0) {
                return Err(format!("{name} kan niet negatief zijn"));
            }
        }
        for (k, e) in self.entries.iter().enumerate() {
            let name = if e.site_id.is_empty() {
                format!("regel {} ({})", k + 1, e.form.dutch().to_lowercase())
            } else {
                format!("locatie {}", e.site_id)
            };
            if e.period >= self.periods.len() {
                return Err(format!(
                    "{name}: oplevering in periode {} bestaat niet",
                    e.period + 1
                ));
            }
            if !(e.homes.is_finite() && e.homes >= 0.0) {
                return Err(format!(
                    "{name}: het aantal {} kan niet negatief zijn",
                    e.form.unit_word(2.0)
                ));
            }
            if let Some(ppu) = e.persons_per_unit {
                if !(ppu.is_finite() && ppu > 0.0 && ppu <= 20.0) {
                    return Err(format!(
                        "{name}: personen per {} is {}: kies een aantal tussen 0 en 20",
                        e.form.unit_word(1.0),
                        nl_number(ppu, 1)
                    ));
                }
            }
            share(
                &format!("{name}: het aandeel statushouders"),
                e.share_statushouders,
            )?;
            let mut total = e.share_statushouders;
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

    /// Reads a werkprogramma file (TOML, or JSON when `json`) strictly: a key this
    /// version does not know is an error naming it (a typo must not silently drop a
    /// number), and a file without `entries` — `{}`, `[]`, a GeoJSON — is refused
    /// rather than stored as an empty werkprogramma over the user's.
    pub fn parse_file(text: &str, json: bool) -> Result<Werkprogramma, String> {
        let text = text.trim_start_matches('\u{feff}');
        let mut unknown: Vec<String> = Vec::new();
        let mut note = |p: serde_ignored::Path<'_>| unknown.push(p.to_string());
        let (wp, has_entries) = if json {
            let value: serde_json::Value = serde_json::from_str(text).map_err(|e| json_nl(&e))?;
            let Some(obj) = value.as_object() else {
                return Err(format!(
                    "is geen werkprogramma: verwacht een object met 'entries', kreeg {}",
                    json_kind(&value)
                ));
            };
            let has = obj.contains_key("entries");
            let de = &mut serde_json::Deserializer::from_str(text);
            let wp: Werkprogramma =
                serde_ignored::deserialize(de, &mut note).map_err(|e| json_nl(&e))?;
            (wp, has)
        } else {
            let table: toml::Table = toml::from_str(text).map_err(|e| toml_nl(&e, text))?;
            let has = table.contains_key("entries");
            let de = toml::de::Deserializer::parse(text).map_err(|e| toml_nl(&e, text))?;
            let wp: Werkprogramma =
                serde_ignored::deserialize(de, &mut note).map_err(|e| toml_nl(&e, text))?;
            (wp, has)
        };
        // Keys of earlier versions: say what replaced them.
        for k in &unknown {
            let last = k.rsplit('.').next().unwrap_or(k);
            let hint = match last {
                "household_size" => "wordt niet meer gebruikt: geef per regel persons_per_unit (personen per woning of woonplek)",
                "max_per_municipality_eur" => "bestaat sinds 2025 niet meer: de SFT kent geen maximum per gemeente; verwijder de sleutel",
                "max_delivery_months" => "heet nu max_start_months: de SFT vraagt sinds 2025 een start van de bouw binnen 18 maanden",
                _ => continue,
            };
            return Err(format!("sleutel '{k}' {hint}"));
        }
        if let Some(k) = unknown.first() {
            return Err(format!(
                "onbekende sleutel '{k}'{}; dit bestand wordt niet ingelezen (controleer de spelling, zie data/sample/werkprogramma.toml)",
                if unknown.len() > 1 {
                    format!(" (en {} andere)", unknown.len() - 1)
                } else {
                    String::new()
                }
            ));
        }
        if !has_entries {
            return Err(
                "de sleutel 'entries' (de regels van het werkprogramma) ontbreekt; dit lijkt geen werkprogramma, er is niets opgeslagen".into(),
            );
        }
        Ok(wp)
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

fn json_kind(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Array(_) => "een lijst",
        serde_json::Value::String(_) => "tekst",
        serde_json::Value::Number(_) => "een getal",
        serde_json::Value::Bool(_) => "waar/onwaar",
        serde_json::Value::Null => "null",
        serde_json::Value::Object(_) => "een object",
    }
}

/// A JSON error in Dutch, with line and column.
fn json_nl(e: &serde_json::Error) -> String {
    format!(
        "regel {}, kolom {}: {}",
        e.line(),
        e.column(),
        locatiescout_model::nl::serde_nl(&e.to_string())
    )
}

/// A TOML error in Dutch, with the line where it is.
fn toml_nl(e: &toml::de::Error, text: &str) -> String {
    let msg = locatiescout_model::nl::serde_nl(e.message());
    match e.span() {
        Some(span) => {
            let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
            format!("regel {line}: {msg}")
        }
        None => msg,
    }
}

/// What the data says about an entry's site: its scored detail (absent when the
/// site is not in the loaded layers) and its current flag.
#[derive(Debug, Clone, Default)]
pub struct EntryFacts {
    pub detail: Option<SiteDetail>,
    pub flag: Option<Flag>,
}

/// One period's numbers: what is planned in it and what can really be delivered in it.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct PeriodResult {
    pub label: Text,
    pub taakstelling_persons: f64,
    /// This period's part of the backlog.
    pub backlog_persons: f64,
    /// Taakstelling plus the part of the backlog.
    pub persons_to_house: f64,
    /// This period's part of the ambition (information: the ambition is judged over all periods).
    pub ambition_persons: f64,
    /// Homes and places planned in this period, all and for statushouders, and the persons these house.
    pub planned_units: f64,
    pub planned_units_statushouders: f64,
    pub planned_persons: f64,
    /// The same for what can be delivered in this period (availability, grid, reference date).
    pub feasible_units: f64,
    pub feasible_units_statushouders: f64,
    pub feasible_persons: f64,
    pub regular_stock_persons: f64,
    /// Persons to house left after the regular stock and what is feasible (0 when all are housed).
    pub unhoused_persons: f64,
    /// Homes per other target group (planned).
    pub groups: BTreeMap<String, f64>,
}

/// The 20 % check over all periods together (DOMAIN.md, "Reading the 20 % ambition").
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct AmbitionCheck {
    pub share: f64,
    pub includes_backlog: bool,
    /// Persons the share is taken of.
    pub base_persons: f64,
    /// Whole persons: the share of the base, rounded up.
    pub ambition_persons: f64,
    pub planned_persons: f64,
    pub feasible_persons: f64,
    /// Persons short of the ambition on what is feasible (0 when reached).
    pub gap_persons: f64,
    /// What is feasible as a share of the base.
    pub feasible_share: Option<f64>,
    pub reached: bool,
    /// One short sentence.
    pub verdict: Text,
}

/// The taakstelling and backlog over all periods (the note's first aim).
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct TaakstellingCheck {
    pub taakstelling_persons: f64,
    pub backlog_persons: f64,
    pub regular_stock_persons: f64,
    pub additional_persons: f64,
    pub cooperation_persons: f64,
    /// Left without a home after the periods.
    pub unhoused_persons: f64,
    pub cleared: bool,
    pub verdict: Text,
}

/// An entry with everything computed for it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SiteRow {
    pub entry: Entry,
    /// The entry's name, the address or parcel, or the id; never empty.
    pub label: String,
    pub found: bool,
    pub score: Option<f64>,
    pub band: Option<Text>,
    pub period_label: Text,
    /// Whole homes or places, the part for statushouders, and the persons they house.
    pub units: f64,
    pub unit_word: &'static str,
    pub persons_per_unit: f64,
    pub units_statushouders: f64,
    pub persons_statushouders: f64,
    /// The first period the homes can really be delivered in (`None`: not within the periods).
    pub feasible_period: Option<usize>,
    pub feasible_label: Text,
    /// Why the homes come later than planned or not at all (knelpunt keys).
    pub delayed_by: Vec<String>,
    pub area_m2: Option<f64>,
    pub term: Option<Term>,
    pub term_text: Text,
    pub grid_status: Option<GridStatus>,
    pub grid_text: Text,
    pub owner: Option<String>,
    pub flag: Option<Text>,
    pub business: BusinessCase,
    /// Remaining gap by build cost (rows) and term (columns); see `business::COST_FACTORS`.
    pub sensitivity: Vec<Vec<f64>>,
    pub knelpunten: Vec<Knelpunt>,
}

/// Overall knelpunten of one category: each distinct text with the sites it applies to.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CategorySummary {
    pub category: KnelpuntCategory,
    pub label: &'static str,
    pub items: Vec<KnelpuntItem>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct KnelpuntItem {
    pub key: String,
    pub text: Text,
    /// Site labels; empty for an overall knelpunt.
    pub sites: Vec<String>,
    pub derived: bool,
    /// Persons for statushouders this knelpunt keeps out of the periods.
    pub blocked_persons: f64,
    pub blocked_units: f64,
    /// Who is asked for support, and what.
    pub addressee: Option<Addressee>,
    pub ask: String,
}

/// A business-case number still at an unsourced default, with the entries that use it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct AssumptionNote {
    pub text: Text,
    pub source: String,
    pub kind: &'static str,
    pub status: Text,
    pub sites: Vec<String>,
}

/// The werkprogramma computed: what the report, the spreadsheet and the app show.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct WerkprogrammaReport {
    pub input: Werkprogramma,
    /// dd-mm-jjjj
    pub reference_date: String,
    pub periods: Vec<PeriodResult>,
    pub total: PeriodResult,
    pub ambition: AmbitionCheck,
    pub taakstelling: TaakstellingCheck,
    pub sites: Vec<SiteRow>,
    pub knelpunten: Vec<CategorySummary>,
    /// When the ambition is not reached: the knelpunten that block homes, most blocking first.
    pub obstacles: Vec<KnelpuntItem>,
    /// The verdict with the periods, what is feasible and what stands in the way.
    pub ambition_text: Text,
    pub reaches_ambition: bool,
    /// Units per target group over all entries, statushouders included.
    pub groups_total: BTreeMap<String, f64>,
    pub sft_total_eur: f64,
    pub funding_gap_total_eur: f64,
    pub remaining_gap_total_eur: f64,
    /// The most the municipality may owe under RTHF guarantees.
    pub rthf_contingent_total_eur: f64,
    /// Remaining gap of all entries by build cost (rows) and term (columns).
    pub sensitivity: Vec<Vec<f64>>,
    pub assumptions: Vec<AssumptionNote>,
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
    p.share_statushouders = e.share_statushouders;
    p
}

fn term_text(t: Option<Term>) -> Text {
    match t {
        Some(Term::Years(y)) => Text::new("compare.years").num("v", y, 1),
        Some(Term::OpenEnd) => Text::new("term.open"),
        Some(Term::Unknown) | None => Text::new("grid.unknown"),
    }
}

/// A short name for a site: the entry's own, an address, a parcel
/// ("Voorbeeldstad A 1"), an RVB code, else the id.
fn site_label(e: &Entry, detail: Option<&SiteDetail>) -> String {
    if !e.name.trim().is_empty() {
        return e.name.trim().to_string();
    }
    if let Some(dt) = detail {
        let attr = |k: &str| {
            dt.attributes
                .iter()
                .find(|(key, v)| key == k && !v.trim().is_empty())
                .map(|(_, v)| v.trim().to_string())
        };
        if let Some(a) = attr("address") {
            return match attr("city") {
                Some(c) if !a.contains(&c) => format!("{a}, {c}"),
                _ => a,
            };
        }
        if let (Some(g), Some(s), Some(n)) = (attr("name"), attr("sectie"), attr("perceelnummer")) {
            return format!("{g} {s} {n}");
        }
        if let Some(c) = attr("rvb_code") {
            return format!("RVB {c}");
        }
    }
    if e.site_id.is_empty() {
        return format!("{} (zonder locatie)", e.form.dutch());
    }
    if e.site_id.len() == 16 && e.site_id.bytes().all(|b| b.is_ascii_digit()) {
        return format!("BAG-pand {}", e.site_id);
    }
    e.site_id
        .rsplit_once('.')
        .map_or_else(|| e.site_id.clone(), |(_, tail)| tail.to_string())
}

/// When an entry's homes can really be delivered: the first period from the
/// planned one that ends after the site is available, the grid can connect and
/// the reference date; the knelpunt keys that push it later.
fn feasibility(
    wp: &Werkprogramma,
    e: &Entry,
    facts: &EntryFacts,
    today: NaiveDate,
) -> (Option<usize>, Vec<String>) {
    let planned_end = wp.period_end(e.period);
    let mut ready = today;
    let mut why = Vec::new();
    if today > planned_end {
        why.push("period_past".to_string());
    }
    let mut blocked = false;
    if facts.flag.as_ref().map(|f| f.status) == Some(FlagStatus::NietGeschikt) {
        why.push("flag_unsuitable".into());
        blocked = true;
    }
    if let Some(dt) = &facts.detail {
        let f = &dt.facts;
        if !dt.knockout_reasons.is_empty() {
            why.push("knockout".into());
            blocked = true;
        }
        if let Some(from) = f
            .available_from
            .as_deref()
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        {
            if from > planned_end {
                why.push("available_late".into());
            }
            ready = ready.max(from);
        }
        match f.grid {
            GridStatus::Queue { until_year: None } => {
                why.push("grid_queue".into());
                blocked = true;
            }
            GridStatus::Queue {
                until_year: Some(y),
            }
            | GridStatus::Limited {
                until_year: Some(y),
            }
            | GridStatus::Requested {
                expected_year: Some(y),
            } => {
                let connected = NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or(NaiveDate::MAX);
                if connected > planned_end {
                    why.push(
                        match f.grid {
                            GridStatus::Queue { .. } => "grid_queue",
                            GridStatus::Requested { .. } => "grid_requested",
                            _ => "grid_limited",
                        }
                        .into(),
                    );
                }
                ready = ready.max(connected);
            }
            _ => {}
        }
    }
    if blocked {
        return (None, why);
    }
    let q = (e.period..wp.periods.len()).find(|&q| wp.period_end(q) >= ready);
    (q, why)
}

/// The knelpunten the data shows for one entry.
fn derive_knelpunten(
    wp: &Werkprogramma,
    e: &Entry,
    facts: &EntryFacts,
    bc: &BusinessCase,
    feasible: Option<usize>,
    d: &WerkprogrammaDefaults,
    today: NaiveDate,
) -> Vec<Knelpunt> {
    let mut out = Vec::new();
    let mut push = |category, key: &str, text: Text| {
        out.push(Knelpunt {
            category,
            key: key.into(),
            text,
            derived: true,
        })
    };
    use KnelpuntCategory as K;
    let when = |q: Option<usize>| match q {
        Some(q) => Text::new("kp.when").text("period", wp.period_text(q)),
        None => Text::new("kp.when_not")
            .text("period", wp.period_text(wp.periods.len().saturating_sub(1))),
    };
    if e.site_id.is_empty() && e.form.needs_site() {
        push(
            K::Locaties,
            "no_site",
            Text::new("kp.no_site").text("form", e.form.text().lowercase()),
        );
    }
    if wp.period_end(e.period) < today {
        push(
            K::Procedures,
            "period_past",
            Text::new("kp.period_past")
                .text("period", wp.period_text(e.period))
                .text("when", when(feasible)),
        );
    }
    let status = facts.flag.as_ref().map(|fl| fl.status);
    if status == Some(FlagStatus::NietGeschikt) {
        push(
            K::Locaties,
            "flag_unsuitable",
            Text::new("kp.flag_unsuitable"),
        );
    }
    let Some(detail) = &facts.detail else {
        if !e.site_id.is_empty() {
            push(K::Locaties, "site_missing", Text::new("kp.site_missing"));
        }
        out.extend(finance_knelpunten(bc));
        return out;
    };
    let f = &detail.facts;
    let municipal = f
        .owner
        .as_deref()
        .is_some_and(|o| o.to_lowercase().contains("gemeente"));
    if !municipal
        && !matches!(
            status,
            Some(FlagStatus::Aangeboden | FlagStatus::Gereserveerd)
        )
    {
        let rvb = f.listing.is_some()
            || f.owner
                .as_deref()
                .is_some_and(|o| o.to_lowercase().contains("rijk"));
        push(
            K::Locaties,
            if rvb {
                "rvb_site"
            } else {
                "no_owner_agreement"
            },
            Text::new("kp.no_owner_agreement").text(
                "owner",
                match (f.owner.as_deref(), rvb) {
                    (Some(o), _) => Text::plain(o),
                    (None, true) => Text::plain("RVB"),
                    (None, false) => Text::new("grid.unknown"),
                },
            ),
        );
    }
    let delivery = wp.period_end(e.period);
    if let Some(from) = f
        .available_from
        .as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .filter(|from| *from > delivery)
    {
        push(
            K::Locaties,
            "available_late",
            Text::new("kp.available_late")
                .str("from", from.format("%d-%m-%Y").to_string())
                .text("period", wp.period_text(e.period))
                .text("when", when(feasible)),
        );
    }
    if !detail.knockout_reasons.is_empty() {
        push(
            K::Locaties,
            "knockout",
            Text::new("kp.knockout").join("reasons", detail.knockout_reasons.clone(), "; "),
        );
    }
    let term = f.term;
    if e.form == HousingForm::Flex {
        if let Term::Years(y) = term {
            if y > d.max_temporary_years {
                push(
                    K::Procedures,
                    "permit_term",
                    Text::new("kp.permit_term").num("years", y, 1).num(
                        "max",
                        d.max_temporary_years,
                        0,
                    ),
                );
            }
        }
    }
    if e.form == HousingForm::Transformatie {
        let non_residential = f.functions.iter().any(|fun| *fun != "woonfunctie");
        if non_residential {
            push(
                K::Procedures,
                "change_of_use",
                Text::new("kp.change_of_use").str("functions", f.functions.join(", ")),
            );
        }
    }
    let delivery_year = wp.period_end(e.period).year();
    let late = |until: Option<i32>| until.is_none_or(|y| y > delivery_year);
    match f.grid {
        GridStatus::Queue { until_year } if late(until_year) => push(
            K::Capaciteit,
            "grid_queue",
            Text::new("kp.grid_queue")
                .text("until", until_text(until_year, "kp.until_none"))
                .text("period", wp.period_text(e.period))
                .text("detail", f.grid_reading.detail.clone())
                .text("when", when(feasible)),
        ),
        GridStatus::Limited { until_year } if late(until_year) => push(
            K::Capaciteit,
            "grid_limited",
            Text::new("kp.grid_limited")
                .text("until", until_text(until_year, ""))
                .text("period", wp.period_text(e.period))
                .text("detail", f.grid_reading.detail.clone()),
        ),
        GridStatus::Requested { expected_year } if late(expected_year) => push(
            K::Capaciteit,
            "grid_requested",
            Text::new("kp.grid_requested")
                .text(
                    "expected",
                    expected_year.map_or_else(
                        || Text::new("kp.expected_none"),
                        |y| Text::new("kp.expected").str("year", y.to_string()),
                    ),
                )
                .text("detail", f.grid_reading.detail.clone())
                .text("when", when(feasible)),
        ),
        GridStatus::Unknown => push(K::Capaciteit, "grid_unknown", Text::new("kp.grid_unknown")),
        _ => {}
    }
    match term {
        Term::Years(y) if y < d.min_term_years => push(
            K::Exploitatie,
            "term_short",
            Text::new(if bc.params.relocations > 0 {
                "kp.term_short_moved"
            } else {
                "kp.term_short"
            })
            .num("years", y, 1)
            .num("min", d.min_term_years, 0),
        ),
        Term::Unknown => push(K::Exploitatie, "term_unknown", Text::new("kp.term_unknown")),
        _ => {}
    }
    out.extend(finance_knelpunten(bc));
    out
}

fn finance_knelpunten(bc: &BusinessCase) -> Vec<Knelpunt> {
    let mut out = Vec::new();
    let mut push = |key: &str, text: Text| {
        out.push(Knelpunt {
            category: KnelpuntCategory::Financiering,
            key: key.into(),
            text,
            derived: true,
        })
    };
    if bc.remaining_gap_eur > 0.0 {
        push(
            "funding_gap",
            Text::new(
                if bc
                    .schemes
                    .iter()
                    .any(|s| s.fits && s.counted && s.amount_eur > 0.0)
                {
                    "kp.funding_gap_after"
                } else {
                    "kp.funding_gap"
                },
            )
            .text("gap", Text::new("eur").num("v", bc.remaining_gap_eur, 0))
            .text(
                "per",
                Text::new("eur").num("v", bc.remaining_gap_per_home_eur, 0),
            )
            .text("unit", bc.form.unit_text(1.0)),
        );
    }
    if let Some(sft) = bc.schemes.iter().find(|s| s.key == "sft") {
        if !sft.fits && bc.funding_gap_eur > 0.0 {
            push(
                "sft_not_fit",
                Text::new("kp.sft_not_fit").join("reasons", sft.reasons.clone(), "; "),
            );
        }
        if sft.fits {
            for r in sft
                .remarks
                .iter()
                .filter(|r| r.key() == crate::business::SFT_LATE)
            {
                push("sft_late", r.clone());
            }
        }
    }
    out
}

/// Computes the werkprogramma. `facts[i]` belongs to `wp.entries[i]`.
pub fn assess(wp: &Werkprogramma, facts: &[EntryFacts], today: NaiveDate) -> WerkprogrammaReport {
    let d = WerkprogrammaDefaults::default();
    let n_periods = wp.periods.len().max(1);
    let backlog_each = wp.backlog_persons / d.backlog_periods.max(1.0);

    let mut sites = Vec::with_capacity(wp.entries.len());
    for (k, e) in wp.entries.iter().enumerate() {
        let empty = EntryFacts::default();
        let f = facts.get(k).unwrap_or(&empty);
        let dt = f.detail.as_ref();
        let term = dt.map(|dt| dt.facts.term);
        let (feasible, delayed_by) = feasibility(wp, e, f, today);
        let units = e.homes.round().max(0.0);
        let ppu = wp.persons_per_unit(e);
        let units_sh = (units * e.share_statushouders).round();
        let params = entry_params(wp, e);
        let ctx = CaseContext {
            today,
            site_years: match term {
                Some(Term::Years(y)) => Some(y),
                _ => None,
            },
            delivery: Some(wp.period_end(feasible.unwrap_or(e.period))),
            persons_per_unit: ppu,
        };
        let bc = business_case(units, e.form, &params, &ctx);
        let sensitivity = gap_sensitivity(units, e.form, &params, &ctx);
        let mut knelpunten: Vec<Knelpunt> = derive_knelpunten(wp, e, f, &bc, feasible, &d, today)
            .into_iter()
            .filter(|kp| !e.dismissed.contains(&kp.key))
            .collect();
        knelpunten.extend(e.added.iter().cloned().map(|mut kp| {
            kp.derived = false;
            kp
        }));
        sites.push(SiteRow {
            label: site_label(e, dt),
            found: dt.is_some(),
            score: dt.map(|dt| dt.score),
            band: dt.map(|dt| dt.band.clone()),
            period_label: wp.period_text(e.period),
            units,
            unit_word: e.form.unit_word(units),
            persons_per_unit: ppu,
            units_statushouders: units_sh,
            persons_statushouders: (units_sh * ppu).round(),
            feasible_period: feasible,
            feasible_label: feasible
                .map_or_else(|| Text::new("wp.not_within"), |q| wp.period_text(q)),
            delayed_by,
            area_m2: dt.map(|dt| dt.facts.area_m2),
            term,
            term_text: if e.site_id.is_empty() {
                Text::plain("")
            } else {
                term_text(term)
            },
            grid_status: dt.map(|dt| dt.facts.grid),
            grid_text: dt.map_or_else(
                || Text::plain(""),
                |dt| {
                    Text::new("wp.grid")
                        .text("status", dt.facts.grid.text())
                        .text("detail", dt.facts.grid_reading.detail.clone())
                },
            ),
            owner: dt.and_then(|dt| dt.facts.owner.clone()),
            flag: f.flag.as_ref().map(|fl| Text::new(fl.status.text_key())),
            business: bc,
            sensitivity,
            knelpunten,
            entry: e.clone(),
        });
    }

    let mut periods: Vec<PeriodResult> = (0..n_periods)
        .map(|p| {
            let input = wp.periods.get(p).cloned().unwrap_or_default();
            let backlog = if (p as f64) < d.backlog_periods {
                backlog_each
            } else {
                0.0
            };
            let base = input.taakstelling_persons
                + if wp.ambition_includes_backlog {
                    backlog
                } else {
                    0.0
                };
            PeriodResult {
                label: wp.period_text(p),
                taakstelling_persons: input.taakstelling_persons,
                backlog_persons: backlog,
                persons_to_house: input.taakstelling_persons + backlog,
                ambition_persons: wp.ambition_share * base,
                regular_stock_persons: input.regular_stock_persons,
                ..PeriodResult::default()
            }
        })
        .collect();
    let mut groups_total: BTreeMap<String, f64> = BTreeMap::new();
    for row in &sites {
        if let Some(per) = periods.get_mut(row.entry.period) {
            per.planned_units += row.units;
            per.planned_units_statushouders += row.units_statushouders;
            per.planned_persons += row.persons_statushouders;
            for g in &row.entry.mix {
                let n = (row.units * g.share).round();
                *per.groups.entry(g.group.clone()).or_default() += n;
            }
        }
        if let Some(per) = row.feasible_period.and_then(|q| periods.get_mut(q)) {
            per.feasible_units += row.units;
            per.feasible_units_statushouders += row.units_statushouders;
            per.feasible_persons += row.persons_statushouders;
        }
        *groups_total.entry("statushouders".into()).or_default() += row.units_statushouders;
        for g in &row.entry.mix {
            *groups_total.entry(g.group.clone()).or_default() += (row.units * g.share).round();
        }
    }
    let mut total = PeriodResult {
        label: Text::new("wp.total"),
        ..PeriodResult::default()
    };
    for per in &mut periods {
        per.unhoused_persons =
            (per.persons_to_house - per.feasible_persons - per.regular_stock_persons).max(0.0);
        total.taakstelling_persons += per.taakstelling_persons;
        total.backlog_persons += per.backlog_persons;
        total.persons_to_house += per.persons_to_house;
        total.ambition_persons += per.ambition_persons;
        total.regular_stock_persons += per.regular_stock_persons;
        total.planned_units += per.planned_units;
        total.planned_units_statushouders += per.planned_units_statushouders;
        total.planned_persons += per.planned_persons;
        total.feasible_units += per.feasible_units;
        total.feasible_units_statushouders += per.feasible_units_statushouders;
        total.feasible_persons += per.feasible_persons;
        for (g, h) in &per.groups {
            *total.groups.entry(g.clone()).or_default() += h;
        }
    }
    // Over all periods together: a surplus early makes up for a shortfall later.
    total.unhoused_persons =
        (total.persons_to_house - total.feasible_persons - total.regular_stock_persons).max(0.0);

    let base = total.taakstelling_persons
        + if wp.ambition_includes_backlog {
            total.backlog_persons
        } else {
            0.0
        };
    let ambition_persons = (wp.ambition_share * base - 1e-9).ceil().max(0.0);
    let reached = base > 0.0 && total.feasible_persons >= ambition_persons;
    let gap = (ambition_persons - total.feasible_persons).max(0.0);
    let feasible_share = (base > 0.0).then(|| total.feasible_persons / base);
    let verdict = if base <= 0.0 {
        Text::new("wp.ambition_empty")
    } else {
        Text::new(if reached {
            "wp.ambition_reached"
        } else if gap == 1.0 {
            "wp.ambition_missed_one"
        } else {
            "wp.ambition_missed"
        })
        .num("share", wp.ambition_share * 100.0, 0)
        .num("feasible", total.feasible_persons, 0)
        .num("ambition", ambition_persons, 0)
        .num("feasible_share", feasible_share.unwrap_or(0.0) * 100.0, 0)
        .num("gap", gap, 0)
    };
    let ambition = AmbitionCheck {
        share: wp.ambition_share,
        includes_backlog: wp.ambition_includes_backlog,
        base_persons: base,
        ambition_persons,
        planned_persons: total.planned_persons,
        feasible_persons: total.feasible_persons,
        gap_persons: gap,
        feasible_share,
        reached,
        verdict,
    };
    let to_house = total.taakstelling_persons + total.backlog_persons;
    let housed = total.regular_stock_persons + total.feasible_persons + wp.cooperation_persons;
    let unhoused = (to_house - housed).max(0.0);
    let taakstelling = TaakstellingCheck {
        taakstelling_persons: total.taakstelling_persons,
        backlog_persons: total.backlog_persons,
        regular_stock_persons: total.regular_stock_persons,
        additional_persons: total.feasible_persons,
        cooperation_persons: wp.cooperation_persons,
        unhoused_persons: unhoused,
        cleared: to_house > 0.0 && unhoused <= 0.0,
        verdict: if to_house <= 0.0 {
            Text::new("wp.taak_empty")
        } else {
            let backlog = total.backlog_persons > 0.0;
            Text::new(match (unhoused <= 0.0, backlog) {
                (true, false) => "wp.taak_cleared",
                (true, true) => "wp.taak_backlog_cleared",
                (false, false) => "wp.taak_missed",
                (false, true) => "wp.taak_backlog_missed",
            })
            .num("to_house", to_house, 0)
            .num("periods", n_periods as f64, 0)
            .num("unhoused", unhoused, 0)
        },
    };

    let sft_total: f64 = sites
        .iter()
        .flat_map(|s| s.business.schemes.iter())
        .filter(|s| s.key == "sft")
        .map(|s| s.amount_eur)
        .sum();

    // Overall knelpunten: each derived kind once with its sites, then the user's own.
    let mut knelpunten: Vec<CategorySummary> = KnelpuntCategory::ALL
        .iter()
        .map(|&c| CategorySummary {
            category: c,
            label: c.dutch(),
            items: Vec::new(),
        })
        .collect();
    let ask_for = |key: &str, text: &str| {
        wp.support_asks
            .iter()
            .find(|a| a.key == key || (key == "eigen" && a.key == text))
    };
    let mut add = |c: KnelpuntCategory,
                   key: &str,
                   text: Text,
                   site: Option<(&str, f64, f64)>,
                   derived: bool| {
        let Some(cat) = knelpunten.iter_mut().find(|s| s.category == c) else {
            return;
        };
        let dutch = text.nl();
        let position = cat
            .items
            .iter()
            .position(|i| i.key == key && (derived || i.text.nl() == dutch));
        let idx = match position {
            Some(i) => i,
            None => {
                let ask = ask_for(key, &dutch);
                cat.items.push(KnelpuntItem {
                    key: key.into(),
                    addressee: ask
                        .map(|a| a.addressee)
                        .or_else(|| Addressee::default_for(key)),
                    ask: ask.map(|a| a.ask.clone()).unwrap_or_default(),
                    text,
                    sites: Vec::new(),
                    derived,
                    blocked_persons: 0.0,
                    blocked_units: 0.0,
                });
                cat.items.len() - 1
            }
        };
        let item = &mut cat.items[idx];
        if let Some((s, units, persons)) = site {
            // An overall knelpunt that blocks persons has no site to name.
            if !s.is_empty() {
                item.sites.push(s.to_string());
            }
            item.blocked_units += units;
            item.blocked_persons += persons;
        }
    };
    for row in &sites {
        // What a knelpunt blocks: the entry's homes for statushouders when they
        // do not arrive within the periods.
        let lost = row.feasible_period.is_none();
        for kp in &row.knelpunten {
            let text = if kp.derived {
                overall(&kp.key).unwrap_or_else(|| kp.text.clone())
            } else {
                kp.text.clone()
            };
            let blocks = lost && (row.delayed_by.contains(&kp.key) || !kp.derived);
            let (u, p) = if blocks {
                (row.units_statushouders, row.persons_statushouders)
            } else {
                (0.0, 0.0)
            };
            add(
                kp.category,
                &kp.key,
                text,
                Some((&row.label, u, p)),
                kp.derived,
            );
        }
    }
    let shortfall_planned = (ambition_persons - total.planned_persons).max(0.0);
    if base > 0.0 && shortfall_planned > 0.0 && !wp.dismissed.iter().any(|k| k == "ambition") {
        add(
            KnelpuntCategory::Locaties,
            "ambition",
            Text::new("kp.ambition")
                .num("planned", total.planned_persons, 0)
                .num("ambition", ambition_persons, 0)
                .num("short", shortfall_planned, 0),
            Some(("", 0.0, shortfall_planned)),
            true,
        );
    }
    if !wp.entries.is_empty()
        && wp.capacity.trim().is_empty()
        && !wp.dismissed.iter().any(|k| k == "capacity")
    {
        add(
            KnelpuntCategory::Capaciteit,
            "capacity",
            Text::new(if total.planned_units == 1.0 {
                "kp.capacity_one"
            } else {
                "kp.capacity"
            })
            .num("units", total.planned_units, 0),
            None,
            true,
        );
    }
    for kp in &wp.added {
        add(kp.category, "eigen", kp.text.clone(), None, false);
    }

    // Most blocking first; only what keeps homes out of the periods.
    let mut obstacles: Vec<KnelpuntItem> = knelpunten
        .iter()
        .flat_map(|c| c.items.iter())
        .filter(|i| i.blocked_persons > 0.0)
        .cloned()
        .collect();
    obstacles.sort_by(|a, b| {
        b.blocked_persons
            .total_cmp(&a.blocked_persons)
            .then(b.blocked_units.total_cmp(&a.blocked_units))
    });

    let mut assumptions: Vec<AssumptionNote> = Vec::new();
    for row in &sites {
        for a in &row.business.assumptions {
            match assumptions.iter_mut().find(|n| n.text == a.text) {
                Some(n) => n.sites.push(row.label.clone()),
                None => assumptions.push(AssumptionNote {
                    text: a.text.clone(),
                    source: a.source.clone(),
                    kind: a.kind,
                    status: a.status.clone(),
                    sites: vec![row.label.clone()],
                }),
            }
        }
    }
    let mut sensitivity = vec![vec![0.0; TERM_DELTAS_YEARS.len()]; COST_FACTORS.len()];
    for row in &sites {
        for (r, line) in row.sensitivity.iter().enumerate() {
            for (c, v) in line.iter().enumerate() {
                sensitivity[r][c] += v;
            }
        }
    }

    let ambition_text = ambition_text(wp, &periods, &ambition, &obstacles);
    WerkprogrammaReport {
        input: wp.clone(),
        reference_date: today.format("%d-%m-%Y").to_string(),
        reaches_ambition: ambition.reached,
        funding_gap_total_eur: sites.iter().map(|s| s.business.funding_gap_eur).sum(),
        remaining_gap_total_eur: sites.iter().map(|s| s.business.remaining_gap_eur).sum(),
        rthf_contingent_total_eur: sites
            .iter()
            .flat_map(|s| s.business.schemes.iter())
            .map(|s| s.contingent_eur)
            .sum(),
        sft_total_eur: sft_total,
        periods,
        total,
        ambition,
        taakstelling,
        sites,
        knelpunten,
        obstacles,
        ambition_text,
        groups_total,
        sensitivity,
        assumptions,
    }
}

/// The site-independent wording of a derived knelpunt over all the sites it
/// applies to (catalogue `kp.overall.<key>`).
pub(crate) fn overall(key: &str) -> Option<Text> {
    locatiescout_model::text::known_key(&format!("kp.overall.{key}")).map(Text::new)
}

/// [`overall`] in Dutch: how the exchange files name it.
pub(crate) fn overall_text(key: &str) -> Option<&'static str> {
    locatiescout_model::text::template(
        locatiescout_model::text::known_key(&format!("kp.overall.{key}"))?,
        locatiescout_model::text::Lang::Nl,
    )
}

/// " tot 2029", or `none` (a catalogue key, or "" for nothing) without a year.
fn until_text(year: Option<i32>, none: &'static str) -> Text {
    match year {
        Some(y) => Text::new("kp.until").str("year", y.to_string()),
        None if none.is_empty() => Text::plain(""),
        None => Text::new(none),
    }
}

fn ambition_text(
    wp: &Werkprogramma,
    periods: &[PeriodResult],
    a: &AmbitionCheck,
    obstacles: &[KnelpuntItem],
) -> Text {
    if a.base_persons <= 0.0 {
        return a.verdict.clone();
    }
    let per_period: Vec<Text> = periods
        .iter()
        .map(|p| {
            Text::new("wp.period_feasible")
                .text("period", p.label.clone())
                .num("n", p.feasible_persons, 0)
        })
        .collect();
    let mut parts = vec![
        a.verdict.clone(),
        Text::new(if a.includes_backlog {
            "wp.ambition_over_backlog"
        } else {
            "wp.ambition_over"
        })
        .num("periods", periods.len() as f64, 0)
        .num("share", wp.ambition_share * 100.0, 0)
        .num("base", a.base_persons, 0)
        .join("per_period", per_period, ", "),
    ];
    if a.planned_persons > a.feasible_persons {
        parts.push(
            Text::new("wp.planned_late")
                .num("planned", a.planned_persons, 0)
                .num("late", a.planned_persons - a.feasible_persons, 0),
        );
    }
    if !a.reached && !obstacles.is_empty() {
        let items = obstacles
            .iter()
            .map(|o| {
                Text::new("wp.obstacle")
                    .text("text", o.text.clone())
                    .num("n", o.blocked_persons, 0)
            })
            .collect();
        parts.push(Text::new("wp.obstacles").join("items", items, "; "));
    }
    Text::new("n").join("v", parts, " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_parse_and_cite_domain() {
        let d = WerkprogrammaDefaults::default();
        assert_eq!(d.ambition_share, 0.2);
        assert_eq!(d.periods, 3);
        assert_eq!(d.persons_per_unit(HousingForm::Woningdelen), 1.0);
        for line in DEFAULTS.lines() {
            let l = line.trim();
            if l.is_empty() || l.starts_with('#') || l.starts_with('[') {
                continue;
            }
            assert!(l.contains("DOMAIN.md"), "{l}");
        }
    }

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
}
