// What every chart of the panels shares. Chart.js is imported piece by piece by each page
// (only the controllers, scales, elements and plugins it draws with end up in its bundle).
import type { Chart, Plugin } from 'chart.js';
import type { ChartTheme } from './theme';

declare global {
  interface Window {
    /** When each chart last finished drawing (performance.now()), by canvas id: read by the bench and the harness. */
    __lambdascopeRenders?: Record<string, { count: number; first: number; last: number }>;
  }
}

/** Records each render's time on window (one number per chart: cheap enough to keep in production). */
export const renderClock: Plugin = {
  id: 'lambdascopeRenderClock',
  afterRender(chart: Chart) {
    const id = chart.canvas.id || 'chart';
    const renders = (window.__lambdascopeRenders ??= {});
    const now = performance.now();
    const r = renders[id];
    if (r) {
      r.count++;
      r.last = now;
    } else renders[id] = { count: 1, first: now, last: now };
  },
};

/** Chart.js's global font and text colour from the theme (the canvas does not inherit CSS). */
export function applyDefaults(ChartClass: typeof Chart, theme: ChartTheme): void {
  ChartClass.defaults.font.family = theme.fontFamily;
  ChartClass.defaults.font.size = Math.max(11, theme.fontSize - 1);
  ChartClass.defaults.color = theme.text;
  ChartClass.defaults.borderColor = theme.grid;
}

/** Axis colours in place, on a new chart's options or a live chart's (after a theme change). */
export function paintAxis(axis: { grid?: object; ticks?: object; title?: object; border?: object } | undefined, theme: ChartTheme): void {
  if (!axis) return;
  Object.assign((axis.grid ??= {}), { color: theme.grid });
  Object.assign((axis.ticks ??= {}), { color: theme.text });
  Object.assign((axis.title ??= {}), { color: theme.muted });
  Object.assign((axis.border ??= {}), { color: theme.border });
}

/** Tooltip colours that follow the theme's hover widget. */
export function tooltipColors(theme: ChartTheme): Record<string, string | number> {
  const { background, foreground, border } = theme.hover;
  return { backgroundColor: background, titleColor: foreground, bodyColor: foreground, footerColor: foreground, borderColor: border, borderWidth: 1 };
}
