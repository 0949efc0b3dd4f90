// The one dictionary of UI texts: Dutch by default, English as a second language.
export type Lang = 'nl' | 'en';

const nl = {
  title: 'Locatiescout',
  profile: 'Profiel',
  profileFlex: 'Flexwoningen op grond',
  profileTransformatie: 'Transformatie van gebouwen',
  weights: 'Gewichten',
  reset: 'Standaardgewichten',
  candidates: 'Kandidaten',
  sortBy: 'Sorteer op',
  sortScore: 'Score',
  sortHomes: 'Woningen',
  sortTerm: 'Beschikbaarheid',
  sortGrid: 'Netaansluiting',
  minScore: 'Minimale score',
  showKnockouts: 'Afvallers tonen',
  search: 'Zoeken',
  homes: 'woningen',
  score: 'score',
  loading: 'Gegevens laden…',
  loaded: '{n} locaties geladen',
  knockedOut: 'valt af',
  legendScore: 'Score (0–100)',
  breakdown: 'Opbouw van de score',
  attributes: 'Kenmerken',
  source: 'Bron',
  invalidGeometry: 'Let op: ongeldige geometrie (wel meegenomen)',
  noProject: 'Er is nog geen project geopend',
  error: 'Fout',
  openFile: 'Bestand openen…',
  fileKind: 'Soort bestand',
  kind_parcels: 'Percelen',
  kind_buildings: 'Panden',
  kind_listings: 'Aanbod (Rijksvastgoed)',
  kind_outline: 'Gemeentegrens',
  data: 'Gegevens',
  features: '{n} objecten',
  features1: '1 object',
  invalidCount: '{n} ongeldig',
  importing: '{file} inlezen…',
  cancel: 'Afbreken',
  cancelled: 'Inlezen afgebroken; de geladen gegevens zijn niet gewijzigd',
  importFailed: 'Bestand niet geopend',
  keptData: 'De eerder geladen gegevens zijn niet gewijzigd.',
  imported: '{file}: {n} objecten ingelezen',
  dropHere: 'Laat los om te openen als: {kind}',
  close: 'Sluiten',
  report: 'Importverslag',
  reportFile: 'Bestand',
  reportFormat: 'Formaat',
  reportCrs: 'Coördinatenstelsel',
  reportRead: 'Gelezen',
  reportReadValue: '{read} gelezen, {imported} ingelezen',
  reportGeometry: 'Geometrie',
  reportSkipped: 'Overgeslagen ({n})',
  reportInvalid: 'Ongeldige geometrie, wel ingelezen ({n})',
  reportWarnings: 'Waarschuwingen ({n})',
  reportNotes: 'Opmerkingen',
  reportFields: 'Velden',
  reportClean: 'Alle objecten ingelezen: niets overgeslagen, geen ongeldige geometrie.',
  reportFieldExtra: 'bewaard als extra kenmerk',
  reportGeocoding: '{n} rijen hebben alleen een adres en moeten nog worden gegeocodeerd',
  reportMore: '… en nog {n}',
  feature: 'object {n}',
  basemap: 'Achtergrondkaart PDOK (online)',
  basemapOffline: 'Online achtergrondkaart niet bereikbaar; de offline kaart wordt gebruikt',
  stable: 'stabiel',
  sensitive: 'gevoelig',
  stableTitle: 'Blijft in de top {n} als elk gewicht {shift} % omhoog of omlaag gaat',
  sensitiveTitle: 'Zakt tot plaats {worst} als één gewicht {shift} % verandert',
  sensitiveTitleOut: 'Valt uit de top {n} als één gewicht {shift} % verandert',
  sensitivitySummary: 'Top {n} bij ±{shift} % per gewicht: {stable} stabiel, {sensitive} gevoelig',
  layerBuildings: 'Panden',
  layerListings: 'Rijksvastgoed',
  layerOutline: 'Gemeentegrens',
  noRows: 'Geen locaties voldoen aan het filter',
  project: 'Project',
  projectNew: 'Nieuw…',
  projectOpen: 'Openen…',
  projectSaveAs: 'Opslaan als…',
  projectRecent: 'Recent',
  projectNewPick: 'Kies het eerste bestand voor het nieuwe project',
  projectSaved: 'Project opgeslagen als {name}',
  projectOpened: 'Project {name} geopend: {n} locaties',
  flag: 'Vlag',
  flagFilter: 'Vlag',
  flagAll: 'alle',
  flagAny: 'met vlag',
  flagNone: 'zonder vlag',
  flag_kansrijk: 'Kansrijk',
  flag_in_onderzoek: 'In onderzoek',
  flag_aangeboden: 'Aangeboden aan gemeente',
  flag_gereserveerd: 'Gereserveerd',
  flag_niet_geschikt: 'Niet geschikt',
  flagStatus: 'Status',
  flagNote: 'Toelichting',
  flagAuthor: 'Auteur',
  flagSet: 'Vlag zetten',
  flagShown: 'Alle getoonde vlaggen',
  flagShownConfirm: '{n} locaties vlaggen als "{status}"?',
  flagged: '{n} locaties gevlagd',
  flagHistory: 'Geschiedenis',
  flagNoHistory: 'Nog geen vlag',
  flagsExport: 'Vlaggen exporteren…',
  joinTable: 'EAN-tabel koppelen…',
  joinTitle: 'Tabel gekoppeld',
  joinSummary: '{matched} van {features} objecten gekoppeld op EAN ({keys} verschillende), {rows} rijen gelezen',
  joinRowsWithout: 'Rijen zonder object ({n})',
  joinFeaturesWithout: 'Objecten zonder rij ({n})',
  joinDuplicates: 'Dubbele sleutels ({n})',
  row: 'rij {n}',
  flagsImport: 'Vlaggen importeren…',
  flagsExported: '{n} gevlagde locaties geschreven naar {file}',
  flagsImported: '{file}: {imported} vlaggen ingelezen, {duplicates} al aanwezig',
  flagsRejected: 'Niet ingelezen ({n})',
  flagsConflicts: 'Verschillen ({n}): de nieuwste wijziging geldt, de andere staat in de geschiedenis',
  flagsImportTitle: 'Vlaggen ingelezen',
  flagConflictLine: '{site}: nu "{current}" ({author}, {at}); ook "{other}" ({otherAuthor})',
};
type Dict = typeof nl;

const en: Dict = {
  title: 'Locatiescout',
  profile: 'Profile',
  profileFlex: 'Relocatable homes on land',
  profileTransformatie: 'Building transformation',
  weights: 'Weights',
  reset: 'Default weights',
  candidates: 'Candidates',
  sortBy: 'Sort by',
  sortScore: 'Score',
  sortHomes: 'Homes',
  sortTerm: 'Availability',
  sortGrid: 'Grid connection',
  minScore: 'Minimum score',
  showKnockouts: 'Show knocked-out sites',
  search: 'Search',
  homes: 'homes',
  score: 'score',
  loading: 'Loading data…',
  loaded: '{n} sites loaded',
  knockedOut: 'knocked out',
  legendScore: 'Score (0–100)',
  breakdown: 'Score breakdown',
  attributes: 'Attributes',
  source: 'Source',
  invalidGeometry: 'Note: invalid geometry (still included)',
  noProject: 'No project is open yet',
  error: 'Error',
  openFile: 'Open file…',
  fileKind: 'File type',
  kind_parcels: 'Parcels',
  kind_buildings: 'Buildings',
  kind_listings: 'State property listings (RVB)',
  kind_outline: 'Municipal boundary',
  data: 'Data',
  features: '{n} features',
  features1: '1 feature',
  invalidCount: '{n} invalid',
  importing: 'Reading {file}…',
  cancel: 'Cancel',
  cancelled: 'Import cancelled; the loaded data is unchanged',
  importFailed: 'File not opened',
  keptData: 'The data loaded before is unchanged.',
  imported: '{file}: {n} features imported',
  dropHere: 'Drop to open as: {kind}',
  close: 'Close',
  report: 'Import report',
  reportFile: 'File',
  reportFormat: 'Format',
  reportCrs: 'Coordinate system',
  reportRead: 'Read',
  reportReadValue: '{read} read, {imported} imported',
  reportGeometry: 'Geometry',
  reportSkipped: 'Skipped ({n})',
  reportInvalid: 'Invalid geometry, imported anyway ({n})',
  reportWarnings: 'Warnings ({n})',
  reportNotes: 'Notes',
  reportFields: 'Fields',
  reportClean: 'Every feature imported: nothing skipped, no invalid geometry.',
  reportFieldExtra: 'kept as extra attribute',
  reportGeocoding: '{n} rows have only an address and still need geocoding',
  reportMore: '… and {n} more',
  feature: 'feature {n}',
  basemap: 'PDOK base map (online)',
  basemapOffline: 'Online base map unreachable; using the offline map',
  stable: 'stable',
  sensitive: 'sensitive',
  stableTitle: 'Stays in the top {n} when any weight moves {shift} % up or down',
  sensitiveTitle: 'Drops to rank {worst} when one weight changes {shift} %',
  sensitiveTitleOut: 'Leaves the top {n} when one weight changes {shift} %',
  sensitivitySummary: 'Top {n} at ±{shift} % per weight: {stable} stable, {sensitive} sensitive',
  layerBuildings: 'Buildings',
  layerListings: 'State property',
  layerOutline: 'Municipal boundary',
  noRows: 'No sites match the filter',
  project: 'Project',
  projectNew: 'New…',
  projectOpen: 'Open…',
  projectSaveAs: 'Save as…',
  projectRecent: 'Recent',
  projectNewPick: 'Choose the first file of the new project',
  projectSaved: 'Project saved as {name}',
  projectOpened: 'Project {name} opened: {n} sites',
  flag: 'Flag',
  flagFilter: 'Flag',
  flagAll: 'all',
  flagAny: 'flagged',
  flagNone: 'not flagged',
  flag_kansrijk: 'Promising',
  flag_in_onderzoek: 'Under study',
  flag_aangeboden: 'Offered to municipality',
  flag_gereserveerd: 'Reserved',
  flag_niet_geschikt: 'Not suitable',
  flagStatus: 'Status',
  flagNote: 'Note',
  flagAuthor: 'Author',
  flagSet: 'Set flag',
  flagShown: 'Flag all shown',
  flagShownConfirm: 'Flag {n} sites as "{status}"?',
  flagged: '{n} sites flagged',
  flagHistory: 'History',
  flagNoHistory: 'No flag yet',
  flagsExport: 'Export flags…',
  joinTable: 'Join EAN table…',
  joinTitle: 'Table joined',
  joinSummary: '{matched} of {features} features joined on EAN ({keys} distinct), {rows} rows read',
  joinRowsWithout: 'Rows without a feature ({n})',
  joinFeaturesWithout: 'Features without a row ({n})',
  joinDuplicates: 'Repeated keys ({n})',
  row: 'row {n}',
  flagsImport: 'Import flags…',
  flagsExported: '{n} flagged sites written to {file}',
  flagsImported: '{file}: {imported} flags imported, {duplicates} already present',
  flagsRejected: 'Not imported ({n})',
  flagsConflicts: 'Differences ({n}): the newest change applies, the other is in the history',
  flagsImportTitle: 'Flags imported',
  flagConflictLine: '{site}: now "{current}" ({author}, {at}); also "{other}" ({otherAuthor})',
};

const dicts: Record<Lang, Dict> = { nl, en };

/** Labels of Locatiescout's own field keys (from Rust's `Field::key`); a file's own
 * extra fields keep the names the file gave them. */
const fieldLabels: Record<Lang, Record<string, string>> = {
  nl: {
    id: 'Identificatie', status: 'Status', grid_note: 'Netaansluiting', owner_type: 'Eigendom',
    rvb_code: 'Bouwwerkcode (RVB)', disposal_status: 'Afstootstatus', ean: 'EAN', address: 'Adres',
    postcode: 'Postcode', city: 'Plaats', name: 'Naam', building_ref: 'Pand', end_of_validity: 'Einde geldigheid',
    registered_area_m2: 'Kadastrale oppervlakte (m²)', floor_area_m2: 'Gebruiksoppervlakte (m²)', year_built: 'Bouwjaar',
    functions: 'Gebruiksdoel', available_from: 'Beschikbaar vanaf', available_until: 'Beschikbaar tot',
    x_rd: 'X (RD)', y_rd: 'Y (RD)', lon: 'Lengtegraad', lat: 'Breedtegraad',
  },
  en: {
    id: 'Identifier', status: 'Status', grid_note: 'Grid connection', owner_type: 'Ownership',
    rvb_code: 'Building code (RVB)', disposal_status: 'Disposal status', ean: 'EAN', address: 'Address',
    postcode: 'Postcode', city: 'Town', name: 'Name', building_ref: 'Building', end_of_validity: 'End of validity',
    registered_area_m2: 'Registered area (m²)', floor_area_m2: 'Floor area (m²)', year_built: 'Year built',
    functions: 'Use', available_from: 'Available from', available_until: 'Available until',
    x_rd: 'X (RD)', y_rd: 'Y (RD)', lon: 'Longitude', lat: 'Latitude',
  },
};

/** English names of the criteria of the shipped profiles; Dutch comes from the profile itself. */
const criterionLabelsEn: Record<string, string> = {
  size: 'Size (homes)', term: 'Availability (years)', grid: 'Grid connection', owner: 'Ownership',
  function: 'Building use', status: 'Status / vacancy', year: 'Year built',
};

export function criterionLabel(key: string, profileLabel: string): string {
  return lang === 'en' ? (criterionLabelsEn[key] ?? profileLabel) : profileLabel;
}

export function fieldLabel(key: string): string {
  return fieldLabels[lang][key] ?? key;
}
let lang: Lang = 'nl';

export function setLang(l: Lang): void {
  lang = l;
  document.documentElement.lang = l;
  document.querySelectorAll<HTMLElement>('[data-i18n]').forEach((el) => {
    const key = el.dataset.i18n as keyof Dict;
    if (key in nl) el.textContent = dicts[lang][key];
  });
}

export function getLang(): Lang {
  return lang;
}

export type TextKey = keyof Dict;

export function t(key: keyof Dict, vars: Record<string, string | number> = {}): string {
  return dicts[lang][key].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}

/** Dutch number formatting for display (the numbers themselves come from Rust). */
export function fmt(n: number, decimals = 0): string {
  return n.toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
}

/** Flag status keys as the core stores them, in the order of the menus. */
export const FLAG_STATUSES = ['kansrijk', 'in_onderzoek', 'aangeboden', 'gereserveerd', 'niet_geschikt'] as const;
export type FlagStatusKey = (typeof FLAG_STATUSES)[number];

export function flagLabel(status: string): string {
  return (FLAG_STATUSES as readonly string[]).includes(status) ? t(`flag_${status}` as keyof Dict) : status;
}
