// The Findings tab: best-practice findings over the function's configuration and the window's
// figures, warnings first. Read-only text: evidence can quote what AWS returned, so it is literal.
import type { FindingDto } from '../../src/shared/panelData';
import { classToken, el, literalText } from '../common/dom';

// The marker's glyph is a plain letter in a CSS shape: no icon font, no character a font may lack.
const SEVERITY = {
  warning: { icon: '!', label: 'warning' },
  info: { icon: 'i', label: 'info' },
} as const;

export function findingList(findings: readonly FindingDto[]): HTMLElement {
  if (findings.length === 0) return el('p', { className: 'empty', text: "No findings: the configuration and this window's behaviour look right." });
  const list = el('ul', { className: 'findings', attrs: { 'aria-label': 'Findings' } });
  for (const f of findings) {
    const severity = SEVERITY[f.severity] ?? SEVERITY.info;
    const row = (term: string, text: string): HTMLElement => el('div', {}, el('dt', { text: term }), el('dd', {}, literalText(text)));
    list.append(
      el(
        'li',
        { className: `severity-${classToken(f.severity)}`, attrs: { 'data-rule': f.id } },
        el(
          'div',
          { className: 'finding-head' },
          el('span', { className: 'severity-icon', text: severity.icon, attrs: { 'aria-hidden': 'true' } }),
          el('span', { className: 'tag severity', text: severity.label }),
          el('h3', {}, literalText(f.title)),
        ),
        el('dl', { className: 'finding-body' }, row('Evidence', f.evidence), row('Why', f.why), row('Fix', f.fix), el('div', {}, el('dt', { text: 'Rule' }), el('dd', {}, el('code', { className: 'rule-id' }, literalText(f.id)), el('span', { className: 'hint', text: ' · turn it off in the setting lambdascope.findings.disabled' })))),
      ),
    );
  }
  return list;
}
