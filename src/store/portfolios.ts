import { randomUUID } from 'node:crypto';
import type { SqlDriver, SqlExecutor } from './sql';

/** The holdings as they were uploaded, read again at every run (so a better reader reads them better). */
export type StoredUpload = { kind: 'file'; fileName: string; base64: string } | { kind: 'json'; body: unknown };

export interface PortfolioRecord {
  id: string;
  owner: string;
  name: string;
  created: number;
  updated: number;
  upload: StoredUpload;
  /** Hash of the holdings' bytes: which holdings a history point was computed on. */
  inputHash: string;
  /** Analysis options of every run (asOf excepted), as the options schema parsed them. */
  options: Record<string, unknown>;
  webhookUrl: string | null;
  /** Signs the webhook's events; shown once, when made. */
  webhookSecret: string | null;
  /** Threshold expressions, normalised. */
  alerts: string[];
  /** Re-analysed daily by the schedule. */
  schedule: boolean;
  latestAnalysisId: string | null;
}

export type PortfolioFields = Omit<PortfolioRecord, 'id' | 'owner' | 'created' | 'updated' | 'latestAnalysisId'>;

interface Row {
  id: string;
  owner: string;
  name: string;
  created: number;
  updated: number;
  upload: string;
  input_hash: string;
  options: string;
  webhook_url: string | null;
  webhook_secret: string | null;
  alerts: string;
  schedule: number;
  latest_analysis_id: string | null;
}

const COLUMNS =
  'id, owner, name, created, updated, upload, input_hash, options, webhook_url, webhook_secret, alerts, schedule, ' +
  'latest_analysis_id';

function fromRow(r: Row): PortfolioRecord {
  return {
    id: r.id,
    owner: r.owner,
    name: r.name,
    created: Number(r.created),
    updated: Number(r.updated),
    upload: JSON.parse(r.upload) as StoredUpload,
    inputHash: r.input_hash,
    options: JSON.parse(r.options) as Record<string, unknown>,
    webhookUrl: r.webhook_url,
    webhookSecret: r.webhook_secret,
    alerts: JSON.parse(r.alerts) as string[],
    schedule: r.schedule === 1,
    latestAnalysisId: r.latest_analysis_id,
  };
}

/** Saved portfolios, each its owner's: every look-up by id also names the owner. */
export class PortfolioRecords {
  constructor(
    private readonly db: SqlDriver,
    private readonly now: () => number,
  ) {}

  async create(owner: string, fields: PortfolioFields): Promise<PortfolioRecord> {
    const id = randomUUID();
    const at = this.now();
    await this.db.run(`INSERT INTO portfolios (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`, [
      id,
      owner,
      ...this.values(fields, at, at),
    ]);
    return { ...fields, id, owner, created: at, updated: at, latestAnalysisId: null };
  }

  private values(f: PortfolioFields, created: number, updated: number) {
    return [
      f.name,
      created,
      updated,
      JSON.stringify(f.upload),
      f.inputHash,
      JSON.stringify(f.options),
      f.webhookUrl,
      f.webhookSecret,
      JSON.stringify(f.alerts),
      f.schedule ? 1 : 0,
    ];
  }

  async get(id: string, owner: string): Promise<PortfolioRecord | null> {
    const row = await this.db.get<Row>(`SELECT ${COLUMNS} FROM portfolios WHERE id = ? AND owner = ?`, [id, owner]);
    return row === undefined ? null : fromRow(row);
  }

  /** For the scheduler and the delivery of events, which act for every owner. */
  async byId(id: string, tx: SqlExecutor = this.db): Promise<PortfolioRecord | null> {
    const row = await tx.get<Row>(`SELECT ${COLUMNS} FROM portfolios WHERE id = ?`, [id]);
    return row === undefined ? null : fromRow(row);
  }

  async list(
    owner: string,
    page: { limit: number; offset: number },
  ): Promise<{ total: number; items: PortfolioRecord[] }> {
    const total = await this.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM portfolios WHERE owner = ?', [owner]);
    const rows = await this.db.all<Row>(
      `SELECT ${COLUMNS} FROM portfolios WHERE owner = ? ORDER BY created, id LIMIT ? OFFSET ?`,
      [owner, page.limit, page.offset],
    );
    return { total: Number(total?.n ?? 0), items: rows.map(fromRow) };
  }

  /** Replaces the fields of a portfolio its owner holds; null when there is none. */
  async update(id: string, owner: string, fields: PortfolioFields): Promise<PortfolioRecord | null> {
    const before = await this.get(id, owner);
    if (before === null) return null;
    const at = this.now();
    await this.db.run(
      'UPDATE portfolios SET name = ?, created = ?, updated = ?, upload = ?, input_hash = ?, options = ?, ' +
        'webhook_url = ?, webhook_secret = ?, alerts = ?, schedule = ? WHERE id = ? AND owner = ?',
      [...this.values(fields, before.created, at), id, owner],
    );
    return { ...before, ...fields, updated: at };
  }

  /** The scheduled portfolios, with when each was saved (runs before then are not due). */
  scheduled(): Promise<{ id: string; created: number }[]> {
    return this.db.all<{ id: string; created: number }>(
      'SELECT id, created FROM portfolios WHERE schedule = 1 ORDER BY created, id',
    );
  }
}
