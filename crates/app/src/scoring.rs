//! Scoring as both front ends ask for it: weights set by criterion key, the
//! stability check's setting, and where a layer of each kind goes in a dataset.

use locatiescout_engine::dataset::Dataset;
use locatiescout_engine::profile::Profile;
use locatiescout_engine::score::{ScoreError, Scoring, Sensitivity};
use locatiescout_model::layer::{Layer, LayerKind};

use crate::access::SessionAccess;
use crate::AppError;

/// How many top sites the stability check looks at in the app, and by how much
/// each weight moves (±20 %) in the app and on the command line alike.
pub const SENSITIVITY_TOP: usize = 10;
pub const SENSITIVITY_SHIFT: f64 = 0.2;

/// Sets weights by criterion key, then rescores once. An unknown key is refused
/// naming the criteria there are.
pub fn set_weights<'k>(
    scoring: &mut Scoring,
    weights: impl IntoIterator<Item = (&'k str, f64)>,
) -> Result<(), ScoreError> {
    for (key, weight) in weights {
        scoring.set_weight(key, weight)?;
    }
    scoring.rescore();
    Ok(())
}

/// Where the layer of `kind` is kept: in the dataset, or (an unnamed overlay)
/// as the municipal outline beside it, drawn only.
pub fn slot<'a>(
    ds: &'a mut Dataset,
    outline: &'a mut Option<Layer>,
    kind: LayerKind,
) -> &'a mut Option<Layer> {
    match kind {
        LayerKind::Parcels => &mut ds.parcels,
        LayerKind::Buildings => &mut ds.buildings,
        LayerKind::Listings => &mut ds.listings,
        LayerKind::Units => &mut ds.units,
        LayerKind::Overlay => outline,
        LayerKind::Congestion => &mut ds.congestion,
    }
}

/// The app's stability check of the top sites, with the profile it ran on. What
/// it needs is copied under the session and computed after: on 5 M sites this
/// takes seconds, and the map's tiles need the session meanwhile.
pub fn stability(access: &impl SessionAccess) -> Result<(Sensitivity, Profile), AppError> {
    let (input, profile) = access.with_session(|s| {
        Ok((
            s.scoring.sensitivity_input().into_owned(),
            s.scoring.profile.clone(),
        ))
    })?;
    Ok((input.run(SENSITIVITY_TOP, SENSITIVITY_SHIFT), profile))
}
