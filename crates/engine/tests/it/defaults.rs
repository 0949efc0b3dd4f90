//! An installation's defaults folder (what the app points `defaults::use_dir` at:
//! the `.deb`'s `/usr/lib/Locatiescout/defaults/`) replaces the compiled-in
//! defaults file by file; a missing file falls back, and so does one that does not
//! parse — an edited file with a slip must not keep the app from starting. One test
//! function: the folder is set once per process.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use locatiescout_engine::business::BusinessParams;
use locatiescout_engine::profile::Profile;
use locatiescout_model::defaults;
use locatiescout_model::Field;
use locatiescout_model::FieldMap;

#[test]
fn an_installation_s_files_replace_the_built_in_defaults_and_broken_ones_fall_back() {
    let repo = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("data");
    let builtin_flex = Profile::load("flex").unwrap();
    let builtin_transformatie = Profile::load("transformatie").unwrap();
    assert!(builtin_flex
        .criteria
        .iter()
        .any(|c| c.key == "size" && c.weight == 20.0));

    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("profiles")).unwrap();
    // The IT department gives size more weight in the flex profile…
    let flex = std::fs::read_to_string(repo.join("profiles/flex.toml"))
        .unwrap()
        .replacen("weight = 20.0", "weight = 45.0", 1);
    std::fs::write(dir.path().join("profiles/flex.toml"), flex).unwrap();
    // …adds its own GIS column name for the id, and breaks the transformatie profile.
    let fieldmap = std::fs::read_to_string(repo.join("fieldmap.toml"))
        .unwrap()
        .replacen("id = [", "id = [\"gemeente_object_nr\", ", 1);
    std::fs::write(dir.path().join("fieldmap.toml"), fieldmap).unwrap();
    std::fs::write(
        dir.path().join("profiles/transformatie.toml"),
        "key = \"transformatie\"\nweight = \"zwaar\"",
    )
    .unwrap();
    // The business-case defaults are not there: the compiled-in ones stay.
    defaults::use_dir(dir.path());
    assert_eq!(defaults::dir(), Some(dir.path()));

    let flex = Profile::load("flex").unwrap();
    let size = flex.criteria.iter().find(|c| c.key == "size").unwrap();
    assert_eq!(size.weight, 45.0);
    assert_eq!(
        FieldMap::default().field_for("gemeente_object_nr"),
        Some(Field::Id)
    );
    // Broken file: the built-in profile, not an error.
    let t = Profile::load("transformatie").unwrap();
    assert_eq!(t.criteria.len(), builtin_transformatie.criteria.len());
    assert_eq!(
        BusinessParams::default().investment_per_home_eur,
        BusinessParams::parse(&std::fs::read_to_string(repo.join("business_case.toml")).unwrap())
            .unwrap()
            .investment_per_home_eur
    );
    // A profile given as a path is read from that path, defaults folder or not.
    let own = dir.path().join("eigen.toml");
    std::fs::write(
        &own,
        std::fs::read_to_string(repo.join("profiles/flex.toml"))
            .unwrap()
            .replacen("weight = 20.0", "weight = 10.0", 1),
    )
    .unwrap();
    let own = Profile::load(own.to_str().unwrap()).unwrap();
    assert_eq!(
        own.criteria
            .iter()
            .find(|c| c.key == "size")
            .unwrap()
            .weight,
        10.0
    );
}
