// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { RegioDto } from '../api';
import { renderRegio } from '../regio';

const dto: RegioDto = {
  title: "Regionaal overzicht lokale werkprogramma's — provincie Utrecht",
  files: ['/a/utrecht.gpkg', '/a/amersfoort.gpkg'],
  summary: [
    { label: 'Gemeenten met werkprogramma', value: '2' },
    { label: 'Ambitie (personen)', value: '90' },
  ],
  notes: ['kapot.gpkg is beschadigd — niet meegeteld.'],
  tables: [
    {
      title: 'Per provincie en in totaal',
      keys: ['provincie', 'ambitie_personen'],
      headers: ['Provincie', 'Ambitie (personen)'],
      numeric: [false, true],
      rows: [['Utrecht', '90'], ['Alle gemeenten samen', '90']],
    },
    { title: 'Verwacht maar niet ontvangen', keys: ['gemeente'], headers: ['Gemeente'], numeric: [false], rows: [] },
  ],
  chart_svg: '<svg role="img" aria-label="grafiek"></svg>',
  map_svg: '<svg role="img" aria-label="kaart"></svg>',
};

describe('renderRegio', () => {
  it('shows the figures, notes, both figures and the non-empty tables', () => {
    const root = document.createElement('div');
    renderRegio(root, dto);
    expect(root.querySelector('.regio-summary')?.textContent).toContain('Ambitie (personen)90');
    expect(root.querySelector('.regio-notes li')?.textContent).toContain('kapot.gpkg');
    expect(root.querySelectorAll('figure svg')).toHaveLength(2);
    // The empty "missing" table is left out; numbers are right-aligned.
    expect(root.querySelectorAll('table')).toHaveLength(1);
    const cell = root.querySelector('td[data-k="ambitie_personen"]');
    expect(cell?.textContent).toBe('90');
    expect(cell?.className).toBe('n');
    expect(root.querySelector('table')?.getAttribute('aria-labelledby')).toBe(root.querySelector('.regio-table h3')?.id);
    renderRegio(root, dto);
    expect(root.dataset.rendered).toBe('2');
  });
});
