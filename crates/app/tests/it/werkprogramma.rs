//! Every number the werkprogramma computes, against a case worked out by hand,
//! and the knelpunten it derives from real scoring of the sample region.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::NaiveDate;
use locatiescout_engine::business::{BusinessParams, HousingForm};
use locatiescout_engine::dataset::Dataset;
use locatiescout_engine::werkprogramma::{
    assess, Entry, GroupShare, Knelpunt, KnelpuntCategory, PeriodInput, Werkprogramma,
};
use locatiescout_io::import_file;
use locatiescout_io::ImportOptions;
use locatiescout_model::text::Lang;
use locatiescout_model::FieldMap;
use locatiescout_model::LayerKind;
use locatiescout_output::report::{assemble, scoring_for};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-6, "{a} != {b}");
}

/// A line without a site (named `id`): the counting cases need no map data, and
/// a site id the data does not know counts nothing (issue 31 item 7).
fn entry(id: &str, homes: f64, share: f64, period: usize) -> Entry {
    Entry {
        name: id.into(),
        homes,
        share_statushouders: Some(share),
        period,
        // These cases are about the counting, not the lead time (see the issue 31 tests).
        lead_time_months: Some(0),
        ..Entry::default()
    }
}

/// Taakstelling 100/80/60 persons, backlog 30 (10 per period), ambition 20 % of
/// taakstelling and backlog, 20 persons in the regular stock in the first period;
/// flex homes of one person each (the form's default).
fn hand_case() -> Werkprogramma {
    let mut wp = Werkprogramma::starting(day("2026-11-22"));
    wp.gemeente = "Voorbeeldstad".into();
    wp.periods = vec![
        PeriodInput {
            taakstelling_persons: 100.0,
            regular_stock_persons: 20.0,
            realised_persons: 0.0,
        },
        PeriodInput {
            taakstelling_persons: 80.0,
            regular_stock_persons: 0.0,
            realised_persons: 0.0,
        },
        PeriodInput {
            taakstelling_persons: 60.0,
            regular_stock_persons: 0.0,
            realised_persons: 0.0,
        },
    ];
    wp.backlog_persons = 30.0;
    wp.ambition_share = 0.2;
    wp.ambition_includes_backlog = true;
    let mut a = entry("A", 30.0, 0.5, 0);
    a.mix = vec![GroupShare {
        group: "starters".into(),
        share: 0.3,
    }];
    wp.entries = vec![a, entry("B", 10.0, 0.3, 0), entry("C", 20.0, 0.25, 2)];
    wp
}

#[test]
fn periods_and_totals_match_the_hand_computation() {
    let wp = hand_case();
    wp.validate().unwrap();
    let r = assess(&wp, &[], day("2026-11-22"));
    let [p0, p1, p2] = [&r.periods[0], &r.periods[1], &r.periods[2]];
    assert_eq!(p0.label, "2e helft 2026");
    // Period 1: 100 + 10 backlog = 110 persons, its part of the ambition 22.
    // A 30 × 50 % = 15 homes, B 10 × 30 % = 3: 18 homes, 18 persons at one person per home.
    close(p0.persons_to_house, 110.0);
    close(p0.ambition_persons, 22.0);
    close(p0.planned_units, 40.0);
    close(p0.planned_units_statushouders, 18.0);
    close(p0.planned_persons, 18.0);
    close(p0.feasible_persons, 18.0);
    // 110 − 18 − 20 in the regular stock = 72 still to house; A's starters 30 × 30 % = 9.
    close(p0.balance_persons, 72.0);
    close(p1.persons_to_house, 90.0);
    close(p1.planned_persons, 0.0);
    // Period 3: C 20 × 25 % = 5.
    close(p2.persons_to_house, 70.0);
    close(p2.planned_persons, 5.0);
    // Total: 270 persons; 20 % = 54; 23 feasible; 31 short; 23/270 = 8,5 %.
    let t = &r.total;
    close(t.persons_to_house, 270.0);
    close(t.planned_units, 60.0);
    close(t.feasible_persons, 23.0);
    let a = &r.ambition;
    close(a.base_persons, 270.0);
    close(a.ambition_persons, 54.0);
    close(a.gap_persons, 31.0);
    assert!(!r.reaches_ambition);
    assert_eq!(
        a.verdict,
        // One sentence, one denominator each: 23/54 = 42,6 % of the ambition, 23/270 = 8,5 % of the base.
        "Ambitie van 20 % niet gehaald: 23 van de 54 personen haalbaar (43 % van de ambitie; 9 % van taakstelling en achterstand), tekort 31 personen."
    );
    // The doelgroepenmix over all lines: statushouders 15 + 3 + 5, starters 9.
    close(r.groups_total["statushouders"], 23.0);
    close(r.groups_total["starters"], 9.0);
}

/// Issue 17 item 1: the ambition is cumulative; a short period does not fail the plan.
#[test]
fn item1_ambition_is_cumulative_over_the_periods() {
    let mut wp = hand_case();
    // D: 40 homes all for statushouders in period 1 → 58 there, 0 in period 2.
    wp.entries.push(entry("D", 40.0, 1.0, 0));
    let r = assess(&wp, &[], day("2026-11-22"));
    // 18 + 40 + 5 = 63 ≥ 54 although period 2 has nothing (its part would be 18).
    close(r.periods[1].feasible_persons, 0.0);
    close(r.ambition.feasible_persons, 63.0);
    assert!(r.reaches_ambition, "{}", r.ambition.verdict);
    assert_eq!(
        r.ambition.verdict,
        // 63/54 = 116,7 %; 63/270 = 23,3 %.
        "Ambitie van 20 % gehaald: 63 van de 54 personen haalbaar in aanvullende woonvormen (117 % van de ambitie; 23 % van taakstelling en achterstand)."
    );
    let empty = Werkprogramma::starting(day("2026-03-01"));
    assert_eq!(empty.period_label(0), "1e helft 2026");
    let r = assess(&empty, &[], day("2026-03-01"));
    assert!(r.ambition_text.nl().contains("Vul de taakstelling"));
}

/// Issue 17 item 2: the shortfall is the cumulative gap, not a sum of per-period gaps.
#[test]
fn item2_total_shortfall_is_cumulative() {
    let mut wp = hand_case();
    wp.entries.push(entry("D", 10.0, 1.0, 0));
    let r = assess(&wp, &[], day("2026-11-22"));
    // Per period: 28 of 22 (surplus 6), 0 of 18, 5 of 14: per-period gaps 0 + 18 + 9 = 27.
    // Cumulative: 54 − (28 + 0 + 5) = 21.
    close(r.ambition.gap_persons, 21.0);
    let amb = r
        .knelpunten
        .iter()
        .flat_map(|c| c.items.iter())
        .find(|i| i.key == "ambition")
        .unwrap();
    assert!(
        amb.text.nl().contains("33 van de 54 personen")
            && amb.text.nl().contains("21 personen tekort"),
        "{}",
        amb.text
    );
    close(amb.blocked_persons, 21.0);
}

/// Issue 17 item 3: a period already past gets nothing new; what is planned
/// there moves to the first period still open.
#[test]
fn item3_a_past_period_gets_nothing_new() {
    let wp = hand_case();
    let r = assess(&wp, &[], day("2027-08-01"));
    // Planned 18 in 2e helft 2026; on 01-08-2027 only 2e helft 2027 is open.
    close(r.periods[0].planned_persons, 18.0);
    close(r.periods[0].feasible_persons, 0.0);
    close(r.periods[2].feasible_persons, 23.0);
    assert_eq!(r.sites[0].feasible_label, "2e helft 2027");
    assert!(r.sites[0]
        .knelpunten
        .iter()
        .any(|k| k.key == "period_past" && k.text.nl().contains("haalbaar in 2e helft 2027")));
    assert_eq!(r.reference_date, "01-08-2027");
}

/// Issue 17 item 4: the taakstelling and backlog are judged too; the 20 % base is a setting.
#[test]
fn item4_taakstelling_and_backlog_are_judged_and_the_base_is_visible() {
    let mut wp = hand_case();
    wp.entries.push(entry("D", 40.0, 1.0, 0));
    let r = assess(&wp, &[], day("2026-11-22"));
    // The ambition is reached, but 270 − 63 − 20 = 187 persons stay without a home.
    assert!(r.reaches_ambition);
    close(r.taakstelling.unhoused_persons, 187.0);
    assert!(!r.taakstelling.cleared);
    assert_eq!(
        r.taakstelling.verdict,
        "Taakstelling en achterstand niet gehaald: na 3 periodes nog 187 van de 270 personen zonder woning."
    );
    // Without the backlog in the base: 20 % of 240 = 48.
    wp.ambition_includes_backlog = false;
    let r = assess(&wp, &[], day("2026-11-22"));
    close(r.ambition.ambition_persons, 48.0);
    assert!(r
        .ambition_text
        .nl()
        .contains("taakstelling zonder achterstand"));
}

/// Issue 17 item 5: persons per unit per entry; whole homes and persons.
#[test]
fn item5_persons_and_homes_per_housing_form() {
    let mut wp = hand_case();
    // 48 family homes of 3 persons, 40 % for statushouders: 19,2 → 19 homes, 57 persons.
    let mut fam = entry("F", 48.0, 0.4, 1);
    fam.persons_per_unit = Some(3.0);
    // 12 woonplekken (woningdelen, no site), all for statushouders: 12 places, 12 persons.
    let mut shared = entry("", 12.0, 1.0, 1);
    shared.form = HousingForm::Woningdelen;
    wp.entries = vec![fam, shared];
    wp.validate().unwrap();
    let r = assess(&wp, &[], day("2026-11-22"));
    let (f, w) = (&r.sites[0], &r.sites[1]);
    close(f.units_statushouders, 19.0);
    close(f.persons_statushouders, 57.0);
    assert_eq!(f.unit_word, "woningen");
    close(w.persons_statushouders, 12.0);
    assert_eq!(w.unit_word, "woonplekken");
    close(r.periods[1].planned_persons, 69.0);
    // A nonsense number of persons is refused in Dutch.
    wp.entries[0].persons_per_unit = Some(0.0);
    let refused = wp.validate().unwrap_err();
    assert!(refused.contains("personen per woning"), "{refused}");
    // Issue 31 item 10: the range offered excludes the 0 it refuses.
    assert!(refused.contains("groter dan 0"), "{refused}");
}

/// Issue 17 item 8: forms without a site; their own business case.
#[test]
fn item8_forms_without_a_site_get_their_own_case() {
    let mut wp = hand_case();
    let mut shared = entry("", 12.0, 1.0, 1);
    shared.form = HousingForm::Woningdelen;
    let mut split = entry("", 4.0, 0.5, 2);
    split.form = HousingForm::Woningsplitsing;
    wp.entries = vec![shared, split];
    let r = assess(&wp, &[], day("2026-11-22"));
    let keys: Vec<&str> = r.sites[0]
        .knelpunten
        .iter()
        .map(|k| k.key.as_str())
        .collect();
    assert!(
        !keys.contains(&"site_missing") && !keys.contains(&"no_site"),
        "{keys:?}"
    );
    assert_eq!(r.sites[0].label, "Woningdelen (zonder locatie)");
    // Woningdelen: € 5.000 per place, no RTHF (not self-contained), no SFT.
    let b = &r.sites[0].business;
    close(b.investment_eur, 60_000.0);
    assert!(!b.schemes.iter().find(|s| s.key == "sft").unwrap().fits);
    assert!(b.schemes.iter().find(|s| s.key == "dfr").unwrap().fits);
    // Woningsplitsing fits SFT in form; its defaults are marked as assumptions.
    let sft = r.sites[1]
        .business
        .schemes
        .iter()
        .find(|s| s.key == "sft")
        .unwrap();
    assert!(
        !sft.reasons.iter().any(|x| x.nl().contains("alleen voor")),
        "{:?}",
        sft.reasons
    );
    assert!(r.assumptions.iter().any(|a| a.kind == "NO SOURCE"
        && a.sites
            .contains(&"Woningsplitsing (zonder locatie)".to_string())));
    // A flex line without a site says it still needs one.
    let mut wp = hand_case();
    wp.entries = vec![entry("", 10.0, 0.5, 0)];
    let r = assess(&wp, &[], day("2026-11-22"));
    assert!(r.sites[0].knelpunten.iter().any(|k| k.key == "no_site"));
    // The TOML a municipality writes names the forms as the note does.
    let e: Entry = toml::from_str("form = \"woningsplitsing\"\nhomes = 2").unwrap();
    assert_eq!(e.form, HousingForm::Woningsplitsing);
}

#[test]
fn invalid_input_is_refused_in_dutch() {
    let mut wp = hand_case();
    wp.entries[0].mix.push(GroupShare {
        group: "spoedzoekers".into(),
        share: 0.4,
    });
    let e = wp.validate().unwrap_err();
    assert!(e.contains("120 %"), "{e}");
    let mut wp = hand_case();
    wp.entries[1].period = 3;
    assert!(wp
        .validate()
        .unwrap_err()
        .contains("period = 3 bestaat niet"));
    let mut wp = hand_case();
    wp.cooperation_persons = -1.0;
    assert!(wp.validate().unwrap_err().contains("samenwerking"));
}

fn sample_dataset() -> Dataset {
    let map = FieldMap::default();
    let load = |f: &str, kind| {
        let p = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
            .join("data/sample")
            .join(f);
        import_file(&p, ImportOptions::new(kind, &map)).unwrap()
    };
    Dataset {
        parcels: Some(load("percelen.geojson", LayerKind::Parcels)),
        buildings: Some(load("panden.geojson", LayerKind::Buildings)),
        ..Dataset::default()
    }
}

const QUEUE_2028: &str = "NL.IMKAD.KadastraalObject.VBS00C003770000"; // 19,6 years, queue until 2028
const MUNICIPAL: &str = "NL.IMKAD.KadastraalObject.VBS00A000010000"; // gemeente, open end, available
const SHORT: &str = "NL.IMKAD.KadastraalObject.VBS00A000120000"; // 3 years
const OFFICE: &str = "0999100000000098"; // kantoor, no grid data, term unknown

#[test]
fn knelpunten_are_derived_from_the_sample_data_and_editable() {
    let ds = sample_dataset();
    let saved = Default::default();
    let flex = scoring_for(&ds, "flex", &saved, day("2026-11-22")).unwrap();
    let transf = scoring_for(&ds, "transformatie", &saved, day("2026-11-22")).unwrap();
    let mut wp = hand_case();
    let site = |id: &str, homes, share, period| Entry {
        site_id: id.into(),
        name: String::new(),
        ..entry("", homes, share, period)
    };
    let mut e1 = site(QUEUE_2028, 60.0, 0.4, 1); // delivered by June 2027, before the queue ends
    e1.dismissed = vec![];
    let e2 = site(MUNICIPAL, 97.0, 0.5, 0); // the site's estimate, entered
    let e3 = site(SHORT, 20.0, 0.3, 0);
    let mut e4 = site(OFFICE, 30.0, 0.3, 2);
    e4.profile = "transformatie".into();
    e4.form = HousingForm::Transformatie;
    e4.dismissed = vec!["grid_unknown".into()];
    e4.added = vec![Knelpunt {
        category: KnelpuntCategory::Procedures,
        key: "eigen".into(),
        text: "bestemmingsplan staat wonen niet toe".into(),
        derived: true,
    }];
    // A costly site: the gap is shown and SFT closes part of it.
    let mut e5 = site("NL.IMKAD.KadastraalObject.VBS00G011850000", 20.0, 0.5, 0);
    e5.business = Some(BusinessParams {
        investment_per_home_eur: 200_000.0,
        term_years: 15.0,
        share_statushouders: 0.5,
        ..BusinessParams::default()
    });
    let missing = site("NL.IMKAD.KadastraalObject.BESTAATNIET", 10.0, 0.3, 0);
    wp.entries = vec![e1, e2, e3, e4, e5, missing];
    let flags = vec![];
    let ex = assemble(&ds, None, &[&flex, &transf], &flags, &wp, day("2026-11-22"));
    let r = &ex.report;
    let keys = |k: usize| -> Vec<&str> {
        r.sites[k]
            .knelpunten
            .iter()
            .map(|kp| kp.key.as_str())
            .collect()
    };

    // Queue until 2028, delivered 1e helft 2027: capacity. The site is free for
    // 19,6 years, but the homes stand there 15,0 years (term 15, one relocation):
    // not longer than the 15 a temporary permit allows (issue 31 item 4).
    assert!(keys(0).contains(&"grid_queue"), "{:?}", keys(0));
    assert!(!keys(0).contains(&"permit_term"), "{:?}", keys(0));
    let q = r.sites[0]
        .knelpunten
        .iter()
        .find(|k| k.key == "grid_queue")
        .unwrap();
    assert_eq!(q.category, KnelpuntCategory::Capaciteit);
    assert!(
        q.text.nl().contains("tot 2028") && q.text.nl().contains("1e helft 2027"),
        "{}",
        q.text
    );
    // Available from 1 December 2027, planned for the first half of 2027: too late.
    let late = r.sites[0]
        .knelpunten
        .iter()
        .find(|k| k.key == "available_late")
        .unwrap();
    assert_eq!(late.category, KnelpuntCategory::Locaties);
    assert_eq!(
        late.text,
        "pas beschikbaar vanaf 01-12-2027; met 0 maanden doorlooptijd oplevering niet vóór 01-12-2027, na de geplande oplevering (1e helft 2027): niet haalbaar vóór het einde van 2e helft 2027"
    );
    // Issue 31 item 3: the grid (1 January 2028) binds, not the availability
    // (1 December 2027): the 24 persons are the grid's, once.
    assert_eq!(r.sites[0].cause.as_deref(), Some("grid_queue"));
    assert!(
        !r.obstacles.iter().any(|o| o.key == "available_late"),
        "{:?}",
        r.obstacles
    );
    // Issue 17 item 3: planned, but not deliverable within the periods (available
    // 01-12-2027 and the grid in 2028): it counts as gepland, not as haalbaar.
    assert_eq!(r.sites[0].feasible_period, None);
    assert_eq!(r.sites[0].feasible_label, "niet binnen de periodes");
    close(r.periods[1].planned_persons, 24.0 + 0.0);
    close(r.periods[1].feasible_persons, 0.0);
    // The ambition is met (54 of 270; 49 + 6 + 9 + 10 feasible): what keeps homes out
    // is a risk, not an obstacle, and holds back nothing of a shortfall (issue 31 item 3).
    assert!(r.reaches_ambition);
    assert!(r.obstacles.is_empty(), "{:?}", r.obstacles);
    let first = &r.risks[0];
    assert_eq!(first.key, "grid_queue", "{:?}", r.risks);
    let grid = r.risks.iter().find(|o| o.key == "grid_queue").unwrap();
    close(grid.late_persons, 24.0);
    close(grid.blocked_persons, 0.0);
    // The unknown site counts nothing (item 7): no homes, no persons, no money.
    assert!(!r.risks.iter().any(|o| o.key == "site_missing"));
    close(r.sites[5].units, 0.0);
    close(r.sites[5].persons_statushouders, 0.0);
    close(r.sites[5].business.investment_eur, 0.0);
    assert!(
        r.ambition_text.nl().contains("Risico's"),
        "{}",
        r.ambition_text
    );
    assert_eq!(
        grid.addressee,
        Some(locatiescout_engine::werkprogramma::Addressee::Netbeheerder)
    );
    assert!(r
        .risks
        .windows(2)
        .all(|w| w[0].late_persons >= w[1].late_persons));
    // The municipality's own parcel: no owner agreement needed.
    assert!(!keys(0).contains(&"no_owner_agreement"), "{:?}", keys(0));
    // The municipality's own parcel with an open end and a connection: nothing in the way;
    // its homes come from the site (3,2 ha × 30/ha = 97).
    assert!(keys(1).is_empty(), "{:?}", keys(1));
    assert_eq!(r.sites[1].entry.homes, 97.0);
    // Three years: exploitation, and SFT does not fit for it.
    assert!(keys(2).contains(&"term_short"), "{:?}", keys(2));
    // The office: change of use, term unknown; grid_unknown struck out, own text kept.
    assert!(
        keys(3).contains(&"change_of_use") && keys(3).contains(&"term_unknown"),
        "{:?}",
        keys(3)
    );
    assert!(!keys(3).contains(&"grid_unknown"));
    // A corporation's building without a flag: no agreement with the owner yet …
    assert!(keys(3).contains(&"no_owner_agreement"), "{:?}", keys(3));
    let own = r.sites[3]
        .knelpunten
        .iter()
        .find(|k| k.key == "eigen")
        .unwrap();
    assert!(!own.derived, "a user's knelpunt is never marked derived");
    // The costly site: a funding gap, SFT fits and is counted.
    let b = &r.sites[4].business;
    assert!(b.funding_gap_eur > 0.0);
    assert!(b.schemes[0].fits, "{:?}", b.schemes[0].reasons);
    assert!(keys(4).contains(&"funding_gap"), "{:?}", keys(4));
    // SFT since 2025: € 14.000 per home, no municipal cap: the costly site's 20 homes
    // and the office's 30 (transformation defaults € 150.000 per home leave a gap).
    // On 22-11-2026 the scheme ends within three months: still to apply for, not in hand
    // (issue 31).
    assert!((r.sft_to_apply_eur - (20.0 + 30.0) * 14_000.0).abs() < 1e-6);
    assert_eq!(r.sft_total_eur, 0.0);
    assert_eq!(r.sft_apply_by.as_deref(), Some("31-12-2026"));
    // Issue 17 item 6: the short site (3,4 years) with a relocation is not refused for its term.
    let short_sft = &r.sites[2].business.schemes[0];
    assert!(
        !short_sft.reasons.iter().any(|x| x.nl().contains("jaar")),
        "{:?}",
        short_sft.reasons
    );
    assert!(short_sft
        .remarks
        .iter()
        .any(|x| x.nl().contains("telt mee")));
    // Issue 17 item 7: the 2018 build cost shows no gap there — and the report says
    // the number is outdated, for every line that uses it.
    let inv = r
        .assumptions
        .iter()
        .find(|a| a.text.nl().starts_with("investering per woning € 63.000"))
        .unwrap();
    assert_eq!(inv.kind, "OUTDATED");
    assert!(inv.sites.contains(&r.sites[2].label), "{:?}", inv.sites);
    // A site not in the data says so instead of vanishing.
    assert!(!r.sites[5].found);
    assert_eq!(keys(5), vec!["site_missing"]);
    // Overall: one line per kind of obstacle, naming its sites.
    let cap = r
        .knelpunten
        .iter()
        .find(|c| c.category == KnelpuntCategory::Capaciteit)
        .unwrap();
    let item = cap.items.iter().find(|i| i.key == "grid_queue").unwrap();
    assert_eq!(item.sites.len(), 1);
    // … which a 'Gereserveerd' flag settles.
    let flag = locatiescout_io::project::Flag {
        id: 1,
        site_id: OFFICE.into(),
        site_kind: LayerKind::Buildings,
        status: locatiescout_io::project::FlagStatus::Gereserveerd,
        note: String::new(),
        author: "corporatie".into(),
        at: "2026-11-01T10:00:00.000Z".into(),
        origin: "local".into(),
    };
    let again = assemble(
        &ds,
        None,
        &[&flex, &transf],
        &[flag],
        &wp,
        day("2026-11-22"),
    );
    assert!(again.report.sites[3]
        .knelpunten
        .iter()
        .all(|k| k.key != "no_owner_agreement"));
    assert_eq!(
        again.report.sites[3]
            .flag
            .as_ref()
            .map(|f| f.nl())
            .as_deref(),
        Some("Gereserveerd")
    );
    // Every site with a shape has one (RD New), the missing one none.
    assert!(ex.shapes[..5].iter().all(Option::is_some));
    assert!(ex.shapes[5].is_none());
}

#[test]
fn comparison_marks_differences_and_the_best_site() {
    use locatiescout_engine::compare::{compare, CompareError};
    let ds = sample_dataset();
    let flex = scoring_for(&ds, "flex", &Default::default(), day("2026-11-22")).unwrap();
    let layer = ds.parcels.as_ref().unwrap();
    let index = |id: &str| {
        (0..layer.len())
            .find(|&i| layer.source_id(i) == Some(id))
            .unwrap() as u32
    };
    let (a, b) = (index(MUNICIPAL), index(QUEUE_2028));
    let wp = Werkprogramma::starting(day("2026-11-22"));
    let c = compare(&ds, &flex, &[a, b], &[], &wp, day("2026-11-22")).unwrap();
    assert_eq!(c.sites.len(), 2);
    let get = |label: &str| {
        c.rows
            .iter()
            .find(|r| r.label == label)
            .unwrap_or_else(|| panic!("{label}"))
    };
    // Open end beats 19,6 years; a connection beats a queue until 2028.
    let term = get("Beschikbaar");
    assert_eq!(term.values, vec!["geen einddatum bekend", "19,6 jaar"]);
    assert!(term.differs);
    assert_eq!(term.best, vec![0]);
    let grid = get("Netaansluiting");
    assert!(
        grid.values[1].nl().starts_with("wachtrij — notitie"),
        "{:?}",
        grid.values
    );
    assert_eq!(grid.best, vec![0]);
    // Same size: same homes, no difference, no best.
    let homes = get("Woningen (schatting)");
    assert_eq!(homes.values, vec!["97", "97"]);
    assert!(!homes.differs && homes.best.is_empty());
    // Every criterion appears with its weight share, and the business case is there.
    for crit in &flex.profile.criteria {
        assert!(c
            .rows
            .iter()
            .any(|r| r.group == "criteria" && r.label.nl().starts_with(&crit.label)));
    }
    assert!(c.rows.iter().any(|r| r.label == "Tekort per woning"));
    // The same comparison for an English reader: labels, values and numbers.
    let en = |t: &locatiescout_model::text::Text| t.render(locatiescout_model::text::Lang::En);
    let term_en = c.rows.iter().find(|r| r.label == "Beschikbaar").unwrap();
    assert_eq!(en(&term_en.label), "Available");
    assert_eq!(en(&term_en.values[0]), "no end date known");
    assert_eq!(en(&term_en.values[1]), "19.6 years");
    assert!(
        en(&grid.values[1]).starts_with("queue — note"),
        "{}",
        en(&grid.values[1])
    );
    assert_eq!(
        get("Bron netaansluiting").values,
        vec!["notitie bij de locatie", "notitie bij de locatie"]
    );
    // One or five sites is not a comparison.
    assert_eq!(
        compare(&ds, &flex, &[a], &[], &wp, day("2026-11-22")).unwrap_err(),
        CompareError::Count(1)
    );
    assert!(compare(&ds, &flex, &[a, b, a, b, a], &[], &wp, day("2026-11-22")).is_err());

    // Written for a corporation to hand on, and read back.
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("vergelijking.xlsx");
    locatiescout_output::compare::write(&xlsx, &c, Lang::Nl).unwrap();
    {
        use calamine::{open_workbook, Reader, Xlsx};
        let mut wb: Xlsx<_> = open_workbook(&xlsx).unwrap();
        let sheet = wb.worksheet_range("Vergelijking").unwrap();
        let cell = |r: u32, col: u32| {
            sheet
                .get_value((r, col))
                .map(|v| v.to_string())
                .unwrap_or_default()
        };
        assert!(
            cell(0, 0).starts_with("Vergelijking van 2 locaties"),
            "{}",
            cell(0, 0)
        );
        assert!(cell(2, 2).starts_with(&c.sites[0].id), "{}", cell(2, 2));
        assert!(cell(2, 3).starts_with(&c.sites[1].id), "{}", cell(2, 3));
        let row = (3..3 + c.rows.len() as u32)
            .find(|&r| cell(r, 1) == "Beschikbaar")
            .unwrap();
        assert_eq!(
            (cell(row, 2), cell(row, 3)),
            ("geen einddatum bekend".into(), "19,6 jaar".into())
        );
    }
    let csv_path = dir.path().join("vergelijking.csv");
    locatiescout_output::compare::write(&csv_path, &c, Lang::Nl).unwrap();
    let bytes = std::fs::read(&csv_path).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let mut rd = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(&bytes[3..]);
    let header: Vec<String> = rd.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header.len(), 2 + 2 + 2);
    assert_eq!(header[2], c.sites[0].id);
    let records: Vec<csv::StringRecord> = rd.records().map(|r| r.unwrap()).collect();
    assert_eq!(records.len(), c.rows.len());
    let rec = |label: &str| records.iter().find(|r| &r[1] == label).unwrap().clone();
    let term = rec("Beschikbaar");
    assert_eq!((&term[4], &term[5]), ("ja", c.sites[0].id.as_str()));
    let homes = rec("Woningen (schatting)");
    assert_eq!((&homes[2], &homes[4], &homes[5]), ("97", "nee", ""));
    // In English: the sheet, its heads and values follow the language.
    let xlsx_en = dir.path().join("comparison.xlsx");
    locatiescout_output::compare::write(&xlsx_en, &c, Lang::En).unwrap();
    {
        use calamine::{open_workbook, Reader, Xlsx};
        let mut wb: Xlsx<_> = open_workbook(&xlsx_en).unwrap();
        let sheet = wb.worksheet_range("Comparison").unwrap();
        let cell = |r: u32, col: u32| {
            sheet
                .get_value((r, col))
                .map(|v| v.to_string())
                .unwrap_or_default()
        };
        assert!(
            cell(0, 0).starts_with("Comparison of 2 sites (profile Relocatable homes on land)"),
            "{}",
            cell(0, 0)
        );
        let row = (3..3 + c.rows.len() as u32)
            .find(|&r| cell(r, 1) == "Available")
            .unwrap();
        assert_eq!(
            (cell(row, 2), cell(row, 3)),
            ("no end date known".into(), "19.6 years".into())
        );
    }
    let csv_en = dir.path().join("comparison.csv");
    locatiescout_output::compare::write(&csv_en, &c, Lang::En).unwrap();
    let en = String::from_utf8(std::fs::read(&csv_en).unwrap()).unwrap();
    assert!(
        en.contains("group;item;") && en.contains(";differs;best"),
        "{en}"
    );
    // Another format is refused and nothing is written.
    let docx = dir.path().join("vergelijking.docx");
    let e = locatiescout_output::compare::write(&docx, &c, Lang::Nl).unwrap_err();
    assert!(e.to_string().contains("kies .xlsx of .csv"), "{e}");
    assert!(!docx.exists());
    assert_eq!(
        compare(&ds, &flex, &[a, 999_999], &[], &wp, day("2026-11-22")).unwrap_err(),
        CompareError::NoSite(999_999)
    );
}

/// Issue 31: the sample werkprogramma (`data/sample/werkprogramma.toml`) on
/// 30-11-2026, every figure worked out by hand before it was run.
#[test]
fn the_sample_reconciles_by_hand() {
    let ds = sample_dataset();
    let date = day("2026-11-30");
    let flex = scoring_for(&ds, "flex", &Default::default(), date).unwrap();
    let transf = scoring_for(&ds, "transformatie", &Default::default(), date).unwrap();
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/sample/werkprogramma.toml"
    ))
    .unwrap();
    let wp = Werkprogramma::parse_file(&text, false).unwrap();
    wp.validate().unwrap();
    let r = assemble(&ds, None, &[&flex, &transf], &[], &wp, date).report;
    // Lines. Sportpark Noord: 48 × 40 % = 19,2 → 19 homes × 1,5 = 28,5 persons; free since
    // 2025, lead time 1 month (built already): 30-12-2026, in 2e helft 2026.
    // C 377: 60 × 30 % = 18; free 01-12-2027 + 9 months = 01-09-2028: not within the
    // periods, by its availability (the grid's 01-01-2028 is earlier).
    // A 12: 24 × 50 % = 12; 30-11-2026 + 9 months = 30-08-2027: 2e helft 2027 (lead time).
    // Kantoor: 40 × 30 % = 12; + 18 months = 30-05-2028: not within (lead time).
    // Woningdelen: 12 places; + 3 months = 28-02-2027: 1e helft 2027 as planned.
    // Persons 28,5 + 18 + 12 + 12 + 12 = 82,5 → 83 once, so Sportpark Noord gets 29.
    let persons: Vec<f64> = r.sites.iter().map(|s| s.persons_statushouders).collect();
    assert_eq!(persons, vec![29.0, 18.0, 12.0, 12.0, 12.0]);
    let periods: Vec<Option<usize>> = r.sites.iter().map(|s| s.feasible_period).collect();
    assert_eq!(periods, vec![Some(0), None, Some(2), None, Some(1)]);
    let causes: Vec<Option<&str>> = r.sites.iter().map(|s| s.cause.as_deref()).collect();
    assert_eq!(
        causes,
        vec![
            None,
            Some("available_late"),
            Some("lead_time"),
            Some("lead_time"),
            None
        ]
    );
    // Periods: taakstelling 160/150/140 + backlog 10 each = 170/160/150 = 480; ambition
    // 20 % = 34 + 32 + 30 = 96. Feasible 29 / 12 / 12 = 53 of 83 planned.
    let feasible: Vec<f64> = r.periods.iter().map(|p| p.feasible_persons).collect();
    assert_eq!(feasible, vec![29.0, 12.0, 12.0]);
    let ambition: Vec<f64> = r.periods.iter().map(|p| p.ambition_persons).collect();
    assert_eq!(ambition, vec![34.0, 32.0, 30.0]);
    assert_eq!(r.total.planned_persons, 83.0);
    assert_eq!(r.total.planned_units, 184.0);
    assert_eq!(r.total.feasible_units, 48.0 + 12.0 + 24.0);
    assert_eq!(
        r.ambition.verdict.nl(),
        "Ambitie van 20 % niet gehaald: 53 van de 96 personen haalbaar (55 % van de ambitie; 11 % van taakstelling en achterstand), tekort 43 personen."
    );
    // Without a home: 170 − 80 − 29 = 61, 160 − 70 − 12 = 78, 150 − 60 − 12 = 78, the
    // cooperation −10: 207 = 480 − 210 − 53 − 10.
    let balance: Vec<f64> = r.periods.iter().map(|p| p.balance_persons).collect();
    assert_eq!(balance, vec![61.0, 78.0, 78.0]);
    assert_eq!(r.total.balance_persons, 207.0);
    assert!(r.taakstelling.verdict.nl().contains("nog 207 van de 480"));
    assert_eq!(r.total.realised_persons, 45.0);
    // What holds back the 43: C 377's availability 18, too few sites 96 − 83 = 13, the
    // office's lead time 12 — each person once, together the shortfall.
    let held: Vec<(&str, f64)> = r
        .obstacles
        .iter()
        .map(|o| (o.key.as_str(), o.blocked_persons))
        .collect();
    assert_eq!(
        held,
        vec![
            ("available_late", 18.0),
            ("ambition", 13.0),
            ("lead_time", 12.0)
        ]
    );
    // Money: SFT fits the office only, 40 × € 14.000 = € 560.000, due by 31-12-2026 —
    // within three months of the peildatum, so still to apply for, not in hand.
    assert_eq!(r.sft_total_eur, 0.0);
    assert_eq!(r.sft_to_apply_eur, 560_000.0);
    assert_eq!(r.sft_apply_by.as_deref(), Some("31-12-2026"));
    assert!((r.funding_gap_total_eur - r.remaining_gap_total_eur - 560_000.0).abs() < 0.5);
    // RTHF: the municipality's 25 % of 85 % of € 63.000 per flex home, for 48 + 60 + 24
    // homes: 132 × 63.000 × 0,85 × 0,25 = € 1.767.150.
    assert!((r.rthf_contingent_total_eur - 1_767_150.0).abs() < 0.5);
    // The mix adds up to the 184 planned homes, with the homes no group was named for.
    assert_eq!(r.groups_total.values().sum::<f64>(), 184.0);
    assert_eq!(r.groups_total["Oekraïense ontheemden"], 4.0);
}
