import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadReferenceData, replaceTheme, type ReferenceData } from '../analysis/reference';
import { AppError } from '../errors';
import type { MessageRef } from '../i18n';
import { type Company, type Override, OverridesFileSchema, type ThemeModel, ThemeModelSchema } from './model';
import { themeReferenceIssues } from './references';
import { issueOf } from './zod-issues';

/** A theme file is data a person edits by hand: 2 MB holds thousands of companies. */
const MAX_THEME_FILE_BYTES = 2 * 1024 * 1024;

/** A user's theme file, read and validated: a whole model, or overrides of some of our figures. */
export type UserTheme =
  | { kind: 'full'; fileName: string; text: string; model: ThemeModel }
  | { kind: 'overrides'; fileName: string; text: string; overrides: Override[] };

/**
 * Reads a user's theme file. An object with `overrides` is an overrides file; anything else must be
 * a whole theme model. Either way the zod schema is the one our own data passes, and a refusal names
 * the bad field by its path (`companies[3].relevance.value`) as AppError 'unprocessable'.
 */
export function parseUserTheme(text: string, fileName: string): UserTheme {
  if (Buffer.byteLength(text, 'utf8') > MAX_THEME_FILE_BYTES)
    throw invalidTheme(fileName, '', {
      code: 'themefile.too_large',
      params: { limitMb: MAX_THEME_FILE_BYTES / 1048576 },
    });
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    throw invalidTheme(fileName, '', { code: 'themefile.not_json', params: { detail: (err as Error).message } });
  }
  if (json !== null && typeof json === 'object' && 'overrides' in json) {
    const parsed = OverridesFileSchema.safeParse(json);
    if (!parsed.success) throw invalidTheme(fileName, ...issueOf(parsed.error));
    return { kind: 'overrides', fileName, text, overrides: parsed.data.overrides };
  }
  const parsed = ThemeModelSchema.safeParse(json);
  if (!parsed.success) throw invalidTheme(fileName, ...issueOf(parsed.error));
  return { kind: 'full', fileName, text, model: parsed.data };
}

/** Our reference data with the user's theme in place of ours (a whole model, or ours with the overrides applied). */
function withUserTheme(reference: ReferenceData, user: UserTheme): ReferenceData {
  const { model, issuers } =
    user.kind === 'full'
      ? { model: user.model, issuers: user.model.companies.map((c) => c.issuer) }
      : applyOverrides(reference, user);
  const issue = themeReferenceIssues(model, reference.commitments)[0];
  if (issue !== undefined) throw invalidTheme(user.fileName, issue.path, issue.reason);
  return replaceTheme(reference, model, { fileName: user.fileName, kind: user.kind, text: user.text, issuers });
}

/** A user's theme file as text: what an upload part or a batch carries to where the analysis runs. */
export interface ThemeUpload {
  fileName: string;
  text: string;
}

/** What the CLI (`--theme FILE`), THEME_FILE and the `theme` upload part call: text in, reference data out. */
export function loadUserTheme(text: string, fileName: string, reference: ReferenceData): ReferenceData {
  return withUserTheme(reference, parseUserTheme(text, fileName));
}

/**
 * A theme file on disk, read as text. A file that cannot be read is the caller's mistake, named by
 * its base name only.
 */
export async function readThemeFile(file: string): Promise<ThemeUpload> {
  const fileName = path.basename(file);
  try {
    return { fileName, text: await readFile(file, 'utf8') };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unknown error';
    throw invalidTheme(fileName, '', { code: 'themefile.unreadable', params: { code } });
  }
}

/** A theme file on disk (`--theme FILE`, `THEME_FILE`): our reference data with it applied. */
export async function loadThemeFile(file: string, reference = loadReferenceData()): Promise<ReferenceData> {
  const { fileName, text } = await readThemeFile(file);
  return loadUserTheme(text, fileName, reference);
}

/**
 * Our model with some relevance figures replaced. An override names its issuer by any listing; the
 * company's segments are scaled to the new figure unless the file gives them. The merged company
 * keeps our roles, buyer figures and dependence data.
 */
function applyOverrides(
  reference: ReferenceData,
  user: Extract<UserTheme, { kind: 'overrides' }>,
): { model: ThemeModel; issuers: string[] } {
  const companies = [...reference.theme.companies];
  const issuers = user.overrides.map((o, i) => {
    const issuer = reference.issuers.ofListing(o.issuer);
    const at = companies.findIndex((c) => c.issuer === issuer);
    const merged = overridden(at >= 0 ? companies[at] : undefined, { ...o, issuer }, user.fileName, i);
    if (at >= 0) companies[at] = merged;
    else companies.push(merged);
    return issuer;
  });
  return { model: { ...reference.theme, companies }, issuers };
}

function overridden(base: Company | undefined, o: Override, fileName: string, i: number): Company {
  const need = (field: string) =>
    invalidTheme(fileName, `overrides[${i}].${field}`, {
      code: 'themefile.needed_for_new_company',
      params: { issuer: o.issuer },
    });
  const r = o.relevance;
  let segments = o.segments;
  if (segments === undefined) {
    if (base === undefined || (base.relevance.value === 0 && r.value > 0)) throw need('segments');
    const scale = base.relevance.value === 0 ? 0 : r.value / base.relevance.value;
    segments = Object.fromEntries(Object.entries(base.segments).map(([k, v]) => [k, (v ?? 0) * scale]));
  }
  const roles = o.roles ?? base?.roles;
  if (roles === undefined || (roles.length === 0 && r.value > 0)) throw need('roles');
  const name = o.name ?? base?.name;
  if (name === undefined) throw need('name');
  return {
    ...base,
    issuer: o.issuer,
    name,
    roles,
    segments,
    relevance: {
      value: r.value,
      fiscalYear: r.fiscalYear,
      numerator: null,
      denominator: null,
      basis: r.basis ?? r.source,
      source: r.source,
      ...(r.url !== undefined && { url: r.url }),
      confidence: r.confidence,
      ...(r.reasoning !== undefined && { reasoning: r.reasoning }),
    },
  };
}

function invalidTheme(fileName: string, path: string, reason: MessageRef): AppError {
  return new AppError('unprocessable', 'theme_file_invalid', {
    params: { path: path === '' ? '(file)' : path, reason },
    location: { file: fileName },
    details: { path },
  });
}
