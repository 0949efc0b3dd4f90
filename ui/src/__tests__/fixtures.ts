// Shapes as Rust sends them (see src/bindings), for the UI tests.
import type { BusinessParams } from '../bindings/BusinessParams';
import type { ComparisonDto } from '../bindings/ComparisonDto';
import type { PeriodDto } from '../bindings/PeriodDto';
import type { WerkprogrammaDto } from '../bindings/WerkprogrammaDto';

export const business: BusinessParams = {
  investment_per_home_eur: 63000, rent_per_month_eur: 808.06, vacancy_share: 0.02, operating_cost_per_home_year_eur: 2000, term_years: 15, relocations: 1,
  relocation_cost_per_home_eur: 10000, residual_value_share: 0.85, discount_rate: 0.04, share_statushouders: 0.3, self_contained: true, new_homes: true,
  start_months: 6,
  sft: { per_home_eur: 14000, min_years: 10, min_share_statushouders: 0.3, max_start_months: 18, scheme_until: '2026-12-31', forms: ['flex', 'transformatie'] },
  rthf: { rent_cap_per_month_eur: 808.06, rent_cap_year: 2023, rent_caps: {}, fee_per_home_eur: 1000, applications_until: '2028-12-31', municipal_share: 0.5 },
  grote_gezinnen: { min_persons: 7, per_home_7_9_eur: 0, per_home_10_eur: 0 },
  rha: { min_years: 10, max_start_months: 18, forms: ['flex'] },
  dfr: { forms: ['flex'], conditional_forms: ['onzelfstandig'] },
};

const period = (label: string, taak: number, planned: number): PeriodDto => ({
  label, taakstelling_persons: taak, backlog_persons: 0, persons_to_house: taak, ambition_persons: taak * 0.2,
  planned_units: planned * 2, planned_units_statushouders: planned, planned_persons: planned, feasible_units: planned * 2,
  feasible_units_statushouders: planned, feasible_persons: planned, regular_stock_persons: 0, cooperation_persons: 0, realised_persons: 0, balance_persons: taak - planned,
});

export function werkprogramma(taak0 = 100): WerkprogrammaDto {
  const entry = (id: string) => ({
    site_id: id, name: '', profile: 'flex', form: 'flex' as const, homes: 20, period: 0, persons_per_unit: null, lead_time_months: null, share_statushouders: 0.5, mix: [], business: null, dismissed: [], added: [], note: '',
  });
  return {
    input: {
      gemeente: 'Voorbeeldstad', gemeente_code: '', first_year: 2026, first_half: 2,
      periods: [{ taakstelling_persons: taak0, regular_stock_persons: 0, realised_persons: 0 }, { taakstelling_persons: 100, regular_stock_persons: 0, realised_persons: 0 }, { taakstelling_persons: 100, regular_stock_persons: 0, realised_persons: 0 }],
      backlog_persons: 0, ambition_share: 0.2, ambition_includes_backlog: true, entries: [entry('P0'), entry('P1')], business: null, added: [], dismissed: [],
      support_asks: [], support: '', cooperation: '', cooperation_persons: 0, planning: '', volkshuisvesting: '', regular_stock_explanation: '', capacity: '',
      rvb_tender_homes: 0, rvb_tender_types: '',
    },
    periods: [period('2e helft 2026', taak0, 20), period('1e helft 2027', 100, 0), period('2e helft 2027', 100, 0)],
    total: period('Totaal', taak0 + 200, 20),
    sites: ['P0', 'P1'].map((id) => ({
      entry: entry(id), label: id, found: true, score: 90, band: 'Kansrijk', period_label: '2e helft 2026', units: 20, unit_word: 'woningen', persons_per_unit: 1,
      units_statushouders: 10, persons_statushouders: 10, feasible_label: '2e helft 2026', feasible: true, ready_date: '30-09-2026', cause: null, lead_time_months: 9,
      term_text: '15,0 jaar', grid_text: 'beschikbaar', owner: 'gemeente', flag: null,
      business: {
        homes: 20, params: business, investment_eur: 1260000, npv_before_schemes_eur: 100000, npv_eur: 80000, funding_gap_eur: 0, funding_gap_per_home_eur: 0,
        remaining_gap_eur: 0, remaining_gap_per_home_eur: 0, term_years: 15, assumptions: [],
        schemes: [
          { key: 'sft', name: 'SFT', fits: false, conditional: false, counted: true, amount_eur: 0, reasons: ['geen financieringstekort aan te tonen'], remarks: [], contingent_eur: 0 },
          { key: 'rthf', name: 'RTHF', fits: true, conditional: false, counted: true, amount_eur: -20000, reasons: [], remarks: [], contingent_eur: 0 },
        ],
      },
      knelpunten: [{ category: 'capaciteit' as const, key: 'grid_queue', text: 'netaansluiting: wachtrij tot 2029', derived: true }],
    })),
    knelpunten: ['locaties', 'procedures', 'capaciteit', 'exploitatie', 'financiering'].map((c) => ({
      category: c as 'locaties', label: c, items: c === 'capaciteit' ? [{ key: 'grid_queue', text: 'wachtrij', sites: ['P0', 'P1'], derived: true, blocked_persons: 0, late_persons: 0, addressee: 'netbeheerder' as const, ask: '' }] : [],
    })),
    ambition_text: 'De ambitie van 20 % wordt niet gehaald (1e helft 2027: 0 % van 20 %).',
    reaches_ambition: false, ambition_verdict: 'Ambitie van 20 % niet gehaald: 10 van de 60 personen haalbaar (3 %), tekort 50 personen.',
    taakstelling_verdict: 'Taakstelling niet gehaald: na 3 periodes nog 290 van de 300 personen zonder woning.',
    ambition_persons: 60, feasible_persons: 10, planned_persons: 10, reference_date: '30-11-2026', assumptions: [], rthf_contingent_total_eur: 0, sft_total_eur: 0, sft_to_apply_eur: 0, sft_apply_by: null, funding_gap_total_eur: 0, remaining_gap_total_eur: 0,
    chart_svg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>', map_svg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
    business_defaults: business,
  };
}

export const comparison: ComparisonDto = {
  profile: 'Flexwoningen op grond',
  sites: [{ index: 2, id: 'P2', score: 70, band: 'Kansrijk' }, { index: 0, id: 'P0', score: 90, band: 'Kansrijk' }],
  rows: [
    { group: 'Score', label: 'Score', values: ['70,0', '90,0'], differs: true, best: [1] },
    { group: 'Locatie', label: 'Woningen (schatting)', values: ['97', '97'], differs: false, best: [] },
  ],
};
