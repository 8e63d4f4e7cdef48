// The timeline: duration (log y) against time, one dataset per kind of invocation (legend toggles
// them), the p99 and threshold lines, deploy markers, zoom and pan on x, a point opens the
// invocation. Built for 10,000 points: no parsing, no animation, appends update in place.
import { Chart, Legend, LinearScale, LogarithmicScale, PointElement, ScatterController, Tooltip, type ChartConfiguration, type ChartOptions, type Plugin, type TooltipItem } from 'chart.js';
import annotationPlugin, { type AnnotationOptions } from 'chartjs-plugin-annotation';
import zoomPlugin from 'chartjs-plugin-zoom';
import type { InvocationPointDto, TimelineFrameDto } from '../../src/shared/panelData';
import { describePoint, isMajorLogTick, KIND_STYLES, kindStyle, pointKind, scatterSeries, timelineSummary, withAlpha, type ScatterDatum } from '../common/chartData';
import { applyDefaults, paintAxis, renderClock, tooltipColors } from '../common/charts';
import { formatDateTime, formatMs, formatTick } from '../common/format';
import { visibleText } from '../common/text';
import type { ChartTheme } from '../common/theme';

/**
 * Chart.js's scatter controller finds its clipping margin by resolving the options of every
 * point, on every update: 10,000 resolutions for a margin this chart knows, since all the points
 * of a dataset share one radius and border.
 */
class UniformScatterController extends ScatterController {
  static override readonly id = 'uniformScatter';
  static override readonly defaults = ScatterController.defaults;
  // Not in Chart.js's types, but read by Chart.register: the scatter chart's own defaults (no line, x linear).
  static readonly overrides = (ScatterController as unknown as { overrides: object }).overrides;

  override getMaxOverflow(): number {
    const ds = this.getDataset() as { pointRadius?: number; pointHoverRadius?: number; borderWidth?: number };
    return Math.max(ds.pointRadius ?? 3, ds.pointHoverRadius ?? 0) + (ds.borderWidth ?? 1);
  }
}

declare module 'chart.js' {
  interface ChartTypeRegistry {
    uniformScatter: ChartTypeRegistry['scatter'];
  }
}

Chart.register(UniformScatterController, LinearScale, LogarithmicScale, PointElement, Tooltip, Legend, annotationPlugin, zoomPlugin);

export interface ScatterCallbacks {
  /** A point was chosen (click, or Enter on the keyboard selection). */
  readonly onOpen: (point: InvocationPointDto) => void;
  /** The x range shown changed (null: the whole window). */
  readonly onZoom: (range: { min: number; max: number } | null) => void;
}

type ScatterChart = Chart<'uniformScatter', ScatterDatum[]>;

export class TimelineScatter {
  private readonly chart: ScatterChart;
  private points: InvocationPointDto[] = [];
  private frame: TimelineFrameDto;
  private theme: ChartTheme;
  private selected: InvocationPointDto | null = null;
  private zoomed: { min: number; max: number } | null = null;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly summary: HTMLElement,
    private readonly announcer: HTMLElement,
    points: readonly InvocationPointDto[],
    frame: TimelineFrameDto,
    theme: ChartTheme,
    private readonly callbacks: ScatterCallbacks,
  ) {
    this.frame = frame;
    this.theme = theme;
    this.points = [...points];
    applyDefaults(Chart, theme);
    const config: ChartConfiguration<'uniformScatter', ScatterDatum[]> = { type: 'uniformScatter', data: { datasets: this.datasets() }, options: this.options(), plugins: [this.selectionPlugin(), renderClock] };
    this.chart = new Chart(canvas, config);
    canvas.addEventListener('keydown', (e) => this.onKey(e));
    // The text alternative walks every point: written right after the first frame, not before it.
    setTimeout(() => this.describe(), 0);
  }

  /** New points and figures (an append, or a reload of the same function): the chart is updated, not rebuilt. */
  update(points: readonly InvocationPointDto[], frame: TimelineFrameDto): void {
    this.points = [...points];
    this.frame = frame;
    const series = scatterSeries(this.points);
    this.chart.data.datasets.forEach((ds, i) => {
      const style = KIND_STYLES[i];
      if (style) ds.data = series[style.kind];
    });
    const o = this.chart.options;
    if (o.plugins) {
      o.plugins.annotation = { annotations: this.annotations() };
      if (o.plugins.zoom) o.plugins.zoom.limits = this.limits();
    }
    const x = o.scales?.x;
    if (x) {
      if (this.zoomed) {
        // Keep the user's range, inside the window that moved on.
        const min = Math.max(this.zoomed.min, frame.window.from);
        const max = Math.min(Math.max(this.zoomed.max, min + 1000), frame.window.to);
        x.min = min;
        x.max = max;
      } else {
        x.min = frame.window.from;
        x.max = frame.window.to;
      }
    }
    const y = o.scales?.y;
    if (y) y.suggestedMax = this.suggestedMax();
    const selected = this.selected;
    if (selected && !this.points.some((p) => isPoint(p, selected.requestId, selected.time))) this.selected = null;
    this.chart.update('none');
    this.describe();
  }

  setTheme(theme: ChartTheme): void {
    this.theme = theme;
    applyDefaults(Chart, theme);
    this.chart.data.datasets.forEach((ds, i) => {
      const style = KIND_STYLES[i];
      if (style) Object.assign(ds, this.datasetColors(style.kind));
    });
    this.paint(this.chart.options as ChartOptions<'uniformScatter'>);
    if (this.chart.options.plugins) this.chart.options.plugins.annotation = { annotations: this.annotations() };
    this.chart.update('none');
    // The tooltip keeps the colours it was laid out with: clear it, then lay the selection's out again.
    this.chart.tooltip?.setActiveElements([], { x: 0, y: 0 });
    this.showSelection();
  }

  /** Shows `range` of the window (a restored zoom). */
  zoomTo(range: { min: number; max: number }): void {
    this.chart.zoomScale('x', range, 'none');
    this.zoomed = range;
  }

  resetZoom(): void {
    this.zoomed = null;
    this.chart.resetZoom('none');
    const x = this.chart.options.scales?.x;
    if (x) {
      x.min = this.frame.window.from;
      x.max = this.frame.window.to;
    }
    this.chart.update('none');
    this.callbacks.onZoom(null);
  }

  /**
   * Selects the invocation (from the grid, or a restored state) without opening it: by request id
   * and start time (a retried request's attempts share the id).
   */
  select(requestId: string | null, time?: number): void {
    this.selected = requestId === null ? null : (this.points.find((p) => isPoint(p, requestId, time)) ?? null);
    this.showSelection();
  }

  /** The screen position of a point (tests drive clicks with it). */
  pixelOf(requestId: string, time?: number): { x: number; y: number } | null {
    const p = this.points.find((q) => isPoint(q, requestId, time));
    const xs = this.chart.scales.x;
    const ys = this.chart.scales.y;
    if (!p || !xs || !ys) return null;
    return { x: xs.getPixelForValue(p.time), y: ys.getPixelForValue(Math.max(0.1, p.durationMs)) };
  }

  /** The x range shown. */
  range(): { min: number; max: number } | null {
    const x = this.chart.scales.x;
    return x ? { min: x.min, max: x.max } : null;
  }

  destroy(): void {
    this.chart.destroy();
  }

  private datasets(): ChartConfiguration<'uniformScatter', ScatterDatum[]>['data']['datasets'] {
    const series = scatterSeries(this.points);
    return KIND_STYLES.map((s) => ({
      label: s.label,
      data: series[s.kind],
      pointStyle: s.shape,
      pointRadius: s.radius,
      pointHoverRadius: s.radius + 2,
      pointHitRadius: Math.max(4, s.radius),
      ...this.datasetColors(s.kind),
    }));
  }

  private datasetColors(kind: (typeof KIND_STYLES)[number]['kind']): { backgroundColor: string; borderColor: string; borderWidth: number } {
    const s = kindStyle(kind);
    const color = this.theme.colors[s.color];
    // Cross and star are drawn by their stroke only: a heavier line keeps them legible.
    const stroked = s.shape === 'crossRot' || s.shape === 'star';
    return { backgroundColor: withAlpha(color, s.fillAlpha), borderColor: color, borderWidth: stroked ? 2 : 1 };
  }

  private suggestedMax(): number | undefined {
    const lines = [this.frame.p99Ms, this.frame.thresholdMs].filter((v): v is number => v !== null && v > 0);
    return lines.length > 0 ? Math.max(...lines) * 1.5 : undefined;
  }

  private limits(): { x: { min: number; max: number; minRange: number } } {
    return { x: { min: this.frame.window.from, max: this.frame.window.to, minRange: 1000 } };
  }

  private options(): ChartOptions<'uniformScatter'> {
    const options: ChartOptions<'uniformScatter'> = {
      parsing: false,
      normalized: true,
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'nearest', intersect: true },
      scales: {
        x: {
          type: 'linear',
          min: this.frame.window.from,
          max: this.frame.window.to,
          ticks: { maxRotation: 0, autoSkipPadding: 16, callback: (v) => formatTick(Number(v), this.span()) },
        },
        y: {
          type: 'logarithmic',
          suggestedMax: this.suggestedMax(),
          title: { display: true, text: 'Duration' },
          ticks: { autoSkip: false, callback: (v) => (isMajorLogTick(Number(v)) ? formatMs(Number(v)) : '') },
        },
      },
      plugins: {
        legend: { position: 'top', align: 'start', labels: { usePointStyle: true, boxHeight: 8, padding: 14 } },
        tooltip: {
          callbacks: {
            title: (items: TooltipItem<'uniformScatter'>[]) => (items[0] ? formatDateTime((items[0].raw as ScatterDatum).x) : ''),
            label: (item: TooltipItem<'uniformScatter'>) => tooltipLine((item.raw as ScatterDatum).point),
          },
        },
        annotation: { annotations: this.annotations() },
        zoom: {
          limits: this.limits(),
          zoom: {
            mode: 'x',
            // Ctrl + wheel: a bare wheel keeps scrolling the page.
            wheel: { enabled: true, modifierKey: 'ctrl' },
            drag: { enabled: true, threshold: 4 },
            onZoomComplete: () => this.zoomChanged(),
          },
          pan: { enabled: true, mode: 'x', modifierKey: 'shift', onPanComplete: () => this.zoomChanged() },
        },
      },
      onClick: (_event, elements) => {
        // Several points under the pointer: the one drawn on top (failures are drawn last) is the one seen.
        const hit = elements.reduce<(typeof elements)[number] | undefined>((top, e) => (!top || e.datasetIndex > top.datasetIndex ? e : top), undefined);
        if (!hit) return;
        const datum = this.chart.data.datasets[hit.datasetIndex]?.data[hit.index];
        if (!datum) return;
        this.selected = datum.point;
        this.showSelection();
        this.callbacks.onOpen(datum.point);
      },
    };
    this.paint(options);
    return options;
  }

  /** Every colour of the options from the theme (new options, or the live chart's after a theme change). */
  private paint(options: ChartOptions<'uniformScatter'>): void {
    paintAxis(options.scales?.x as never, this.theme);
    paintAxis(options.scales?.y as never, this.theme);
    // On the log axis, grid lines only where there is a label (1, 2, 5 of each decade): the others are noise.
    const yGrid = options.scales?.y?.grid;
    const grid = this.theme.grid;
    if (yGrid) yGrid.color = (ctx: { tick?: { value: number } }) => (ctx.tick && isMajorLogTick(ctx.tick.value) ? grid : 'transparent');
    const plugins = options.plugins;
    if (!plugins) return;
    if (plugins.legend?.labels) plugins.legend.labels.color = this.theme.text;
    if (plugins.tooltip) Object.assign(plugins.tooltip, tooltipColors(this.theme));
    const drag = plugins.zoom?.zoom?.drag;
    if (drag) Object.assign(drag, { backgroundColor: withAlpha(this.theme.focus, 0.15), borderColor: this.theme.focus, borderWidth: 1 });
  }

  private annotations(): Record<string, AnnotationOptions> {
    const t = this.theme;
    const label = (content: string, color: string, position: 'start' | 'end'): AnnotationOptions<'line'>['label'] => ({
      display: true,
      content,
      position,
      color: t.background,
      backgroundColor: color,
      font: { size: 11 },
      padding: { x: 4, y: 2 },
      borderRadius: 2,
    });
    const out: Record<string, AnnotationOptions> = {};
    const { p99Ms, thresholdMs, deploys } = this.frame;
    if (p99Ms !== null && p99Ms > 0) out.p99 = { type: 'line', scaleID: 'y', value: p99Ms, borderColor: t.colors.orange, borderWidth: 1.5, borderDash: [6, 4], label: label(`p99 ${formatMs(p99Ms)}`, t.colors.orange, 'end') };
    if (thresholdMs !== null && thresholdMs > 0) out.threshold = { type: 'line', scaleID: 'y', value: thresholdMs, borderColor: t.colors.red, borderWidth: 1.5, label: label(`threshold ${formatMs(thresholdMs)}`, t.colors.red, 'start') };
    deploys.forEach((d, i) => {
      out[`deploy${i}`] = { type: 'line', scaleID: 'x', value: d.time, borderColor: t.colors.green, borderWidth: 1.5, borderDash: [2, 3], label: label(`deploy ${d.version}`, t.colors.green, 'start') };
    });
    return out;
  }

  private span(): number {
    const x = this.chart?.scales.x;
    return x ? x.max - x.min : this.frame.window.to - this.frame.window.from;
  }

  private zoomChanged(): void {
    const x = this.chart.scales.x;
    if (!x) return;
    const { from, to } = this.frame.window;
    const whole = x.min <= from + 1 && x.max >= to - 1;
    this.zoomed = whole ? null : { min: x.min, max: x.max };
    this.callbacks.onZoom(this.zoomed);
  }

  /** Draws a focus ring around the keyboard (or clicked) selection. */
  private selectionPlugin(): Plugin<'uniformScatter'> {
    return {
      id: 'lambdascopeSelection',
      afterDatasetsDraw: (chart) => {
        const p = this.selected;
        const xs = chart.scales.x;
        const ys = chart.scales.y;
        if (!p || !xs || !ys) return;
        const x = xs.getPixelForValue(p.time);
        const y = ys.getPixelForValue(Math.max(0.1, p.durationMs));
        const area = chart.chartArea;
        if (x < area.left || x > area.right || y < area.top || y > area.bottom) return;
        const ctx = chart.ctx;
        ctx.save();
        ctx.strokeStyle = this.theme.focus;
        ctx.lineWidth = 2;
        ctx.beginPath();
        ctx.arc(x, y, 9, 0, Math.PI * 2);
        ctx.stroke();
        ctx.restore();
      },
    };
  }

  /** Points the keyboard can reach: those of the kinds shown, in the x range shown, in time order. */
  private reachable(): InvocationPointDto[] {
    const x = this.chart.scales.x;
    const shownKinds = new Set(KIND_STYLES.filter((_s, i) => this.chart.isDatasetVisible(i)).map((s) => s.kind));
    return this.points.filter((p) => shownKinds.has(pointKind(p)) && (!x || (p.time >= x.min && p.time <= x.max)));
  }

  private onKey(e: KeyboardEvent): void {
    const keys = ['ArrowRight', 'ArrowLeft', 'Home', 'End', 'Enter', ' ', 'Escape'];
    if (!keys.includes(e.key)) return;
    e.preventDefault();
    if (e.key === 'Escape') {
      this.selected = null;
      this.showSelection();
      return;
    }
    if (e.key === 'Enter' || e.key === ' ') {
      if (this.selected) this.callbacks.onOpen(this.selected);
      return;
    }
    const list = this.reachable();
    if (list.length === 0) return;
    const selected = this.selected;
    const at = selected ? list.findIndex((p) => isPoint(p, selected.requestId, selected.time)) : -1;
    let next: number;
    if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = list.length - 1;
    else if (at < 0) next = e.key === 'ArrowRight' ? 0 : list.length - 1;
    else next = Math.min(list.length - 1, Math.max(0, at + (e.key === 'ArrowRight' ? 1 : -1)));
    this.selected = list[next] ?? null;
    this.showSelection();
  }

  /** Redraws the ring, shows the tooltip of the selection and says it to screen readers. */
  private showSelection(): void {
    const p = this.selected;
    if (!p) {
      this.chart.tooltip?.setActiveElements([], { x: 0, y: 0 });
      this.chart.setActiveElements([]);
      this.announcer.textContent = '';
      this.chart.update('none');
      return;
    }
    const datasetIndex = KIND_STYLES.findIndex((s) => s.kind === pointKind(p));
    const data = this.chart.data.datasets[datasetIndex]?.data ?? [];
    const index = data.findIndex((d) => d.point === p);
    if (index >= 0) {
      const at = this.pixelOf(p.requestId, p.time) ?? { x: 0, y: 0 };
      this.chart.setActiveElements([{ datasetIndex, index }]);
      this.chart.tooltip?.setActiveElements([{ datasetIndex, index }], at);
    }
    this.announcer.textContent = `${describePoint(p, formatDateTime(p.time))}. Press Enter to open it.`;
    this.chart.update('none');
  }

  private describe(): void {
    const text = timelineSummary(this.points, this.frame);
    this.summary.textContent = text;
    this.canvas.setAttribute('aria-label', `Invocation timeline: duration against time. ${text} Use Left and Right to move between invocations, Enter to open one.`);
  }
}

function tooltipLine(p: InvocationPointDto): string[] {
  const kind = kindStyle(pointKind(p)).label;
  return [`${kind}${p.coldStart && pointKind(p) !== 'cold' ? ' · cold start' : ''}: ${formatMs(p.durationMs)}`, ...(p.initDurationMs !== undefined ? [`init ${formatMs(p.initDurationMs)}`] : []), `request ${visibleText(p.requestId)}`];
}

/** Whether `p` is the invocation of `requestId` (that started at `time`, when given). */
function isPoint(p: InvocationPointDto, requestId: string, time: number | undefined): boolean {
  return p.requestId === requestId && (time === undefined || p.time === time);
}
