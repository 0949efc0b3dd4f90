//! The knelpunten over all sites: each derived kind once per category with the
//! sites it applies to and the homes it keeps out of the periods, the
//! werkprogramma's own (ambition, capacity, the user's), and the most blocking
//! ones first.

use std::collections::HashMap;

use super::input::{Addressee, KnelpuntCategory, SupportAsk, Werkprogramma};
use super::report::{AmbitionCheck, CategorySummary, KnelpuntItem, PeriodResult, SiteRow};
use locatiescout_model::text::Text;

/// A site a knelpunt applies to (empty for an overall one), and the units and
/// persons for statushouders it keeps out of the periods there.
type Blocked<'s> = (&'s str, f64, f64);

/// The category summaries as knelpunten are added to them.
struct Summaries<'w> {
    wp: &'w Werkprogramma,
    categories: Vec<CategorySummary>,
    /// Where each item is: (category, key, the user's own text or "" for a
    /// derived one) → its place in the category. Looked up, not searched and
    /// rendered again per line: a werkprogramma of thousands of lines, each
    /// with its own knelpunt, stays linear.
    places: HashMap<(KnelpuntCategory, String, String), usize>,
}

impl<'w> Summaries<'w> {
    fn new(wp: &'w Werkprogramma) -> Self {
        Summaries {
            wp,
            categories: KnelpuntCategory::ALL
                .iter()
                .map(|&category| CategorySummary {
                    category,
                    label: category.dutch(),
                    items: Vec::new(),
                })
                .collect(),
            places: HashMap::new(),
        }
    }

    /// The support asked for a knelpunt: by its key, or the user's own by its text.
    fn support_ask(&self, key: &str, text: &str) -> Option<&'w SupportAsk> {
        self.wp
            .support_asks
            .iter()
            .find(|ask| ask.key == key || (key == "eigen" && ask.key == text))
    }

    /// Adds a knelpunt to its category: a derived one joins the item of its key,
    /// the user's own the item with the same text.
    fn add(
        &mut self,
        category: KnelpuntCategory,
        key: &str,
        text: Text,
        blocked: Option<Blocked<'_>>,
        derived: bool,
    ) {
        let dutch = text.nl();
        let ask = self.support_ask(key, &dutch);
        let Some(summary) = self
            .categories
            .iter_mut()
            .find(|summary| summary.category == category)
        else {
            return;
        };
        let place = (
            category,
            key.to_string(),
            if derived {
                String::new()
            } else {
                dutch.clone()
            },
        );
        let index = match self.places.get(&place) {
            Some(&index) => index,
            None => {
                // Found later by key (a derived one) and by key and text (the
                // user's own), whichever kind made it: the first item wins.
                let new = summary.items.len();
                for words in [String::new(), dutch] {
                    self.places
                        .entry((category, key.to_string(), words))
                        .or_insert(new);
                }
                summary.items.push(KnelpuntItem {
                    key: key.into(),
                    addressee: ask
                        .map(|ask| ask.addressee)
                        .or_else(|| Addressee::default_for(key)),
                    ask: ask.map(|ask| ask.ask.clone()).unwrap_or_default(),
                    text,
                    sites: Vec::new(),
                    derived,
                    blocked_persons: 0.0,
                    late_persons: 0.0,
                    late_units: 0.0,
                    late_sites: Vec::new(),
                });
                new
            }
        };
        let item = &mut summary.items[index];
        if let Some((site, units, persons)) = blocked {
            // An overall knelpunt that blocks persons has no site to name.
            if !site.is_empty() {
                item.sites.push(site.to_string());
            }
            item.late_units += units;
            item.late_persons += persons;
            if persons > 0.0 && !site.is_empty() {
                item.late_sites.push(site.to_string());
            }
        }
    }
}

/// Overall knelpunten: each derived kind once with its sites, then the
/// werkprogramma's own and the user's.
pub(super) fn knelpunt_summaries(
    wp: &Werkprogramma,
    sites: &[SiteRow],
    total: &PeriodResult,
    ambition: &AmbitionCheck,
) -> Vec<CategorySummary> {
    let mut summaries = Summaries::new(wp);
    for row in sites {
        // What a knelpunt keeps out: the entry's homes for statushouders when
        // they do not arrive within the periods, under the one binding cause.
        let lost = row.feasible_period.is_none();
        for knelpunt in &row.knelpunten {
            let text = if knelpunt.derived {
                overall(&knelpunt.key).unwrap_or_else(|| knelpunt.text.clone())
            } else {
                knelpunt.text.clone()
            };
            let blocks =
                lost && knelpunt.derived && row.cause.as_deref() == Some(knelpunt.key.as_str());
            let (units, persons) = if blocks {
                (row.units_statushouders, row.persons_statushouders)
            } else {
                (0.0, 0.0)
            };
            summaries.add(
                knelpunt.category,
                &knelpunt.key,
                text,
                Some((&row.label, units, persons)),
                knelpunt.derived,
            );
        }
    }
    let shortfall_planned = (ambition.ambition_persons - total.planned_persons).max(0.0);
    if ambition.base_persons > 0.0
        && shortfall_planned > 0.0
        && !wp.dismissed.iter().any(|key| key == "ambition")
    {
        summaries.add(
            KnelpuntCategory::Locaties,
            "ambition",
            Text::new("kp.ambition")
                .num("planned", total.planned_persons, 0)
                .num("ambition", ambition.ambition_persons, 0)
                .num("short", shortfall_planned, 0),
            Some(("", 0.0, shortfall_planned)),
            true,
        );
    }
    if !wp.entries.is_empty()
        && wp.capacity.trim().is_empty()
        && !wp.dismissed.iter().any(|key| key == "capacity")
    {
        summaries.add(
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
    for knelpunt in &wp.added {
        summaries.add(
            knelpunt.category,
            "eigen",
            knelpunt.text.clone(),
            None,
            false,
        );
    }
    share_out_shortfall(&mut summaries.categories, ambition.gap_persons);
    summaries.categories
}

/// Shares the ambition's shortfall out over the knelpunten that keep persons
/// out of the periods, most first, each at most what it keeps out: together
/// they never hold back more than the shortfall, and one that is not needed
/// to explain it holds back nothing.
pub(super) fn share_out_shortfall(summaries: &mut [CategorySummary], shortfall: f64) {
    let mut order: Vec<(usize, usize)> = summaries
        .iter()
        .enumerate()
        .flat_map(|(c, summary)| (0..summary.items.len()).map(move |i| (c, i)))
        .filter(|&(c, i)| summaries[c].items[i].late_persons > 0.0)
        .collect();
    order.sort_by(|&(ca, ia), &(cb, ib)| {
        let (a, b) = (&summaries[ca].items[ia], &summaries[cb].items[ib]);
        b.late_persons
            .total_cmp(&a.late_persons)
            .then(b.late_units.total_cmp(&a.late_units))
            .then((ca, ia).cmp(&(cb, ib)))
    });
    let mut left = shortfall.max(0.0);
    for (c, i) in order {
        let item = &mut summaries[c].items[i];
        item.blocked_persons = item.late_persons.min(left);
        left -= item.blocked_persons;
    }
}

/// The knelpunten that hold back part of the shortfall (most first), and those
/// that keep persons out of the periods while the ambition is met (risks).
pub(super) fn obstacles(
    summaries: &[CategorySummary],
    reached: bool,
) -> (Vec<KnelpuntItem>, Vec<KnelpuntItem>) {
    let items = summaries.iter().flat_map(|summary| summary.items.iter());
    let mut obstacles: Vec<KnelpuntItem> = items
        .clone()
        .filter(|item| !reached && item.blocked_persons > 0.0)
        .cloned()
        .collect();
    obstacles.sort_by(|a, b| b.blocked_persons.total_cmp(&a.blocked_persons));
    let mut risks: Vec<KnelpuntItem> = items
        .filter(|item| reached && item.late_persons > 0.0)
        .cloned()
        .collect();
    risks.sort_by(|a, b| b.late_persons.total_cmp(&a.late_persons));
    (obstacles, risks)
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
