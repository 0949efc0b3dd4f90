//! The lokaal werkprogramma: which sites, how many homes, for whom and when,
//! against the taakstelling of three half-year periods and the ambition to
//! house 20 % of the statushouders in additional forms — and what stands in the
//! way (knelpunten), derived from the data and editable. What the user enters is
//! [`Werkprogramma`] (stored in the project); everything computed is
//! [`WerkprogrammaReport`], which the app shows and every export writes.
//!
//! One step a file: `defaults` (the numbers a new werkprogramma starts from),
//! `input` (what the user enters, and what the data says about a site),
//! `parse` (reading a werkprogramma file strictly), `report` (what [`assess()`]
//! computes), and the computation in `assess`: `site_row` (one entry, with
//! `feasibility` and its `knelpunten`), `periods`, `ambition`, and `overall`
//! (the knelpunten over all sites).

mod ambition;
mod assess;
mod defaults;
mod feasibility;
mod input;
mod knelpunten;
mod overall;
mod parse;
mod periods;
mod report;
mod site_row;
mod whole;

pub use ambition::percent_text;
pub use assess::assess;
pub use defaults::WerkprogrammaDefaults;
pub use input::{
    entry_params, too_large_file, Addressee, Entry, EntryFacts, GroupShare, Knelpunt,
    KnelpuntCategory, PeriodInput, SupportAsk, Werkprogramma, MAX_DISMISSED, MAX_ENTRIES,
    MAX_FILE_BYTES, MAX_GROUPS_PER_ENTRY, MAX_OWN_KNELPUNTEN, MAX_OWN_KNELPUNTEN_PER_ENTRY,
    MAX_PERIODS, MAX_SUPPORT_ASKS,
};
pub(crate) use overall::overall_text;
pub use report::{
    AmbitionCheck, AssumptionNote, CategorySummary, KnelpuntItem, PeriodResult, SiteRow,
    TaakstellingCheck, WerkprogrammaReport, UNASSIGNED,
};
