import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ScenarioFileSchema, type ScenarioFile } from '../analytics/overspending/scenario';
import { StressWindowSchema, type StressWindow } from '../analytics/overspending/stress-windows';
import { AppError } from '../errors';
import type { MessageRef } from '../i18n';
import {
  DATA_DIR,
  parseFundRegistry,
  parseIndexRegistry,
  type FundRegistry,
  type IndexEntry,
} from '../market/fund-files';
import { type Commitment, CommitmentsFileSchema } from '../theme/commitments';
import { assessDependence, type DependenceAssessment } from '../theme/dependence';
import { type InstrumentsTable, loadInstruments } from '../theme/instruments';
import { type IssuerResolver, issuerResolver } from '../theme/issuers';
import { ThemeModelSchema, type ThemeModel } from '../theme/model';
import { themeReferenceIssues } from '../theme/references';
import { checkedCopy, keepCheckedCopy, sha256 } from '../shared/checked-copies';
import { issueOf } from '../theme/zod-issues';

/** Bumped whenever a figure's definition changes, so stored analyses say which rules made them. */
const METHODOLOGY_VERSION = '3.0';

/**
 * The data we maintain (not market data): the theme model, the instruments table, the compute
 * commitments, the fund list and the stress windows, with the version of each, so every report
 * can say which data produced it.
 */
export interface ReferenceData {
  theme: ThemeModel;
  instruments: InstrumentsTable;
  /** Every listing, ISIN and fund constituent to one issuer, from the instruments table. */
  issuers: IssuerResolver;
  commitments: Commitment[];
  /** The theme's companies judged for dependence on one customer (depends on the data only). */
  dependence: DependenceAssessment[];
  funds: FundRegistry;
  /** Indices and the constituents list that stands for each (data/indices.csv). */
  indices: ReadonlyMap<string, IndexEntry>;
  stressWindows: StressWindow[];
  /** Set when a user's theme file replaced or overrode ours. */
  userTheme?: UserThemeInfo;
  /** The AI capex bust the score measures, with its calibration and sources. */
  scenario: ScenarioFile;
  versions: DataVersions;
}

export interface UserThemeInfo {
  fileName: string;
  kind: 'full' | 'overrides';
  /** Issuers whose figures come from the user's file. */
  issuers: string[];
}

export interface DataVersions {
  product: string;
  methodology: string;
  /** Content hashes (first 12 hex of SHA-256) of each data file, and the theme's own version. */
  data: Record<string, string>;
}

const FILES = {
  theme: path.join(DATA_DIR, 'themes', 'ai-infrastructure.json'),
  commitments: path.join(DATA_DIR, 'themes', 'commitments.json'),
  funds: path.join(DATA_DIR, 'funds.csv'),
  indices: path.join(DATA_DIR, 'indices.csv'),
  stressWindows: path.join(DATA_DIR, 'stress-windows.json'),
  scenario: path.join(DATA_DIR, 'scenarios.json'),
} as const;

/** Our JSON files and the schemas that check them. */
const OUR_JSON = {
  theme: { source: FILES.theme, schema: ThemeModelSchema },
  commitments: { source: FILES.commitments, schema: CommitmentsFileSchema },
  stressWindows: { source: FILES.stressWindows, schema: z.array(StressWindowSchema) },
  scenario: { source: FILES.scenario, schema: ScenarioFileSchema },
} as const;

let cached: ReferenceData | undefined;

/** Read once per process from data/; tests and users may build their own (a user's own theme, say). */
export function loadReferenceData(): ReferenceData {
  if (cached !== undefined) return cached;
  const text = Object.fromEntries(Object.entries(FILES).map(([k, f]) => [k, readFileSync(f, 'utf8')])) as Record<
    keyof typeof FILES,
    string
  >;
  // Each hash names a file's version in reports and finds its checked copy.
  const hash = Object.fromEntries(Object.entries(text).map(([k, t]) => [k, sha256(t)])) as Record<
    keyof typeof FILES,
    string
  >;
  const instruments = loadInstruments();
  const theme = ourFile('theme', text.theme, hash.theme);
  const { commitments } = ourFile('commitments', text.commitments, hash.commitments);
  const broken = themeReferenceIssues(theme, commitments)[0];
  if (broken !== undefined) throw invalidFile('ai-infrastructure.json', broken.path, broken.reason);
  cached = {
    theme,
    instruments: instruments.table,
    issuers: issuerResolver(instruments.table),
    commitments,
    dependence: assessDependence(theme, commitments),
    funds: parseFundRegistry(text.funds),
    indices: parseIndexRegistry(text.indices),
    stressWindows: ourFile('stressWindows', text.stressWindows, hash.stressWindows),
    scenario: ourFile('scenario', text.scenario, hash.scenario),
    versions: {
      product: productVersion(),
      methodology: METHODOLOGY_VERSION,
      data: {
        theme: `${theme.id}@${theme.version} (${theme.updated}) ${short(hash.theme)}`,
        commitments: short(hash.commitments),
        instruments: contentHash(instruments.text),
        funds: short(hash.funds),
        indices: short(hash.indices),
        stressWindows: short(hash.stressWindows),
        scenario: short(hash.scenario),
      },
    },
  };
  return cached;
}

/**
 * The reference data with another theme model (a user's file): the dependence judgements follow
 * the new model, and `versions.data.theme` says whose theme made the report.
 */
export function replaceTheme(
  reference: ReferenceData,
  theme: ThemeModel,
  user: UserThemeInfo & { text: string },
): ReferenceData {
  const { text, ...info } = user;
  const label =
    user.kind === 'full'
      ? `user file ${user.fileName}: ${theme.id}@${theme.version} ${contentHash(text)}`
      : `${reference.versions.data.theme} with overrides from user file ${user.fileName} ${contentHash(text)}`;
  return {
    ...reference,
    theme,
    dependence: assessDependence(theme, reference.commitments),
    userTheme: info,
    versions: { ...reference.versions, data: { ...reference.versions.data, theme: label } },
  };
}

type OurJson = typeof OUR_JSON;
type OurValue<K extends keyof OurJson> = z.output<OurJson[K]['schema']>;

/** One of our JSON files as its schema makes it: the build's checked copy when it is of this version. */
function ourFile<K extends keyof OurJson>(key: K, text: string, sha: string): OurValue<K> {
  return (checkedCopy(path.basename(OUR_JSON[key].source), sha) ?? checkedBySchema(key, text)) as OurValue<K>;
}

/** The file checked by its schema: a bad one stops the service at start (or the build), naming the field. */
function checkedBySchema<K extends keyof OurJson>(key: K, text: string): OurValue<K> {
  const { source, schema } = OUR_JSON[key];
  const parsed = schema.safeParse(JSON.parse(text));
  if (!parsed.success) throw invalidFile(path.basename(source), ...issueOf(parsed.error));
  return parsed.data as OurValue<K>;
}

/** The build step: our data files checked and kept as checked. */
export async function keepCheckedData(dir?: string): Promise<void> {
  for (const key of Object.keys(OUR_JSON) as (keyof OurJson)[]) {
    const source = OUR_JSON[key].source;
    const text = readFileSync(source, 'utf8');
    await keepCheckedCopy(path.basename(source), sha256(text), checkedBySchema(key, text), dir);
  }
}

function invalidFile(file: string, path: string, reason: MessageRef): AppError {
  return new AppError('misconfigured', 'reference_file_invalid', { params: { file, path, reason } });
}

/** A data version as reports show it: the first 12 hex digits of the content's SHA-256. */
function contentHash(text: string): string {
  return short(sha256(text));
}

function short(sha: string): string {
  return sha.slice(0, 12);
}

function productVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(DATA_DIR, '..', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
