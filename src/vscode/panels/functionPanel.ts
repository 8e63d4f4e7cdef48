import type * as vscode from 'vscode';
import type { PanelType } from '../commandIds';
import { buildTimeline, type TimelineModel } from '../../core/timeline/timelineModel';
import type { PanelCommand, PanelRequests, RequestMethod } from '../../shared/protocol';
import { functionNow, invocationDetail, missingReason, type FunctionNow, type FunctionRef, type PanelContext } from './panelContext';
import { pointDto, timelineDto, timelineFrameDto } from './panelDtos';
import { PanelHost } from './panelHost';

export const FUNCTION_PANEL_TYPE: PanelType = 'lambdascope.function';

/**
 * The function panel: the invocation timeline of one function. Sent whole when its page loads,
 * then only the invocations added since (with the figures, which are small), once per poll cycle.
 */
export class FunctionPanel {
  readonly host: PanelHost;
  /** How many of the timeline's invocations the page has (InvocationLog.added when last sent). */
  private sentAdded = -1;
  /** The reason last posted that there is nothing to show. */
  private sentMissing: string | undefined;

  constructor(
    panel: vscode.WebviewPanel,
    readonly ref: FunctionRef,
    private readonly context: PanelContext,
  ) {
    this.host = new PanelHost(panel, context.extensionUri, 'timeline', {
      onReady: () => {
        this.sentAdded = -1;
        this.sentMissing = undefined;
        this.update();
      },
      onCommand: (command) => this.command(command),
      onRequest: <M extends RequestMethod>(method: M, params: PanelRequests[M]['params'], signal: AbortSignal) => this.request(method, params, signal),
    }, context.log);
  }

  /** New data may be there (a poll cycle ended, the window changed): bring the page up to date. */
  update(full = false): void {
    if (!this.host.listening) return;
    const now = functionNow(this.context, this.ref);
    const missing = missingReason(this.context, this.ref);
    if (!now || missing !== undefined) {
      if (missing !== undefined && missing !== this.sentMissing) this.host.notify({ type: 'unavailable', message: missing });
      this.sentMissing = missing;
      return;
    }
    this.sentMissing = undefined;
    const model = this.model(now);
    const log = now.monitor?.timeline;
    const added = log?.added ?? 0;
    const context = { report: now.view?.report, metrics: now.view?.status.metrics, config: now.view?.status.config, findings: now.view?.findings };
    // A page that missed more than the log keeps (or never had anything) gets it all again; else the
    // new invocations, and the figures every time (the window slides even without traffic).
    if (full || this.sentAdded < 0 || !log || added - this.sentAdded > log.capacity) {
      this.host.notify({ type: 'timeline', timeline: timelineDto(model, { ...this.ref, ...context }) });
    } else {
      const fresh = log.addedSince(this.sentAdded).filter((p) => p.time >= model.window.from);
      this.host.notify({ type: 'timelineAppend', points: fresh.map(pointDto), frame: timelineFrameDto(model, context) });
    }
    this.sentAdded = added;
  }

  private model(now: FunctionNow): TimelineModel {
    const window = now.snapshot.window;
    const points = now.monitor?.timeline.points(window.from, window.to) ?? [];
    const config = now.view?.status.config;
    const deployedAt = config?.lastModified !== undefined ? Date.parse(config.lastModified) : Number.NaN;
    return buildTimeline(points, now.view?.report, window, {
      ...(now.view?.thresholdMs !== undefined ? { thresholdMs: now.view.thresholdMs } : {}),
      ...(config && Number.isFinite(deployedAt) ? { deployed: { time: deployedAt, version: config.version } } : {}),
    });
  }

  private command(command: PanelCommand): void {
    if (command.type === 'openIssue') this.context.showIssue({ ...this.ref, fingerprint: command.fingerprint });
  }

  private request<M extends RequestMethod>(method: M, params: PanelRequests[M]['params'], signal: AbortSignal): Promise<PanelRequests[M]['result']> {
    // One method today; a new one is a compile error here until handled.
    const _exhaustive: 'invocation' = method;
    return invocationDetail(this.context, this.ref, params.requestId, params.time, signal);
  }
}
