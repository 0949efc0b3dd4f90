//! The grid-note rules on realistic phrasings: what planners, RVB staff and grid
//! operators write, with typos, capitals, negations, years in several forms and
//! empty notes. Each row: note → status, expected year, operator.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use locatiescout_engine::grid_connection::{read_note, GridRules, GridStatus};

const B: &str = "beschikbaar";
const L: &str = "beperkt";
const Q: &str = "wachtrij";
const U: &str = "onbekend";
const R: &str = "aangevraagd";

#[rustfmt::skip]
const CASES: &[(&str, &str, Option<i32>, Option<&str>)] = &[
    // available
    ("aansluiting aanwezig", B, None, None),
    ("Aansluiting aanwezig (3x80A)", B, None, None),
    ("grootverbruik aansluiting 1,5 MVA aanwezig", B, None, None),
    ("AANSLUITING AANWEZIG", B, None, None),
    ("transportcapaciteit beschikbaar", B, None, None),
    ("voldoende capaciteit op het net", B, None, None),
    ("geen beperkingen", B, None, None),
    ("Geen congestie bekend bij Enexis", B, None, Some("Enexis")),
    ("geen netcongestie", B, None, None),
    ("geen wachtrij", B, None, None),
    ("niet beperkt", B, None, None),
    ("Groen", B, None, None),
    ("groen", B, None, None),
    ("transparant op de capaciteitskaart", B, None, None),
    ("aangesloten op het net", B, None, None),
    ("aansluiting mogelijk volgens Liander", B, None, Some("Liander")),
    ("aanwezg", B, None, None), // typo
    ("beschikbar", B, None, None), // typo
    ("geen knelpunten", B, None, None),
    ("net niet vol", B, None, None),
    // limited
    ("transportcapaciteit beperkt tot 2028, alleen afname", L, Some(2028), None),
    ("beperkte capaciteit", L, None, None),
    ("Beperkt", L, None, None),
    ("Oranje", L, None, None),
    ("geel: schaarste verwacht", L, None, None),
    ("schaars, medio 2028 opgelost", L, Some(2028), None),
    ("alleen invoeding mogelijk", L, None, None),
    ("congestiemanagement van toepassing (TenneT)", L, None, Some("TenneT")),
    ("non-firm contract mogelijk", L, None, None),
    ("capaciteit deels beschikbaar", L, None, None),
    ("aansluiting onder voorwaarden", L, None, None),
    ("beprekt tot 2027", L, Some(2027), None), // typo
    ("krap, Stedin verwacht uitbreiding eind 2027", L, Some(2027), Some("Stedin")),
    ("dreigende congestie", L, None, None),
    ("flexibel contract via Westland Infra", L, None, Some("Westland Infra")),
    // queue / no capacity
    ("geen transportcapaciteit tot 2029", Q, Some(2029), None),
    ("Geen transportcapaciteit tot 2031,0", Q, Some(2031), None),
    ("geen capaciteit tot 2029", Q, Some(2029), None),
    ("wachtrij netbeheerder", Q, None, None),
    ("netcongestie: wachtrij Stedin, verwachte realisatie Q3 2030", Q, Some(2030), Some("Stedin")),
    ("WACHTRIJ", Q, None, None),
    ("wachtrj", Q, None, None), // typo
    ("wachtrij liander", Q, None, Some("Liander")),
    ("congestie", Q, None, None),
    ("netcongestie na 2030", Q, Some(2031), None),
    ("niet beschikbaar", Q, None, None),
    ("transportcapaciteit niet beschikbaar tot 2032", Q, Some(2032), None),
    ("capaciteit beschikbaar vanaf 2029", Q, Some(2029), None),
    ("pas beschikbaar in 2030", Q, Some(2030), None),
    ("Rood", Q, None, None),
    ("code rood (Enexis)", Q, None, Some("Enexis")),
    ("net vol", Q, None, None),
    ("het net is vol tot medio 2028", Q, Some(2028), None),
    ("onvoldoende capaciteit", Q, None, None),
    ("capaciteit onvoldoende", Q, None, None),
    ("aanvraag afgewezen door Coteq", Q, None, Some("Coteq")),
    ("aansluiting niet mogelijk voor 2030", Q, Some(2030), None),
    ("geen aansluiting mogelijk", Q, None, None),
    ("op de wachtlijst bij Rendo, Q1 2029", Q, Some(2029), Some("Rendo")),
    ("congesite", Q, None, None), // typo
    ("geen ruimte op het net tot 2033", Q, Some(2033), None),
    ("transportschaarste TenneT", Q, None, Some("TenneT")),
    // unknown
    ("onbekend", U, None, None),
    ("", U, None, None),
    ("   ", U, None, None),
    ("n.v.t.", U, None, None),
    ("nvt", U, None, None),
    ("nog navragen bij Enexis", U, None, Some("Enexis")),
    // A request keeps the year it names (issue 17).
    ("aanvraag ingediend bij Liander (2026)", R, Some(2026), Some("Liander")),
    ("geen aansluiting", U, None, None),
    ("offerte aangevraagd", R, None, None),
    ("zie toelichting", U, None, None),
    ("blabla", U, None, None),
    ("2029", U, None, None),
];

#[test]
fn reads_the_notes_planners_write() {
    assert!(CASES.len() >= 60, "{} cases", CASES.len());
    let mut wrong = Vec::new();
    for (note, status, year, operator) in CASES {
        let r = read_note(note);
        let got = (r.status.dutch(), r.status.year(), r.operator.as_deref());
        if got != (*status, *year, *operator) {
            wrong.push(format!(
                "{note:?}: {got:?} (phrase {:?}), want {:?}",
                r.phrase,
                (status, year, operator)
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn says_which_phrase_decided() {
    let r = read_note("Aansluiting aanwezig, maar geen transportcapaciteit tot 2029 (Stedin)");
    assert_eq!(
        r.status,
        GridStatus::Queue {
            until_year: Some(2029)
        }
    );
    assert_eq!(r.phrase.as_deref(), Some("geen transportcapaciteit"));
    // As written in the note, typo included.
    assert_eq!(read_note("Wachtrj").phrase.as_deref(), Some("Wachtrj"));
    assert_eq!(read_note("leeg").phrase, None);
}

#[test]
fn the_shipped_rules_parse_and_a_broken_file_is_refused() {
    let text = std::fs::read_to_string(concat!(
        concat!(env!("CARGO_MANIFEST_DIR"), "/../.."),
        "/data/grid_rules.toml"
    ))
    .unwrap();
    GridRules::parse(&text, "data/grid_rules.toml").unwrap();
    let e = GridRules::parse(
        "[[rules]]\nstatus = \"misschien\"\nphrases = [\"x\"]\n[operators]\n",
        "mijn.toml",
    )
    .err()
    .unwrap();
    assert!(e.to_string().contains("mijn.toml"), "{e}");
    // A custom rule set is used as given.
    let r = GridRules::parse(
        "[[rules]]\nstatus = \"wachtrij\"\nphrases = [\"stop\"]\n[operators]\n",
        "x",
    )
    .unwrap();
    assert_eq!(
        r.read("stop").status,
        GridStatus::Queue { until_year: None }
    );
}
