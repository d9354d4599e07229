import type { Logger } from 'pino';
import type { AlertEvent, Store } from '../store';
import type { Clock } from './clock';
import { postWebhook, signature, type WebhookPolicy } from './webhook';

export interface DeliveryConfig extends WebhookPolicy {
  timeoutMs: number;
  /** Attempts before an event is recorded as failed. */
  maxAttempts: number;
  /** Wait before the second attempt; doubled after each failure, at most an hour. */
  baseDelayMs: number;
  /** How long a claimed delivery is this process's before another may take it (a killed process's). */
  leaseMs: number;
}

export const DEFAULT_DELIVERY: Omit<DeliveryConfig, 'allowPrivate'> = {
  timeoutMs: 10_000,
  maxAttempts: 8,
  baseDelayMs: 30_000,
  leaseMs: 60_000,
};

/**
 * Sends alert events to their portfolios' webhooks from the store's queue: due events are claimed
 * (so two processes never send one at once), posted signed, and settled — delivered on a 2xx,
 * otherwise tried again after a growing delay, failed after the last attempt. The queue is in the
 * database, so a restart carries on where the last process stopped. A process killed between a
 * receiver's 2xx and recording it sends that event again: receivers dedupe by the event id
 * (`X-Event-Id`, also in the body).
 */
export class Deliveries {
  private wake = new AbortController();
  private stopped = true;
  private loop: Promise<void> = Promise.resolve();
  private pass: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly config: DeliveryConfig,
    private readonly logger?: Logger,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.loop = this.run();
  }

  /** New events are waiting: deliver them now rather than at the next poll. */
  kick(): void {
    this.wake.abort();
  }

  /** Sends every due event once (what the loop does each time it wakes). */
  deliverDue(): Promise<void> {
    this.pass = this.pass.then(() => this.deliverBatch());
    return this.pass;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      this.wake = new AbortController();
      await this.deliverDue().catch((err: unknown) => this.logger?.error({ err }, 'webhook deliveries failed'));
      if (this.stopped) break;
      const next = await this.store.alerts.nextDue().catch(() => null);
      const wait = next === null ? 60_000 : Math.max(0, next - this.clock.now());
      await this.clock.sleep(Math.min(wait, 60_000), this.wake.signal);
    }
  }

  private async deliverBatch(): Promise<void> {
    for (;;) {
      const due = await this.store.alerts.due(this.clock.now(), 20);
      if (due.length === 0) return;
      for (const event of due)
        if (await this.store.alerts.claim(event.id, this.clock.now(), this.config.leaseMs)) await this.deliver(event);
    }
  }

  private async deliver(event: AlertEvent): Promise<void> {
    const portfolio = await this.store.portfolios.byId(event.portfolioId);
    const attempts = event.attempts + 1;
    if (portfolio?.webhookUrl == null || portfolio.webhookSecret === null) {
      await this.store.alerts.settle(event.id, { ...settled('no_webhook', attempts), delivered: null });
      return;
    }
    const sentAt = Math.floor(this.clock.now() / 1000);
    const headers = {
      'user-agent': 'ai-exposure-webhook/1',
      'x-event-id': event.id,
      'x-event-type': `alert.${event.transition}`,
      'x-signature': signature(portfolio.webhookSecret, event.payload, sentAt),
    };
    let error: string;
    try {
      const status = await postWebhook(portfolio.webhookUrl, event.payload, headers, this.config);
      if (status >= 200 && status < 300) {
        await this.store.alerts.settle(event.id, { ...settled('delivered', attempts), delivered: this.clock.now() });
        return;
      }
      error = `HTTP ${status}`;
    } catch (err) {
      error = String((err as { code?: unknown }).code ?? (err as Error).message).slice(0, 200);
    }
    const last = attempts >= this.config.maxAttempts;
    const delay = Math.min(this.config.baseDelayMs * 2 ** (attempts - 1), 3_600_000);
    this.logger?.warn({ event: event.id, attempts, error }, last ? 'webhook failed' : 'webhook will be retried');
    await this.store.alerts.settle(event.id, {
      status: last ? 'failed' : 'pending',
      attempts,
      nextAttempt: last ? null : this.clock.now() + delay,
      lastError: error,
      delivered: null,
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.kick();
    await this.loop;
    await this.pass.catch(() => {});
  }
}

function settled(status: 'delivered' | 'no_webhook', attempts: number) {
  return { status, attempts, nextAttempt: null, lastError: null };
}
