/**
 * What the tests that drive the upload page share: the service on a loopback port (by default on the
 * shared real prices, its store in a folder of the test's) and Debian's chromium, never a
 * downloaded build, with its background traffic off.
 */
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Express } from 'express';
import { pino } from 'pino';
import { chromium, type Browser } from 'playwright-core';
import { CsvMarketData } from '../../src/market';
import { AnalysisStore } from '../../src/server/analysis-store';
import { type AppDeps, createApp } from '../../src/server/app';
import { ETF_DIR, PRICES_DIR } from './paths';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

export interface ServedPage {
  /** `http://127.0.0.1:<port>` */
  base: string;
  browser: Browser;
  close(): Promise<void>;
}

/** The service on the shared real prices, its analyses stored in `dir`. */
export function pageApp(dir: string, deps: Partial<AppDeps> = {}): Express {
  return createApp({
    market: new CsvMarketData({ pricesDir: PRICES_DIR, etfHoldingsDir: ETF_DIR }),
    store: new AnalysisStore(path.join(dir, 'analyses.sqlite'), path.join(dir, 'reports')),
    logger: pino({ level: 'silent' }),
    maxUploadBytes: 1 << 20,
    ...deps,
  });
}

/** Serves `app` on a free loopback port and starts chromium beside it. */
export async function servePage(app: Express): Promise<ServedPage> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium for this test`);
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    browser,
    close: async () => {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
