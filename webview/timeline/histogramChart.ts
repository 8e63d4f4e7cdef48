// Durations by log-scale bucket, warm and cold side by side: the shape of the latency
// distribution (two humps = cold starts, a long tail = outliers).
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip, type ChartConfiguration, type ChartOptions, type TooltipItem } from 'chart.js';
import type { DurationHistogramDto } from '../../src/shared/panelData';
import { histogramSeries, withAlpha, type HistogramSeries } from '../common/chartData';
import { applyDefaults, paintAxis, renderClock, tooltipColors } from '../common/charts';
import { formatCount, formatMs } from '../common/format';
import type { ChartTheme } from '../common/theme';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

export class DurationHistogram {
  private readonly chart: Chart<'bar', number[], string>;
  private series: HistogramSeries;

  constructor(private readonly canvas: HTMLCanvasElement, histogram: DurationHistogramDto, private theme: ChartTheme) {
    this.series = histogramSeries(histogram);
    applyDefaults(Chart, theme);
    const config: ChartConfiguration<'bar', number[], string> = {
      type: 'bar',
      data: {
        labels: this.series.labels,
        datasets: [
          { label: 'Warm', data: this.series.warm, ...this.colors('blue') },
          { label: 'Cold start', data: this.series.cold, ...this.colors('purple') },
        ],
      },
      options: this.options(),
      plugins: [renderClock],
    };
    this.chart = new Chart(canvas, config);
    this.describe();
  }

  update(histogram: DurationHistogramDto): void {
    this.series = histogramSeries(histogram);
    this.chart.data.labels = this.series.labels;
    const [warm, cold] = this.chart.data.datasets;
    if (warm) warm.data = this.series.warm;
    if (cold) cold.data = this.series.cold;
    this.chart.update('none');
    this.describe();
  }

  setTheme(theme: ChartTheme): void {
    this.theme = theme;
    applyDefaults(Chart, theme);
    const [warm, cold] = this.chart.data.datasets;
    if (warm) Object.assign(warm, this.colors('blue'));
    if (cold) Object.assign(cold, this.colors('purple'));
    this.paint(this.chart.options as ChartOptions<'bar'>);
    this.chart.update('none');
  }

  private colors(key: 'blue' | 'purple'): { backgroundColor: string; borderColor: string; borderWidth: number } {
    const c = this.theme.colors[key];
    return { backgroundColor: withAlpha(c, 0.7), borderColor: c, borderWidth: 1 };
  }

  private options(): ChartOptions<'bar'> {
    const options: ChartOptions<'bar'> = {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        x: { title: { display: true, text: 'Duration (bucket start, log scale)' }, ticks: { maxRotation: 0, autoSkipPadding: 8 } },
        y: { beginAtZero: true, title: { display: true, text: 'Invocations' }, ticks: { precision: 0 } },
      },
      plugins: {
        legend: { position: 'top', align: 'start' },
        tooltip: {
          callbacks: {
            title: (items: TooltipItem<'bar'>[]) => {
              const r = this.series.ranges[items[0]?.dataIndex ?? -1];
              return r ? `${formatMs(r.from)} – ${formatMs(r.to)}` : '';
            },
          },
        },
      },
    };
    this.paint(options);
    return options;
  }

  private paint(options: ChartOptions<'bar'>): void {
    paintAxis(options.scales?.x as never, this.theme);
    paintAxis(options.scales?.y as never, this.theme);
    if (options.plugins?.tooltip) Object.assign(options.plugins.tooltip, tooltipColors(this.theme));
    if (options.plugins?.legend?.labels) options.plugins.legend.labels.color = this.theme.text;
  }

  /** The text alternative: where most invocations fall, warm and cold. */
  private describe(): void {
    const s = this.series;
    const peak = (counts: number[]): string => {
      let best = -1;
      counts.forEach((c, i) => {
        if (c > 0 && (best < 0 || c > (counts[best] ?? 0))) best = i;
      });
      const r = s.ranges[best];
      return r ? `most between ${formatMs(r.from)} and ${formatMs(r.to)}` : 'none';
    };
    const total = (counts: number[]): number => counts.reduce((a, b) => a + b, 0);
    this.canvas.setAttribute('aria-label', `Histogram of durations. Warm: ${formatCount(total(s.warm))}, ${peak(s.warm)}. Cold starts: ${formatCount(total(s.cold))}, ${peak(s.cold)}.`);
  }
}
