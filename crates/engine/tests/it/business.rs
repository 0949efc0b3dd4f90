//! The flex business case against cases computed by hand (figures in comments).
#![allow(clippy::unwrap_used, clippy::field_reassign_with_default)] // test code

use chrono::NaiveDate;
use locatiescout_engine::business::{business_case, BusinessParams, HousingForm};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 0.01, "{a} != {b}");
}

fn params() -> BusinessParams {
    let mut p = BusinessParams::default();
    p.investment_per_home_eur = 60_000.0;
    p.rent_per_month_eur = 500.0;
    p.vacancy_share = 0.1;
    p.operating_cost_per_home_year_eur = 1_000.0;
    p.term_years = 10.0;
    p.relocations = 1;
    p.relocation_cost_per_home_eur = 10_000.0;
    p.residual_value_share = 0.5;
    p.discount_rate = 0.0;
    p.share_statushouders = 0.3;
    p.delivery_months = 12.0;
    p
}

#[test]
fn undiscounted_case_that_pays_gets_rthf_but_no_sft() {
    // 10 homes: investment 600,000; net rent (12·500·0.9 − 1,000)·10 = 44,000 a year, 440,000
    // over 10 years; one relocation 100,000; residual 50 % = 300,000.
    // NPV before schemes = −600,000 + 440,000 − 100,000 + 300,000 = 40,000.
    // RTHF fits (rent 500 ≤ 808.06, flex, new, self-contained): fee −10,000 → 30,000.
    // No funding gap, so SFT does not fit.
    let bc = business_case(10.0, HousingForm::Flex, &params(), day("2026-11-22"));
    close(bc.investment_eur, 600_000.0);
    close(bc.net_rent_pv_eur, 440_000.0);
    close(bc.relocation_pv_eur, 100_000.0);
    close(bc.residual_pv_eur, 300_000.0);
    close(bc.npv_before_schemes_eur, 40_000.0);
    close(bc.npv_eur, 30_000.0);
    close(bc.funding_gap_eur, 0.0);
    close(bc.remaining_gap_eur, 0.0);
    let sft = &bc.schemes[0];
    let rthf = &bc.schemes[1];
    assert!(rthf.fits, "{:?}", rthf.reasons);
    close(rthf.amount_eur, -10_000.0);
    assert!(!sft.fits);
    assert_eq!(sft.amount_eur, 0.0);
    assert!(
        sft.reasons[0].contains("geen financieringstekort"),
        "{:?}",
        sft.reasons
    );
}

#[test]
fn discounted_short_transformation_with_two_relocations() {
    // 4 homes, 5 %, 2 years: investment 200,000; net rent (8,400 − 400)·4 = 32,000 a year:
    // 32,000/1.05 + 32,000/1.05² = 30,476.19 + 29,024.94 = 59,501.13.
    // Relocations at year 1 and 2, 20,000 each: 19,047.62 + 18,140.59 = 37,188.21.
    // NPV = −200,000 + 59,501.13 − 37,188.21 = −177,687.07; gap 44,421.77 per home.
    let mut p = params();
    p.investment_per_home_eur = 50_000.0;
    p.rent_per_month_eur = 700.0;
    p.vacancy_share = 0.0;
    p.operating_cost_per_home_year_eur = 400.0;
    p.term_years = 2.0;
    p.relocations = 2;
    p.relocation_cost_per_home_eur = 5_000.0;
    p.residual_value_share = 0.0;
    p.discount_rate = 0.05;
    let bc = business_case(4.0, HousingForm::Transformatie, &p, day("2026-11-22"));
    close(bc.net_rent_pv_eur, 59_501.13);
    close(bc.relocation_pv_eur, 37_188.21);
    close(bc.npv_before_schemes_eur, -177_687.07);
    close(bc.funding_gap_eur, 177_687.07);
    close(bc.funding_gap_per_home_eur, 44_421.77);
    close(bc.remaining_gap_eur, 177_687.07);
    let (sft, rthf) = (&bc.schemes[0], &bc.schemes[1]);
    assert!(!sft.fits);
    assert!(
        sft.reasons
            .iter()
            .any(|r| r == "beschikbaar 2,0 jaar, minder dan 10 jaar"),
        "{:?}",
        sft.reasons
    );
    assert!(!rthf.fits);
    assert!(
        rthf.reasons
            .iter()
            .any(|r| r.contains("alleen voor flexwoningen")),
        "{:?}",
        rthf.reasons
    );
}

#[test]
fn sft_closes_part_of_the_gap() {
    // 20 homes at 63,000 = 1,260,000; net rent (7,200 − 2,000)·20 = 104,000 a year, 1,040,000
    // over 10 years; relocation 200,000; no residual value: NPV −420,000.
    // RTHF fee −20,000 → −440,000 = the gap (22,000 per home). SFT 7,800·20 = 156,000
    // → NPV −284,000, remaining gap 14,200 per home.
    let mut p = params();
    p.investment_per_home_eur = 63_000.0;
    p.rent_per_month_eur = 600.0;
    p.vacancy_share = 0.0;
    p.operating_cost_per_home_year_eur = 2_000.0;
    p.residual_value_share = 0.0;
    let bc = business_case(20.0, HousingForm::Flex, &p, day("2026-11-22"));
    close(bc.npv_before_schemes_eur, -420_000.0);
    close(bc.funding_gap_eur, 440_000.0);
    close(bc.funding_gap_per_home_eur, 22_000.0);
    assert!(bc.schemes[0].fits, "{:?}", bc.schemes[0].reasons);
    close(bc.schemes[0].amount_eur, 156_000.0);
    close(bc.npv_eur, -284_000.0);
    close(bc.remaining_gap_per_home_eur, 14_200.0);
}

#[test]
fn part_year_and_each_sft_condition() {
    // 2.5 years undiscounted: 2 whole years plus half a year of net rent.
    let mut p = params();
    p.rent_per_month_eur = 0.0;
    p.operating_cost_per_home_year_eur = 0.0;
    p.vacancy_share = 0.0;
    p.relocations = 0;
    p.residual_value_share = 0.0;
    p.term_years = 2.5;
    p.rent_per_month_eur = 100.0; // 1,200 a year per home
    let bc = business_case(1.0, HousingForm::Flex, &p, day("2026-11-22"));
    close(bc.net_rent_pv_eur, 3_000.0);
    close(bc.relocation_pv_eur, 0.0);

    // A losing case that fails SFT on share, delivery and form.
    p.term_years = 12.0;
    p.share_statushouders = 0.2;
    p.delivery_months = 18.0;
    let bc = business_case(10.0, HousingForm::Woningdelen, &p, day("2026-11-22"));
    let r = &bc.schemes[0].reasons;
    assert!(
        r.iter()
            .any(|s| s == "20 % voor statushouders, minder dan 30 %"),
        "{r:?}"
    );
    assert!(
        r.iter().any(|s| s.starts_with("oplevering na 18 maanden")),
        "{r:?}"
    );
    assert!(
        r.iter().any(|s| s.contains("niet voor woningdelen")),
        "{r:?}"
    );
    assert!(!r.iter().any(|s| s.contains("jaar")), "{r:?}");
}

#[test]
fn sft_cap_and_rthf_conditions() {
    let mut p = params();
    p.rent_per_month_eur = 0.0;
    // 1,000 homes × 7,800 = 7.8 M, capped at 5 M per municipality.
    let bc = business_case(1000.0, HousingForm::Flex, &p, day("2026-11-22"));
    assert!(bc.schemes[0].fits);
    close(bc.schemes[0].amount_eur, 5_000_000.0);
    assert!(bc.schemes[0].reasons[0].contains("maximum van € 5.000.000"));

    p.rent_per_month_eur = 900.0;
    p.self_contained = false;
    let bc = business_case(10.0, HousingForm::Flex, &p, day("2029-01-02"));
    let r = &bc.schemes[1].reasons;
    assert!(!bc.schemes[1].fits);
    assert!(
        r.iter()
            .any(|s| s == "huur € 900,00 per maand boven de grens van € 808,06"),
        "{r:?}"
    );
    assert!(
        r.iter().any(|s| s == "alleen voor zelfstandige woningen"),
        "{r:?}"
    );
    assert!(
        r.iter().any(|s| s == "aanvragen kon tot 31-12-2028"),
        "{r:?}"
    );
    assert_eq!(bc.schemes[1].amount_eur, 0.0);
}
