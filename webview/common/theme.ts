// Chart colours come from the theme VS Code injects as --vscode-* variables, never hard-coded
// (the fallbacks are only for a variable a theme leaves out). Charts draw on a canvas, which CSS
// cannot restyle, so a theme change must re-render them with the new colours.
import type { ChartColorKey } from './chartData';

export type ThemeKind = 'light' | 'dark' | 'highContrast' | 'highContrastLight';

export interface ChartTheme {
  readonly kind: ThemeKind;
  readonly colors: Readonly<Record<ChartColorKey, string>>;
  readonly text: string;
  readonly muted: string;
  readonly grid: string;
  readonly border: string;
  readonly focus: string;
  readonly background: string;
  readonly fontFamily: string;
  readonly fontSize: number;
  /** The hover widget's colours, for tooltips. */
  readonly hover: { readonly background: string; readonly foreground: string; readonly border: string };
}

function cssVar(style: CSSStyleDeclaration, name: string, fallback: string): string {
  const v = style.getPropertyValue(name).trim();
  return v === '' ? fallback : v;
}

export function themeKind(): ThemeKind {
  const c = document.body.classList;
  if (c.contains('vscode-high-contrast-light')) return 'highContrastLight';
  if (c.contains('vscode-high-contrast')) return 'highContrast';
  if (c.contains('vscode-light')) return 'light';
  return 'dark';
}

/** Read once per theme (before the page builds its DOM: a computed style read after forces a style pass). */
export function readTheme(): ChartTheme {
  const s = getComputedStyle(document.body);
  const kind = themeKind();
  const light = kind === 'light' || kind === 'highContrastLight';
  const text = cssVar(s, '--vscode-charts-foreground', cssVar(s, '--vscode-foreground', light ? '#616161' : '#cccccc'));
  const highContrast = kind === 'highContrast' || kind === 'highContrastLight';
  const contrast = cssVar(s, '--vscode-contrastBorder', '');
  return {
    kind,
    colors: {
      red: cssVar(s, '--vscode-charts-red', light ? '#e51400' : '#f14c4c'),
      blue: cssVar(s, '--vscode-charts-blue', light ? '#1a85ff' : '#3794ff'),
      yellow: cssVar(s, '--vscode-charts-yellow', light ? '#bf8803' : '#cca700'),
      orange: cssVar(s, '--vscode-charts-orange', light ? '#d18616' : '#d18616'),
      green: cssVar(s, '--vscode-charts-green', light ? '#388a34' : '#89d185'),
      purple: cssVar(s, '--vscode-charts-purple', light ? '#652d90' : '#b180d7'),
      foreground: text,
    },
    text,
    muted: cssVar(s, '--vscode-descriptionForeground', text),
    // Grid lines: the theme's chart lines, or its widget border; high contrast themes get their border colour.
    grid: highContrast && contrast ? contrast : cssVar(s, '--vscode-charts-lines', cssVar(s, '--vscode-editorWidget-border', light ? 'rgba(0,0,0,0.12)' : 'rgba(255,255,255,0.12)')),
    border: contrast || cssVar(s, '--vscode-editorWidget-border', light ? '#c8c8c8' : '#454545'),
    focus: cssVar(s, '--vscode-focusBorder', light ? '#0090f1' : '#007fd4'),
    background: cssVar(s, '--vscode-editor-background', light ? '#ffffff' : '#1e1e1e'),
    fontFamily: cssVar(s, '--vscode-font-family', 'system-ui, sans-serif'),
    fontSize: Number.parseFloat(cssVar(s, '--vscode-font-size', '13')) || 13,
    hover: {
      background: cssVar(s, '--vscode-editorHoverWidget-background', cssVar(s, '--vscode-editor-background', light ? '#f3f3f3' : '#252526')),
      foreground: cssVar(s, '--vscode-editorHoverWidget-foreground', text),
      border: cssVar(s, '--vscode-editorHoverWidget-border', contrast || (light ? '#c8c8c8' : '#454545')),
    },
  };
}

/**
 * Calls `onChange` after the theme changed: VS Code swaps the body's class (light/dark/high
 * contrast) and rewrites the variables in <html>'s style (a dark theme for another dark theme
 * changes only the latter), so both are watched; one call per frame however many mutations.
 */
export function onThemeChange(onChange: (theme: ChartTheme) => void): void {
  let scheduled = false;
  const observer = new MutationObserver(() => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      onChange(readTheme());
    });
  });
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
}
