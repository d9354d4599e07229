import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ScenarioFileSchema, type ScenarioFile } from '../analytics/overspending/scenario';
import { StressWindowSchema, type StressWindow } from '../analytics/overspending/stress-windows';
import {
  DATA_DIR,
  parseFundRegistry,
  parseIndexRegistry,
  type FundRegistry,
  type IndexEntry,
} from '../market/fund-files';
import { ThemeModelSchema, type ThemeModel } from '../theme/model';

/** Bumped whenever a figure's definition changes, so stored analyses say which rules made them. */
export const METHODOLOGY_VERSION = '3.0';

/**
 * The data we maintain (not market data): the theme model, the fund list and the stress windows,
 * with the version of each, so every report can say which data produced it.
 */
export interface ReferenceData {
  theme: ThemeModel;
  funds: FundRegistry;
  /** Indices and the constituents list that stands for each (data/indices.csv). */
  indices: ReadonlyMap<string, IndexEntry>;
  stressWindows: StressWindow[];
  /** The AI capex bust the score measures, with its calibration and sources. */
  scenario: ScenarioFile;
  versions: DataVersions;
}

export interface DataVersions {
  product: string;
  methodology: string;
  /** Content hashes (first 12 hex of SHA-256) of each data file, and the theme's own version. */
  data: Record<string, string>;
}

const FILES = {
  theme: path.join(DATA_DIR, 'themes', 'ai-infrastructure.json'),
  funds: path.join(DATA_DIR, 'funds.csv'),
  indices: path.join(DATA_DIR, 'indices.csv'),
  stressWindows: path.join(DATA_DIR, 'stress-windows.json'),
  scenario: path.join(DATA_DIR, 'scenarios.json'),
} as const;

let cached: ReferenceData | undefined;

/** Read once per process from data/; tests and users may build their own (a user's own theme, say). */
export function loadReferenceData(): ReferenceData {
  if (cached !== undefined) return cached;
  const text = Object.fromEntries(Object.entries(FILES).map(([k, f]) => [k, readFileSync(f, 'utf8')])) as Record<
    keyof typeof FILES,
    string
  >;
  const theme = ThemeModelSchema.parse(JSON.parse(text.theme));
  cached = {
    theme,
    funds: parseFundRegistry(text.funds),
    indices: parseIndexRegistry(text.indices),
    stressWindows: z.array(StressWindowSchema).parse(JSON.parse(text.stressWindows)),
    scenario: ScenarioFileSchema.parse(JSON.parse(text.scenario)),
    versions: {
      product: productVersion(),
      methodology: METHODOLOGY_VERSION,
      data: {
        theme: `${theme.id}@${theme.version} (${theme.updated}) ${contentHash(text.theme)}`,
        funds: contentHash(text.funds),
        indices: contentHash(text.indices),
        stressWindows: contentHash(text.stressWindows),
        scenario: contentHash(text.scenario),
      },
    },
  };
  return cached;
}

export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

function productVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(DATA_DIR, '..', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
