//! The regional picture: many municipalities' werkprogramma's (their exchange
//! GeoPackages, read by `io::exchange`) rolled up for a province, the Rijk or
//! the RVB — per municipality the taakstelling, the ambition and what can be
//! delivered; totals per province and nationally; the knelpunten ranked by the
//! homes they block; the support asked per addressee; the funding schemes
//! against their budgets; the demand for flex homes per period; every site on
//! one map; and who sent nothing. A file that cannot be counted becomes a
//! Dutch line in [`Regio::notes`]; the rest is rolled up.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use geo::{Contains, Distance, Euclidean, InteriorPoint, MultiPolygon, Point};

use crate::business::HousingForm;
use crate::werkprogramma::{Addressee, KnelpuntCategory};
use locatiescout_model::exchange::{Gemeente, Submission, SubmittedKnelpunt};
use locatiescout_model::nl::nl_number;

const BUDGETS: &str = include_str!("../../../data/regelingen.toml");

/// A site further than this outside its municipality's generalised CBS outline is reported.
pub const OUTSIDE_TOLERANCE_M: f64 = 250.0;

/// A funding scheme's budget, to set the regional demand against (`data/regelingen.toml`).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchemeBudget {
    /// `sft`, `rthf`, `dfr`, `grote_gezinnen`, `rha`.
    pub key: String,
    pub name: String,
    /// `None`: no public budget known (DFR).
    pub budget_eur: Option<f64>,
    /// What the budget is ("budget 2025", "aanvraagplafond 2023–2028").
    pub budget_label: String,
    /// `subsidie`: the fitting lines' amounts are summed against the budget;
    /// `garantie`: homes and the municipalities' guarantee are shown, the budget for reference.
    pub kind: String,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct BudgetFile {
    scheme: Vec<SchemeBudget>,
}

/// The bundled budgets (checked by a test).
pub fn scheme_budgets() -> Vec<SchemeBudget> {
    locatiescout_model::defaults::parsed("regelingen.toml", BUDGETS, |t, _| {
        toml::from_str::<BudgetFile>(t)
    })
    .map(|f| f.scheme)
    .unwrap_or_default()
}

/// One file offered to the roll-up: its name and what reading it gave.
#[derive(Debug, Clone)]
pub struct RegioInput {
    pub file: String,
    pub submission: Result<Submission, String>,
}

/// A half-year: (year, 1 or 2).
pub type Half = (i32, u8);

pub fn half_label((year, half): Half) -> String {
    format!("{half}e helft {year}")
}

/// One municipality's counted werkprogramma.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct MunicipalityRow {
    pub code: String,
    pub naam: String,
    pub provincie_code: String,
    pub provincie: String,
    pub file: String,
    /// yyyy-mm-dd
    pub reference_date: String,
    pub taakstelling_persons: f64,
    pub backlog_persons: f64,
    pub ambition_persons: f64,
    pub planned_units: f64,
    pub planned_persons: f64,
    pub feasible_units: f64,
    pub feasible_persons: f64,
    /// Persons short of the ambition (0 when reached).
    pub gap_persons: f64,
    pub reached: bool,
    pub verdict: String,
    /// Homes and places deliverable per half-year of [`Regio::periods`] (0 outside its periods).
    pub feasible_units_per_period: Vec<f64>,
    pub lines: usize,
}

/// The sum over a province or the country.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct RegionTotal {
    pub code: String,
    pub name: String,
    pub municipalities: usize,
    /// Of those, how many reach the ambition on what is feasible.
    pub reached: usize,
    pub taakstelling_persons: f64,
    pub backlog_persons: f64,
    pub ambition_persons: f64,
    pub planned_units: f64,
    pub planned_persons: f64,
    pub feasible_units: f64,
    /// Information: what is feasible added up as it is, one municipality's surplus
    /// counted against another's shortfall.
    pub feasible_persons: f64,
    /// What is feasible, each municipality's capped at its own ambition: the figure
    /// set against the ambition (ambition − this = `gap_persons`).
    pub feasible_within_ambition_persons: f64,
    /// The municipalities' shortfalls added up: a surplus in one does not make up for another.
    pub gap_persons: f64,
    pub feasible_units_per_period: Vec<f64>,
    /// Municipalities expected here that sent nothing.
    pub missing: usize,
}

/// One half-year over all counted municipalities.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct PeriodTotal {
    pub label: String,
    pub municipalities: usize,
    pub taakstelling_persons: f64,
    pub ambition_persons: f64,
    pub planned_units: f64,
    pub planned_persons: f64,
    pub feasible_units: f64,
    pub feasible_persons: f64,
}

/// Knelpunten of one category over all municipalities.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CategoryTotal {
    pub category: KnelpuntCategory,
    pub label: &'static str,
    /// Knelpunt lines (one per knelpunt per municipality).
    pub count: usize,
    pub municipalities: usize,
    /// Homes and places for statushouders of the lines not delivered within the
    /// periods, and the persons they house, each once: a line counts under the one
    /// knelpunt that blocks it (its binding cause; in an older file that names more,
    /// the one blocking most), so the categories add up to [`Regio::blocked_units`].
    pub blocked_units: f64,
    pub blocked_persons: f64,
}

/// One knelpunt text with the municipalities that name it and what it blocks there.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct KnelpuntTotal {
    pub category: &'static str,
    pub text: String,
    pub municipalities: Vec<String>,
    pub blocked_units: f64,
    pub blocked_persons: f64,
}

/// One ask for support.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SupportAskRow {
    pub gemeente: String,
    pub knelpunt: String,
    pub ask: String,
    pub blocked_units: f64,
}

/// Every ask to one addressee, with the homes at stake. Only the support a
/// municipality asked (a `vraag` entered), not the addressee a knelpunt suggests.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SupportGroup {
    pub addressee: &'static str,
    pub municipalities: usize,
    pub blocked_units: f64,
    pub asks: Vec<SupportAskRow>,
}

/// A funding scheme over all lines of all municipalities, against its budget.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SchemeTotal {
    pub key: String,
    pub name: String,
    pub lines: usize,
    pub units: f64,
    pub municipalities: usize,
    /// Subsidy asked by the fitting lines (a fee is not counted here).
    pub amount_eur: f64,
    pub contingent_eur: f64,
    pub budget_eur: Option<f64>,
    pub budget_label: String,
    /// `amount_eur / budget_eur` for a subsidy.
    pub budget_share: Option<f64>,
}

/// Homes of one housing form per half-year, for the RVB's tender.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct DemandRow {
    pub form: &'static str,
    pub units_per_period: Vec<f64>,
    pub total_units: f64,
}

/// A municipality's interest in the RVB flex tender.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TenderRow {
    pub gemeente: String,
    pub homes: f64,
    pub types: String,
}

/// A site of a counted werkprogramma.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RegioSite {
    pub gemeente_code: String,
    pub gemeente: String,
    pub line: u32,
    pub label: String,
    pub form: &'static str,
    pub units: f64,
    pub period: String,
    pub feasible: String,
    pub score: Option<f64>,
    pub source_id: String,
    #[serde(skip)]
    pub shape: Option<MultiPolygon<f64>>,
}

/// The roll-up.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct Regio {
    pub files_read: usize,
    pub municipalities: Vec<MunicipalityRow>,
    /// Labels of the half-years any counted werkprogramma covers, in order.
    pub periods: Vec<String>,
    pub period_totals: Vec<PeriodTotal>,
    pub provinces: Vec<RegionTotal>,
    pub national: RegionTotal,
    pub categories: Vec<CategoryTotal>,
    /// The categories together: every blocked home or place once.
    pub blocked_units: f64,
    pub blocked_persons: f64,
    /// Most blocking first.
    pub knelpunten: Vec<KnelpuntTotal>,
    pub support: Vec<SupportGroup>,
    pub schemes: Vec<SchemeTotal>,
    pub demand: Vec<DemandRow>,
    pub tender: Vec<TenderRow>,
    pub sites: Vec<RegioSite>,
    /// Expected municipalities that sent nothing: (code, name, province).
    pub missing: Vec<(String, String, String)>,
    /// What was not counted or needs checking, one Dutch sentence each.
    pub notes: Vec<String>,
    /// Outlines of the municipalities of the provinces involved, for the map,
    /// and whether each sent a werkprogramma that counts.
    #[serde(skip)]
    pub outlines: Vec<(MultiPolygon<f64>, bool)>,
}

/// The same werkprogramma, whenever each file was written.
fn same_data(a: &Submission, b: &Submission) -> bool {
    let mut meta = b.meta.clone();
    meta.created_at.clone_from(&a.meta.created_at);
    a.meta == meta
        && a.sites == b.sites
        && a.periods == b.periods
        && a.knelpunten == b.knelpunten
        && a.schemes == b.schemes
}

/// Expands the expected list: CBS gemeente codes, province codes (`PV26`) or
/// province names stand for their municipalities. Unknown items become notes.
fn expected_codes(
    expected: &[String],
    register: &[Gemeente],
    notes: &mut Vec<String>,
) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for item in expected {
        let want = item.trim();
        if want.is_empty() {
            continue;
        }
        let upper = want.to_uppercase();
        let lower = want.to_lowercase();
        let gm: Vec<&Gemeente> = register
            .iter()
            .filter(|g| g.code == upper || g.naam.to_lowercase() == lower)
            .collect();
        let pv: Vec<&Gemeente> = register
            .iter()
            .filter(|g| g.provincie_code == upper || g.provincie.to_lowercase() == lower)
            .collect();
        if !gm.is_empty() {
            out.extend(gm.iter().map(|g| g.code.clone()));
        } else if !pv.is_empty() {
            out.extend(pv.iter().map(|g| g.code.clone()));
        } else {
            notes.push(format!(
                "Verwacht: '{want}' is geen gemeente- of provinciecode of -naam van het CBS (2024); overgeslagen."
            ));
        }
    }
    out
}

fn distance_outside(shape: &MultiPolygon<f64>, outline: &MultiPolygon<f64>) -> Option<f64> {
    let p: Point<f64> = shape.interior_point()?;
    if outline.contains(&p) {
        return None;
    }
    let d = outline
        .0
        .iter()
        .map(|poly| Euclidean.distance(&p, poly))
        .fold(f64::INFINITY, f64::min);
    (d > OUTSIDE_TOLERANCE_M).then_some(d)
}

/// Whether a knelpunt's `locaties` ("A, B, C") names the line `label`.
fn names_site(sites: &str, label: &str) -> bool {
    !label.is_empty() && format!(", {sites}, ").contains(&format!(", {label}, "))
}

/// The homes and places for statushouders (and their persons) of each line not
/// delivered within the periods, once, under the category of the one knelpunt
/// that blocks it: the knelpunt that names the line and blocks homes — one, its
/// binding cause, in a file of today; the one blocking most where an older file
/// counted a line under each of its knelpunten. A line no knelpunt blocks is
/// left out.
fn blocked_once(sub: &Submission) -> Vec<(KnelpuntCategory, f64, f64)> {
    let blocking: Vec<(&SubmittedKnelpunt, KnelpuntCategory)> = sub
        .knelpunten
        .iter()
        .filter(|k| k.blocked_units > 0.0)
        .filter_map(|k| KnelpuntCategory::parse(&k.category).map(|c| (k, c)))
        .collect();
    sub.sites
        .iter()
        .filter(|s| s.feasible_period.is_none() && s.units_statushouders > 0.0)
        .filter_map(|s| {
            let (_, cat) = blocking
                .iter()
                .filter(|(k, _)| names_site(&k.sites, &s.label))
                .reduce(|best, k| {
                    if k.0.blocked_units > best.0.blocked_units {
                        k
                    } else {
                        best
                    }
                })?;
            Some((*cat, s.units_statushouders, s.persons_statushouders))
        })
        .collect()
}

fn form_of(key: &str) -> &'static str {
    HousingForm::from_key(key).map_or("Onbekende woonvorm", |f| f.dutch())
}

/// Rolls up `inputs`. `expected` lists the municipalities that should have sent
/// one (codes, province codes or names; empty: none expected).
pub fn roll_up(
    inputs: Vec<RegioInput>,
    register: &[Gemeente],
    expected: &[String],
    budgets: &[SchemeBudget],
) -> Regio {
    let mut notes = Vec::new();
    let by_code: HashMap<&str, &Gemeente> = register.iter().map(|g| (g.code.as_str(), g)).collect();
    let files_read = inputs.len();

    // Which municipality each readable file claims.
    let mut claims: BTreeMap<String, Vec<(String, Submission)>> = BTreeMap::new();
    for input in inputs {
        let sub = match input.submission {
            Ok(s) => s,
            Err(e) => {
                notes.push(format!("{e} — niet meegeteld."));
                continue;
            }
        };
        let mut code = sub.meta.gemeente_code.trim().to_uppercase();
        if code.is_empty() {
            let name = sub.meta.gemeente_naam.trim().to_lowercase();
            match register
                .iter()
                .find(|g| !name.is_empty() && g.naam.to_lowercase() == name)
            {
                Some(g) => {
                    notes.push(format!(
                        "{}: geen gemeentecode; op de naam '{}' herkend als {} {}.",
                        input.file, sub.meta.gemeente_naam, g.code, g.naam
                    ));
                    code = g.code.clone();
                }
                None => {
                    notes.push(format!(
                        "{}: geen gemeentecode, en '{}' is geen gemeente van het CBS (2024) — niet meegeteld; vul de CBS-code in het werkprogramma in.",
                        input.file, sub.meta.gemeente_naam
                    ));
                    continue;
                }
            }
        }
        if !by_code.contains_key(code.as_str()) {
            notes.push(format!(
                "{}: gemeentecode {code} bestaat niet in de CBS-indeling 2024 — niet meegeteld.",
                input.file
            ));
            continue;
        }
        claims.entry(code).or_default().push((input.file, sub));
    }

    // Newest per municipality wins.
    let mut counted: Vec<(String, Submission, &Gemeente)> = Vec::new();
    for (code, mut versions) in claims {
        let Some(g) = by_code.get(code.as_str()).copied() else {
            continue;
        };
        versions.sort_by(|(fa, a), (fb, b)| {
            (b.meta.reference_date, &b.meta.created_at, fb).cmp(&(
                a.meta.reference_date,
                &a.meta.created_at,
                fa,
            ))
        });
        let mut it = versions.into_iter();
        let Some((file, sub)) = it.next() else {
            continue;
        };
        // Each other file: a copy of one already seen, or other data that does not count.
        let mut seen: Vec<(String, Submission)> = Vec::new();
        for (other, o) in it {
            if same_data(&sub, &o) {
                notes.push(format!(
                    "{code} {}: {other} heeft dezelfde gegevens als {file}; één keer geteld.",
                    g.naam
                ));
            } else if let Some((twin, _)) = seen.iter().find(|(_, s)| same_data(s, &o)) {
                notes.push(format!(
                    "{code} {}: {other} heeft dezelfde gegevens als {twin}; telt evenmin.",
                    g.naam
                ));
            } else if o.meta.reference_date == sub.meta.reference_date {
                notes.push(format!(
                    "{code} {}: {file} en {other} hebben dezelfde peildatum ({}) maar verschillende gegevens; het laatst gemaakte bestand ({file}, {}) telt — vraag de gemeente welk het goede is.",
                    g.naam,
                    sub.meta.reference_date.format("%d-%m-%Y"),
                    sub.meta.created_at
                ));
                seen.push((other, o));
            } else {
                notes.push(format!(
                    "{code} {}: nieuwste versie telt: {file} (peildatum {}); {other} (peildatum {}) niet.",
                    g.naam,
                    sub.meta.reference_date.format("%d-%m-%Y"),
                    o.meta.reference_date.format("%d-%m-%Y")
                ));
                seen.push((other, o));
            }
        }
        counted.push((file, sub, g));
    }
    counted.sort_by(|a, b| (&a.2.provincie, &a.2.naam).cmp(&(&b.2.provincie, &b.2.naam)));

    // The half-years any werkprogramma covers.
    let halves: Vec<Half> = counted
        .iter()
        .flat_map(|(_, s, _)| s.periods.iter().map(|p| (p.year, p.half)))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let slot: HashMap<Half, usize> = halves.iter().enumerate().map(|(i, h)| (*h, i)).collect();
    let mut period_totals: Vec<PeriodTotal> = halves
        .iter()
        .map(|h| PeriodTotal {
            label: half_label(*h),
            ..PeriodTotal::default()
        })
        .collect();

    let mut municipalities = Vec::new();
    let mut sites = Vec::new();
    let mut cat_totals: BTreeMap<KnelpuntCategory, (usize, BTreeSet<String>)> = BTreeMap::new();
    let mut cat_blocked: BTreeMap<KnelpuntCategory, (f64, f64)> = BTreeMap::new();
    let mut texts: BTreeMap<(KnelpuntCategory, String), KnelpuntTotal> = BTreeMap::new();
    let mut support: BTreeMap<Addressee, Vec<SupportAskRow>> = BTreeMap::new();
    let mut schemes: BTreeMap<String, (usize, f64, BTreeSet<String>, f64, f64)> = BTreeMap::new();
    let mut demand: BTreeMap<&'static str, Vec<f64>> = BTreeMap::new();
    let mut tender = Vec::new();

    for (file, sub, g) in &counted {
        let m = &sub.meta;
        let who = format!("{} {}", g.code, g.naam);
        let mut per_period = vec![0.0; halves.len()];
        let half_of: HashMap<u32, Half> = sub
            .periods
            .iter()
            .map(|p| (p.nr, (p.year, p.half)))
            .collect();
        for p in &sub.periods {
            if let Some(&i) = slot.get(&(p.year, p.half)) {
                per_period[i] += p.feasible_units;
                let t = &mut period_totals[i];
                t.municipalities += 1;
                t.taakstelling_persons += p.taakstelling_persons;
                t.ambition_persons += p.ambition_persons;
                t.planned_units += p.planned_units;
                t.planned_persons += p.planned_persons;
                t.feasible_units += p.feasible_units;
                t.feasible_persons += p.feasible_persons;
            }
        }
        let sum = |f: fn(&locatiescout_model::exchange::SubmittedPeriod) -> f64| {
            sub.periods.iter().map(f).sum::<f64>()
        };
        municipalities.push(MunicipalityRow {
            code: g.code.clone(),
            naam: g.naam.clone(),
            provincie_code: g.provincie_code.clone(),
            provincie: g.provincie.clone(),
            file: file.clone(),
            reference_date: m.reference_date.format("%Y-%m-%d").to_string(),
            taakstelling_persons: m.taakstelling_persons,
            backlog_persons: m.backlog_persons,
            ambition_persons: m.ambition_persons,
            planned_units: sum(|p| p.planned_units),
            planned_persons: m.planned_persons,
            feasible_units: sum(|p| p.feasible_units),
            feasible_persons: m.feasible_persons,
            gap_persons: m.gap_persons,
            reached: m.reached,
            verdict: m.verdict.clone(),
            feasible_units_per_period: per_period,
            lines: sub.sites.len(),
        });
        if m.rvb_tender_homes > 0.0 || !m.rvb_tender_types.trim().is_empty() {
            tender.push(TenderRow {
                gemeente: who.clone(),
                homes: m.rvb_tender_homes,
                types: m.rvb_tender_types.clone(),
            });
        }
        for s in &sub.sites {
            let label_of = |p: Option<u32>| {
                p.and_then(|p| half_of.get(&p))
                    .map_or_else(|| "niet binnen de periodes".to_string(), |h| half_label(*h))
            };
            if let Some(shape) = &s.shape {
                if let Some(d) = distance_outside(shape, &g.shape) {
                    notes.push(format!(
                        "{who}, regel {} '{}': ligt {} km buiten de gemeente; wel meegeteld — controleer de geometrie.",
                        s.line,
                        s.label,
                        nl_number(d / 1000.0, 1)
                    ));
                }
            }
            let form = form_of(&s.form);
            if let Some(h) = s.period.and_then(|p| half_of.get(&p)) {
                if let Some(&i) = slot.get(h) {
                    demand
                        .entry(form)
                        .or_insert_with(|| vec![0.0; halves.len()])[i] += s.units;
                }
            }
            sites.push(RegioSite {
                gemeente_code: g.code.clone(),
                gemeente: g.naam.clone(),
                line: s.line,
                label: s.label.clone(),
                form,
                units: s.units,
                period: label_of(s.period),
                feasible: label_of(s.feasible_period),
                score: s.score,
                source_id: s.source_id.clone(),
                shape: s.shape.clone(),
            });
        }
        for k in &sub.knelpunten {
            let Some(cat) = KnelpuntCategory::parse(&k.category) else {
                notes.push(format!(
                    "{who}: knelpunt '{}' heeft een onbekende categorie '{}'; niet bij de categorieën geteld.",
                    k.text, k.category
                ));
                continue;
            };
            let t = cat_totals.entry(cat).or_default();
            t.0 += 1;
            t.1.insert(g.code.clone());
            // A derived knelpunt is the same one everywhere, whatever numbers its text holds.
            let derived = !k.key.is_empty() && k.key != "eigen";
            let (group, label) = if derived {
                let label = crate::werkprogramma::overall_text(&k.key)
                    .map(str::to_string)
                    .unwrap_or_else(|| k.text.split(": ").next().unwrap_or(&k.text).to_string());
                (format!("sleutel:{}", k.key), label)
            } else {
                (format!("tekst:{}", k.text), k.text.clone())
            };
            let e = texts.entry((cat, group)).or_insert_with(|| KnelpuntTotal {
                category: cat.dutch(),
                text: label,
                municipalities: Vec::new(),
                blocked_units: 0.0,
                blocked_persons: 0.0,
            });
            if !e.municipalities.contains(&who) {
                e.municipalities.push(who.clone());
            }
            e.blocked_units += k.blocked_units;
            e.blocked_persons += k.blocked_persons;
            // A suggested addressee without a question is no ask.
            let asked = !k.ask.trim().is_empty();
            if let Some(a) = k
                .addressee
                .as_deref()
                .and_then(Addressee::parse)
                .filter(|_| asked)
            {
                support.entry(a).or_default().push(SupportAskRow {
                    gemeente: who.clone(),
                    knelpunt: k.text.clone(),
                    ask: k.ask.clone(),
                    blocked_units: k.blocked_units,
                });
            }
        }
        for (cat, units, persons) in blocked_once(sub) {
            let t = cat_blocked.entry(cat).or_default();
            t.0 += units;
            t.1 += persons;
        }
        for x in &sub.schemes {
            if !x.fits {
                continue;
            }
            let e = schemes.entry(x.key.clone()).or_default();
            e.0 += 1;
            e.1 += x.units;
            e.2.insert(g.code.clone());
            if x.amount_eur > 0.0 {
                e.3 += x.amount_eur;
            }
            e.4 += x.contingent_eur;
        }
    }

    // Totals per province and nationally.
    let mut expected_set = expected_codes(expected, register, &mut notes);
    for (_, _, g) in &counted {
        expected_set.remove(&g.code);
    }
    let missing: Vec<(String, String, String)> = expected_set
        .iter()
        .filter_map(|c| by_code.get(c.as_str()))
        .map(|g| (g.code.clone(), g.naam.clone(), g.provincie.clone()))
        .collect();
    let add = |t: &mut RegionTotal, m: &MunicipalityRow| {
        t.municipalities += 1;
        t.reached += usize::from(m.reached);
        t.taakstelling_persons += m.taakstelling_persons;
        t.backlog_persons += m.backlog_persons;
        t.ambition_persons += m.ambition_persons;
        t.planned_units += m.planned_units;
        t.planned_persons += m.planned_persons;
        t.feasible_units += m.feasible_units;
        t.feasible_persons += m.feasible_persons;
        t.feasible_within_ambition_persons += m.feasible_persons.min(m.ambition_persons);
        t.gap_persons += m.gap_persons;
        for (a, b) in t
            .feasible_units_per_period
            .iter_mut()
            .zip(&m.feasible_units_per_period)
        {
            *a += b;
        }
    };
    let empty = |code: &str, name: &str| RegionTotal {
        code: code.into(),
        name: name.into(),
        feasible_units_per_period: vec![0.0; halves.len()],
        ..RegionTotal::default()
    };
    let mut provinces: BTreeMap<String, RegionTotal> = BTreeMap::new();
    let mut national = empty("NL", "Nederland");
    for m in &municipalities {
        let p = provinces
            .entry(m.provincie_code.clone())
            .or_insert_with(|| empty(&m.provincie_code, &m.provincie));
        add(p, m);
        add(&mut national, m);
    }
    for (code, _, _) in &missing {
        if let Some(g) = by_code.get(code.as_str()) {
            provinces
                .entry(g.provincie_code.clone())
                .or_insert_with(|| empty(&g.provincie_code, &g.provincie))
                .missing += 1;
            national.missing += 1;
        }
    }
    let mut provinces: Vec<RegionTotal> = provinces.into_values().collect();
    provinces.sort_by(|a, b| a.name.cmp(&b.name));

    let categories: Vec<CategoryTotal> = KnelpuntCategory::ALL
        .iter()
        .map(|c| {
            let (count, ms) = cat_totals.remove(c).unwrap_or_default();
            let (u, p) = cat_blocked.remove(c).unwrap_or_default();
            CategoryTotal {
                category: *c,
                label: c.dutch(),
                count,
                municipalities: ms.len(),
                blocked_units: u,
                blocked_persons: p,
            }
        })
        .collect();
    let blocked_units = categories.iter().map(|c| c.blocked_units).sum();
    let blocked_persons = categories.iter().map(|c| c.blocked_persons).sum();
    let mut knelpunten: Vec<KnelpuntTotal> = texts.into_values().collect();
    knelpunten.sort_by(|a, b| {
        b.blocked_units
            .total_cmp(&a.blocked_units)
            .then(b.blocked_persons.total_cmp(&a.blocked_persons))
            .then(b.municipalities.len().cmp(&a.municipalities.len()))
            .then(a.text.cmp(&b.text))
    });
    let support = Addressee::ALL
        .iter()
        .filter_map(|a| {
            let mut asks = support.remove(a)?;
            asks.sort_by(|x, y| y.blocked_units.total_cmp(&x.blocked_units));
            let ms: BTreeSet<&str> = asks.iter().map(|r| r.gemeente.as_str()).collect();
            Some(SupportGroup {
                addressee: a.dutch(),
                municipalities: ms.len(),
                blocked_units: asks.iter().map(|r| r.blocked_units).sum(),
                asks,
            })
        })
        .collect();
    let schemes = budgets
        .iter()
        .map(|b| {
            let (lines, units, ms, amount, contingent) = schemes.remove(&b.key).unwrap_or_default();
            let subsidy = b.kind == "subsidie";
            SchemeTotal {
                key: b.key.clone(),
                name: b.name.clone(),
                lines,
                units,
                municipalities: ms.len(),
                amount_eur: amount,
                contingent_eur: contingent,
                budget_eur: b.budget_eur,
                budget_label: b.budget_label.clone(),
                budget_share: b
                    .budget_eur
                    .filter(|v| subsidy && *v > 0.0)
                    .map(|v| amount / v),
            }
        })
        .collect();
    let demand = demand
        .into_iter()
        .map(|(form, units_per_period)| DemandRow {
            form,
            total_units: units_per_period.iter().sum(),
            units_per_period,
        })
        .collect();

    // The outlines of every municipality in the provinces involved.
    let involved: BTreeSet<&str> = municipalities
        .iter()
        .map(|m| m.provincie_code.as_str())
        .chain(
            missing
                .iter()
                .filter_map(|(c, _, _)| by_code.get(c.as_str()).map(|g| g.provincie_code.as_str())),
        )
        .collect();
    let sent: BTreeSet<&str> = municipalities.iter().map(|m| m.code.as_str()).collect();
    let outlines = register
        .iter()
        .filter(|g| involved.contains(g.provincie_code.as_str()))
        .map(|g| (g.shape.clone(), sent.contains(g.code.as_str())))
        .collect();

    Regio {
        files_read,
        municipalities,
        periods: halves.iter().map(|h| half_label(*h)).collect(),
        period_totals,
        provinces,
        national,
        categories,
        blocked_units,
        blocked_persons,
        knelpunten,
        support,
        schemes,
        demand,
        tender,
        sites,
        missing,
        notes,
        outlines,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use locatiescout_model::exchange::SubmittedSite;

    #[test]
    fn bundled_budgets_name_every_scheme_with_domain_figures() {
        let b = scheme_budgets();
        let keys: Vec<&str> = b.iter().map(|s| s.key.as_str()).collect();
        assert_eq!(keys, ["sft", "rthf", "dfr", "grote_gezinnen", "rha"]);
        let sft = &b[0];
        assert_eq!(sft.budget_eur, Some(77_800_000.0));
        assert_eq!(sft.kind, "subsidie");
        assert_eq!(b[1].kind, "garantie");
        // DFR: named in the Bouwstenen note, no public budget (DOMAIN.md).
        assert_eq!(b[2].budget_eur, None);
    }

    fn square(x: f64) -> MultiPolygon<f64> {
        MultiPolygon(vec![geo::Polygon::new(
            geo::LineString::from(vec![
                (x, 0.0),
                (x + 1000.0, 0.0),
                (x + 1000.0, 1000.0),
                (x, 1000.0),
                (x, 0.0),
            ]),
            vec![],
        )])
    }

    fn two_in_one_province() -> Vec<Gemeente> {
        ["Een", "Twee"]
            .iter()
            .enumerate()
            .map(|(k, naam)| Gemeente {
                code: format!("GM000{}", k + 1),
                naam: (*naam).into(),
                provincie_code: "PV90".into(),
                provincie: "Proef".into(),
                shape: square(2000.0 * k as f64),
            })
            .collect()
    }

    fn submission(code: &str, ambition: f64, feasible: f64) -> Submission {
        let mut s = Submission::default();
        s.meta.gemeente_code = code.into();
        s.meta.ambition_persons = ambition;
        s.meta.feasible_persons = feasible;
        s.meta.gap_persons = (ambition - feasible).max(0.0);
        s.meta.reached = feasible >= ambition;
        s
    }

    fn site(line: u32, label: &str, units: f64, feasible: Option<u32>) -> SubmittedSite {
        SubmittedSite {
            line,
            label: label.into(),
            form: "flex".into(),
            units,
            units_statushouders: units,
            persons_statushouders: units,
            period: Some(1),
            feasible_period: feasible,
            ..SubmittedSite::default()
        }
    }

    fn knelpunt(category: &str, sites: &str, blocked: f64) -> SubmittedKnelpunt {
        SubmittedKnelpunt {
            category: category.into(),
            key: format!("k_{category}"),
            text: format!("knelpunt {category}"),
            sites: sites.into(),
            blocked_units: blocked,
            blocked_persons: blocked,
            ..SubmittedKnelpunt::default()
        }
    }

    fn roll(subs: Vec<Submission>) -> Regio {
        let inputs = subs
            .into_iter()
            .enumerate()
            .map(|(k, s)| RegioInput {
                file: format!("{k}.gpkg"),
                submission: Ok(s),
            })
            .collect();
        roll_up(inputs, &two_in_one_province(), &[], &scheme_budgets())
    }

    #[test]
    fn a_surplus_in_one_municipality_does_not_fill_anothers_gap() {
        // Issue 31 item 9: Een 40 of 60 (short 20), Twee 50 of 30 (20 more than its own).
        let r = roll(vec![
            submission("GM0001", 60.0, 40.0),
            submission("GM0002", 30.0, 50.0),
        ]);
        let p = &r.provinces[0];
        assert_eq!(p.ambition_persons, 90.0);
        // As information: 90 of 90, as if the province reached its ambition …
        assert_eq!(p.feasible_persons, 90.0);
        // … but capped at each one's own ambition 40 + 30 = 70, and 90 − 70 = the 20 short.
        assert_eq!(p.feasible_within_ambition_persons, 70.0);
        assert_eq!(p.gap_persons, 20.0);
        assert_eq!(r.national.feasible_within_ambition_persons, 70.0);
    }

    #[test]
    fn a_blocked_home_counts_once_whatever_the_knelpunten_that_name_it() {
        // Issue 31 item 9: 23 homes blocked by two knelpunten in two categories counted
        // 23 + 23 (an older file counts a line under each of its knelpunten).
        let mut een = submission("GM0001", 60.0, 0.0);
        een.sites = vec![
            site(1, "Veld, noord", 23.0, None),
            site(2, "Kantoor", 18.0, Some(1)),
        ];
        een.knelpunten = vec![
            knelpunt("locaties", "Veld, noord", 23.0),
            knelpunt("procedures", "Kantoor, Veld, noord", 23.0),
            knelpunt("capaciteit", "alle", 0.0),
        ];
        // Twee: 10 homes blocked by one knelpunt, 5 more it names that arrive in time.
        let mut twee = submission("GM0002", 30.0, 0.0);
        twee.sites = vec![site(1, "Weide", 10.0, None), site(2, "Hof", 5.0, Some(2))];
        twee.knelpunten = vec![knelpunt("procedures", "Weide, Hof", 10.0)];
        let r = roll(vec![een, twee]);
        let cat = |c: KnelpuntCategory| r.categories.iter().find(|x| x.category == c).unwrap();
        // The tie goes to the first named; the 18 homes of Kantoor arrive and count nowhere.
        assert_eq!(cat(KnelpuntCategory::Locaties).blocked_units, 23.0);
        assert_eq!(cat(KnelpuntCategory::Procedures).blocked_units, 10.0);
        assert_eq!(cat(KnelpuntCategory::Procedures).municipalities, 2);
        assert_eq!(cat(KnelpuntCategory::Capaciteit).blocked_units, 0.0);
        assert_eq!(r.blocked_units, 33.0);
        assert_eq!(r.blocked_persons, 33.0);
        let sum: f64 = r.categories.iter().map(|c| c.blocked_units).sum();
        assert_eq!(sum, r.blocked_units);
        // Where a line is named by two that block, the one blocking most takes it.
        let mut een = submission("GM0001", 60.0, 0.0);
        een.sites = vec![site(1, "Veld", 23.0, None)];
        een.knelpunten = vec![
            knelpunt("locaties", "Veld", 18.0),
            knelpunt("financiering", "Veld", 23.0),
        ];
        let r = roll(vec![een]);
        assert_eq!(r.blocked_units, 23.0);
        assert_eq!(
            r.categories
                .iter()
                .find(|c| c.category == KnelpuntCategory::Financiering)
                .unwrap()
                .blocked_units,
            23.0
        );
    }

    #[test]
    fn only_the_support_asked_counts_not_a_suggested_addressee() {
        let mut een = submission("GM0001", 60.0, 0.0);
        let mut asked = knelpunt("capaciteit", "", 0.0);
        asked.addressee = Some("provincie".into());
        asked.ask = "regionale pool van begeleiders".into();
        let mut suggested = knelpunt("procedures", "", 0.0);
        suggested.addressee = Some("netbeheerder".into());
        een.knelpunten = vec![asked, suggested];
        let r = roll(vec![een]);
        let to: Vec<&str> = r.support.iter().map(|g| g.addressee).collect();
        assert_eq!(to, ["provincie"]);
        assert_eq!(r.support[0].asks.len(), 1);
    }

    #[test]
    fn nothing_to_roll_up_gives_empty_totals_and_only_the_missing() {
        let register = two_in_one_province();
        let r = roll_up(
            vec![RegioInput {
                file: "x.gpkg".into(),
                submission: Err("x.gpkg is geen GeoPackage".into()),
            }],
            &register,
            &["PV90".into()],
            &scheme_budgets(),
        );
        assert_eq!(r.files_read, 1);
        assert!(r.municipalities.is_empty());
        assert_eq!(r.national.municipalities, 0);
        assert_eq!(r.national.missing, 2);
        assert_eq!(r.provinces.len(), 1);
        assert_eq!(r.provinces[0].missing, 2);
        assert_eq!(r.notes, ["x.gpkg is geen GeoPackage — niet meegeteld."]);
        // Both municipalities of the province are drawn, neither filled.
        assert_eq!(r.outlines.len(), 2);
        assert!(r.outlines.iter().all(|(_, sent)| !sent));
        assert_eq!(r.schemes.len(), 5);
        assert!(r
            .schemes
            .iter()
            .all(|s| s.lines == 0 && s.amount_eur == 0.0));
    }
}
