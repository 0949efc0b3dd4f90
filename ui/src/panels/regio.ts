// "Regionaal overzicht…": pick the municipalities' werkprogramma GeoPackages (or
// a folder of them), see the roll-up, write it as PDF, Excel or GeoPackage.
import { api, type RegioDto } from '../api';
import { $, fileName, status } from '../dom';
import { attempt, errorText } from '../errors';
import { t } from '../i18n';
import { renderRegio } from '../regio';

let shown: { paths: string[]; expected: string[]; dto: RegioDto } | null = null;

const expected = () =>
  $<HTMLInputElement>('regio-expected')
    .value.split(/[,;\s]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

function open(): void {
  const d = $<HTMLDialogElement>('regio-dialog');
  if (!d.open) d.showModal();
}

/** Rolls up `paths` and shows the result; a refusal is said in the dialog. */
async function rollUp(paths: string[], want: string[]): Promise<void> {
  open();
  $('regio-error').hidden = true;
  $('regio-busy').hidden = false;
  try {
    const dto = await api.regioOverview(paths, want);
    shown = { paths: dto.files, expected: want, dto };
    renderRegio($('regio'), dto);
    for (const b of ['regio-pdf', 'regio-xlsx', 'regio-gpkg']) $<HTMLButtonElement>(b).disabled = false;
    status(t('regioDone', { n: dto.files.length }));
  } catch (e) {
    $('regio-error').textContent = errorText(e);
    $('regio-error').hidden = false;
  } finally {
    $('regio-busy').hidden = true;
  }
}

const exportTo = (path: string) =>
  attempt(async () => {
    if (!shown) return;
    const written = await api.regioExport(shown.paths, shown.expected, path);
    status(t('regioExported', { file: fileName(written) }));
    $('regio-status').textContent = t('regioExported', { file: fileName(written) });
  });

async function exportAs(ext: string): Promise<void> {
  const path = await api.pickSaveExport(t('regioExport'), ext, ext.toUpperCase(), `Regionaal overzicht.${ext}`).catch(() => null);
  if (path) await exportTo(path);
}

export function wireRegio(): void {
  $('regio-open').addEventListener('click', open);
  $('regio-files').addEventListener('click', async () => {
    const paths = await api.pickRegio(t('regioPickFiles'), false).catch(() => []);
    if (paths.length > 0) await rollUp(paths, expected());
  });
  $('regio-folder').addEventListener('click', async () => {
    const paths = await api.pickRegio(t('regioPickFolder'), true).catch(() => []);
    if (paths.length > 0) await rollUp(paths, expected());
  });
  $('regio-expected').addEventListener('change', () => {
    if (shown) void rollUp(shown.paths, expected());
  });
  for (const ext of ['pdf', 'xlsx', 'gpkg']) {
    $<HTMLButtonElement>(`regio-${ext}`).addEventListener('click', () => void exportAs(ext));
  }
  // The end-to-end test drives these directly: native file dialogs cannot be driven.
  window.locatiescoutRegio = (paths, want) => {
    $<HTMLInputElement>('regio-expected').value = want;
    return rollUp(paths, expected());
  };
  window.locatiescoutRegioExport = exportTo;
}
