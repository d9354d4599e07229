import { EN, type MessageCode } from './catalogue/en';
import { IT } from './catalogue/it';
import { formatter, type Formatter, type Lang } from './format';
import { fill, type MessageParams } from './template';

export { LANGUAGES, formatter, type Formatter, type Lang } from './format';
export type { MessageCode } from './catalogue/en';
export type { MessageParam, MessageParams, MessageRef } from './template';

const CATALOGUES: Record<Lang, Record<MessageCode, string>> = { en: EN, it: IT };

/** A message as the report and the API carry it: a code, its values, and the English text for API readers. */
export interface Message {
  code: MessageCode;
  params: MessageParams;
  message: string;
}

const english = formatter('en');

export function isMessageCode(code: string): code is MessageCode {
  return Object.hasOwn(EN, code);
}

/** The text of a catalogue entry in a language, with its values written in that language's locale. */
export function translate(f: Formatter, code: MessageCode, params: MessageParams = {}): string {
  const catalogue = CATALOGUES[f.lang];
  return fill(catalogue[code], params, f, (nested) => (isMessageCode(nested) ? catalogue[nested] : undefined));
}

/** A coded message with its English text beside it. */
export function message(code: MessageCode, params: MessageParams = {}): Message {
  return { code, params, message: translate(english, code, params) };
}

/** A formatter that also speaks the catalogue: what renderers use to write a report in one language. */
export interface Reader extends Formatter {
  t: (code: MessageCode, params?: MessageParams) => string;
  /** A message carried in a report (code and params), in this language. */
  m: (msg: { code: string; params: MessageParams }) => string;
}

export function reader(lang: Lang, currency = 'USD'): Reader {
  const f = formatter(lang, currency);
  return {
    ...f,
    t: (code, params = {}) => translate(f, code, params),
    m: (msg) => (isMessageCode(msg.code) ? translate(f, msg.code, msg.params) : msg.code),
  };
}
