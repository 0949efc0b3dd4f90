// Comparing 2–4 chosen sites side by side, and handing the table on.
import { api } from '../api';
import { $, fileName } from '../dom';
import { attempt, errorText } from '../errors';
import { t } from '../i18n';
import type { Ctx } from '../store';
import { renderComparison } from '../view/compare';
import { addChosen } from './werkprogramma';

/** Said inside the dialog: the page's message bar lies under the modal. */
const exportTo = (ctx: Ctx, path: string) => {
  const note = $('compare-status');
  return attempt(
    async () => {
      const written = await api.compareExport(ctx.s.compared, path);
      note.textContent = t('compareExported', { file: fileName(written) });
      note.classList.remove('error');
    },
    (e) => {
      note.textContent = t('compareNotExported', { reason: errorText(e) });
      note.classList.add('error');
    },
  );
};

async function exportAs(ctx: Ctx, ext: 'xlsx' | 'csv'): Promise<void> {
  const path = await api
    .pickSaveExport(t('compareExport'), ext, ext.toUpperCase(), `Vergelijking ${ctx.s.compared.length} locaties.${ext}`)
    .catch(() => null);
  if (path) await exportTo(ctx, path);
}

export function wireCompare(ctx: Ctx): void {
  $('compare').addEventListener('click', () =>
    attempt(async () => {
      ctx.s.compared = [...ctx.s.chosen];
      renderComparison($('comparison'), await api.compareSites(ctx.s.compared));
      $('compare-status').textContent = '';
      $('compare-status').classList.remove('error');
      // The table (autofocus) gets the focus, so the dialog opens at its top.
      $<HTMLDialogElement>('compare-dialog').showModal();
    }),
  );
  $('compare-add').addEventListener('click', () => void addChosen(ctx));
  $('compare-xlsx').addEventListener('click', () => void exportAs(ctx, 'xlsx'));
  $('compare-csv').addEventListener('click', () => void exportAs(ctx, 'csv'));
  $('compare-print').addEventListener('click', () => {
    document.body.classList.add('print-compare');
    window.print();
    document.body.classList.remove('print-compare');
  });
  window.locatiescoutCompareExport = (path) => exportTo(ctx, path);
}
