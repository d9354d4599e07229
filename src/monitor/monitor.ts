import type { Logger } from 'pino';
import type { AnalysisOptions } from '../analysis';
import { BATCH_MONTE_CARLO_PATHS } from '../batch/limits';
import type { AnalysisReport } from '../report';
import type { AnalysisRunner, HoldingsUpload } from '../server/analysis-runner';
import { inputHash } from '../server/result-cache';
import type { AlertEvent, PortfolioFields, PortfolioRecord, Store, StoredUpload } from '../store';
import { parseAlerts } from './alert-rules';
import { alertEvaluator } from './alerts';
import type { HistoryResult } from './backfill';
import type { Clock } from './clock';
import type { Deliveries } from './deliveries';
import { pointOf, type HistoryPoint, type PointKind } from './point';
import { checkWebhookUrl, newWebhookSecret, type WebhookPolicy } from './webhook';

export interface MonitorDeps {
  store: Store;
  runner: AnalysisRunner;
  clock: Clock;
  webhooks: WebhookPolicy;
  deliveries?: Deliveries;
  logger?: Logger;
  /** Told of every point recorded by an analysis (the `watch` command prints them). */
  onRecord?: (outcome: RunOutcome) => void;
}

/** A portfolio as a caller describes it (validated by the route or the CLI). */
export interface PortfolioInput {
  name: string;
  upload: HoldingsUpload;
  /** Parsed analysis options (asOf is per run, never saved). */
  options: Record<string, unknown>;
  webhookUrl: string | null;
  alerts: readonly string[];
  schedule: boolean;
}

export interface RunOutcome {
  point: HistoryPoint;
  analysisId: string | null;
  events: AlertEvent[];
}

/**
 * Saved portfolios at work: saving one (with its first analysis and back-fill), analysing one now or
 * for a scheduled market day, back-filling. Every result goes through `Store.record`, one
 * transaction per point with its alerts.
 */
export class Monitor {
  constructor(private readonly deps: MonitorDeps) {}

  /** The saved fields of an input: thresholds normalised, the webhook checked, the upload kept as sent. */
  async fields(input: PortfolioInput, secret: string | null): Promise<PortfolioFields> {
    const alerts = parseAlerts(input.alerts).map((a) => a.expression);
    const webhookUrl =
      input.webhookUrl === null ? null : (await checkWebhookUrl(input.webhookUrl, this.deps.webhooks)).toString();
    const { asOf: _runDate, ...options } = input.options;
    return {
      name: input.name,
      upload: storedUpload(input.upload),
      inputHash: inputHash(uploadBytes(input.upload)),
      options: { ...options, monteCarloPaths: options.monteCarloPaths ?? BATCH_MONTE_CARLO_PATHS },
      webhookUrl,
      webhookSecret: webhookUrl === null ? null : (secret ?? newWebhookSecret()),
      alerts,
      schedule: input.schedule,
    };
  }

  /** Saves a portfolio after its first analysis succeeded, then back-fills `months` month-ends. */
  async create(
    owner: string,
    input: PortfolioInput,
    months: number,
  ): Promise<{ portfolio: PortfolioRecord; latest: RunOutcome; backfill: BackfillOutcome }> {
    const fields = await this.fields(input, null);
    const imported = await this.deps.runner.importHoldings(input.upload);
    const history = await this.deps.runner.history(imported, optionsOf(fields), { months });
    const portfolio = await this.deps.store.portfolios.create(owner, fields);
    const latest = await this.record(portfolio, JSON.parse(history.latestJson) as AnalysisReport, 'created', {
      json: history.latestJson,
    });
    const backfill = await this.recordBackfill(portfolio, history);
    return { portfolio, latest: latest!, backfill };
  }

  /** Analyses a saved portfolio now (or as of a date, or for a scheduled market day) and records it. */
  async analyse(
    portfolio: PortfolioRecord,
    run: { kind: Exclude<PointKind, 'backfill' | 'created'>; asOf?: string; marketDay?: string },
  ): Promise<RunOutcome | null> {
    const imported = await this.deps.runner.importHoldings(uploadOf(portfolio.upload));
    const options = { ...optionsOf(portfolio), ...(run.asOf !== undefined && { asOf: run.asOf }) };
    const json = await this.deps.runner.analyse(imported, options);
    const marketDay = run.marketDay;
    return this.record(portfolio, JSON.parse(json) as AnalysisReport, run.kind, { json }, marketDay);
  }

  /** Month-end points over the past `months`, from the market-data history, with today's holdings. */
  async backfill(portfolio: PortfolioRecord, months: number): Promise<BackfillOutcome> {
    const imported = await this.deps.runner.importHoldings(uploadOf(portfolio.upload));
    return this.recordBackfill(portfolio, await this.deps.runner.history(imported, optionsOf(portfolio), { months }));
  }

  private async recordBackfill(portfolio: PortfolioRecord, history: HistoryResult): Promise<BackfillOutcome> {
    let stored = 0;
    for (const p of history.points) {
      const result = await this.deps.store.record({ portfolio, point: { ...p, inputHash: portfolio.inputHash } });
      if (result?.stored) stored++;
    }
    return { points: stored, monthEnds: history.points.map((p) => p.monthEnd!), skipped: history.skipped };
  }

  private async record(
    portfolio: PortfolioRecord,
    report: AnalysisReport,
    kind: PointKind,
    analysis: { json: string },
    marketDay?: string,
  ): Promise<RunOutcome | null> {
    const point = pointOf(report, { kind, inputHash: portfolio.inputHash });
    const result = await this.deps.store.record({
      portfolio,
      report: analysis,
      point,
      evaluate: alertEvaluator(portfolio, this.deps.clock.now()),
      ...(marketDay !== undefined && { run: { marketDay } }),
    });
    if (result === null) return null;
    if (result.events.some((e) => e.status === 'pending')) this.deps.deliveries?.kick();
    const analysisId = result.analysis?.id ?? null;
    const outcome = { point: { ...point, analysisId }, analysisId, events: result.events };
    this.deps.onRecord?.(outcome);
    return outcome;
  }
}

export interface BackfillOutcome {
  /** Points added (a date that already had a point keeps it). */
  points: number;
  monthEnds: string[];
  skipped: { monthEnd: string; code: string }[];
}

/** The saved options as the analysis takes them (language and paper do not change a report's figures). */
function optionsOf(p: Pick<PortfolioFields, 'options'>): AnalysisOptions {
  return { lang: 'en', paper: 'A4', ...p.options } as AnalysisOptions;
}

function storedUpload(upload: HoldingsUpload): StoredUpload {
  return upload.kind === 'file'
    ? { kind: 'file', fileName: upload.fileName, base64: Buffer.from(upload.bytes).toString('base64') }
    : { kind: 'json', body: upload.body };
}

export function uploadOf(stored: StoredUpload): HoldingsUpload {
  return stored.kind === 'file'
    ? { kind: 'file', fileName: stored.fileName, bytes: Buffer.from(stored.base64, 'base64') }
    : { kind: 'json', body: stored.body };
}

function uploadBytes(upload: HoldingsUpload): Uint8Array {
  return upload.kind === 'file' ? upload.bytes : Buffer.from(JSON.stringify(upload.body));
}
