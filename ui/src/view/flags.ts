// A site's flag history and what a flag import did.
import type { FlagDto, FlagImportDto } from '../api';
import { el, fileName } from '../dom';
import { flagLabel, fmt, getLang, t } from '../i18n';

/** A readable local time for an RFC 3339 UTC stamp. */
function when(at: string): string {
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? at : d.toLocaleString(getLang() === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' });
}

/** A site's flag history, newest first. */
export function renderFlagHistory(list: HTMLElement, history: FlagDto[]): void {
  if (history.length === 0) {
    list.replaceChildren(el('li', 'empty', t('flagNoHistory')));
    return;
  }
  list.replaceChildren(
    ...[...history].reverse().map((f) => {
      const li = el('li');
      li.append(el('strong', undefined, flagLabel(f.status)));
      if (f.note) li.append(` — ${f.note}`);
      li.append(el('div', 'when', `${f.author}, ${when(f.at)}${f.origin === 'local' ? '' : ` (${f.origin})`}`));
      return li;
    }),
  );
}

/** What a flag import did: counts, refused rows, and the differences that were merged. */
export function renderFlagImport(box: HTMLElement, r: FlagImportDto): void {
  const file = fileName(r.path);
  const title = el('h2', undefined, t('flagsImportTitle'));
  title.id = 'flags-title';
  const parts: HTMLElement[] = [title, el('p', undefined, t('flagsImported', { file, imported: fmt(r.imported), duplicates: fmt(r.duplicates) }))];
  if (r.conflicts.length > 0) {
    const ul = el('ul');
    ul.append(
      ...r.conflicts.map((c) =>
        el('li', undefined, t('flagConflictLine', {
          site: c.site_id, current: flagLabel(c.current.status), author: c.current.author, at: when(c.current.at),
          other: flagLabel(c.other.status), otherAuthor: c.other.author,
        })),
      ),
    );
    parts.push(el('h3', undefined, t('flagsConflicts', { n: r.conflicts.length })), ul);
  }
  if (r.rejected.length > 0) {
    const ul = el('ul');
    ul.append(...r.rejected.map(([row, msg]) => el('li', undefined, `${t('feature', { n: row })}: ${msg}`)));
    parts.push(el('h3', undefined, t('flagsRejected', { n: r.rejected.length })), ul);
  }
  box.replaceChildren(...parts);
}
