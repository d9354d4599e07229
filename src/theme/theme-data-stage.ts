import type { ReferenceData } from '../analysis/reference';
import { message } from '../i18n';
import type { Warning } from '../valuation/value';
import { dependenceExposure, type DependenceExposure } from './dependence';
import type { IssuerWeights } from './look-through';

export interface ThemeDataStage {
  dependence: DependenceExposure;
  /** Says so when a user's theme file made the figures. */
  warnings: Warning[];
}

/** What the theme data says beyond relevance: partner dependence, and whose figures these are. */
export function themeDataStage(
  issuerWeight: IssuerWeights,
  reference: Pick<ReferenceData, 'dependence' | 'userTheme' | 'theme'>,
): ThemeDataStage {
  const user = reference.userTheme;
  const warnings: Warning[] =
    user === undefined
      ? []
      : [
          user.kind === 'full'
            ? message('warn.user_theme_full', { file: user.fileName, count: reference.theme.companies.length })
            : {
                ...message('warn.user_theme_overrides', { file: user.fileName, issuers: user.issuers }),
                symbols: user.issuers,
              },
        ];
  return { dependence: dependenceExposure(issuerWeight, reference.dependence), warnings };
}
