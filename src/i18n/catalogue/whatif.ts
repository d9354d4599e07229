/** Messages of the what-if: its options, its refusals, its tax rules, its notes and its report page. */
const en = {
  'whatif.option_fraction': 'must be a fraction from 0 to 1 (0.25) or a percentage (25%)',
  'whatif.option_score': 'the score must be a number from 0 to 100',
  'whatif.option_amount': 'must be an amount from 0 to 1,000,000,000,000',
  'whatif.option_bps': 'basis points must be a number from 0 to 1,000',
  'whatif.option_symbol': 'not a symbol such as VT or VWCE.DE',
  'whatif.no_target':
    'give at least one target: --max-ai-revenue-share, --max-theme-holdings, --max-issuer, --max-core-four or --max-score',
  'whatif.only_sell_buy': '--only-sell buys nothing, so it cannot go with --buy',

  'error.whatif_buy_unpriced': '{symbol} has no prices on the analysis day, so it cannot be bought',
  'error.whatif_infeasible': '{reason:msg}',
  'whatif.best': '{target:msg} cannot be brought to {limit:msg} {how:msg}: the lowest it can reach is {best:msg}',
  'whatif.best_issuer':
    '{target:msg} cannot be brought to {limit:msg} {how:msg}: the lowest it can reach is {best:msg}, with {issuer} the largest issuer',
  'whatif.unreachable': '{target:msg} and the other targets cannot all be met {how:msg}',
  'whatif.how_only_sell': 'by selling alone',
  'whatif.how_trades': 'by selling and buying the symbols named to buy',
  'whatif.how_together': 'while the other targets are met',
  'whatif.percent': '{value:pct2}',
  'whatif.points': '{value:num} points',
  'whatif.target.maxAiRevenueShare': 'the AI revenue share',
  'whatif.target.maxThemeHoldings': 'the weight in AI-infrastructure companies',
  'whatif.target.maxIssuer': 'the largest issuer after look-through',
  'whatif.target.maxCoreFour': 'the weight in the core four',
  'whatif.target.maxScore': 'the overspending score',

  'whatif.check_differs':
    'The re-analysis differs from the linear model by more than 0.000001: {measure} is {after:msg} after the trades where the model said {predicted:msg}. The price window or the classification of an issuer changed with the holdings; the figures after are the re-analysis.',
  'whatif.check_missed':
    'The re-analysis misses {missed:list}: {measure} is {after:msg} after the trades where the linear model said {predicted:msg}. The price window or the classification of an issuer changed with the holdings; tighten the target slightly and run again.',
  'whatif.disclaimer':
    'An illustration of trades that would meet the targets, worked out from the figures of this analysis: not investment advice. Check prices, costs and taxes with your broker or adviser before trading.',
  'whatif.note_valued_earlier':
    'Everything is valued on {date:date}, the last day on which {symbols:list} and the portfolio all have prices.',
  'whatif.note_already_met': 'The portfolio already meets every target: no trade is needed.',
  'whatif.note_time_limit':
    'The solver stopped at its time limit: these trades meet every target, but fewer may exist (drop --min-trade or --whole-shares for the exact least turnover).',
  'whatif.note_costs_outside':
    'Costs ({costs:money}) and taxes ({taxes:money}) are estimates shown beside the trades; the holdings after do not deduct them (they would come out of the cash).',
  'whatif.note_unpriced':
    '{symbols:list} had no prices and are left out, as in the analysis: they are neither traded nor in the holdings after.',

  'tax.none': 'tax not estimated (no tax rules asked for)',
  'tax.no_cost_basis': 'no average cost in the file: tax not estimated',
  'tax.loss': 'a loss of {loss:money}: no tax',
  'tax.government_bonds':
    '{rate:pct} of a gain of {gain:money}: 12.5 % on the government bonds ({share:pct0} of this fund), 26 % on the rest{note:msg}',
  'tax.bond_fund':
    '26 % of a gain of {gain:money}, at most: the part from government bonds is taxed at 12.5 %, and this fund’s share of them is not known{note:msg}',
  'tax.capital_gain': '{rate:pct0} of a gain of {gain:money} (Italian tax on capital gains){note:msg}',
  'tax.todays_rate': ', converted at today’s exchange rate',
  'tax.same_currency': '',
  'tax.buy': 'a purchase: no tax',

  'ui.whatif.title': 'What-if: the fewest trades that meet your targets',
  'ui.whatif.targets': 'Targets: {targets:list}.',
  'ui.whatif.target_item': '{measure} at most {limit}',
  'ui.whatif.proceeds_cash': 'Sales go to cash; nothing is bought.',
  'ui.whatif.proceeds_only_sell': 'Sales only, to cash.',
  'ui.whatif.proceeds_buy': 'Sales and cash may buy {symbols}.',
  'ui.whatif.whole_shares': 'Whole shares only.',
  'ui.whatif.min_trade': 'No trade below {value}.',
  'ui.whatif.costs': 'Costs estimated at {bps} basis points plus {fixed} per trade.',
  'ui.whatif.trade': 'Trade',
  'ui.whatif.sell': 'Sell',
  'ui.whatif.buy': 'Buy',
  'ui.whatif.quantity': 'Quantity',
  'ui.whatif.value': 'Value',
  'ui.whatif.cost': 'Cost',
  'ui.whatif.tax': 'Tax',
  'ui.whatif.taxRule': 'Tax rule',
  'ui.whatif.totals': '{trades:plural:trade|trades}, turnover {turnover}; estimated costs {costs} and taxes {taxes}.',
  'ui.whatif.measure': 'Measure',
  'ui.whatif.before': 'Now',
  'ui.whatif.after': 'After the trades',
  'ui.whatif.m_themeHoldings': 'Weight in AI-infrastructure companies',
  'ui.whatif.m_aiRevenueShare': 'AI revenue share',
  'ui.whatif.m_coreFour': 'Core four (Amazon, Microsoft, Alphabet, NVIDIA)',
  'ui.whatif.m_score': 'Overspending score',
  'ui.whatif.m_top1': 'Largest issuer after look-through',
  'ui.whatif.m_effectiveN': 'Effective number of issuers',
  'ui.whatif.m_volatility': 'Volatility (annual)',
  'ui.whatif.m_var95': 'One-day VaR 95 %',
  'ui.whatif.m_mcVar95': 'One-year VaR 95 % (simulation)',
  'ui.whatif.binding': 'At their limit: {items}.',
  'ui.whatif.binding_item': '{measure} at {limit}',
  'ui.whatif.binding_issuer': '{issuer} at {limit} of the invested value',
  'ui.whatif.holdingAfter': 'Holdings after the trades',
  'ui.whatif.cash': 'Cash ({currency})',
} as const;

const it: Record<keyof typeof en, string> = {
  'whatif.option_fraction': 'deve essere una frazione da 0 a 1 (0.25) o una percentuale (25%)',
  'whatif.option_score': 'il punteggio deve essere un numero da 0 a 100',
  'whatif.option_amount': 'deve essere un importo da 0 a 1.000.000.000.000',
  'whatif.option_bps': 'i punti base devono essere un numero da 0 a 1.000',
  'whatif.option_symbol': 'non è un simbolo come VT o VWCE.DE',
  'whatif.no_target':
    'indica almeno un obiettivo: --max-ai-revenue-share, --max-theme-holdings, --max-issuer, --max-core-four o --max-score',
  'whatif.only_sell_buy': '--only-sell non compra nulla, quindi non si può usare con --buy',

  'error.whatif_buy_unpriced': '{symbol} non ha prezzi nel giorno dell’analisi, quindi non si può comprare',
  'error.whatif_infeasible': '{reason:msg}',
  'whatif.best': '{target:msg} non si può portare a {limit:msg} {how:msg}: il minimo raggiungibile è {best:msg}',
  'whatif.best_issuer':
    '{target:msg} non si può portare a {limit:msg} {how:msg}: il minimo raggiungibile è {best:msg}, con {issuer} come emittente più grande',
  'whatif.unreachable': '{target:msg} e gli altri obiettivi non si possono rispettare insieme {how:msg}',
  'whatif.how_only_sell': 'solo vendendo',
  'whatif.how_trades': 'vendendo e comprando i simboli indicati da comprare',
  'whatif.how_together': 'rispettando anche gli altri obiettivi',
  'whatif.percent': '{value:pct2}',
  'whatif.points': '{value:num} punti',
  'whatif.target.maxAiRevenueShare': 'la quota di ricavi da IA',
  'whatif.target.maxThemeHoldings': 'il peso nelle società dell’infrastruttura IA',
  'whatif.target.maxIssuer': 'l’emittente più grande dopo la scomposizione',
  'whatif.target.maxCoreFour': 'il peso nei quattro grandi',
  'whatif.target.maxScore': 'il punteggio di sovrainvestimento',

  'whatif.check_differs':
    'La nuova analisi differisce dal modello lineare di oltre 0,000001: {measure} vale {after:msg} dopo le operazioni, mentre il modello indicava {predicted:msg}. La finestra dei prezzi o la classificazione di un emittente è cambiata con le posizioni; i valori dopo le operazioni sono quelli della nuova analisi.',
  'whatif.check_missed':
    'La nuova analisi non rispetta {missed:list}: {measure} vale {after:msg} dopo le operazioni, mentre il modello lineare indicava {predicted:msg}. La finestra dei prezzi o la classificazione di un emittente è cambiata con le posizioni; restringi di poco l’obiettivo e ripeti.',
  'whatif.disclaimer':
    'Un’illustrazione di operazioni che rispetterebbero gli obiettivi, ricavata dai dati di questa analisi: non è una consulenza d’investimento. Verifica prezzi, costi e imposte con il tuo intermediario o consulente prima di operare.',
  'whatif.note_valued_earlier':
    'Tutto è valorizzato al {date:date}, l’ultimo giorno in cui {symbols:list} e il portafoglio hanno tutti un prezzo.',
  'whatif.note_already_met': 'Il portafoglio rispetta già ogni obiettivo: non serve alcuna operazione.',
  'whatif.note_time_limit':
    'Il risolutore si è fermato al limite di tempo: queste operazioni rispettano ogni obiettivo, ma potrebbero essercene di meno (senza --min-trade o --whole-shares il controvalore scambiato è il minimo esatto).',
  'whatif.note_costs_outside':
    'Costi ({costs:money}) e imposte ({taxes:money}) sono stime indicate accanto alle operazioni; le posizioni finali non li detraggono (uscirebbero dalla liquidità).',
  'whatif.note_unpriced':
    '{symbols:list} non avevano prezzi e restano fuori, come nell’analisi: non sono né negoziati né tra le posizioni finali.',

  'tax.none': 'imposta non stimata (nessun regime fiscale richiesto)',
  'tax.no_cost_basis': 'nessun prezzo medio di carico nel file: imposta non stimata',
  'tax.loss': 'una minusvalenza di {loss:money}: nessuna imposta',
  'tax.government_bonds':
    '{rate:pct} di una plusvalenza di {gain:money}: 12,5 % sui titoli di Stato ({share:pct0} di questo fondo), 26 % sul resto{note:msg}',
  'tax.bond_fund':
    'al massimo il 26 % di una plusvalenza di {gain:money}: la parte dovuta ai titoli di Stato è tassata al 12,5 %, e la loro quota in questo fondo non è nota{note:msg}',
  'tax.capital_gain':
    '{rate:pct0} di una plusvalenza di {gain:money} (imposta italiana sui redditi finanziari){note:msg}',
  'tax.todays_rate': ', convertita al cambio di oggi',
  'tax.same_currency': '',
  'tax.buy': 'un acquisto: nessuna imposta',

  'ui.whatif.title': 'Simulazione: le operazioni minime per rispettare i tuoi obiettivi',
  'ui.whatif.targets': 'Obiettivi: {targets:list}.',
  'ui.whatif.target_item': '{measure} al massimo {limit}',
  'ui.whatif.proceeds_cash': 'Le vendite vanno in liquidità; non si compra nulla.',
  'ui.whatif.proceeds_only_sell': 'Solo vendite, verso la liquidità.',
  'ui.whatif.proceeds_buy': 'Vendite e liquidità possono comprare {symbols}.',
  'ui.whatif.whole_shares': 'Solo quote intere.',
  'ui.whatif.min_trade': 'Nessuna operazione sotto {value}.',
  'ui.whatif.costs': 'Costi stimati in {bps} punti base più {fixed} per operazione.',
  'ui.whatif.trade': 'Operazione',
  'ui.whatif.sell': 'Vendi',
  'ui.whatif.buy': 'Compra',
  'ui.whatif.quantity': 'Quantità',
  'ui.whatif.value': 'Controvalore',
  'ui.whatif.cost': 'Costo',
  'ui.whatif.tax': 'Imposta',
  'ui.whatif.taxRule': 'Regola fiscale',
  'ui.whatif.totals':
    '{trades:plural:operazione|operazioni}, controvalore scambiato {turnover}; costi stimati {costs} e imposte {taxes}.',
  'ui.whatif.measure': 'Misura',
  'ui.whatif.before': 'Oggi',
  'ui.whatif.after': 'Dopo le operazioni',
  'ui.whatif.m_themeHoldings': 'Peso nelle società dell’infrastruttura IA',
  'ui.whatif.m_aiRevenueShare': 'Quota di ricavi da IA',
  'ui.whatif.m_coreFour': 'I quattro grandi (Amazon, Microsoft, Alphabet, NVIDIA)',
  'ui.whatif.m_score': 'Punteggio di sovrainvestimento',
  'ui.whatif.m_top1': 'Emittente più grande dopo la scomposizione',
  'ui.whatif.m_effectiveN': 'Numero effettivo di emittenti',
  'ui.whatif.m_volatility': 'Volatilità (annua)',
  'ui.whatif.m_var95': 'VaR a un giorno al 95 %',
  'ui.whatif.m_mcVar95': 'VaR a un anno al 95 % (simulazione)',
  'ui.whatif.binding': 'Al limite: {items}.',
  'ui.whatif.binding_item': '{measure} al {limit}',
  'ui.whatif.binding_issuer': '{issuer} al {limit} del valore investito',
  'ui.whatif.holdingAfter': 'Posizioni dopo le operazioni',
  'ui.whatif.cash': 'Liquidità ({currency})',
};

export const WHATIF_MESSAGES = { en, it };
