import type { Formatter } from './format';

/** A value a message is built from; `{ code, params }` is a message nested in another. */
export type MessageParam = string | number | boolean | null | readonly string[] | MessageRef | readonly MessageRef[];
export type MessageParams = Readonly<Record<string, MessageParam>>;
export interface MessageRef {
  code: string;
  params: MessageParams;
}

const PLACEHOLDER = /\{(\w+)(?::(\w+)(?::([^}]*))?)?\}/g;

/**
 * Fills a catalogue template. `{name}` is the value as text; a format after the colon says how a
 * number or date is written in the reader's locale: pct, pct0, pct2, num, num0, num1, int, money,
 * date, datetime, list, msg (a nested message), plural:one|other ("3 rows"). Money is in the
 * `currency` param when the message has one, else in the formatter's currency.
 */
export function fill(
  template: string,
  params: MessageParams,
  f: Formatter,
  lookup: (code: string) => string | undefined,
): string {
  return template.replace(PLACEHOLDER, (whole, name: string, format?: string, arg?: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    if (format === 'money' && typeof value === 'number' && typeof params.currency === 'string')
      return f.money(value, params.currency);
    return formatValue(value, format, arg, f, lookup);
  });
}

function formatValue(
  value: MessageParam,
  format: string | undefined,
  arg: string | undefined,
  f: Formatter,
  lookup: (code: string) => string | undefined,
): string {
  if (value === null) return '–';
  if (typeof value === 'number') return formatNumber(value, format, arg, f);
  if (Array.isArray(value)) {
    const items = value.map((v: string | MessageRef) =>
      typeof v === 'string' ? v : formatValue(v, undefined, undefined, f, lookup),
    );
    return format === 'list' ? f.list(items) : items.join(', ');
  }
  if (typeof value === 'object' && 'code' in value) {
    const nested = lookup(value.code);
    return nested === undefined ? value.code : fill(nested, value.params, f, lookup);
  }
  if (typeof value === 'string' && format === 'date') return f.date(value);
  if (typeof value === 'string' && format === 'datetime') return f.dateTime(value);
  return String(value);
}

function formatNumber(x: number, format: string | undefined, arg: string | undefined, f: Formatter): string {
  switch (format) {
    case 'pct':
      return f.pct(x);
    case 'pct0':
      return f.pct(x, 0);
    case 'pct2':
      return f.pct(x, 2);
    case 'num':
      return f.num(x);
    case 'num0':
      return f.num(x, 0);
    case 'num1':
      return f.num(x, 1);
    case 'money':
      return f.money(x);
    case 'plural': {
      const [one, other] = (arg ?? '').split('|');
      return `${f.int(x)} ${x === 1 ? one : (other ?? one)}`;
    }
    default:
      return Number.isInteger(x) ? f.int(x) : f.num(x);
  }
}
