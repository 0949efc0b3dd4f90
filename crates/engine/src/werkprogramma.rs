//! The lokaal werkprogramma: which sites, how many homes, for whom and when,
//! against the taakstelling of three half-year periods and the ambition to
//! house 20 % of the statushouders in additional forms — and what stands in the
//! way (knelpunten), derived from the data and editable. What the user enters is
//! [`Werkprogramma`] (stored in the project); everything computed is
//! [`WerkprogrammaReport`], which the app shows and every export writes.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use crate::business::{business_case, BusinessCase, BusinessParams, HousingForm};
use crate::grid::GridStatus;
use crate::score::{SiteDetail, Term};
use locatiescout_model::flag::{Flag, FlagStatus};
use locatiescout_model::nl::{eur, nl_number, pct};

const DEFAULTS: &str = include_str!("../../../data/werkprogramma.toml");

/// The numbers a new werkprogramma starts from (`data/werkprogramma.toml`).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WerkprogrammaDefaults {
    pub ambition_share: f64,
    pub household_size: f64,
    pub periods: usize,
    pub backlog_periods: f64,
    pub min_term_years: f64,
    pub max_temporary_years: f64,
    pub groups: Vec<String>,
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

/// One obstacle. Derived ones carry a stable `key` so the user can dismiss them.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Knelpunt {
    pub category: KnelpuntCategory,
    /// `grid_queue`, `term_short`, … for derived ones; `eigen` for the user's own.
    pub key: String,
    pub text: String,
    pub derived: bool,
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

/// A site in the werkprogramma.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Entry {
    /// The site's source id (BRK/BAG identificatie, RVB bouwwerkcode).
    pub site_id: String,
    /// The profile that scored it (`flex`, `transformatie`).
    pub profile: String,
    pub form: HousingForm,
    pub homes: f64,
    /// 0, 1 or 2: which of the three periods the homes are delivered in.
    pub period: usize,
    pub share_statushouders: f64,
    pub mix: Vec<GroupShare>,
    /// This site's own business case numbers; `None` = the project's, with the site's term.
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
            profile: "flex".into(),
            form: HousingForm::Flex,
            homes: 0.0,
            period: 0,
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
    /// First period: year and half (1 = January–June, 2 = July–December).
    pub first_year: i32,
    pub first_half: u8,
    pub periods: Vec<PeriodInput>,
    /// Statushouders the municipality is behind on, cleared over the periods.
    pub backlog_persons: f64,
    pub household_size: f64,
    pub ambition_share: f64,
    pub entries: Vec<Entry>,
    /// The project's business case numbers (`None` = the bundled defaults).
    pub business: Option<BusinessParams>,
    /// Overall knelpunten the user adds, and derived ones struck out (by key).
    pub added: Vec<Knelpunt>,
    pub dismissed: Vec<String>,
    /// Steun gevraagd van Rijk en provincie.
    pub support: String,
    /// Samenwerking met andere gemeenten.
    pub cooperation: String,
    pub planning: String,
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
            first_year: today.year(),
            first_half: if today.month() >= 7 { 2 } else { 1 },
            periods: vec![PeriodInput::default(); d.periods],
            backlog_persons: 0.0,
            household_size: d.household_size,
            ambition_share: d.ambition_share,
            entries: Vec::new(),
            business: None,
            added: Vec::new(),
            dismissed: Vec::new(),
            support: String::new(),
            cooperation: String::new(),
            planning: String::new(),
        }
    }

    /// "2e helft 2026" for period `p`.
    pub fn period_label(&self, p: usize) -> String {
        let (year, half) = self.period_of(p);
        format!("{half}e helft {year}")
    }

    fn period_of(&self, p: usize) -> (i32, u8) {
        let idx = i64::from(self.first_half.clamp(1, 2)) - 1 + p as i64;
        (self.first_year + (idx / 2) as i32, (idx % 2) as u8 + 1)
    }

    /// Last day of period `p`: homes planned then are delivered by this date.
    pub fn period_end(&self, p: usize) -> NaiveDate {
        let (year, half) = self.period_of(p);
        let (m, d) = if half == 1 { (6, 30) } else { (12, 31) };
        NaiveDate::from_ymd_opt(year, m, d).unwrap_or(NaiveDate::MIN)
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
        if !(self.household_size.is_finite() && self.household_size > 0.0) {
            return Err("de gemiddelde huishoudgrootte moet groter dan 0 zijn".into());
        }
        if self.periods.is_empty() {
            return Err("het werkprogramma heeft minstens één periode nodig".into());
        }
        if !(1..=2).contains(&self.first_half) {
            return Err("de eerste periode is de 1e of 2e helft van een jaar".into());
        }
        for (p, per) in self.periods.iter().enumerate() {
            if per.taakstelling_persons < 0.0 || per.regular_stock_persons < 0.0 {
                return Err(format!(
                    "{}: aantallen kunnen niet negatief zijn",
                    self.period_label(p)
                ));
            }
        }
        if self.backlog_persons < 0.0 {
            return Err("de achterstand kan niet negatief zijn".into());
        }
        for e in &self.entries {
            let name = format!("locatie {}", e.site_id);
            if e.period >= self.periods.len() {
                return Err(format!(
                    "{name}: oplevering in periode {} bestaat niet",
                    e.period + 1
                ));
            }
            if !(e.homes.is_finite() && e.homes >= 0.0) {
                return Err(format!(
                    "{name}: het aantal woningen kan niet negatief zijn"
                ));
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

    /// Adds a site, or returns the index of the entry it already has.
    pub fn add_site(&mut self, entry: Entry) -> usize {
        if let Some(i) = self
            .entries
            .iter()
            .position(|e| e.site_id == entry.site_id && e.profile == entry.profile)
        {
            return i;
        }
        self.entries.push(entry);
        self.entries.len() - 1
    }
}

/// What the data says about an entry's site: its scored detail (absent when the
/// site is not in the loaded layers) and its current flag.
#[derive(Debug, Clone, Default)]
pub struct EntryFacts {
    pub detail: Option<SiteDetail>,
    pub flag: Option<Flag>,
}

/// One period's numbers.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct PeriodResult {
    pub label: String,
    pub taakstelling_persons: f64,
    /// This period's part of the backlog.
    pub backlog_persons: f64,
    /// Taakstelling plus the part of the backlog.
    pub persons_to_house: f64,
    pub ambition_persons: f64,
    pub ambition_homes: f64,
    /// All homes delivered in this period, and the part for statushouders.
    pub homes: f64,
    pub homes_statushouders: f64,
    pub persons_statushouders: f64,
    /// Homes short of the ambition (0 when reached).
    pub gap_homes: f64,
    /// Persons housed in additional forms as a share of persons to house.
    pub share_achieved: Option<f64>,
    pub reaches_ambition: bool,
    pub regular_stock_persons: f64,
    /// Neither in additional forms nor in the regular stock.
    pub unhoused_persons: f64,
    /// Homes per other target group.
    pub groups: BTreeMap<String, f64>,
}

/// An entry with everything computed for it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SiteRow {
    pub entry: Entry,
    pub label: String,
    pub found: bool,
    pub score: Option<f64>,
    pub band: Option<String>,
    pub period_label: String,
    pub homes_statushouders: f64,
    pub area_m2: Option<f64>,
    pub term: Option<Term>,
    pub term_text: String,
    pub grid_status: Option<GridStatus>,
    pub grid_text: String,
    pub owner: Option<String>,
    pub flag: Option<String>,
    pub business: BusinessCase,
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
    pub text: String,
    /// Site labels; empty for an overall knelpunt.
    pub sites: Vec<String>,
    pub derived: bool,
}

/// The werkprogramma computed: what the report, the spreadsheet and the app show.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct WerkprogrammaReport {
    pub input: Werkprogramma,
    pub reference_date: String,
    pub periods: Vec<PeriodResult>,
    pub total: PeriodResult,
    pub sites: Vec<SiteRow>,
    pub knelpunten: Vec<CategorySummary>,
    /// Where the ambition is not reached: what is feasible and what stands in the way.
    pub ambition_text: String,
    pub reaches_ambition: bool,
    pub sft_total_eur: f64,
    pub funding_gap_total_eur: f64,
    pub remaining_gap_total_eur: f64,
}

/// The business case numbers for an entry: its own, or the project's with the
/// site's known term and the entry's share for statushouders.
pub fn entry_params(wp: &Werkprogramma, e: &Entry, term: Option<Term>) -> BusinessParams {
    if let Some(p) = &e.business {
        return p.clone();
    }
    let mut p = wp.business.clone().unwrap_or_default();
    if let Some(Term::Years(y)) = term {
        p.term_years = y;
    }
    p.share_statushouders = e.share_statushouders;
    p
}

fn term_text(t: Option<Term>) -> String {
    match t {
        Some(Term::Years(y)) => format!("{} jaar", nl_number(y, 1)),
        Some(Term::OpenEnd) => "onbepaald (geen einddatum)".into(),
        Some(Term::Unknown) | None => "onbekend".into(),
    }
}

/// The knelpunten the data shows for one site.
fn derive_knelpunten(
    wp: &Werkprogramma,
    e: &Entry,
    facts: &EntryFacts,
    bc: &BusinessCase,
    d: &WerkprogrammaDefaults,
) -> Vec<Knelpunt> {
    let mut out = Vec::new();
    let mut push = |category, key: &str, text: String| {
        out.push(Knelpunt {
            category,
            key: key.into(),
            text,
            derived: true,
        })
    };
    use KnelpuntCategory as K;
    let Some(detail) = &facts.detail else {
        push(
            K::Locaties,
            "site_missing",
            "locatie niet gevonden in de geladen kaartlagen: gegevens controleren".into(),
        );
        return out;
    };
    let f = &detail.facts;
    let status = facts.flag.as_ref().map(|fl| fl.status);
    if status == Some(FlagStatus::NietGeschikt) {
        push(
            K::Locaties,
            "flag_unsuitable",
            "gemarkeerd als niet geschikt".into(),
        );
    }
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
        push(
            K::Locaties,
            "no_owner_agreement",
            format!(
                "geen afspraak met de eigenaar ({}) vastgelegd: vlag 'Aangeboden aan gemeente' of 'Gereserveerd' ontbreekt",
                f.owner.as_deref().unwrap_or("onbekend")
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
            format!(
                "pas beschikbaar vanaf {}, na de geplande oplevering ({})",
                from.format("%d-%m-%Y"),
                wp.period_label(e.period)
            ),
        );
    }
    if !detail.knockout_reasons.is_empty() {
        push(
            K::Locaties,
            "knockout",
            format!(
                "valt af in de score: {}",
                detail.knockout_reasons.join("; ")
            ),
        );
    }
    let term = f.term;
    if e.form == HousingForm::Flex {
        if let Term::Years(y) = term {
            if y > d.max_temporary_years {
                push(
                    K::Procedures,
                    "permit_term",
                    format!(
                        "{} jaar beschikbaar, langer dan de {} jaar van een tijdelijke vergunning: een blijvende planwijziging is nodig",
                        nl_number(y, 1),
                        nl_number(d.max_temporary_years, 0)
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
                format!(
                    "functiewijziging van {} naar wonen vraagt een omgevingsvergunning",
                    f.functions.join(", ")
                ),
            );
        }
    }
    let delivery_year = wp.period_end(e.period).year();
    let late = |until: Option<i32>| until.is_none_or(|y| y > delivery_year);
    match f.grid {
        GridStatus::Queue { until_year } if late(until_year) => push(
            K::Capaciteit,
            "grid_queue",
            format!(
                "netaansluiting: wachtrij{} — na de geplande oplevering ({}); {}",
                until_year.map(|y| format!(" tot {y}")).unwrap_or_default(),
                wp.period_label(e.period),
                f.grid_reading.detail
            ),
        ),
        GridStatus::Limited { until_year } if late(until_year) => push(
            K::Capaciteit,
            "grid_limited",
            format!(
                "netaansluiting beperkt{} bij de geplande oplevering ({}); {}",
                until_year.map(|y| format!(" tot {y}")).unwrap_or_default(),
                wp.period_label(e.period),
                f.grid_reading.detail
            ),
        ),
        GridStatus::Unknown => push(
            K::Capaciteit,
            "grid_unknown",
            "netaansluiting onbekend: navragen bij de netbeheerder".into(),
        ),
        _ => {}
    }
    match term {
        Term::Years(y) if y < d.min_term_years => push(
            K::Exploitatie,
            "term_short",
            format!(
                "beschikbaar {} jaar, korter dan {} jaar: te kort voor SFT en een sluitende exploitatie",
                nl_number(y, 1),
                nl_number(d.min_term_years, 0)
            ),
        ),
        Term::Unknown => push(
            K::Exploitatie,
            "term_unknown",
            "beschikbaarheidstermijn onbekend: afspraken met de eigenaar nodig".into(),
        ),
        _ => {}
    }
    if bc.remaining_gap_eur > 0.0 {
        push(
            K::Financiering,
            "funding_gap",
            format!(
                "financieringstekort {} ({} per woning){}",
                eur(bc.remaining_gap_eur),
                eur(bc.remaining_gap_per_home_eur),
                if bc.schemes.iter().any(|s| s.fits && s.amount_eur > 0.0) {
                    " na subsidie"
                } else {
                    ""
                }
            ),
        );
    }
    if let Some(sft) = bc.schemes.iter().find(|s| s.key == "sft") {
        if !sft.fits && bc.funding_gap_eur > 0.0 {
            push(
                K::Financiering,
                "sft_not_fit",
                format!("SFT past niet: {}", sft.reasons.join("; ")),
            );
        }
    }
    out
}

/// Computes the werkprogramma. `facts[i]` belongs to `wp.entries[i]`.
pub fn assess(wp: &Werkprogramma, facts: &[EntryFacts], today: NaiveDate) -> WerkprogrammaReport {
    let d = WerkprogrammaDefaults::default();
    let n_periods = wp.periods.len().max(1);
    let backlog_each = wp.backlog_persons / d.backlog_periods.max(1.0);
    let hh = if wp.household_size > 0.0 {
        wp.household_size
    } else {
        1.0
    };

    let mut sites = Vec::with_capacity(wp.entries.len());
    for (k, e) in wp.entries.iter().enumerate() {
        let empty = EntryFacts::default();
        let f = facts.get(k).unwrap_or(&empty);
        let term = f.detail.as_ref().map(|dt| dt.facts.term);
        let params = entry_params(wp, e, term);
        let bc = business_case(e.homes, e.form, &params, today);
        let mut knelpunten: Vec<Knelpunt> = derive_knelpunten(wp, e, f, &bc, &d)
            .into_iter()
            .filter(|kp| !e.dismissed.contains(&kp.key))
            .collect();
        knelpunten.extend(e.added.iter().cloned().map(|mut kp| {
            kp.derived = false;
            kp
        }));
        let dt = f.detail.as_ref();
        sites.push(SiteRow {
            label: dt.map_or_else(|| e.site_id.clone(), |dt| dt.id.clone()),
            found: dt.is_some(),
            score: dt.map(|dt| dt.score),
            band: dt.map(|dt| dt.band.clone()),
            period_label: wp.period_label(e.period),
            homes_statushouders: e.homes * e.share_statushouders,
            area_m2: dt.map(|dt| dt.facts.area_m2),
            term,
            term_text: term_text(term),
            grid_status: dt.map(|dt| dt.facts.grid),
            grid_text: dt.map_or_else(
                || "onbekend".into(),
                |dt| {
                    format!(
                        "{} ({})",
                        dt.facts.grid.dutch(),
                        dt.facts.grid_reading.detail
                    )
                },
            ),
            owner: dt.and_then(|dt| dt.facts.owner.clone()),
            flag: f.flag.as_ref().map(|fl| fl.status.label().to_string()),
            business: bc,
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
            PeriodResult {
                label: wp.period_label(p),
                taakstelling_persons: input.taakstelling_persons,
                backlog_persons: backlog,
                persons_to_house: input.taakstelling_persons + backlog,
                regular_stock_persons: input.regular_stock_persons,
                ..PeriodResult::default()
            }
        })
        .collect();
    for row in &sites {
        let Some(per) = periods.get_mut(row.entry.period) else {
            continue;
        };
        per.homes += row.entry.homes;
        per.homes_statushouders += row.homes_statushouders;
        for g in &row.entry.mix {
            *per.groups.entry(g.group.clone()).or_default() += row.entry.homes * g.share;
        }
    }
    let finish = |per: &mut PeriodResult| {
        per.ambition_persons = wp.ambition_share * per.persons_to_house;
        per.ambition_homes = per.ambition_persons / hh;
        per.persons_statushouders = per.homes_statushouders * hh;
        per.gap_homes = (per.ambition_homes - per.homes_statushouders).max(0.0);
        per.share_achieved =
            (per.persons_to_house > 0.0).then(|| per.persons_statushouders / per.persons_to_house);
        per.reaches_ambition = per.homes_statushouders + 1e-9 >= per.ambition_homes;
        per.unhoused_persons =
            (per.persons_to_house - per.persons_statushouders - per.regular_stock_persons).max(0.0);
    };
    let mut total = PeriodResult {
        label: "Totaal".into(),
        ..PeriodResult::default()
    };
    for per in &mut periods {
        finish(per);
        total.taakstelling_persons += per.taakstelling_persons;
        total.backlog_persons += per.backlog_persons;
        total.persons_to_house += per.persons_to_house;
        total.regular_stock_persons += per.regular_stock_persons;
        total.homes += per.homes;
        total.homes_statushouders += per.homes_statushouders;
        for (g, h) in &per.groups {
            *total.groups.entry(g.clone()).or_default() += h;
        }
    }
    finish(&mut total);
    // A surplus in one period does not make up for a shortfall in another.
    total.gap_homes = periods.iter().map(|p| p.gap_homes).sum();
    total.reaches_ambition = periods.iter().all(|p| p.reaches_ambition);

    let sft_total: f64 = sites
        .iter()
        .flat_map(|s| s.business.schemes.iter())
        .filter(|s| s.key == "sft")
        .map(|s| s.amount_eur)
        .sum();
    let sft_cap = wp
        .business
        .clone()
        .unwrap_or_default()
        .sft
        .max_per_municipality_eur;

    // Overall knelpunten: each derived text once with its sites, then the user's own.
    let mut knelpunten: Vec<CategorySummary> = KnelpuntCategory::ALL
        .iter()
        .map(|&c| CategorySummary {
            category: c,
            label: c.dutch(),
            items: Vec::new(),
        })
        .collect();
    let mut add = |c: KnelpuntCategory, key: &str, text: String, site: Option<&str>, derived| {
        let Some(cat) = knelpunten.iter_mut().find(|s| s.category == c) else {
            return;
        };
        // The same kind of obstacle on several sites is one line naming them all.
        let item = match cat
            .items
            .iter_mut()
            .find(|i| i.key == key && (derived || i.text == text))
        {
            Some(i) => i,
            None => {
                cat.items.push(KnelpuntItem {
                    key: key.into(),
                    text,
                    sites: Vec::new(),
                    derived,
                });
                let last = cat.items.len() - 1;
                &mut cat.items[last]
            }
        };
        if let Some(s) = site {
            item.sites.push(s.to_string());
        }
    };
    for row in &sites {
        for kp in &row.knelpunten {
            let text = if kp.derived {
                overall_text(&kp.key).unwrap_or(&kp.text).to_string()
            } else {
                kp.text.clone()
            };
            add(kp.category, &kp.key, text, Some(&row.label), kp.derived);
        }
    }
    if sft_total > sft_cap && !wp.dismissed.iter().any(|k| k == "sft_cap") {
        add(
            KnelpuntCategory::Financiering,
            "sft_cap",
            format!(
                "SFT voor alle locaties samen {} boven het maximum van {} per gemeente",
                eur(sft_total),
                eur(sft_cap)
            ),
            None,
            true,
        );
    }
    if !total.reaches_ambition && !wp.dismissed.iter().any(|k| k == "ambition") {
        let short: Vec<String> = periods
            .iter()
            .filter(|p| !p.reaches_ambition)
            .map(|p| {
                let n = p.gap_homes.ceil();
                let word = if n == 1.0 { "woning" } else { "woningen" };
                format!("{} ({} {word})", p.label, nl_number(n, 0))
            })
            .collect();
        add(
            KnelpuntCategory::Locaties,
            "ambition",
            format!(
                "te weinig locaties voor de ambitie van {}: tekort in {}",
                pct(wp.ambition_share),
                short.join(", ")
            ),
            None,
            true,
        );
    }
    for kp in &wp.added {
        add(kp.category, "eigen", kp.text.clone(), None, false);
    }

    let ambition_text = ambition_text(wp, &periods, &total, &knelpunten);
    WerkprogrammaReport {
        input: wp.clone(),
        reference_date: today.format("%Y-%m-%d").to_string(),
        reaches_ambition: total.reaches_ambition,
        funding_gap_total_eur: sites.iter().map(|s| s.business.funding_gap_eur).sum(),
        remaining_gap_total_eur: sites.iter().map(|s| s.business.remaining_gap_eur).sum(),
        sft_total_eur: sft_total.min(sft_cap),
        periods,
        total,
        sites,
        knelpunten,
        ambition_text,
    }
}

/// The site-independent wording of a derived knelpunt for the overall list.
fn overall_text(key: &str) -> Option<&'static str> {
    Some(match key {
        "site_missing" => "locatie niet gevonden in de geladen kaartlagen",
        "flag_unsuitable" => "locatie gemarkeerd als niet geschikt",
        "no_owner_agreement" => "geen afspraak met de eigenaar vastgelegd",
        "available_late" => "locatie pas beschikbaar na de geplande oplevering",
        "knockout" => "locatie valt af in de score",
        "permit_term" => {
            "langer dan een tijdelijke vergunning toestaat: blijvende planwijziging nodig"
        }
        "change_of_use" => "functiewijziging naar wonen vraagt een omgevingsvergunning",
        "grid_queue" => "wachtrij voor netaansluiting tot na de geplande oplevering",
        "grid_limited" => "beperkte netcapaciteit bij de geplande oplevering",
        "grid_unknown" => "netaansluiting onbekend",
        "term_short" => "beschikbaar korter dan 10 jaar",
        "term_unknown" => "beschikbaarheidstermijn onbekend",
        "funding_gap" => "financieringstekort",
        "sft_not_fit" => "SFT past niet",
        _ => return None,
    })
}

fn ambition_text(
    wp: &Werkprogramma,
    periods: &[PeriodResult],
    total: &PeriodResult,
    knelpunten: &[CategorySummary],
) -> String {
    if total.persons_to_house <= 0.0 {
        return "Vul de taakstelling per periode in om de ambitie te toetsen.".into();
    }
    let achieved = total.share_achieved.unwrap_or(0.0);
    if total.reaches_ambition {
        return format!(
            "De ambitie van {} wordt in elke periode gehaald: {} van de te huisvesten statushouders in aanvullende woonvormen.",
            pct(wp.ambition_share),
            pct(achieved)
        );
    }
    let short: Vec<String> = periods
        .iter()
        .filter(|p| !p.reaches_ambition)
        .map(|p| {
            format!(
                "{}: {} van {}",
                p.label,
                pct(p.share_achieved.unwrap_or(0.0)),
                pct(wp.ambition_share)
            )
        })
        .collect();
    let obstacles: Vec<String> = knelpunten
        .iter()
        .filter(|c| !c.items.is_empty())
        .map(|c| {
            format!(
                "{} ({})",
                c.label.to_lowercase(),
                c.items
                    .iter()
                    .map(|i| i.text.as_str())
                    .collect::<Vec<_>>()
                    .join("; ")
            )
        })
        .collect();
    let mut s = format!(
        "De ambitie van {} wordt niet gehaald ({}). Haalbaar over de drie periodes: {} ({} van {} woningen voor statushouders).",
        pct(wp.ambition_share),
        short.join(", "),
        pct(achieved),
        nl_number(total.homes_statushouders, 0),
        nl_number(total.ambition_homes.ceil(), 0)
    );
    if !obstacles.is_empty() {
        s.push_str(" Weg te nemen knelpunten: ");
        s.push_str(&obstacles.join("; "));
        s.push('.');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_parse_and_cite_domain() {
        let d = WerkprogrammaDefaults::default();
        assert_eq!(d.ambition_share, 0.2);
        assert_eq!(d.periods, 3);
        for line in DEFAULTS.lines() {
            let l = line.trim();
            if l.is_empty() || l.starts_with('#') {
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
