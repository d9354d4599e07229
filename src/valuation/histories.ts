import { AppError } from '../errors';
import type { SecurityPosition } from '../holdings';
import { message, type Message, type MessageRef } from '../i18n';
import type { MarketInputs } from '../market/gather';
import type { PriceHistory } from '../market/types';
import { AI_BASKET, MARKET_BENCHMARK } from '../theme/enums';

/** A held symbol the market data could not supply: left out of the analysis and named. */
export interface MissingSymbol {
  symbol: string;
  code: string;
  reason: Message;
}

export interface HeldHistories {
  /** Local-currency histories: held symbols first (in holdings order), then the basket and the benchmark. */
  histories: PriceHistory[];
  missing: MissingSymbol[];
}

/**
 * The histories an analysis runs on. The AI basket and the benchmark are needed by every figure:
 * without them the analysis stops, naming the missing market data. A held symbol without data is
 * left out and named; it is the data's gap, not the user's mistake.
 */
export function heldHistories(securities: readonly SecurityPosition[], market: MarketInputs): HeldHistories {
  const wanted = [...new Set([...securities.map((p) => p.symbol), ...AI_BASKET, MARKET_BENCHMARK])];
  const required = new Set<string>([...AI_BASKET, MARKET_BENCHMARK]);
  const histories: PriceHistory[] = [];
  const missing: MissingSymbol[] = [];
  const unavailableRequired: { symbol: string; code: string; reason: MessageRef }[] = [];
  for (const symbol of wanted) {
    const result = market.histories[symbol];
    if (result?.ok === true) histories.push(result.history);
    else {
      const reason = result?.failure.reason ?? { code: 'failure.not_in_snapshot', params: { symbol } };
      if (required.has(symbol)) unavailableRequired.push({ symbol, code: result?.failure.code ?? 'not_found', reason });
      else missing.push({ symbol, code: result?.failure.code ?? 'not_found', reason: asMessage(reason) });
    }
  }
  if (unavailableRequired.length > 0) throw marketDataUnavailable(unavailableRequired);
  return { histories, missing };
}

function asMessage(ref: MessageRef): Message {
  return message(ref.code as Message['code'], ref.params);
}

/** Transient when the source did not answer (503, retry later); permanent when it has no such data (422). */
function marketDataUnavailable(failures: readonly { symbol: string; code: string; reason: MessageRef }[]): AppError {
  const transient = failures.every((f) => f.code === 'unavailable');
  return new AppError(transient ? 'market_data_unavailable' : 'market_data_missing', 'market_data_unavailable', {
    params: { symbols: failures.map((f) => f.symbol), reason: failures[0]!.reason },
    details: { symbols: failures.map((f) => ({ symbol: f.symbol, reason: asMessage(f.reason).message })) },
    ...(transient && { retryAfter: 60 }),
  });
}
