/** Messages the analysis writes into a report: warnings, rule results, score reasons, episodes, sources. */
const en = {
  'warn.demo_data': 'synthetic demo data: not market prices; the figures illustrate the method only',
  'warn.rows_rejected': '{count:plural:row|rows} of {file} were left out: see the rejected rows',
  'warn.symbols_without_data': 'no market data for {symbols:list} ({share:pct} of the value): left out of the analysis',
  'warn.stale_data':
    '{reason:msg}; cached prices used for {symbols:list} (fetched {oldest:datetime}, {age:msg} before this analysis)',
  'age.hours': '{n:plural:hour|hours}',
  'age.days': '{n:plural:day|days}',
  'warn.etf_without_constituents':
    'no constituents for {symbols:list}: their holdings are not looked through, so exposure to the core names is understated',
  'warn.etf_constituents_stale':
    'fund constituents older than a year or undated, still used: {funds:list}; set a maximum age to leave them out',
  'warn.etf_constituents_excluded':
    'fund constituents left out by the maximum age: {funds:list}; those funds count as one opaque issuer each',
  'fund.aged': '{fund} (list of {date:date}, {age:msg} old)',
  'fund.undated': '{fund} (undated list)',
  'age.years': '{n:plural:year|years}',
  'age.months': '{n:plural:month|months}',
  'warn.notional_value': 'the portfolio is given by weights only: values are shown on a notional {value:money}',
  'warn.weights_rescaled': 'the weights add up to {sum:pct}; they were scaled to 100 %',
  'warn.valued_at_adjusted_close': 'no unadjusted close on {date:date}; valued at the adjusted close: {symbols:list}',
  'warn.no_adjusted_close': 'no adjusted close in the price data; returns ignore dividends: {symbols:list}',

  'failure.bad_symbol': '"{symbol}" is not a valid symbol',
  'failure.no_price_file': 'no price data for {symbol}',
  'failure.unreadable': 'the price data for {symbol} cannot be read',
  'failure.invalid_data': 'the price data for {symbol} is malformed (row {row} of its file)',
  'failure.demo_unknown': 'the demo market has no {symbol} (it covers {symbols})',
  'failure.yahoo_no_prices': 'Yahoo Finance has no daily prices for {symbol}',
  'failure.yahoo_unknown': 'Yahoo Finance does not know {symbol}',
  'failure.yahoo_unavailable': 'Yahoo Finance did not answer ({kind:msg}) and nothing is cached',
  'yahoo.network': 'network unreachable',
  'yahoo.timeout': 'timed out',
  'yahoo.rate-limited': 'too many requests',
  'yahoo.server': 'server error',
  'yahoo.not-found': 'not found',
  'yahoo.invalid-response': 'unreadable answer',
  'yahoo.circuit-open': 'requests paused after repeated failures',
  'yahoo.other': 'unexpected error',
  'failure.not_in_snapshot': '{symbol} is not in the batch market data',

  'error.market_data_unavailable': 'no market data for {symbols:list}, which every analysis needs: {reason:msg}',
  'error.fx_unavailable':
    'no exchange rate from {from} to {to} in the market data (series {pair}): choose another base currency',
  'error.mostly_unpriced':
    'no market data for {symbols:list}, which are {share:pct0} of the value: more than half of the portfolio cannot be priced',
  'error.insufficient_history':
    'not enough price history: {returns:int} common daily returns{until:msg}, at least {min:int} needed; {limit:msg}',
  'history.starts': '{symbol} starts on {start:date}',
  'history.until': ' up to {date:date}',
  'history.anytime': '',
  'positions.unusable': '{reason:msg} (no usable position in the file)',
  'history.none': '{symbol} has no prices',
  'error.currency_mismatch':
    "{symbol} trades in {listing} but the file says {file}: check the symbol's exchange suffix (e.g. .MI, .DE, .L)",
  'error.fund_file_invalid': 'the constituents data of {fund} is malformed (row {row}): {reason}',
  'error.weights_exceed':
    'the weight-only rows add up to {sum:pct}, leaving nothing for the rows with quantities or values',

  'rule.ucits-5-10-40': 'UCITS 5/10/40',
  'rule.single-issuer': 'Single issuer',
  'rule.theme-concentration': 'AI-infrastructure theme',
  'rule.ucits.pass': 'no issuer above {limit:pct}; issuers above {large:pct} add up to {total:pct}',
  'rule.ucits.over_limit': '{issuers} above the {limit:pct} issuer limit',
  'rule.ucits.large_total': 'issuers above {large:pct} add up to {total:pct} (limit {limit:pct})',
  'rule.ucits.both': '{issuers} above the {limit:pct} issuer limit; issuers above {large:pct} add up to {total:pct}',
  'rule.issuer_weight': '{issuer} {weight:pct}',
  'rule.single.none': 'no issuers',
  'rule.single.pass': 'largest issuer {issuer} at {value:pct}',
  'rule.single.warn': 'largest issuer {issuer} at {value:pct} (warning above {limit:pct})',
  'rule.single.fail': 'largest issuer {issuer} at {value:pct} (limit {limit:pct})',
  'rule.theme.pass': '{value:pct} of the portfolio moves with the AI build-out',
  'rule.theme.warn': '{value:pct} of the portfolio moves with the AI build-out (warning above {limit:pct})',
  'rule.theme.fail': '{value:pct} of the portfolio moves with the AI build-out (above {limit:pct})',

  'window.ai-basket-2021-22': '2021-22 AI and tech bear market',
  'window.ai-basket-2021-22.why':
    'Rates rose fast and long-duration technology was re-rated: the AI basket fell 47 % from its peak to its trough.',
  'window.ai-basket-2021-22.source': 'Peak and trough of the AI basket in the daily prices.',
  'window.ai-selloff-2024': 'July–August 2024 AI sell-off and yen carry unwind',
  'window.ai-selloff-2024.why':
    "AI leaders sold off from their 10 July peak on rotation and doubts about AI returns; about two-thirds of the basket's 19 % fall came before the Bank of Japan raised rates on 31 July, the rest in the yen carry unwind to 5 August.",
  'window.ai-selloff-2024.source':
    'Basket closes in the daily prices (−13.2 % to 30 July, −19.0 % to 5 August); Bank of Japan decision of 31 July 2024.',
  'window.deepseek-2025': 'DeepSeek shock, January 2025',
  'window.deepseek-2025.why':
    'A cheap Chinese AI model questioned how much AI compute is needed: the chip and network suppliers fell hardest on 27 January.',
  'window.deepseek-2025.source': 'DeepSeek-R1 release (20 January 2025); closes of 24 and 27 January 2025.',
  'window.tariffs-2025': 'April 2025 tariff shock',
  'window.tariffs-2025.why': 'US tariffs announced on 2 April 2025 set off a broad sell-off; the AI basket fell 10 %.',
  'window.tariffs-2025.source': 'US tariff announcement of 2 April 2025; basket closes in the daily prices.',
  'reason.contribution': '{symbol}: {weight:pct0} of the portfolio, {move:pct0} in the scenario: {points:num1} points',
  'window.custom': '{label}',
  'note.window_not_covered': 'the window is not covered by the price history of every holding',

  'source.csv': 'daily prices from CSV files',
  'source.demo': 'synthetic demo market (seed {seed}), calibrated on 2020–2026 daily returns',
  'source.yahoo': 'Yahoo Finance, cached',
  'source.snapshot': 'the batch market data, fetched once for every portfolio',
  'fundamentals.provider': '{provider} annual figures',
  'theme.industry_default': 'industry default for "{industry}"',
  'theme.not_in_model': 'not in the theme model',
  'theme.look_through': "weighted over the fund's constituents",
} as const;

const it: Record<keyof typeof en, string> = {
  'warn.demo_data': 'dati dimostrativi sintetici: non sono prezzi di mercato; le cifre illustrano solo il metodo',
  'warn.rows_rejected': '{count:plural:riga esclusa|righe escluse} da {file}: vedi le righe rifiutate',
  'warn.symbols_without_data':
    'nessun dato di mercato per {symbols:list} ({share:pct} del valore): esclusi dall’analisi',
  'warn.stale_data':
    '{reason:msg}; usati i prezzi in cache per {symbols:list} (scaricati il {oldest:datetime}, {age:msg} prima di questa analisi)',
  'age.hours': '{n:plural:ora|ore}',
  'age.days': '{n:plural:giorno|giorni}',
  'warn.etf_without_constituents':
    'nessuna composizione disponibile per {symbols:list}: non si guarda dentro questi fondi, quindi l’esposizione ai titoli principali è sottostimata',
  'warn.etf_constituents_stale':
    'composizioni dei fondi più vecchie di un anno o senza data, comunque usate: {funds:list}; imposta un’età massima per escluderle',
  'warn.etf_constituents_excluded':
    'composizioni escluse per l’età massima: {funds:list}; ciascuno di questi fondi conta come un unico emittente non trasparente',
  'fund.aged': '{fund} (elenco del {date:date}, vecchio di {age:msg})',
  'fund.undated': '{fund} (elenco senza data)',
  'age.years': '{n:plural:anno|anni}',
  'age.months': '{n:plural:mese|mesi}',
  'warn.notional_value':
    'il portafoglio è indicato solo con i pesi: i valori sono mostrati su un valore nominale di {value:money}',
  'warn.weights_rescaled': 'i pesi sommano al {sum:pct}; sono stati riportati al 100 %',
  'warn.valued_at_adjusted_close':
    'nessuna chiusura non rettificata il {date:date}; valorizzati alla chiusura rettificata: {symbols:list}',
  'warn.no_adjusted_close': 'nessuna chiusura rettificata nei dati: i rendimenti ignorano i dividendi: {symbols:list}',

  'failure.bad_symbol': '"{symbol}" non è un simbolo valido',
  'failure.no_price_file': 'nessun dato di prezzo per {symbol}',
  'failure.unreadable': 'i dati di prezzo di {symbol} non si possono leggere',
  'failure.invalid_data': 'i dati di prezzo di {symbol} non sono validi (riga {row} del suo file)',
  'failure.demo_unknown': 'il mercato dimostrativo non ha {symbol} (comprende {symbols})',
  'failure.yahoo_no_prices': 'Yahoo Finance non ha prezzi giornalieri per {symbol}',
  'failure.yahoo_unknown': 'Yahoo Finance non conosce {symbol}',
  'failure.yahoo_unavailable': 'Yahoo Finance non ha risposto ({kind:msg}) e non c’è nulla in cache',
  'yahoo.network': 'rete non raggiungibile',
  'yahoo.timeout': 'tempo scaduto',
  'yahoo.rate-limited': 'troppe richieste',
  'yahoo.server': 'errore del server',
  'yahoo.not-found': 'non trovato',
  'yahoo.invalid-response': 'risposta illeggibile',
  'yahoo.circuit-open': 'richieste sospese dopo errori ripetuti',
  'yahoo.other': 'errore imprevisto',
  'failure.not_in_snapshot': '{symbol} non è nei dati di mercato del batch',

  'error.market_data_unavailable': 'nessun dato di mercato per {symbols:list}, necessari a ogni analisi: {reason:msg}',
  'error.fx_unavailable':
    'nessun tasso di cambio da {from} a {to} nei dati di mercato (serie {pair}): scegli un’altra valuta di riferimento',
  'error.mostly_unpriced':
    'nessun dato di mercato per {symbols:list}, che valgono il {share:pct0} del totale: più di metà del portafoglio non si può valorizzare',
  'error.insufficient_history':
    'storico dei prezzi insufficiente: {returns:int} rendimenti giornalieri comuni{until:msg}, ne servono almeno {min:int}; {limit:msg}',
  'history.starts': '{symbol} inizia il {start:date}',
  'history.until': ' fino al {date:date}',
  'history.anytime': '',
  'positions.unusable': '{reason:msg} (nessuna posizione utilizzabile nel file)',
  'history.none': '{symbol} non ha prezzi',
  'error.currency_mismatch':
    '{symbol} è quotato in {listing} ma il file indica {file}: controlla il suffisso di borsa del simbolo (ad es. .MI, .DE, .L)',
  'error.fund_file_invalid': 'i dati di composizione di {fund} non sono validi (riga {row}): {reason}',
  'error.weights_exceed':
    'le righe indicate solo con il peso sommano al {sum:pct} e non lasciano nulla alle righe con quantità o valori',

  'rule.ucits-5-10-40': 'UCITS 5/10/40',
  'rule.single-issuer': 'Singolo emittente',
  'rule.theme-concentration': 'Tema infrastrutture AI',
  'rule.ucits.pass': 'nessun emittente sopra il {limit:pct}; gli emittenti sopra il {large:pct} sommano al {total:pct}',
  'rule.ucits.over_limit': '{issuers} sopra il limite per emittente del {limit:pct}',
  'rule.ucits.large_total': 'gli emittenti sopra il {large:pct} sommano al {total:pct} (limite {limit:pct})',
  'rule.ucits.both':
    '{issuers} sopra il limite per emittente del {limit:pct}; gli emittenti sopra il {large:pct} sommano al {total:pct}',
  'rule.issuer_weight': '{issuer} {weight:pct}',
  'rule.single.none': 'nessun emittente',
  'rule.single.pass': 'emittente principale {issuer} al {value:pct}',
  'rule.single.warn': 'emittente principale {issuer} al {value:pct} (avviso sopra il {limit:pct})',
  'rule.single.fail': 'emittente principale {issuer} al {value:pct} (limite {limit:pct})',
  'rule.theme.pass': 'il {value:pct} del portafoglio si muove con le infrastrutture AI',
  'rule.theme.warn': 'il {value:pct} del portafoglio si muove con le infrastrutture AI (avviso sopra il {limit:pct})',
  'rule.theme.fail': 'il {value:pct} del portafoglio si muove con le infrastrutture AI (oltre il {limit:pct})',

  'window.ai-basket-2021-22': 'Mercato ribassista di AI e tecnologia, 2021-22',
  'window.ai-basket-2021-22.why':
    'I tassi sono saliti in fretta e la tecnologia a lunga duration è stata rivalutata al ribasso: il paniere AI è sceso del 47 % dal massimo al minimo.',
  'window.ai-basket-2021-22.source': 'Massimo e minimo del paniere AI nei prezzi giornalieri.',
  'window.ai-selloff-2024': 'Vendite sui titoli AI e chiusura del carry trade sullo yen, luglio–agosto 2024',
  'window.ai-selloff-2024.why':
    'I leader dell’AI sono stati venduti dal massimo del 10 luglio per rotazione settoriale e dubbi sui ritorni dell’AI; circa due terzi del calo del 19 % del paniere sono arrivati prima del rialzo dei tassi della Banca del Giappone del 31 luglio, il resto con la chiusura del carry trade fino al 5 agosto.',
  'window.ai-selloff-2024.source':
    'Chiusure del paniere nei prezzi giornalieri (−13,2 % al 30 luglio, −19,0 % al 5 agosto); decisione della Banca del Giappone del 31 luglio 2024.',
  'window.deepseek-2025': 'Shock DeepSeek, gennaio 2025',
  'window.deepseek-2025.why':
    'Un modello di AI cinese a basso costo ha messo in dubbio quanta potenza di calcolo serva: i fornitori di chip e reti sono scesi di più il 27 gennaio.',
  'window.deepseek-2025.source': 'Rilascio di DeepSeek-R1 (20 gennaio 2025); chiusure del 24 e del 27 gennaio 2025.',
  'window.tariffs-2025': 'Shock dei dazi, aprile 2025',
  'window.tariffs-2025.why':
    'I dazi statunitensi annunciati il 2 aprile 2025 hanno innescato vendite generalizzate; il paniere AI è sceso del 10 %.',
  'window.tariffs-2025.source':
    'Annuncio dei dazi statunitensi del 2 aprile 2025; chiusure del paniere nei prezzi giornalieri.',
  'reason.contribution': '{symbol}: il {weight:pct0} del portafoglio, {move:pct0} nello scenario: {points:num1} punti',
  'window.custom': '{label}',
  'note.window_not_covered': 'il periodo non è coperto dallo storico dei prezzi di tutte le posizioni',

  'source.csv': 'prezzi giornalieri da file CSV',
  'source.demo': 'mercato dimostrativo sintetico (seme {seed}), calibrato sui rendimenti giornalieri 2020–2026',
  'source.yahoo': 'Yahoo Finance, con cache',
  'source.snapshot': 'i dati di mercato del batch, scaricati una volta per tutti i portafogli',
  'fundamentals.provider': 'dati annuali {provider}',
  'theme.industry_default': 'valore predefinito del settore "{industry}"',
  'theme.not_in_model': 'non presente nel modello del tema',
  'theme.look_through': 'media ponderata sui titoli del fondo',
};

export const ANALYSIS_MESSAGES = { en, it };
