/** Report languages and locale formatting (numbers, money and dates as the reader writes them). */
export const LANGUAGES = ['en', 'it'] as const;
export type Lang = (typeof LANGUAGES)[number];

const LOCALE: Record<Lang, string> = { en: 'en-GB', it: 'it-IT' };

export interface Formatter {
  lang: Lang;
  t: (key: MessageKey, vars?: Record<string, string>) => string;
  pct: (x: number | null | undefined, digits?: number) => string;
  num: (x: number | null | undefined, digits?: number) => string;
  money: (x: number) => string;
  date: (iso: string) => string;
  dateTime: (iso: string) => string;
}

export function formatter(lang: Lang, currency: string): Formatter {
  const locale = LOCALE[lang];
  const fmt = (digits: number) =>
    new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 });
  const dash = '–';
  return {
    lang,
    t: (key, vars = {}) => MESSAGES[lang][key].replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? ''),
    pct: (x, digits = 1) => (x == null || !Number.isFinite(x) ? dash : `${fmt(digits).format(x * 100)} %`),
    num: (x, digits = 2) => (x == null || !Number.isFinite(x) ? dash : fmt(digits).format(x)),
    money: (x) => money.format(x),
    date: (iso) =>
      new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
        new Date(`${iso.slice(0, 10)}T00:00:00Z`),
      ),
    dateTime: (iso) =>
      new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(
        new Date(iso),
      ) + ' UTC',
  };
}

/** Picks a report language from an Accept-Language header ("it-IT,it;q=0.9,en;q=0.8" → it). */
export function langFromAcceptLanguage(header: string | undefined): Lang {
  const ranked = (header ?? '')
    .split(',')
    .map((part) => {
      const [tag, q] = part.trim().split(';q=');
      return { tag: (tag ?? '').toLowerCase().slice(0, 2), q: q === undefined ? 1 : Number(q) };
    })
    .sort((a, b) => b.q - a.q);
  return (ranked.find((r) => (LANGUAGES as readonly string[]).includes(r.tag))?.tag as Lang | undefined) ?? 'en';
}

const EN = {
  title: 'AI-infrastructure exposure report',
  subtitle:
    'How much of this portfolio rides on the AI build-out, how concentrated it is, and what an overspending repricing would cost',
  demoNotice: 'Synthetic demo data — not market prices. The figures illustrate the method only.',
  staleNotice: 'Some prices come from the cache because the data source did not answer: {detail}',
  summary: 'Summary',
  portfolioValue: 'Portfolio value on {date}: {value} in {positions} positions.',
  aiSentence: '{share} of your money moves with the AI build-out',
  aiSentenceTop: '; {topShare} of that through {issuer}',
  directSplit: 'Of that, {direct} you hold directly and {funds} through funds.',
  coreFourSentence:
    'Amazon, Microsoft, Alphabet and NVIDIA together are {share} of the portfolio once your funds are looked through.',
  scoreSentence: 'Overspending-risk score: {score} out of 100.',
  reasons: 'The three biggest reasons',
  verdict_diversified: 'Concentration: diversified — every rule passes.',
  verdict_watch: 'Concentration: worth watching — a rule gives a warning.',
  verdict_concentrated: 'Concentration: concentrated — at least one rule fails.',
  effectiveIssuers: 'After looking through your funds, the portfolio behaves like {n} equal holdings.',
  shockSentence: 'If the AI basket fell 30 %, this portfolio would lose about {loss} (estimate from betas).',
  themeExposure: 'Theme exposure',
  bySegment: 'By segment',
  byRole: 'By role',
  buyers: 'Capex buyers (cloud platforms)',
  sellers: 'Capex sellers (chips, equipment, networking, data centres, power)',
  coreFour: 'The core four, directly and through funds',
  issuer: 'Issuer',
  weight: 'Weight',
  themeWeight: 'Theme weight',
  paths: 'How you hold it',
  direct: 'direct',
  concentration: 'Concentration',
  topHoldings: 'Largest holdings',
  issuerLookThrough: 'Largest issuers after look-through',
  rules: 'Rule checks',
  rule: 'Rule',
  status: 'Result',
  pass: 'pass',
  warn: 'warning',
  fail: 'fail',
  overspending: 'Overspending sensitivity',
  shockCurve: 'Portfolio return for a fall of the AI basket',
  shock: 'Basket move',
  portfolioReturn: 'Portfolio',
  fromBuyers: 'from buyers',
  fromSellers: 'from sellers',
  fromRest: 'from the rest',
  historical: "Past episodes replayed on today's portfolio",
  window: 'Episode',
  period: 'Period',
  notCovered: 'not covered by the price history',
  monteCarlo: 'One-year outcomes ({paths} simulated paths, 15 % chance of a capex bust)',
  mcVar: 'Value at risk (95 %)',
  mcEs: 'Expected shortfall (95 %)',
  mcLoss20: 'Probability of losing more than 20 %',
  scoreBreakdown: 'Score breakdown',
  component: 'Component',
  value: 'Value',
  points: 'Points',
  fundamentals: 'Capex of the buyers you hold',
  capexToOcf: 'Capex / operating cash flow',
  capexToRevenue: 'Capex / revenue',
  capexGrowth: 'Capex growth',
  risk: 'Risk',
  volatility: 'Volatility (annual)',
  betaAi: 'Beta to the AI basket',
  betaMarket: 'Beta to the market (SPY)',
  r2: 'Share of variance explained by the AI basket',
  var95: 'One-day value at risk (95 %)',
  es95: 'One-day expected shortfall (95 %)',
  maxDrawdown: 'Maximum drawdown',
  drawdownChart: "Drawdown of today's portfolio over the last {n} trading days",
  riskContributions: "Share of the portfolio's risk",
  correlation: 'Correlation of the largest holdings',
  methodology: 'Method and data',
  sources: 'Prices: {source}, as of {date}. Fund holdings as published: {funds}.',
  noFunds: 'no funds looked through',
  warnings: 'Notes on this analysis',
  notAdvice:
    "What these numbers do not mean: they describe how today's portfolio would have behaved and how it is built. They are not forecasts, and nothing here is investment advice.",
  methodNote:
    "Every figure is defined in the methodology (docs/methodology.md): exposure is look-through weight × share of revenue from AI-infrastructure segments; risk figures use three years of daily returns with today's weights.",
  footer: 'ai-exposure · generated {generated} · data as of {asOf} · {provider}',
  page: 'page {n} of {total}',
  holdings: 'Holdings',
  symbol: 'Symbol',
  quantity: 'Quantity',
  price: 'Price',
  marketValue: 'Value',
  rejectedRows: '{n} rows of the file were left out: see the notes.',
  reason_themeWeight: '{value} of the portfolio moves with the AI build-out',
  reason_beta: 'a 10 % fall of the AI basket has meant about {tenfold} for this portfolio',
  reason_buyerCapexIntensity: 'the capex buyers you hold spend {value} of their operating cash flow on capex',
  reason_sellerDependence: 'the suppliers you hold earn {value} of their revenue from the build-out',
  reason_concentration: 'after look-through the portfolio is like {n} equal issuers',
} as const;

export type MessageKey = keyof typeof EN;

const IT: Record<MessageKey, string> = {
  title: 'Rapporto di esposizione alle infrastrutture AI',
  subtitle:
    'Quanto di questo portafoglio dipende dalla costruzione delle infrastrutture AI, quanto è concentrato e cosa costerebbe una rivalutazione per eccesso di investimenti',
  demoNotice: 'Dati dimostrativi sintetici — non sono prezzi di mercato. Le cifre illustrano solo il metodo.',
  staleNotice: 'Alcuni prezzi provengono dalla cache perché la fonte dati non ha risposto: {detail}',
  summary: 'Sintesi',
  portfolioValue: 'Valore del portafoglio al {date}: {value} in {positions} posizioni.',
  aiSentence: 'Il {share} del tuo denaro si muove con la costruzione delle infrastrutture AI',
  aiSentenceTop: '; il {topShare} di questa quota attraverso {issuer}',
  directSplit: 'Di questa quota, il {direct} lo detieni direttamente e il {funds} tramite fondi.',
  coreFourSentence:
    'Amazon, Microsoft, Alphabet e NVIDIA insieme pesano il {share} del portafoglio, guardando dentro i tuoi fondi.',
  scoreSentence: 'Punteggio di rischio da eccesso di investimenti: {score} su 100.',
  reasons: 'I tre motivi principali',
  verdict_diversified: 'Concentrazione: diversificato — tutte le regole sono rispettate.',
  verdict_watch: "Concentrazione: da tenere d'occhio — una regola segnala un avviso.",
  verdict_concentrated: 'Concentrazione: concentrato — almeno una regola non è rispettata.',
  effectiveIssuers: 'Guardando dentro i fondi, il portafoglio si comporta come {n} posizioni uguali.',
  shockSentence: 'Se il paniere AI scendesse del 30 %, questo portafoglio perderebbe circa il {loss} (stima dai beta).',
  themeExposure: 'Esposizione al tema',
  bySegment: 'Per segmento',
  byRole: 'Per ruolo',
  buyers: 'Chi investe (piattaforme cloud)',
  sellers: 'Chi vende (chip, macchinari, reti, data center, energia)',
  coreFour: 'I quattro principali, direttamente e tramite fondi',
  issuer: 'Emittente',
  weight: 'Peso',
  themeWeight: 'Peso nel tema',
  paths: 'Come lo detieni',
  direct: 'diretto',
  concentration: 'Concentrazione',
  topHoldings: 'Posizioni principali',
  issuerLookThrough: 'Emittenti principali guardando dentro i fondi',
  rules: 'Verifica delle regole',
  rule: 'Regola',
  status: 'Esito',
  pass: 'rispettata',
  warn: 'avviso',
  fail: 'non rispettata',
  overspending: "Sensibilità all'eccesso di investimenti",
  shockCurve: 'Rendimento del portafoglio per una discesa del paniere AI',
  shock: 'Variazione del paniere',
  portfolioReturn: 'Portafoglio',
  fromBuyers: 'da chi investe',
  fromSellers: 'da chi vende',
  fromRest: 'dal resto',
  historical: 'Episodi passati applicati al portafoglio di oggi',
  window: 'Episodio',
  period: 'Periodo',
  notCovered: 'non coperto dallo storico dei prezzi',
  monteCarlo: 'Esiti a un anno ({paths} percorsi simulati, 15 % di probabilità di crollo degli investimenti)',
  mcVar: 'Valore a rischio (95 %)',
  mcEs: 'Perdita attesa oltre il VaR (95 %)',
  mcLoss20: 'Probabilità di perdere più del 20 %',
  scoreBreakdown: 'Composizione del punteggio',
  component: 'Componente',
  value: 'Valore',
  points: 'Punti',
  fundamentals: 'Investimenti delle società che li sostengono',
  capexToOcf: 'Capex / flusso di cassa operativo',
  capexToRevenue: 'Capex / ricavi',
  capexGrowth: 'Crescita del capex',
  risk: 'Rischio',
  volatility: 'Volatilità (annua)',
  betaAi: 'Beta verso il paniere AI',
  betaMarket: 'Beta verso il mercato (SPY)',
  r2: 'Quota di varianza spiegata dal paniere AI',
  var95: 'Valore a rischio a un giorno (95 %)',
  es95: 'Perdita attesa a un giorno (95 %)',
  maxDrawdown: 'Massimo ribasso',
  drawdownChart: 'Ribasso del portafoglio di oggi negli ultimi {n} giorni di borsa',
  riskContributions: 'Contributo al rischio del portafoglio',
  correlation: 'Correlazione delle posizioni principali',
  methodology: 'Metodo e dati',
  sources: 'Prezzi: {source}, al {date}. Composizione dei fondi come pubblicata: {funds}.',
  noFunds: 'nessun fondo analizzato',
  warnings: 'Note su questa analisi',
  notAdvice:
    "Cosa non significano questi numeri: descrivono come si sarebbe comportato il portafoglio di oggi e come è costruito. Non sono previsioni e nulla qui è una consulenza d'investimento.",
  methodNote:
    "Ogni cifra è definita nella metodologia (docs/methodology.md): l'esposizione è il peso guardando dentro i fondi × la quota di ricavi dai segmenti delle infrastrutture AI; le misure di rischio usano tre anni di rendimenti giornalieri con i pesi di oggi.",
  footer: 'ai-exposure · generato il {generated} · dati al {asOf} · {provider}',
  page: 'pagina {n} di {total}',
  holdings: 'Posizioni',
  symbol: 'Simbolo',
  quantity: 'Quantità',
  price: 'Prezzo',
  marketValue: 'Valore',
  rejectedRows: '{n} righe del file sono state escluse: vedi le note.',
  reason_themeWeight: 'il {value} del portafoglio si muove con le infrastrutture AI',
  reason_beta: 'una discesa del 10 % del paniere AI ha significato circa il {tenfold} per questo portafoglio',
  reason_buyerCapexIntensity:
    'le società che investono, che detieni, spendono in capex il {value} del flusso di cassa operativo',
  reason_sellerDependence: 'i fornitori che detieni ricavano dalle infrastrutture AI il {value} del fatturato',
  reason_concentration: 'guardando dentro i fondi il portafoglio è come {n} emittenti uguali',
};

const MESSAGES: Record<Lang, Record<MessageKey, string>> = { en: EN, it: IT };

export const SEGMENT_LABELS: Record<Lang, Record<string, string>> = {
  en: {
    cloudPlatforms: 'Cloud platforms',
    accelerators: 'Accelerators & chips',
    foundryEquipment: 'Foundry & equipment',
    memory: 'Memory',
    networking: 'Networking',
    servers: 'Servers',
    dataCentres: 'Data centres',
    powerCooling: 'Power & cooling',
    aiPlatforms: 'AI platforms & software',
  },
  it: {
    cloudPlatforms: 'Piattaforme cloud',
    accelerators: 'Acceleratori e chip',
    foundryEquipment: 'Fonderie e macchinari',
    memory: 'Memorie',
    networking: 'Reti',
    servers: 'Server',
    dataCentres: 'Data center',
    powerCooling: 'Energia e raffreddamento',
    aiPlatforms: 'Piattaforme e software AI',
  },
};
