// Occurrences of an issue per hour (72 h) or per day (90 days): when it started, whether it is
// getting worse, whether a deploy ended it.
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip, type ChartOptions, type TooltipItem } from 'chart.js';
import { withAlpha } from '../common/chartData';
import { applyDefaults, paintAxis, renderClock, tooltipColors } from '../common/charts';
import { formatBucket, formatCount } from '../common/format';
import type { ChartTheme } from '../common/theme';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

export type Bucket = 'hour' | 'day';
type Counts = ReadonlyArray<{ readonly time: number; readonly count: number }>;

export class OccurrenceChart {
  private readonly chart: Chart<'bar', number[], string>;
  private counts: Counts = [];
  private unit: Bucket = 'hour';

  constructor(private readonly canvas: HTMLCanvasElement, private theme: ChartTheme) {
    applyDefaults(Chart, theme);
    const options: ChartOptions<'bar'> = {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        x: { ticks: { maxRotation: 0, autoSkipPadding: 12 } },
        y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'Occurrences' } },
      },
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: (item: TooltipItem<'bar'>) => `${formatCount(Number(item.raw))} occurrences` } },
      },
    };
    this.paint(options);
    this.chart = new Chart(canvas, { type: 'bar', data: { labels: [], datasets: [{ label: 'Occurrences', data: [], ...this.colors() }] }, options, plugins: [renderClock] });
  }

  show(counts: Counts, unit: Bucket): void {
    this.counts = counts;
    this.unit = unit;
    this.chart.data.labels = counts.map((c) => formatBucket(c.time, unit));
    const ds = this.chart.data.datasets[0];
    if (ds) ds.data = counts.map((c) => c.count);
    this.chart.update('none');
    const total = counts.reduce((a, c) => a + c.count, 0);
    const peak = counts.reduce<{ time: number; count: number } | null>((best, c) => (c.count > (best?.count ?? 0) ? c : best), null);
    const span = unit === 'hour' ? `the last ${counts.length} hours` : `the last ${counts.length} days`;
    this.canvas.setAttribute('aria-label', `Occurrences per ${unit} over ${span}: ${formatCount(total)} in all${peak ? `, most in ${formatBucket(peak.time, unit)} (${formatCount(peak.count)})` : ''}.`);
  }

  destroy(): void {
    this.chart.destroy();
  }

  setTheme(theme: ChartTheme): void {
    this.theme = theme;
    applyDefaults(Chart, theme);
    const ds = this.chart.data.datasets[0];
    if (ds) Object.assign(ds, this.colors());
    this.paint(this.chart.options as ChartOptions<'bar'>);
    this.show(this.counts, this.unit);
  }

  private colors(): { backgroundColor: string; borderColor: string; borderWidth: number; maxBarThickness: number } {
    return { backgroundColor: withAlpha(this.theme.colors.red, 0.65), borderColor: this.theme.colors.red, borderWidth: 1, maxBarThickness: 28 };
  }

  private paint(options: ChartOptions<'bar'>): void {
    paintAxis(options.scales?.x as never, this.theme);
    paintAxis(options.scales?.y as never, this.theme);
    if (options.plugins?.tooltip) Object.assign(options.plugins.tooltip, tooltipColors(this.theme));
  }
}
