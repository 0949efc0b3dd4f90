//! The sample project a first start opens: every criterion of every default
//! profile has its layer and a value for every site, so a newcomer sees each
//! criterion at work and none "niet beoordeeld".

use std::path::Path;

use locatiescout_application::{project, Session};

#[test]
fn the_sample_project_scores_every_criterion_of_every_profile_for_every_site() {
    let dir = tempfile::tempdir().unwrap();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/sample");
    for profile in ["flex", "transformatie"] {
        // The first pass makes the project, the second opens the one made.
        let p = project::sample_project(dir.path(), &sample).unwrap();
        let s = Session::open(p, Some(profile)).unwrap();
        let spatial = &s.scoring.spatial;
        assert!(
            spatial.problems.is_empty(),
            "{profile}: {:?}",
            spatial.problems
        );
        for (ci, c) in s.scoring.profile.criteria.iter().enumerate() {
            assert!(spatial.scored(ci), "{profile}: '{}' not scored", c.key);
            if let Some(col) = spatial.column(ci) {
                let unknown = col.values.iter().filter(|v| v.value.is_nan()).count();
                assert_eq!(
                    unknown, 0,
                    "{profile}: '{}' unknown for {unknown} sites",
                    c.key
                );
                assert_eq!(
                    col.values.len(),
                    s.scoring.scores.len(),
                    "{profile}: '{}'",
                    c.key
                );
            }
        }
    }
}

/// The sample's bestemmingsplan carries IMRO main groups; an English reader
/// reads them in English ("zoning: office"), a Dutch one as the plan has them.
#[test]
fn imro_zoning_values_read_in_the_readers_language() {
    use locatiescout_application::model::text::Lang;
    let dir = tempfile::tempdir().unwrap();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/sample");
    let p = project::sample_project(dir.path(), &sample).unwrap();
    let s = Session::open(p, Some("flex")).unwrap();
    let (mut nl, mut en) = (Vec::new(), Vec::new());
    for i in 0..s.scoring.scores.len() {
        let d = s.scoring.detail(&s.ds, i).unwrap();
        if let Some(f) = d.spatial.iter().find(|f| f.key == "zoning") {
            nl.push(f.text.render(Lang::Nl));
            en.push(f.text.render(Lang::En));
        }
    }
    assert!(
        nl.iter().any(|t| t.starts_with("bestemming: agrarisch (")),
        "{nl:?}"
    );
    assert!(
        en.iter().any(|t| t.starts_with("zoning: agricultural (")),
        "{en:?}"
    );
    assert!(en
        .iter()
        .all(|t| !t.contains("agrarisch") && !t.contains("kantoor")));
}
