import type { z } from 'zod';
import type { MessageRef } from '../i18n';

/**
 * The first problem zod found in a data file, as the path of the bad field
 * (`companies[3].relevance.value`) and a catalogue message, so a refusal reads the same in every
 * language. Used for users' theme files and for our own data files alike.
 */
export function issueOf(error: z.ZodError): [path: string, reason: MessageRef] {
  const issue = error.issues[0]!;
  return [pathText(issue.path), reasonOf(issue)];
}

function pathText(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}

function reasonOf(issue: z.core.$ZodIssue): MessageRef {
  switch (issue.code) {
    case 'invalid_type':
      return { code: 'themefile.invalid_type', params: { expected: issue.expected } };
    case 'too_small':
      return { code: 'themefile.too_small', params: { minimum: Number(issue.minimum) } };
    case 'too_big':
      return { code: 'themefile.too_big', params: { maximum: Number(issue.maximum) } };
    case 'invalid_value':
      return { code: 'themefile.invalid_value', params: { values: issue.values.map(String) } };
    case 'unrecognized_keys':
      return { code: 'themefile.unrecognized_keys', params: { keys: issue.keys } };
    case 'invalid_format':
      // Our format checks name the expected form (FY2025, YYYY-MM-DD), which reads the same in every language.
      return { code: 'themefile.invalid_format', params: { expected: issue.message } };
    case 'custom': {
      const params = (issue.params ?? {}) as { reason?: string; first?: string };
      if (params.reason !== undefined) return { code: params.reason, params: { first: params.first ?? '' } };
      return { code: 'themefile.invalid', params: { detail: issue.message } };
    }
    default:
      return { code: 'themefile.invalid', params: { detail: issue.message } };
  }
}
