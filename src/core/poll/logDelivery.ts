import type { Analyzer } from '../analysis/analyzer';
import type { LogEvent } from '../logEvent';
import type { FunctionConfig } from '../ports';

/**
 * The function that owns a log group's events: its name when it is the only function of the
 * account writing there (whatever the group is called — LoggingConfig.LogGroup); undefined for
 * a shared group, whose events are told apart by their stream names.
 */
export function soleWriterOf(group: string, configs: Iterable<FunctionConfig>): string | undefined {
  let writer: string | undefined;
  for (const c of configs) {
    if (c.logGroup !== group) continue;
    if (writer !== undefined) return undefined;
    writer = c.name;
  }
  return writer;
}

/** Hand an event to the analyzer, under its group's sole writer when there is one. */
export function deliverEvent(analyzer: Analyzer, event: LogEvent, soleWriter: string | undefined): void {
  if (soleWriter !== undefined) analyzer.ingestFor(soleWriter, event.logStreamName, event.timestamp, event.message, event.eventId);
  else analyzer.ingest(event);
}
