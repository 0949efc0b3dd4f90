// The open project: drawing it after every change, and opening, creating,
// copying and switching projects and profiles.
import { api, type LayerKindDto, type OverviewDto } from '../api';
import { $, fileName, status } from '../dom';
import { attempt, showError } from '../errors';
import { t } from '../i18n';
import type { Ctx } from '../store';
import { renderLayers } from '../view/layers';
import { fillSelect } from '../view/select';
import { refreshFlags } from './flags';
import { chooseLayer } from './layerchoice';
import { drawLayers, drawLegend } from './layers';
import { refreshList, updateChosen } from './list';
import { refreshSensitivity, renderWeights } from './weights';

/** Draws a freshly opened or changed project: weights, layers, map, list. */
export async function show(ctx: Ctx, o: OverviewDto, fit: boolean): Promise<void> {
  ctx.s.overview = o;
  $('project-name').textContent = `— ${o.project.name}`;
  $('project-name').title = o.project.path;
  $('flag-panel').hidden = true;
  $<HTMLSelectElement>('profile').value = o.profile;
  renderWeights(ctx, o);
  renderLayers($('layers'), o.layers, o.overlays, o.problems, (name) =>
    void attempt(async () => {
      await show(ctx, await api.removeOverlay(name), false);
      status(t('overlayRemoved', { name }));
    }),
  );
  drawLegend(ctx);
  // The map and the list load independently: one failing must not blank the other.
  await attempt(() => drawLayers(ctx, o, fit));
  ctx.s.selected = null;
  // Site numbers belong to the profile and data shown: a new view starts a new choice.
  ctx.s.chosen.clear();
  updateChosen(ctx);
  $('detail').replaceChildren();
  ctx.s.sensitivity = null;
  await refreshList(ctx);
  void refreshFlags(ctx).catch(showError);
  void refreshRecent();
  void refreshSensitivity(ctx);
}

async function refreshRecent(): Promise<void> {
  try {
    const recent = await api.recentProjects();
    fillSelect($<HTMLSelectElement>('recent'), [['', t('projectRecent')], ...recent.map((p): [string, string] => [p, fileName(p)])]);
    $<HTMLSelectElement>('recent').value = '';
  } catch {
    // The recent list is a convenience; without it everything else works.
  }
}

/** Opens, creates or copies a project; the old one stays open when that fails. */
function switchProject(ctx: Ctx, open: () => Promise<OverviewDto>, done: (o: OverviewDto) => string): Promise<void> {
  status(t('loading'));
  return attempt(async () => {
    const o = await open();
    await show(ctx, o, true);
    status(done(o));
  });
}

/** At start: the last project, else the sample region. */
export function openStart(ctx: Ctx): Promise<void> {
  status(t('loading'));
  return attempt(async () => {
    performance.mark('open-start');
    const o = await api.openStart();
    performance.measure('open-rust', 'open-start');
    await show(ctx, o, true);
    performance.measure('open-shown', 'open-start');
    status(t('loaded', { n: o.sites }));
  });
}

const switchProfile = (ctx: Ctx, profile: string) =>
  attempt(
    async () => show(ctx, await api.setProfile(profile), true),
    (e) => {
      showError(e);
      if (ctx.s.overview) $<HTMLSelectElement>('profile').value = ctx.s.overview.profile;
    },
  );

/** The kind of file chosen for the next import or new project. */
export const kind = () => $<HTMLSelectElement>('kind').value as LayerKindDto;

export function wireProject(ctx: Ctx): void {
  const opened = (o: OverviewDto) => t('projectOpened', { name: o.project.name, n: o.sites });
  $('project-open').addEventListener('click', async () => {
    const path = await api.pickOpen(t('projectOpen'), 'project').catch(() => null);
    if (path) await switchProject(ctx, () => api.projectOpen(path), opened);
  });
  $('recent').addEventListener('change', (e) => {
    const path = (e.target as HTMLSelectElement).value;
    if (path) void switchProject(ctx, () => api.projectOpen(path), opened);
  });
  const newProject = async (path: string, file: string, k: LayerKindDto) => {
    // A GeoPackage with several layers asks which one first; a file that cannot
    // be listed says why.
    let layer: string | null | undefined;
    try {
      layer = await chooseLayer(file);
    } catch (e) {
      showError(e);
      return;
    }
    if (layer === undefined) {
      status(t('fieldmapCancelled'));
      return;
    }
    await switchProject(ctx, () => api.projectNew(path, file, k, layer), opened);
  };
  $('project-new').addEventListener('click', async () => {
    const path = await api.pickSave(t('projectNew'), 'project', 'Nieuw project.locatiescout').catch(() => null);
    if (!path) return;
    const file = await api.pickFile(t('projectNewPick')).catch(() => null);
    if (file) await newProject(path, file, kind());
  });
  // The end-to-end test drives this directly: native file dialogs cannot be driven.
  window.locatiescoutProjectNew = newProject;
  $('project-save-as').addEventListener('click', async () => {
    const path = await api.pickSave(t('projectSaveAs'), 'project', `${ctx.s.overview?.project.name ?? 'project'} kopie.locatiescout`).catch(() => null);
    if (path) await switchProject(ctx, () => api.projectSaveAs(path), (o) => t('projectSaved', { name: o.project.name }));
  });
  $('profile').addEventListener('change', (e) => void switchProfile(ctx, (e.target as HTMLSelectElement).value));
}
