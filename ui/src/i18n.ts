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
};

const dicts: Record<Lang, Dict> = { nl, en };

/** Labels of Locatiescout's own field keys (from Rust's `Field::key`); a file's own
 * extra fields keep the names the file gave them. */
const fieldLabels: Record<Lang, Record<string, string>> = {
  nl: {
    id: 'Identificatie', status: 'Status', grid_note: 'Netaansluiting', owner_type: 'Eigendom',
    rvb_code: 'Bouwwerkcode (RVB)', disposal_status: 'Afstootstatus', ean: 'EAN', address: 'Adres',
    postcode: 'Postcode', city: 'Plaats', name: 'Naam', building_ref: 'Pand', end_of_validity: 'Einde geldigheid',
  },
  en: {
    id: 'Identifier', status: 'Status', grid_note: 'Grid connection', owner_type: 'Ownership',
    rvb_code: 'Building code (RVB)', disposal_status: 'Disposal status', ean: 'EAN', address: 'Address',
    postcode: 'Postcode', city: 'Town', name: 'Name', building_ref: 'Building', end_of_validity: 'End of validity',
  },
};

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
