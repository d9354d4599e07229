import type { ReferenceData } from '../analysis/reference';
import type { Position } from '../holdings';
import type { InstrumentInfo } from '../market/types';
import { classifier } from './model';
import { CORE_FOUR, type CoreFourSymbol } from './enums';
import { themeExposure, type ThemeExposure } from './exposure';
import { holdingTheme, type HoldingTheme } from './holding-theme';
import type { LookThrough } from './look-through';

export type CoreFour = Record<CoreFourSymbol | 'total', number>;

export interface ExposureStage {
  theme: ThemeExposure;
  coreFour: CoreFour;
  /** Per position (null for cash). */
  holdingThemes: (HoldingTheme | null)[];
  issuerWeight: ReadonlyMap<string, number>;
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
  const classify = classifier(reference.theme, reference.issuers, new Set(reference.userTheme?.issuers));
  const industryOf = new Map(
    instruments
      .filter((x) => x?.industry !== undefined)
      .map((x) => [reference.issuers.ofListing(x!.symbol), x!.industry!]),
  );
  const theme = themeExposure(look.issuers, (issuer) => classify(issuer, industryOf.get(issuer)));
  const issuerWeight = new Map(look.issuers.map((e) => [e.issuer, e.weight]));
  const coreFour = {} as CoreFour;
  let total = 0;
  for (const s of CORE_FOUR) {
    coreFour[s] = issuerWeight.get(s) ?? 0;
    total += coreFour[s];
  }
  coreFour.total = total;
  const holdingThemes = positions.map((p, i) => holdingTheme(p, weights[i]!, isFund[i]!, theme.issuers));
  return { theme, coreFour, holdingThemes, issuerWeight };
}
