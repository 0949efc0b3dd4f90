// Shapes as Rust sends them (see src/bindings), for the UI tests.
import type { BusinessParamsDto } from '../bindings/BusinessParamsDto';
import type { ComparisonDto } from '../bindings/ComparisonDto';
import type { PeriodDto } from '../bindings/PeriodDto';
import type { WerkprogrammaDto } from '../bindings/WerkprogrammaDto';

export const business: BusinessParamsDto = {
  investmentPerHomeEur: 63000, rentPerMonthEur: 808.06, vacancyShare: 0.02, operatingCostPerHomeYearEur: 2000, termYears: 15, relocations: 1,
  relocationCostPerHomeEur: 10000, residualValueShare: 0.85, discountRate: 0.04, shareStatushouders: 0.3, selfContained: true, newHomes: true,
  startMonths: 6, sftPerHomeEur: 14000, sftMinYears: 10, sftMinShareStatushouders: 0.3,
  sftMaxStartMonths: 18, rthfRentCapPerMonthEur: 808.06, rthfRentCapYear: 2023, rthfFeePerHomeEur: 1000, rthfApplicationsUntil: '2028-12-31',
};

const period = (label: string, taak: number, planned: number): PeriodDto => ({
  label, taakstellingPersons: taak, backlogPersons: 0, personsToHouse: taak, ambitionPersons: taak * 0.2,
  plannedUnits: planned * 2, plannedUnitsStatushouders: planned, plannedPersons: planned, feasibleUnits: planned * 2,
  feasibleUnitsStatushouders: planned, feasiblePersons: planned, regularStockPersons: 0, unhousedPersons: taak - planned, groups: [],
});

export function werkprogramma(taak0 = 100): WerkprogrammaDto {
  const entry = (id: string) => ({
    siteId: id, name: '', profile: 'flex', form: 'flex' as const, homes: 20, period: 0, personsPerUnit: null, shareStatushouders: 0.5, mix: [], business: null, dismissed: [], added: [], note: '',
  });
  return {
    input: {
      gemeente: 'Voorbeeldstad', gemeenteCode: '', firstYear: 2026, firstHalf: 2,
      periods: [{ taakstellingPersons: taak0, regularStockPersons: 0 }, { taakstellingPersons: 100, regularStockPersons: 0 }, { taakstellingPersons: 100, regularStockPersons: 0 }],
      backlogPersons: 0, ambitionShare: 0.2, ambitionIncludesBacklog: true, entries: [entry('P0'), entry('P1')], business: null, added: [], dismissed: [],
      supportAsks: [], support: '', cooperation: '', cooperationPersons: 0, planning: '', volkshuisvesting: '', regularStockExplanation: '', capacity: '',
      rvbTenderHomes: 0, rvbTenderTypes: '',
    },
    periods: [period('2e helft 2026', taak0, 20), period('1e helft 2027', 100, 0), period('2e helft 2027', 100, 0)],
    total: period('Totaal', taak0 + 200, 20),
    sites: ['P0', 'P1'].map((id) => ({
      entry: entry(id), label: id, found: true, score: 90, band: 'Kansrijk', periodLabel: '2e helft 2026', units: 20, unitWord: 'woningen', personsPerUnit: 1,
      unitsStatushouders: 10, personsStatushouders: 10, feasibleLabel: '2e helft 2026', feasible: true,
      termText: '15,0 jaar', gridText: 'beschikbaar', owner: 'gemeente', flag: null,
      business: {
        homes: 20, params: business, investmentEur: 1260000, npvBeforeSchemesEur: 100000, npvEur: 80000, fundingGapEur: 0, fundingGapPerHomeEur: 0,
        remainingGapEur: 0, remainingGapPerHomeEur: 0, termYears: 15, assumptions: [],
        schemes: [
          { key: 'sft', name: 'SFT', fits: false, counted: true, amountEur: 0, reasons: ['geen financieringstekort aan te tonen'], remarks: [], contingentEur: 0 },
          { key: 'rthf', name: 'RTHF', fits: true, counted: true, amountEur: -20000, reasons: [], remarks: [], contingentEur: 0 },
        ],
      },
      knelpunten: [{ category: 'capaciteit' as const, key: 'grid_queue', text: 'netaansluiting: wachtrij tot 2029', derived: true }],
    })),
    knelpunten: ['locaties', 'procedures', 'capaciteit', 'exploitatie', 'financiering'].map((c) => ({
      category: c as 'locaties', label: c, items: c === 'capaciteit' ? [{ key: 'grid_queue', text: 'wachtrij', sites: ['P0', 'P1'], derived: true, blockedPersons: 0, addressee: 'netbeheerder' as const, ask: '' }] : [],
    })),
    ambitionText: 'De ambitie van 20 % wordt niet gehaald (1e helft 2027: 0 % van 20 %).',
    reachesAmbition: false, ambitionVerdict: 'Ambitie van 20 % niet gehaald: 10 van de 60 personen haalbaar (3 %), tekort 50 personen.',
    taakstellingVerdict: 'Taakstelling niet gehaald: na 3 periodes nog 290 van de 300 personen zonder woning.',
    ambitionPersons: 60, feasiblePersons: 10, plannedPersons: 10, referenceDate: '30-11-2026', assumptions: [], rthfContingentTotalEur: 0, sftTotalEur: 0, fundingGapTotalEur: 0, remainingGapTotalEur: 0,
    chartSvg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>', mapSvg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
    businessDefaults: business,
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
