import { byId, el, literalText } from './dom';

/**
 * Why the panel has nothing to show, in place of "Loading…" (which would otherwise stay for ever).
 * A page already showing data keeps it: what it showed is still true of the time it covers.
 */
export function showUnavailable(message: string, showingData: boolean): void {
  if (showingData) return;
  byId('root').replaceChildren(el('p', { className: 'empty unavailable', attrs: { role: 'status' } }, literalText(message)));
}
