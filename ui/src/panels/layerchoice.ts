// The layer chooser: a GeoPackage with several feature layers asks which one
// to read, for an import and for a new project alike.
import { api, type GpkgLayerDto } from '../api';
import { $, fileName } from '../dom';
import { t } from '../i18n';

/** The layer chooser for a GeoPackage with several layers; resolves with the
 * layer's name, or `null` when the user cancels. */
export function askLayer(path: string, layers: GpkgLayerDto[]): Promise<string | null> {
  const dialog = $<HTMLDialogElement>('layer-dialog');
  const select = $<HTMLSelectElement>('layer-choice');
  $('layer-intro').textContent = t('layerIntro', { file: fileName(path), n: layers.length });
  select.replaceChildren(
    ...layers.map((l) => {
      const o = document.createElement('option');
      o.value = l.name;
      const what = { name: l.name, type: l.geometry_type || t('layerNoType'), n: l.features.toLocaleString('nl-NL'), crs: l.crs };
      o.textContent = t(l.features === 1 ? 'layerOptionOne' : 'layerOption', what);
      return o;
    }),
  );
  select.selectedIndex = 0;
  return new Promise((resolve) => {
    const done = (v: string | null) => {
      dialog.close();
      resolve(v);
    };
    $('layer-import').onclick = () => done(select.value || null);
    select.ondblclick = () => done(select.value || null);
    $('layer-cancel').onclick = () => done(null);
    dialog.oncancel = (e) => {
      e.preventDefault();
      done(null);
    };
    dialog.showModal();
    select.focus();
  });
}

/** The layer of a GeoPackage to read: asked when it has several; `undefined`
 * when the user cancelled. Other files have no layer to choose (`null`). */
export async function chooseLayer(path: string): Promise<string | null | undefined> {
  if (!/\.gpkg$/i.test(path)) return null;
  const layers = await api.gpkgLayers(path);
  if (layers.length <= 1) return null;
  const chosen = await askLayer(path, layers);
  return chosen ?? undefined;
}
