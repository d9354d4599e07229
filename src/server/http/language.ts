import { LANGUAGES, type Lang } from '../../i18n';

/**
 * The reader's language from an Accept-Language header ("it-IT,it;q=0.9,en;q=0.5" → it): the
 * highest-ranked tag we have a catalogue for, else English.
 */
export function langFromAcceptLanguage(header: string | undefined): Lang {
  const ranked = (header ?? '')
    .slice(0, 256)
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      const weight = q === undefined ? 1 : Number(q);
      return { tag: (tag ?? '').trim().toLowerCase().slice(0, 2), q: Number.isFinite(weight) ? weight : 0 };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q);
  return (ranked.find((r) => (LANGUAGES as readonly string[]).includes(r.tag))?.tag as Lang | undefined) ?? 'en';
}
