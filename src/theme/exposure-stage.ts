import type { ReferenceData } from '../analysis/reference';
import type { Position } from '../holdings';
import type { InstrumentInfo } from '../market/types';
import { classifier, type ThemeClassification } from './model';
import { CORE_FOUR, type CoreFourSymbol } from './enums';
import { themeExposure, type ThemeExposure } from './exposure';
import { holdingThemes, type HoldingTheme } from './holding-theme';
import type { IssuerWeights, LookThrough } from './look-through';

type CoreFour = Record<CoreFourSymbol | 'total', number>;

export interface ExposureStage {
  theme: ThemeExposure;
  coreFour: CoreFour;
  /** Per position (null for cash). */
  holdingThemes: (HoldingTheme | null)[];
  issuerWeight: IssuerWeights;
}

type Classify = (issuer: string, marketIndustry?: string) => ThemeClassification;
const classifiers = new WeakMap<ReferenceData, Classify>();

/**
 * The reference data's classifier, each issuer classified once: a classification builds its source
 * sentence (a message with its English text), and a broad fund brings 500 issuers to every analysis
 * (2 ms of a 25-holding portfolio's analysis, now a map look-up each).
 */
function classifierOf(reference: ReferenceData): Classify {
  let classify = classifiers.get(reference);
  if (classify === undefined) {
    const raw = classifier(reference.theme, reference.issuers, new Set(reference.userTheme?.issuers));
    const seen = new Map<string, ThemeClassification>();
    classify = (issuer, industry) => {
      const key = industry === undefined ? issuer : `${issuer}\u0000${industry}`;
      let c = seen.get(key);
      if (c === undefined) seen.set(key, (c = raw(issuer, industry)));
      return c;
    };
    classifiers.set(reference, classify);
  }
  return classify;
}

/** The look-through issuers mapped onto the theme: by role, by segment, the core four, per holding. */
export function exposureStage(
  positions: readonly Position[],
  weights: Float64Array,
  look: LookThrough,
  instruments: readonly (InstrumentInfo | null)[],
  isFund: readonly boolean[],
  reference: ReferenceData,
): ExposureStage {
  const classify = classifierOf(reference);
  const industryOf = new Map(
    instruments
      .filter((x) => x?.industry !== undefined)
      .map((x) => [reference.issuers.ofListing(x!.symbol), x!.industry!]),
  );
  const theme = themeExposure(look.issuers, (issuer) => classify(issuer, industryOf.get(issuer)));
  // Read through the look-through's own map: a second map of 500 issuers was 90 KB per analysis.
  const issuerWeight: IssuerWeights = { get: (issuer) => look.byIssuer.get(issuer)?.weight };
  const coreFour = {} as CoreFour;
  let total = 0;
  for (const s of CORE_FOUR) {
    coreFour[s] = issuerWeight.get(s) ?? 0;
    total += coreFour[s];
  }
  coreFour.total = total;
  return { theme, coreFour, holdingThemes: holdingThemes(positions, weights, isFund, theme.issuers), issuerWeight };
}
