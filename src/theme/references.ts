import type { MessageRef } from '../i18n';
import type { Commitment } from './commitments';
import type { ThemeModel } from './model';

export interface ReferenceIssue {
  path: string;
  reason: MessageRef;
}

/**
 * What a schema cannot see: every commitment a company names exists in the commitments list. Our
 * own data must pass (reference.ts refuses to start otherwise); a user's file is refused by path.
 */
export function themeReferenceIssues(model: ThemeModel, commitments: readonly Commitment[]): ReferenceIssue[] {
  const ids = new Set(commitments.map((c) => c.id));
  const issues: ReferenceIssue[] = [];
  model.companies.forEach((company, i) => {
    (company.dependence?.commitments ?? []).forEach((id, j) => {
      if (!ids.has(id))
        issues.push({
          path: `companies[${i}].dependence.commitments[${j}]`,
          reason: { code: 'themefile.unknown_commitment', params: { id } },
        });
    });
  });
  return issues;
}
