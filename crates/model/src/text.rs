//! Sentences from the core in no language yet: a catalogue key and its parts
//! (numbers, names, nested sentences). A front end renders them in Dutch or
//! English with [`Text::render`]; numbers are formatted by the language there,
//! so the core never writes "3,2 ha" into a string an English reader gets.
//!
//! The catalogue below is the one place both languages of a generated sentence
//! live; a test checks that every key has the same placeholders in both. A
//! word that follows a number is written `{n|periode|periodes}`: the first form
//! when the number `n` reads 1, the second otherwise.

use std::fmt;

/// The languages Locatiescout speaks. Dutch is the default everywhere.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Nl,
    En,
}

impl Lang {
    /// `nl`/`en` (also `NL`, `en-GB`, `nederlands`, `english`).
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_lowercase();
        match s.split(['-', '_']).next().unwrap_or("") {
            "nl" | "nederlands" | "dutch" => Some(Lang::Nl),
            "en" | "engels" | "english" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }
}

/// One part of a sentence.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// A number with this many decimals: `1.234,5` in Dutch, `1,234.5` in English.
    Num(f64, usize),
    /// Shown as is in every language: an id, a year, source data (a name, a note).
    Plain(String),
    /// A name the data gives in both languages (a profile's band or criterion).
    Named { nl: String, en: String },
    /// A nested sentence, rendered in the same language.
    Text(Text),
    /// Sentences joined by a separator.
    Join(Vec<Text>, &'static str),
}

/// A sentence: a catalogue key and its named parts.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    key: &'static str,
    args: Vec<(&'static str, Arg)>,
    /// Rendered in lower case (a name inside a sentence).
    lower: bool,
}

/// Empty text.
impl Default for Text {
    fn default() -> Text {
        Text::plain("")
    }
}

/// The key of a [`Text`] that is only its one part.
const PLAIN: &str = "";

impl Text {
    pub fn new(key: &'static str) -> Text {
        Text {
            key,
            args: Vec::new(),
            lower: false,
        }
    }

    /// Text shown as is in every language (source data, a name).
    pub fn plain(s: impl Into<String>) -> Text {
        Text::new(PLAIN).with("v", Arg::Plain(s.into()))
    }

    /// A name the data gives in both languages; English falls back to Dutch.
    pub fn named(nl: impl Into<String>, en: Option<&str>) -> Text {
        let nl = nl.into();
        let en = en.map_or_else(|| nl.clone(), str::to_string);
        Text::new(PLAIN).with("v", Arg::Named { nl, en })
    }

    pub fn key(&self) -> &'static str {
        self.key
    }

    pub fn is_empty(&self) -> bool {
        self.key == PLAIN
            && self.args.iter().all(|(_, a)| match a {
                Arg::Plain(s) => s.is_empty(),
                Arg::Named { nl, .. } => nl.is_empty(),
                _ => false,
            })
    }

    /// Lower case, for a name inside a sentence ("natuur (laag … ontbreekt)").
    pub fn lowercase(mut self) -> Text {
        self.lower = true;
        self
    }

    pub fn with(mut self, name: &'static str, arg: Arg) -> Text {
        self.args.push((name, arg));
        self
    }

    pub fn num(self, name: &'static str, v: f64, decimals: usize) -> Text {
        self.with(name, Arg::Num(v, decimals))
    }

    pub fn str(self, name: &'static str, s: impl Into<String>) -> Text {
        self.with(name, Arg::Plain(s.into()))
    }

    pub fn text(self, name: &'static str, t: Text) -> Text {
        self.with(name, Arg::Text(t))
    }

    pub fn join(self, name: &'static str, parts: Vec<Text>, sep: &'static str) -> Text {
        self.with(name, Arg::Join(parts, sep))
    }

    /// The sentence in `lang`. A key missing from the catalogue shows as the key
    /// (a test keeps the catalogue complete for the keys the core uses).
    pub fn render(&self, lang: Lang) -> String {
        let template = if self.key == PLAIN {
            "{v}"
        } else {
            template(self.key, lang).unwrap_or(self.key)
        };
        let mut out = String::with_capacity(template.len() + 16);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                out.push_str(&rest[open..]);
                rest = "";
                break;
            };
            let name = &after[..close];
            match name.split_once('|') {
                // "{periods|periode|periodes}": the word for the number `periods`.
                Some((of, forms)) => match (self.plural(of, lang), forms.split_once('|')) {
                    (Some(plural), Some((one, many))) => {
                        out.push_str(if plural { many } else { one });
                    }
                    _ => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                },
                None => match self.args.iter().find(|(n, _)| *n == name) {
                    Some((_, arg)) => render_arg(arg, lang, &mut out),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                },
            }
            rest = &after[close + 1..];
        }
        out.push_str(rest);
        // An empty part ("{title} {name}" without a title) leaves no double space.
        while out.contains("  ") {
            out = out.replace("  ", " ");
        }
        if self.lower {
            out = out.to_lowercase();
        }
        out
    }

    /// Whether the number `name` reads as more (or less) than one in `lang`:
    /// "1 periode", "2 periodes", "0 periodes". `None` when `name` is no number.
    fn plural(&self, name: &str, lang: Lang) -> Option<bool> {
        self.args.iter().find_map(|(n, arg)| match arg {
            Arg::Num(v, d) if *n == name => Some(number(*v, *d, lang) != "1"),
            _ => None,
        })
    }

    /// Dutch, the language of the CLI and the exports by default.
    pub fn nl(&self) -> String {
        self.render(Lang::Nl)
    }
}

impl fmt::Display for Text {
    /// Dutch: the default language.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.nl())
    }
}

/// Serialised in Dutch, the default language (JSON for scripts, saved files).
impl serde::Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.nl())
    }
}

/// Read back as the text it was stored as (a user's own knelpunt, say): shown as
/// is in every language.
impl<'de> serde::Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        String::deserialize(d).map(Text::plain)
    }
}

/// Compared as the Dutch sentence (the language of the tests and the CLI).
impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.nl() == *other
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.nl() == other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        self.nl() == *other
    }
}

/// Dutch, for the outputs that are Dutch only (the exchange GeoPackage).
impl From<&Text> for String {
    fn from(t: &Text) -> String {
        t.nl()
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text::plain(s)
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text::plain(s)
    }
}

fn render_arg(arg: &Arg, lang: Lang, out: &mut String) {
    match arg {
        Arg::Num(v, d) => out.push_str(&number(*v, *d, lang)),
        Arg::Plain(s) => out.push_str(s),
        Arg::Named { nl, en } => out.push_str(match lang {
            Lang::Nl => nl,
            Lang::En => en,
        }),
        Arg::Text(t) => out.push_str(&t.render(lang)),
        Arg::Join(parts, sep) => {
            for (k, p) in parts.iter().enumerate() {
                if k > 0 {
                    out.push_str(sep);
                }
                out.push_str(&p.render(lang));
            }
        }
    }
}

/// Sentences rendered in `lang` and joined by `sep`.
pub fn render_all(texts: &[Text], sep: &str, lang: Lang) -> String {
    texts
        .iter()
        .map(|t| t.render(lang))
        .collect::<Vec<_>>()
        .join(sep)
}

/// A number for a reader of `lang`: `1.234,5` (Dutch) or `1,234.5` (English).
pub fn number(v: f64, decimals: usize, lang: Lang) -> String {
    let nl = crate::nl::nl_number(v, decimals);
    match lang {
        Lang::Nl => nl,
        Lang::En => nl
            .chars()
            .map(|c| match c {
                '.' => ',',
                ',' => '.',
                c => c,
            })
            .collect(),
    }
}

/// The template of `key` in `lang`.
pub fn template(key: &str, lang: Lang) -> Option<&'static str> {
    CATALOGUE
        .binary_search_by(|(k, _, _)| (*k).cmp(key))
        .ok()
        .map(|i| match lang {
            Lang::Nl => CATALOGUE[i].1,
            Lang::En => CATALOGUE[i].2,
        })
}

/// The catalogue's own `&'static` key equal to `key`, if it has one: for keys
/// made from data ("bag.kantoorfunctie", "layer.title.natura2000").
pub fn known_key(key: &str) -> Option<&'static str> {
    CATALOGUE
        .binary_search_by(|(k, _, _)| (*k).cmp(key))
        .ok()
        .map(|i| CATALOGUE[i].0)
}

/// Every template: key, Dutch, English. Sorted by key (binary search).
pub static CATALOGUE: &[(&str, &str, &str)] = &[
    ("assumption", "{label} {value}", "{label} {value}"),
    ("assumption.no_source", "geen bron: een aanname om mee te beginnen", "no source: an assumption to start with"),
    ("assumption.optimistic", "gunstige aanname: de bron geeft een bovengrens", "optimistic assumption: the source gives an upper bound"),
    ("assumption.optimistic_why", "gunstige aanname: {why}", "optimistic assumption: {why}"),
    ("assumption.outdated", "verouderde bron", "outdated source"),
    ("assumption.outdated_why", "verouderde bron: {why}", "outdated source: {why}"),
    ("bag.bijeenkomstfunctie", "bijeenkomst", "assembly"),
    ("bag.celfunctie", "cel", "detention"),
    ("bag.gebouw", "gebouw", "building"),
    ("bag.gezondheidszorgfunctie", "gezondheidszorg", "healthcare"),
    ("bag.industriefunctie", "industrie", "industry"),
    ("bag.kantoorfunctie", "kantoor", "office"),
    ("bag.logiesfunctie", "logies", "lodging"),
    ("bag.onderwijsfunctie", "onderwijs", "education"),
    ("bag.overige gebruiksfunctie", "overige gebruiksfunctie", "other use"),
    ("bag.sportfunctie", "sport", "sports"),
    ("bag.winkelfunctie", "winkel", "retail"),
    ("bag.woonfunctie", "woon", "residential"),
    ("band.knocked_out", "Valt af", "Knocked out"),
    ("cli.explanation", "toelichting", "explanation"),
    ("cli.homes", "woningen", "homes"),
    ("cli.id", "locatie", "site"),
    ("cli.rank", "rang", "rank"),
    ("cli.ranking_title", "Profiel {profile} — {n} locaties, top {top}", "Profile {profile} — {n} sites, top {top}"),
    ("cli.score", "score", "score"),
    ("cmp.best", "Beste", "Best"),
    ("cmp.differs", "Verschilt", "Differs"),
    ("cmp.group", "Groep", "Group"),
    ("cmp.item", "Onderdeel", "Item"),
    ("cmp.no", "nee", "no"),
    ("cmp.sheet", "Vergelijking", "Comparison"),
    ("cmp.title", "Vergelijking van {n} locaties (profiel {profile})", "Comparison of {n} sites (profile {profile})"),
    ("cmp.yes", "ja", "yes"),
    ("compare.area", "Oppervlakte", "Area"),
    ("compare.band", "Klasse", "Class"),
    ("compare.basis", "{homes} woningen, {years} jaar", "{homes} homes, {years} years"),
    ("compare.basis_label", "Uitgangspunt", "Basis"),
    ("compare.basis_planned", "{homes} woningen, {years} jaar (werkprogramma)", "{homes} homes, {years} years (work programme)"),
    ("compare.criterion", "{label} ({share} %)", "{label} ({share} %)"),
    ("compare.criterion_ko", "{v} (valt af)", "{v} (knocked out)"),
    ("compare.fits", "past", "fits"),
    ("compare.fits_amount", "past: {amount}", "fits: {amount}"),
    ("compare.fits_not", "past niet: {reasons}", "does not fit: {reasons}"),
    ("compare.flag", "Vlag", "Flag"),
    ("compare.flag_note", "{status} ({note})", "{status} ({note})"),
    ("compare.gap", "Tekort per woning", "Shortfall per home"),
    ("compare.gap_after", "Tekort na subsidie per woning", "Shortfall per home after subsidy"),
    ("compare.grid", "{status} — {detail}", "{status} — {detail}"),
    ("compare.grid_label", "Netaansluiting", "Grid connection"),
    ("compare.grid_source", "Bron netaansluiting", "Grid connection source"),
    ("compare.group.business", "Businesscase", "Business case"),
    ("compare.group.criteria", "Criteria", "Criteria"),
    ("compare.group.score", "Score", "Score"),
    ("compare.group.site", "Locatie", "Site"),
    ("compare.homes", "Woningen (schatting)", "Homes (estimate)"),
    ("compare.investment", "Investering", "Investment"),
    ("compare.m2", "{v} m²", "{v} m²"),
    ("compare.none", "geen", "none"),
    ("compare.npv", "NCW met regelingen", "NPV with schemes"),
    ("compare.npv_before", "NCW zonder regelingen", "NPV without schemes"),
    ("compare.owner", "Eigenaar", "Owner"),
    ("compare.score", "Score", "Score"),
    ("compare.source.area", "capaciteitskaart", "capacity map"),
    ("compare.source.note", "notitie bij de locatie", "note on the site"),
    ("compare.source.rvb", "RVB-impactanalyse", "RVB impact analysis"),
    ("compare.term", "Beschikbaar", "Available"),
    ("compare.years", "{v} jaar", "{v} years"),
    ("eur", "€ {v}", "€ {v}"),
    ("explain.band", "{band}: {body}", "{band}: {body}"),
    (
        "explain.body",
        "{what}, {term}; netaansluiting: {grid} ({detail}; indicatief){spatial}",
        "{what}, {term}; grid connection: {grid} ({detail}; indicative){spatial}",
    ),
    ("explain.body_no_grid", "{what}, {term}{spatial}", "{what}, {term}{spatial}"),
    (
        "explain.capped",
        "{band} (korter dan {years} jaar beschikbaar, dus niet {top}): {body}",
        "{band} (available for less than {years} years, so not {top}): {body}",
    ),
    ("explain.knocked_out", "Valt af ({reasons}): {body}", "Knocked out ({reasons}): {body}"),
    ("explain.not_scored", "; niet beoordeeld: {what}", "; not assessed: {what}"),
    ("explain.not_scored_item", "{label} ({why})", "{label} ({why})"),
    ("explain.spatial", "; {fact}", "; {fact}"),
    ("fig.ambition_part", "Deel ambitie", "Share of ambition"),
    ("fig.boundary", "gemeentegrens", "municipal boundary"),
    ("fig.chart_title", "Statushouders per periode: deel van de ambitie, gepland en haalbaar", "Statushouders per period: share of the ambition, planned and feasible"),
    ("fig.feasible", "Haalbaar", "Feasible"),
    ("fig.map_title", "Kaart van de locaties", "Map of the sites"),
    ("fig.no_geometry", "geen locaties met een geometrie", "no sites with a geometry"),
    ("fig.planned", "Gepland", "Planned"),
    ("fig.site_legend", "locatie (nummer als in de tabellen)", "site (numbered as in the tables)"),
    ("flag.aangeboden", "Aangeboden aan gemeente", "Offered to the municipality"),
    ("flag.gereserveerd", "Gereserveerd", "Reserved"),
    ("flag.in_onderzoek", "In onderzoek", "Under study"),
    ("flag.kansrijk", "Kansrijk", "Promising"),
    ("flag.niet_geschikt", "Niet geschikt", "Not suitable"),
    ("form.flex", "Flexwoningen", "Relocatable homes"),
    ("form.microwoningen", "Microwoningen", "Micro-homes"),
    ("form.onzelfstandig", "Onzelfstandige woonruimte", "Non-self-contained housing"),
    ("form.optoppen", "Optoppen", "Adding storeys"),
    ("form.transformatie", "Transformatie", "Transformation"),
    ("form.tussenvoorziening", "Tussenvoorziening / doorstroomlocatie", "Interim facility / transit location"),
    ("form.woningdelen", "Woningdelen", "Home sharing"),
    ("form.woningsplitsing", "Woningsplitsing", "Splitting homes"),
    ("grid.area", "capaciteitskaart: {colour}{queue}{solved}{managed} ({where})", "capacity map: {colour}{queue}{solved}{managed} ({where})"),
    ("grid.area_at", "gebied {id}", "area {id}"),
    ("grid.area_at_operator", "{operator}, gebied {id}", "{operator}, area {id}"),
    ("grid.area_managed", ", congestiemanagement", ", congestion management"),
    ("grid.area_queue", ", wachtrij {mw} MW", ", queue {mw} MW"),
    ("grid.area_solved", ", opgelost {year}", ", solved {year}"),
    ("grid.areas", "{area}; ligt in {n} gebieden, het slechtste telt", "{area}; lies in {n} areas, the worst counts"),
    ("grid.available", "beschikbaar", "available"),
    ("grid.colour.no_info", "geen informatie", "no information"),
    ("grid.colour.orange", "oranje", "orange"),
    ("grid.colour.red", "rood", "red"),
    ("grid.colour.transparent", "transparant", "transparent"),
    ("grid.colour.yellow", "geel", "yellow"),
    ("grid.kind.queue", "wachtrij", "queue"),
    ("grid.limited", "beperkt", "limited"),
    ("grid.limited_until", "beperkt tot {year}", "limited until {year}"),
    ("grid.no_data", "geen gegevens", "no data"),
    ("grid.note", "notitie: '{note}'", "note: '{note}'"),
    ("grid.queue", "wachtrij (geen jaar bekend)", "queue (no year known)"),
    ("grid.queue_until", "wachtrij tot {year}", "queue until {year}"),
    ("grid.requested", "aangevraagd", "requested"),
    ("grid.requested_expected", "aangevraagd (verwacht {year})", "requested (expected {year})"),
    ("grid.rvb", "RVB-impactanalyse: {rating}", "RVB impact analysis: {rating}"),
    ("grid.unknown", "onbekend", "unknown"),
    ("imro.agrarisch", "agrarisch", "agricultural"),
    ("imro.agrarisch met waarden", "agrarisch met waarden", "agricultural with landscape values"),
    ("imro.bedrijf", "bedrijf", "business"),
    ("imro.bedrijventerrein", "bedrijventerrein", "business park"),
    ("imro.bos", "bos", "woodland"),
    ("imro.centrum", "centrum", "town centre"),
    ("imro.cultuur en ontspanning", "cultuur en ontspanning", "culture and leisure"),
    ("imro.detailhandel", "detailhandel", "retail"),
    ("imro.dienstverlening", "dienstverlening", "services"),
    ("imro.gemengd", "gemengd", "mixed use"),
    ("imro.groen", "groen", "green space"),
    ("imro.horeca", "horeca", "hospitality"),
    ("imro.kantoor", "kantoor", "office"),
    ("imro.leiding", "leiding", "pipeline"),
    ("imro.maatschappelijk", "maatschappelijk", "community"),
    ("imro.natuur", "natuur", "nature"),
    ("imro.overig", "overig", "other"),
    ("imro.recreatie", "recreatie", "recreation"),
    ("imro.sport", "sport", "sport"),
    ("imro.tuin", "tuin", "garden"),
    ("imro.verkeer", "verkeer", "traffic"),
    ("imro.water", "water", "water"),
    ("imro.wonen", "wonen", "residential"),
    ("imro.woongebied", "woongebied", "residential area"),
    ("ko.below", "{label} onder de grens", "{label} below the threshold"),
    ("ko.disposal", "RVB: {v}", "RVB: {v}"),
    ("ko.function", "gebruiksdoel {v}", "building use {v}"),
    ("ko.grid", "netaansluiting {grid}", "grid connection {grid}"),
    ("ko.owner", "eigendom '{v}'", "ownership '{v}'"),
    ("ko.small", "te klein: ca. {homes} woningen, minimaal {min}", "too small: approx. {homes} homes, at least {min}"),
    ("ko.status", "status '{v}'", "status '{v}'"),
    ("ko.term", "beschikbaarheid", "availability"),
    ("ko.term_short", "te kort beschikbaar: {years} jaar, minimaal {min}", "available too briefly: {years} years, at least {min}"),
    ("kp.ambition", "te weinig locaties: ook als alles doorgaat zijn {planned} van de {ambition} personen van de ambitie gepland; {short} personen tekort", "too few sites: even if everything goes ahead, {planned} of the {ambition} persons of the ambition are planned; {short} persons short"),
    ("kp.available_late", "pas beschikbaar vanaf {from}; met {months} maanden doorlooptijd oplevering niet vóór {ready}, na de geplande oplevering ({period}): {when}", "only available from {from}; with a lead time of {months} months delivery not before {ready}, after the planned delivery ({period}): {when}"),
    ("kp.capacity", "uitvoeringscapaciteit niet beschreven: {units} woningen en woonplekken vragen projectleiding, investeringsruimte van corporaties, begeleiding en sociaal beheer", "delivery capacity not described: {units} homes and places need project management, investment capacity of housing corporations, support and social management"),
    ("kp.capacity_one", "uitvoeringscapaciteit niet beschreven: {units} woning of woonplek vragen projectleiding, investeringsruimte van corporaties, begeleiding en sociaal beheer", "delivery capacity not described: {units} home or place needs project management, investment capacity of housing corporations, support and social management"),
    ("kp.change_of_use", "functiewijziging van {functions} naar wonen vraagt een omgevingsvergunning", "changing the use from {functions} to housing needs an environmental permit"),
    ("kp.expected", ", verwacht {year}", ", expected {year}"),
    ("kp.expected_none", ", geen jaar bekend: navragen bij de netbeheerder", ", no year known: ask the grid operator"),
    ("kp.flag_unsuitable", "gemarkeerd als niet geschikt: telt niet mee", "marked as not suitable: does not count"),
    ("kp.funding_gap", "financieringstekort {gap} ({per} per {unit})", "funding gap {gap} ({per} per {unit})"),
    ("kp.funding_gap_after", "financieringstekort {gap} ({per} per {unit}) na subsidie", "funding gap {gap} ({per} per {unit}) after subsidy"),
    ("kp.grid_limited", "netaansluiting beperkt{until} bij de geplande oplevering ({period}); {detail}", "grid connection limited{until} at the planned delivery ({period}); {detail}"),
    ("kp.grid_queue", "netaansluiting: wachtrij{until} — na de geplande oplevering ({period}); {detail}; {when}", "grid connection: queue{until} — after the planned delivery ({period}); {detail}; {when}"),
    ("kp.grid_requested", "netaansluiting aangevraagd{expected} — {detail}; {when}", "grid connection requested{expected} — {detail}; {when}"),
    ("kp.grid_unknown", "netaansluiting onbekend: navragen bij de netbeheerder", "grid connection unknown: ask the grid operator"),
    ("kp.knockout", "valt af in de score: {reasons}; telt niet mee", "knocked out in the score: {reasons}; does not count"),
    ("kp.lead_time", "met {months} maanden doorlooptijd vanaf de peildatum ({date}) oplevering niet vóór {ready}, na de geplande oplevering ({period}): {when}", "with a lead time of {months} months from the reference date ({date}) delivery not before {ready}, after the planned delivery ({period}): {when}"),
    ("kp.no_homes", "geen aantal woningen ingevuld: de regel telt 0 (de locatie biedt volgens de schatting ruimte voor {estimate})", "no number of homes entered: the line counts 0 (the site's estimate is {estimate})"),
    ("kp.no_owner_agreement", "geen afspraak met de eigenaar ({owner}) vastgelegd: vlag 'Aangeboden aan gemeente' of 'Gereserveerd' ontbreekt", "no agreement with the owner ({owner}) recorded: the flag 'Offered to the municipality' or 'Reserved' is missing"),
    ("kp.no_site", "nog geen locatie voor {form}", "no site yet for {form}"),
    ("kp.overall.available_late", "locatie pas beschikbaar na de geplande oplevering", "site only available after the planned delivery"),
    ("kp.overall.change_of_use", "functiewijziging naar wonen vraagt een omgevingsvergunning", "a change of use to housing needs an environmental permit"),
    ("kp.overall.flag_unsuitable", "locatie gemarkeerd als niet geschikt", "site marked as not suitable"),
    ("kp.overall.funding_gap", "financieringstekort", "funding gap"),
    ("kp.overall.grid_limited", "beperkte netcapaciteit bij de geplande oplevering", "limited grid capacity at the planned delivery"),
    ("kp.overall.grid_queue", "wachtrij voor netaansluiting tot na de geplande oplevering", "queue for a grid connection until after the planned delivery"),
    ("kp.overall.grid_requested", "netaansluiting aangevraagd, verwacht na de geplande oplevering", "grid connection requested, expected after the planned delivery"),
    ("kp.overall.grid_unknown", "netaansluiting onbekend", "grid connection unknown"),
    ("kp.overall.knockout", "locatie valt af in de score", "site knocked out in the score"),
    ("kp.overall.lead_time", "doorlooptijd tot oplevering reikt voorbij de geplande periode", "lead time to delivery reaches past the planned period"),
    ("kp.overall.no_homes", "geen aantal woningen ingevuld", "no number of homes entered"),
    ("kp.overall.no_owner_agreement", "geen afspraak met de eigenaar vastgelegd", "no agreement with the owner recorded"),
    ("kp.overall.no_site", "nog geen locatie gekozen", "no site chosen yet"),
    ("kp.overall.period_past", "gepland in een periode die voorbij is", "planned in a period that has passed"),
    ("kp.overall.permit_term", "langer dan een tijdelijke omgevingsvergunning toestaat: wijziging van het omgevingsplan nodig", "longer than a temporary environmental permit allows: the omgevingsplan must be amended"),
    ("kp.overall.rvb_site", "geen afspraak met het RVB over de locatie vastgelegd", "no agreement with the RVB on the site recorded"),
    ("kp.overall.sft_late", "oplevering na het einde van de SFT (2026)", "delivery after the end of the SFT (2026)"),
    ("kp.overall.sft_not_fit", "SFT past niet", "SFT does not fit"),
    ("kp.overall.site_missing", "locatie niet gevonden in de geladen kaartlagen", "site not found in the loaded map layers"),
    ("kp.overall.term_short", "beschikbaar korter dan 10 jaar op de locatie", "available for less than 10 years on the site"),
    ("kp.overall.term_unknown", "beschikbaarheidstermijn onbekend", "availability term unknown"),
    ("kp.period_past", "gepland in {period}, een periode die voorbij is: {when}", "planned in {period}, a period that has passed: {when}"),
    ("kp.permit_term", "de woningen staan {years} jaar op deze locatie (termijn en verplaatsingen van de businesscase), langer dan de ingestelde {max} jaar voor een tijdelijke omgevingsvergunning (BOPA; zelf te toetsen): wijziging van het omgevingsplan nodig", "the homes stand on this site for {years} years (the business case's term and relocations), longer than the {max} years set for a temporary environmental permit (BOPA; to be checked locally): the omgevingsplan must be amended"),
    ("kp.sft_not_fit", "SFT past niet: {reasons}", "SFT does not fit: {reasons}"),
    ("kp.site_missing", "locatie niet gevonden in de geladen kaartlagen: gegevens controleren", "site not found in the loaded map layers: check the data"),
    ("kp.term_short", "{years} jaar beschikbaar op deze locatie, korter dan {min} jaar: te kort voor SFT en een sluitende exploitatie zonder verplaatsing", "available for {years} years on this site, less than {min} years: too short for SFT and a viable operation without relocation"),
    ("kp.term_short_moved", "{years} jaar beschikbaar op deze locatie, korter dan {min} jaar: de woningen moeten daarna verplaatst worden", "available for {years} years on this site, less than {min} years: the homes must then be relocated"),
    ("kp.term_unknown", "beschikbaarheidstermijn onbekend: afspraken met de eigenaar nodig", "availability term unknown: agreements with the owner needed"),
    ("kp.until", " tot {year}", " until {year}"),
    ("kp.until_none", " zonder bekend einde", " with no known end"),
    ("kp.when", "haalbaar in {period}", "feasible in {period}"),
    ("kp.when_not", "niet haalbaar vóór het einde van {period}", "not feasible before the end of {period}"),
    ("layer.title.bestemmingsplan", "bestemmingsplan", "zoning plan"),
    ("layer.title.buurten", "buurt", "neighbourhood"),
    ("layer.title.cdda", "beschermd natuurgebied", "protected nature area"),
    ("layer.title.cultuurhistorie", "beschermd cultuurhistorisch gebied", "protected heritage area"),
    ("layer.title.monumenten", "rijksmonument", "national monument"),
    ("layer.title.natura2000", "Natura 2000-gebied", "Natura 2000 site"),
    ("layer.title.overstroming", "overstromingsrisicogebied", "flood risk area"),
    ("layer.title.stations", "station", "station"),
    ("layer.title.voorzieningen", "voorziening", "amenity"),
    ("layer.title.wkpb", "publiekrechtelijke beperking", "public-law restriction"),
    ("months", "{v} maanden", "{v} months"),
    ("n", "{v}", "{v}"),
    ("param.discount_rate", "disconteringsvoet", "discount rate"),
    ("param.investment_per_home_eur", "investering per woning", "investment per home"),
    ("param.operating_cost_per_home_year_eur", "exploitatiekosten per woning per jaar", "operating cost per home per year"),
    ("param.relocation_cost_per_home_eur", "verplaatsingskosten per woning", "relocation cost per home"),
    ("param.rent_per_month_eur", "huur per maand", "rent per month"),
    ("param.residual_value_share", "restwaarde", "residual value"),
    ("param.start_months", "maanden tot start bouw", "months to start of construction"),
    ("param.term_years", "exploitatietermijn", "operating term"),
    ("param.vacancy_share", "leegstand", "vacancy"),
    ("pct", "{v} %", "{v} %"),
    ("pct_at_least", "≥ {v} %", "≥ {v} %"),
    ("pct_below", "< {v} %", "< {v} %"),
    ("scheme.applications_ended", "aanvragen kon tot {until}", "applications were possible until {until}"),
    ("scheme.dfr.conditional", "de Bouwstenen-notitie: de DFR is binnenkort onder voorwaarden ook te gebruiken voor {form}", "the Bouwstenen note: the DFR can soon, under conditions, be used for {form} too"),
    ("scheme.dfr.no_statushouders", "geen woningen voor statushouders", "no homes for statushouders"),
    ("scheme.dfr.remark", "geen openbare regelingstekst: bedrag navragen bij het Rijk", "no public scheme text: ask the national government for the amount"),
    ("scheme.ended", "de regeling liep tot {until}", "the scheme ran until {until}"),
    ("scheme.gg.per_home", "tot {v} per woning", "up to {v} per home"),
    ("scheme.gg.size", "{size} personen per woning, de regeling is voor gezinnen vanaf {min}", "{size} persons per home, the scheme is for families of {min} or more"),
    ("scheme.named_for", "genoemd voor {forms}, niet voor {form}", "named for {forms}, not for {form}"),
    ("scheme.no_homes", "geen woningen", "no homes"),
    ("scheme.only_for", "alleen voor {forms}, niet voor {form}", "only for {forms}, not for {form}"),
    ("scheme.rha.no_groups", "geen woningen voor aandachtsgroepen", "no homes for priority groups"),
    ("scheme.rha.only_new", "alleen voor nieuwe woonruimte ({forms}), niet voor {form}", "only for new housing ({forms}), not for {form}"),
    ("scheme.rha.remark", "aanvraag door de gemeente, per ronde", "applied for by the municipality, per round"),
    ("scheme.rha.start", "start na {months} maanden, later dan {max} maanden", "start after {months} months, later than {max} months"),
    ("scheme.rha.years", "{years} jaar voor aandachtsgroepen, minder dan {min} jaar", "{years} years for priority groups, less than {min} years"),
    ("scheme.rthf.guarantee", "garantie bij mislukte herplaatsing: gemeente draagt {share} % van een verlies, hoogstens {max} (als de woningen niets opbrengen)", "guarantee if relocation fails: the municipality bears {share} % of a loss, at most {max} (if the homes fetch nothing)"),
    ("scheme.rthf.new", "alleen voor nieuwe flexwoningen", "only for new relocatable homes"),
    ("scheme.rthf.old_cap", "huurgrens van {cap_year} gebruikt: stel de grens van {year} in (Wet op de huurtoeslag)", "rent limit of {cap_year} used: set the limit of {year} (Wet op de huurtoeslag)"),
    ("scheme.rthf.rent", "huur € {rent} per maand boven de grens van € {cap} ({year})", "rent € {rent} a month above the limit of € {cap} ({year})"),
    ("scheme.rthf.self_contained", "alleen voor zelfstandige woningen", "only for self-contained homes"),
    ("scheme.sft.apply_by", "SFT: nog aan te vragen vóór {until}, nog niet toegekend", "SFT: still to be applied for before {until}, not yet granted"),
    ("scheme.sft.late", "SFT: regeling loopt tot en met {year}; deze oplevering valt later, dus aanvragen vóór {until}", "SFT: the scheme runs until the end of {year}; this delivery falls later, so apply before {until}"),
    ("scheme.sft.moved_counts", "{site} jaar op deze locatie, {years} jaar met verplaatsing: telt mee", "{site} years on this site, {years} years with relocation: counts"),
    ("scheme.sft.no_gap", "geen financieringstekort aan te tonen: de businesscase sluit zonder", "no funding gap to show: the business case closes without"),
    ("scheme.sft.share", "{share} % voor statushouders, minder dan {min} %", "{share} % for statushouders, less than {min} %"),
    ("scheme.sft.start", "start bouw na {months} maanden, later dan {max} maanden na toekenning", "construction starts after {months} months, later than {max} months after the grant"),
    ("scheme.sft.years", "beschikbaar {years} jaar, minder dan {min} jaar", "available for {years} years, less than {min} years"),
    ("scheme.sft.years_moved", "beschikbaar {years} jaar met verplaatsingen, minder dan {min} jaar", "available for {years} years with relocations, less than {min} years"),
    ("sens.as_entered", "Zoals ingevuld", "As entered"),
    ("sens.rent", "Huur {pct} % lager", "Rent {pct} % lower"),
    ("sens.residual", "Restwaarde hoogstens {pct} %", "Residual value at most {pct} %"),
    ("sens.term_longer", "Termijn {years} jaar langer", "Term {years} years longer"),
    ("sens.term_shorter", "Termijn {years} jaar korter (hoogstens de helft)", "Term {years} years shorter (at most half)"),
    ("spatial.at", "{title} {name} op de locatie", "{title} {name} on the site"),
    ("spatial.built", "voor {pct} % bebouwd ({n} panden)", "{pct} % built on ({n} buildings)"),
    ("spatial.built_one", "voor {pct} % bebouwd (1 pand)", "{pct} % built on (1 building)"),
    ("spatial.distance", "{distance} tot {title} {name}", "{distance} to {title} {name}"),
    ("spatial.in", "ligt voor {pct} % in {title} {name}{more}", "{pct} % lies in {title} {name}{more}"),
    ("spatial.km", "{v} km", "{v} km"),
    ("spatial.m", "{v} m", "{v} m"),
    ("spatial.more", " (en {n} andere)", " (and {n} others)"),
    ("spatial.no_area", "{label}: onbekend (geen vlak)", "{label}: unknown (no area)"),
    ("spatial.no_zoning", "geen bestemming gevonden", "no zoning found"),
    ("spatial.not_in", "ligt niet in {title}", "does not lie in {title}"),
    ("spatial.not_scored", "{label}: niet beoordeeld ({why})", "{label}: not assessed ({why})"),
    ("spatial.unbuilt", "onbebouwd (geen panden)", "unbuilt (no buildings)"),
    ("spatial.why.filter_attribute", "laag '{layer}' heeft geen attribuut '{attribute}' om op te filteren", "layer '{layer}' has no attribute '{attribute}' to filter on"),
    ("spatial.why.no_attribute", "laag '{layer}' heeft geen attribuut '{attribute}'", "layer '{layer}' has no attribute '{attribute}'"),
    ("spatial.why.no_buildings", "panden (BAG) ontbreken", "buildings (BAG) are missing"),
    ("spatial.why.no_features", "laag '{layer}' heeft geen objecten", "layer '{layer}' has no features"),
    ("spatial.why.no_layer", "laag '{layer}' ontbreekt", "layer '{layer}' is missing"),
    ("spatial.why.no_polygons", "laag '{layer}' heeft geen vlakken", "layer '{layer}' has no polygons"),
    ("spatial.why.no_polygons_filtered", "laag '{layer}' heeft geen vlakken die aan het filter voldoen", "layer '{layer}' has no polygons that match the filter"),
    ("spatial.why.sites_are_buildings", "de locaties zijn zelf panden", "the sites are buildings themselves"),
    ("spatial.zoning", "bestemming: {zoning} ({pct} %)", "zoning: {zoning} ({pct} %)"),
    ("term.open", "geen einddatum bekend", "no end date known"),
    ("term.unknown", "beschikbaarheid onbekend", "availability unknown"),
    ("term.years", "{years} jaar beschikbaar", "available for {years} years"),
    ("unit.home", "woning", "home"),
    ("unit.homes", "woningen", "homes"),
    ("unit.place", "woonplek", "place"),
    ("unit.places", "woonplekken", "places"),
    ("what.building", "{function}, {m2} m²{estimated} voor ca. {homes} woningen{year}{status}{disposal}", "{function}, {m2} m²{estimated} for approx. {homes} homes{year}{status}{disposal}"),
    ("what.disposal", ", RVB: {v}", ", RVB: {v}"),
    ("what.estimated", " (geschat)", " (estimated)"),
    ("what.parcel", "{ha} ha voor ca. {homes} woningen", "{ha} ha for approx. {homes} homes"),
    ("what.status", ", {v}", ", {v}"),
    ("what.year", ", bouwjaar {v}", ", built {v}"),
    ("wp.ambition_empty", "Vul de taakstelling per periode in om de ambitie te toetsen.", "Enter the taakstelling (housing target) per period to check the ambition."),
    ("wp.ambition_missed", "Ambitie van {share} % niet gehaald: {feasible} van de {ambition} personen haalbaar ({of_ambition} van de ambitie; {of_base} van {base_name}), tekort {gap} personen.", "Ambition of {share} % not reached: {feasible} of the {ambition} persons feasible ({of_ambition} of the ambition; {of_base} of {base_name}), short by {gap} persons."),
    ("wp.ambition_missed_one", "Ambitie van {share} % niet gehaald: {feasible} van de {ambition} personen haalbaar ({of_ambition} van de ambitie; {of_base} van {base_name}), tekort {gap} persoon.", "Ambition of {share} % not reached: {feasible} of the {ambition} persons feasible ({of_ambition} of the ambition; {of_base} of {base_name}), short by {gap} person."),
    ("wp.ambition_over", "De ambitie telt over de {periods} {periods|periode|periodes} samen ({share} % van {base} personen, taakstelling zonder achterstand); per periode haalbaar: {per_period}.", "The ambition counts over the {periods} {periods|period|periods} together ({share} % of {base} persons, taakstelling without backlog); feasible per period: {per_period}."),
    ("wp.ambition_over_backlog", "De ambitie telt over de {periods} {periods|periode|periodes} samen ({share} % van {base} personen, taakstelling en achterstand); per periode haalbaar: {per_period}.", "The ambition counts over the {periods} {periods|period|periods} together ({share} % of {base} persons, taakstelling and backlog); feasible per period: {per_period}."),
    ("wp.ambition_reached", "Ambitie van {share} % gehaald: {feasible} van de {ambition} personen haalbaar in aanvullende woonvormen ({of_ambition} van de ambitie; {of_base} van {base_name}).", "Ambition of {share} % reached: {feasible} of the {ambition} persons feasible in additional housing forms ({of_ambition} of the ambition; {of_base} of {base_name})."),
    ("wp.assumption", "{text} ({status}): {sites}", "{text} ({status}): {sites}"),
    ("wp.backlog_spread", "achterstand verdeeld over {periods} {periods|periode|periodes} van dit werkprogramma", "backlog spread over {periods} {periods|period|periods} of this werkprogramma"),
    ("wp.backlog_spread_status", "de regeling geeft {regulation} {regulation|periode|periodes}; dit werkprogramma telt de hele achterstand in minder periodes", "the regulation allows {regulation} {regulation|period|periods}; this werkprogramma counts the whole backlog in fewer periods"),
    ("wp.base", "de taakstelling", "the taakstelling"),
    ("wp.base_backlog", "taakstelling en achterstand", "taakstelling and backlog"),
    ("wp.grid", "{status} ({detail})", "{status} ({detail})"),
    ("wp.half1", "1e helft {year}", "1st half {year}"),
    ("wp.half2", "2e helft {year}", "2nd half {year}"),
    ("wp.lead_label", "doorlooptijd {form}", "lead time {form}"),
    ("wp.month", "{n} maand", "{n} month"),
    ("wp.months", "{n} maanden", "{n} months"),
    ("wp.not_within", "niet binnen de periodes", "not within the periods"),
    ("wp.obstacle", "{text} ({n} personen)", "{text} ({n} persons)"),
    ("wp.obstacle_one", "{text} ({n} persoon)", "{text} ({n} person)"),
    ("wp.obstacles", "Weg te nemen knelpunten, naar het deel van het tekort dat ze verklaren: {items}.", "Obstacles to remove, by the part of the shortfall they explain: {items}."),
    ("wp.period_feasible", "{period} {n}", "{period} {n}"),
    ("wp.planned_late", "Gepland zijn {planned} personen; {late} daarvan kunnen niet binnen de periodes worden opgeleverd.", "{planned} persons are planned; {late} of them cannot be delivered within the periods."),
    ("wp.risks", "Risico's (de ambitie is gehaald, maar deze knelpunten houden woningen buiten de periodes): {items}.", "Risks (the ambition is met, but these obstacles keep homes out of the periods): {items}."),
    ("wp.share_assumed", "niet ingevuld: het SFT-minimum aangenomen", "not entered: the SFT minimum assumed"),
    ("wp.share_label", "aandeel statushouders", "share for statushouders"),
    ("wp.taak_backlog_cleared", "Taakstelling en achterstand gehaald: alle {to_house} personen gehuisvest binnen de {periods} {periods|periode|periodes}.", "Taakstelling and backlog met: all {to_house} persons housed within the {periods} {periods|period|periods}."),
    ("wp.taak_backlog_missed", "Taakstelling en achterstand niet gehaald: na {periods} {periods|periode|periodes} nog {unhoused} van de {to_house} personen zonder woning.", "Taakstelling and backlog not met: after {periods} {periods|period|periods} {unhoused} of the {to_house} persons are still without a home."),
    ("wp.taak_cleared", "Taakstelling gehaald: alle {to_house} personen gehuisvest binnen de {periods} {periods|periode|periodes}.", "Taakstelling met: all {to_house} persons housed within the {periods} {periods|period|periods}."),
    ("wp.taak_empty", "Geen taakstelling ingevuld.", "No taakstelling (housing target) entered."),
    ("wp.taak_missed", "Taakstelling niet gehaald: na {periods} {periods|periode|periodes} nog {unhoused} van de {to_house} personen zonder woning.", "Taakstelling not met: after {periods} {periods|period|periods} {unhoused} of the {to_house} persons are still without a home."),
    ("wp.total", "Totaal", "Total"),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(t: &str) -> Vec<&str> {
        let mut v: Vec<&str> = t
            .split('{')
            .skip(1)
            .filter_map(|p| p.split_once('}').map(|(n, _)| n))
            // "{n|periode|periodes}": the number's name; the words differ per language.
            .map(|n| n.split('|').next().unwrap_or(n))
            .collect();
        v.sort_unstable();
        v
    }

    #[test]
    fn the_catalogue_is_sorted_and_both_languages_have_the_same_placeholders() {
        for w in CATALOGUE.windows(2) {
            assert!(w[0].0 < w[1].0, "{} before {}", w[0].0, w[1].0);
        }
        for (key, nl, en) in CATALOGUE {
            assert_eq!(placeholders(nl), placeholders(en), "{key}");
        }
    }

    #[test]
    fn a_word_after_a_number_is_singular_for_one() {
        // Issue 31 item 10: "na 1 periodes".
        let taak = |n: f64| {
            Text::new("wp.taak_missed")
                .num("periods", n, 0)
                .num("unhoused", 5.0, 0)
                .num("to_house", 50.0, 0)
        };
        assert_eq!(
            taak(1.0).nl(),
            "Taakstelling niet gehaald: na 1 periode nog 5 van de 50 personen zonder woning."
        );
        assert_eq!(
            taak(3.0).nl(),
            "Taakstelling niet gehaald: na 3 periodes nog 5 van de 50 personen zonder woning."
        );
        assert!(taak(1.0).render(Lang::En).contains("after 1 period 5"));
        assert!(taak(0.0).render(Lang::En).contains("after 0 periods"));
        // No such number: the placeholder shows as written rather than a wrong word.
        assert_eq!(
            Text::new("wp.taak_cleared").num("to_house", 5.0, 0).nl(),
            "Taakstelling gehaald: alle 5 personen gehuisvest binnen de {periods} {periods|periode|periodes}."
        );
        assert!(Text::new("wp.backlog_spread")
            .num("periods", 1.0, 0)
            .nl()
            .contains("over 1 periode van"));
    }

    #[test]
    fn numbers_follow_the_language_and_nested_parts_too() {
        let t = Text::new("what.parcel")
            .num("ha", 1234.56, 1)
            .num("homes", 97.0, 0);
        assert_eq!(t.render(Lang::Nl), "1.234,6 ha voor ca. 97 woningen");
        assert_eq!(t.render(Lang::En), "1,234.6 ha for approx. 97 homes");
        let ko = Text::new("explain.knocked_out")
            .join(
                "reasons",
                vec![Text::new("ko.term"), Text::plain("RVB: verkocht")],
                "; ",
            )
            .text("body", t);
        assert_eq!(
            ko.render(Lang::En),
            "Knocked out (availability; RVB: verkocht): 1,234.6 ha for approx. 97 homes"
        );
        assert_eq!(
            Text::named("Kansrijk", Some("Promising")).render(Lang::En),
            "Promising"
        );
        assert_eq!(Text::named("Kansrijk", None).render(Lang::En), "Kansrijk");
        // A keyed name in lower case inside a sentence, in both languages.
        assert_eq!(
            Text::new("bag.gebouw").lowercase().render(Lang::En),
            "building"
        );
        assert_eq!(Text::new("ko.term").lowercase().nl(), "beschikbaarheid");
        assert_eq!(Lang::parse("en-GB"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
    }
}
