// The Issues tab: the window's issues, most frequent first; each opens the issue panel.
import type { FunctionIssueDto } from '../../src/shared/panelData';
import { actionLink, classToken, el, literalText } from '../common/dom';
import { formatAgo, formatCount } from '../common/format';

export function issueList(issues: readonly FunctionIssueDto[], now: number, onOpen: (fingerprint: string) => void): HTMLElement {
  if (issues.length === 0) return el('p', { className: 'empty', text: 'No issues in this window.' });
  const list = el('ul', { className: 'issues', attrs: { 'aria-label': 'Issues in this window' } });
  for (const i of issues) {
    list.append(
      el(
        'li',
        {},
        actionLink(literalText(i.title), () => onOpen(i.fingerprint), 'link issue-title'),
        el('span', { className: 'issue-meta' }, el('span', { className: `tag kind-${classToken(i.kind)}`, text: i.kind }), el('span', { className: `tag state-${classToken(i.state)}`, text: i.state }), `${formatCount(i.count)}× · last seen ${formatAgo(i.lastSeen, now)}`),
      ),
    );
  }
  return list;
}
