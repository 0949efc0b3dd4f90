// @vitest-environment happy-dom
// The werkprogramma editor turns what is typed into a new input; it never edits the one it drew.
import { describe, expect, it, vi } from 'vitest';
import { mixText, parseMix, renderWerkprogramma } from '../werkprogramma';
import type { Werkprogramma } from '../bindings/Werkprogramma';
import { werkprogramma } from './fixtures';

describe('werkprogramma editor', () => {
  it('reads target groups as percentages and writes them back', () => {
    expect(parseMix('starters 30, spoedzoekers 20')).toEqual([
      { group: 'starters', share: 0.3 },
      { group: 'spoedzoekers', share: 0.2 },
    ]);
    expect(parseMix('lokale spoedzoekers 12,5 %')).toEqual([{ group: 'lokale spoedzoekers', share: 0.125 }]);
    expect(parseMix('')).toEqual([]);
    expect(parseMix('starters')).toBeNull();
    expect(mixText([{ group: 'starters', share: 0.3 }])).toBe('starters 30');
  });

  it('strikes out a derived knelpunt by key, adds an own one, and removes a site', () => {
    const box = document.createElement('div');
    document.body.append(box);
    const w = werkprogramma();
    const change = vi.fn<(i: Werkprogramma) => void>();
    const exportAs = vi.fn();
    renderWerkprogramma(box, w, change, exportAs);
    // The dialog is named by its heading (index.html: aria-labelledby="wp-title").
    expect(box.querySelector('h2')?.id).toBe('wp-title');
    box.querySelector<HTMLButtonElement>('.wp-kps button.link')?.click();
    expect(change.mock.calls[0]?.[0].entries[0].dismissed).toEqual(['grid_queue']);
    expect(w.input.entries[0].dismissed).toEqual([]);
    const own = box.querySelector<HTMLInputElement>('input[data-k=kpAll]');
    if (!own) throw new Error('no own knelpunt input');
    own.value = 'geen aannemer beschikbaar';
    own.nextElementSibling?.dispatchEvent(new Event('click'));
    expect(change.mock.calls[1]?.[0].added).toEqual([{ category: 'locaties', key: 'eigen', text: 'geen aannemer beschikbaar', derived: false }]);
    const remove = [...box.querySelectorAll<HTMLButtonElement>('.wp-sites button')].find((b) => b.textContent === 'Verwijderen');
    remove?.click();
    expect(change.mock.calls[2]?.[0].entries.map((e) => e.site_id)).toEqual(['P1']);
    box.querySelector<HTMLButtonElement>('#wp-export-xlsx')?.click();
    expect(exportAs).toHaveBeenCalledWith('xlsx');
    // The periods show persons as Rust computed them; the verdict is judged over all periods.
    expect(box.querySelector('.wp-periods tbody tr')?.textContent).toBe('2e helft 2026' + '100' + '20' + '20' + '20' + '0' + '80');
    expect(box.querySelector('.wp-verdict.nok')?.textContent).toContain('niet gehaald: 10 van de 60 personen');
    // Support asked for a knelpunt goes to its addressee, kept by the knelpunt's key.
    const ask = box.querySelector<HTMLInputElement>('input[data-k=ask_grid_queue]');
    if (!ask) throw new Error('no support input');
    ask.value = 'voorrang bij aansluiting';
    ask.dispatchEvent(new Event('change'));
    expect(change.mock.calls[3]?.[0].support_asks).toEqual([{ key: 'grid_queue', addressee: 'netbeheerder', ask: 'voorrang bij aansluiting' }]);
    // A line without a site: woningdelen, counted in places.
    box.querySelector<HTMLButtonElement>('#wp-add-without-site')?.click();
    const added = change.mock.calls[4]?.[0].entries.at(-1);
    expect(added?.site_id).toBe('');
    expect(added?.form).toBe('woningdelen');
  });

  it("edits one site's business case apart from the project's", () => {
    const box = document.createElement('div');
    document.body.append(box);
    const change = vi.fn<(i: Werkprogramma) => void>();
    renderWerkprogramma(box, werkprogramma(), change, vi.fn());
    const inv = box.querySelector<HTMLInputElement>('input[data-k=bc0_Inv]');
    if (!inv) throw new Error('no investment input for site 1');
    inv.value = '150000';
    inv.dispatchEvent(new Event('change'));
    const sent = change.mock.calls[0]?.[0];
    expect(sent?.entries[0].business?.investment_per_home_eur).toBe(150000);
    expect(sent?.entries[0].business?.rent_per_month_eur).toBe(808.06);
    expect(sent?.entries[1].business).toBeNull();
    expect(sent?.business).toBeNull();
    const self = box.querySelector<HTMLInputElement>('input[data-k=bcSelf]');
    if (!self) throw new Error('no self-contained box');
    self.checked = false;
    self.dispatchEvent(new Event('change'));
    expect(change.mock.calls[1]?.[0].business?.self_contained).toBe(false);
  });
});
