// Errors from Rust arrive as { code, message }; this is the one place that shows them.
import { isApiError } from './api';
import { $, status } from './dom';
import { t } from './i18n';

/** The message of an error from Rust (or anything else thrown). */
export const errorText = (e: unknown) => (isApiError(e) ? e.message : String(e));

/** Shows `e` in the message bar and the status line. */
export function showError(e: unknown, title = t('error')): void {
  $('message-title').textContent = `${title}:`;
  $('message-text').textContent = errorText(e);
  $('message').hidden = false;
  status(`${title}: ${errorText(e)}`);
}

/** Runs `work`; a failure goes to `onError` — by default the message bar. */
export async function attempt(work: () => Promise<unknown>, onError: (e: unknown) => void = (e) => showError(e)): Promise<void> {
  try {
    await work();
  } catch (e) {
    onError(e);
  }
}
