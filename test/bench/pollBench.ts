// `npm run bench` (second part): what one poll cycle costs a large account. A simulated account of
// 1,000 functions of which 50 have traffic, 80 ms per API call, on a virtual clock so that rate
// limits and backoff are measured in simulated seconds without waiting for them.
import { Analyzer } from '../../src/core/analysis/analyzer';
import { VirtualClock } from '../../src/core/clock';
import { AccountPoller, type CycleSummary } from '../../src/core/poll/accountPoller';
import { DEFAULT_API_RATES } from '../../src/core/poll/apiLimits';
import { DemoAccount } from '../../src/demo/demoAccount';
import { Random } from '../../src/demo/random';
import { DEMO_FUNCTIONS } from '../../src/demo/scenarios';

const START = Date.UTC(2026, 10, 26, 9);
const MINUTE = 60_000;

function summaryRow(label: string, s: CycleSummary): [string, string] {
  const calls = Object.entries(s.calls)
    .map(([op, n]) => `${op} ${n}`)
    .join(', ');
  return [label, `${calls} · ${(s.bytesDownloaded / 1e6).toFixed(2)} MB · ${s.eventsRead.toLocaleString('en-US')} events (${s.eventsRepeated} re-read) · ${((s.endedAt - s.startedAt) / 1000).toFixed(1)} s · ${s.logGroupsRead} log groups · ${s.complete ? 'complete' : 'incomplete'}`];
}

async function main(): Promise<void> {
  const clock = new VirtualClock(START);
  const active = Array.from({ length: 50 }, (_, i) => {
    const base = DEMO_FUNCTIONS[i % DEMO_FUNCTIONS.length] as (typeof DEMO_FUNCTIONS)[number];
    return { ...base, name: `${base.name}-${String(i).padStart(2, '0')}` };
  });
  const idle = Array.from({ length: 950 }, (_, i) => `idle-${String(i).padStart(3, '0')}`);
  const account = new DemoAccount({ clock, seed: 9, historyMs: 15 * MINUTE, functions: active, idleFunctions: idle, rateScale: 0.25, latencyMs: 80 });
  const analyzer = new Analyzer();
  const random = new Random(1);
  const poller = new AccountPoller({ sources: account, analyzer, clock, random: () => random.next() });
  const rows: Array<[string, string]> = [['account', '1,000 functions, 50 with traffic (~25 requests/s in all), 80 ms per API call']];
  const first = await poller.runCycle();
  rows.push(summaryRow('first cycle', first));
  rows.push(['time to the first complete report', `${((first.endedAt - START) / 1000).toFixed(1)} s (simulated; FilterLogEvents is held to ${DEFAULT_API_RATES.FilterLogEvents.perSecond}/s of the 5/s quota)`]);
  const steady: CycleSummary[] = [];
  for (let i = 0; i < 10; i++) {
    clock.advance(Math.max(0, START + (i + 1) * MINUTE - clock.now()));
    steady.push(await poller.runCycle());
  }
  const worst = (op: 'GetMetricData' | 'FilterLogEvents' | 'ListFunctions'): number => Math.max(...steady.map((s) => s.calls[op] ?? 0));
  rows.push(summaryRow('a later cycle (steady state)', steady[steady.length - 1] as CycleSummary));
  rows.push(['most calls in one steady cycle', `GetMetricData ${worst('GetMetricData')} (target ≤ 2), FilterLogEvents ${worst('FilterLogEvents')} (target ≤ 50), ListFunctions ${worst('ListFunctions')}`]);
  rows.push(['bytes per steady cycle', `${(steady.reduce((s, c) => s + c.bytesDownloaded, 0) / steady.length / 1e6).toFixed(2)} MB on average`]);
  const narrowAccount = new DemoAccount({ clock: new VirtualClock(START), seed: 9, historyMs: 15 * MINUTE, functions: active.slice(0, 5), idleFunctions: [], rateScale: 0.25 });
  const wide = await new AccountPoller({ sources: narrowAccount, analyzer: new Analyzer(), clock: new VirtualClock(START), narrowLogs: false }).runCycle();
  const narrowAccount2 = new DemoAccount({ clock: new VirtualClock(START), seed: 9, historyMs: 15 * MINUTE, functions: active.slice(0, 5), idleFunctions: [], rateScale: 0.25 });
  const narrow = await new AccountPoller({ sources: narrowAccount2, analyzer: new Analyzer(), clock: new VirtualClock(START) }).runCycle();
  rows.push(['filter pattern saves', `${(100 * (1 - narrow.bytesDownloaded / wide.bytesDownloaded)).toFixed(0)}% of the bytes (${(wide.bytesDownloaded / 1e6).toFixed(2)} MB → ${(narrow.bytesDownloaded / 1e6).toFixed(2)} MB for 15 min of 5 functions)`]);
  // Garbage collected first when node allows it (npm run bench passes --expose-gc).
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const remembered = poller.memoryFigures().rememberedEvents;
  rows.push(['events remembered for overlaps', `${remembered.toLocaleString('en-US')} (the re-read overlap's, to deliver each event once)`]);
  rows.push([gc ? 'retained heap after the run' : 'heap in use after the run', `${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB (the simulated account included${gc ? '' : '; not collected: run with --expose-gc'})`]);
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log('\nPoll cycle of a large account');
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
