/** Messages of saved portfolios: their API, alerts, webhooks, the trend section, the page and `watch`. */
const en = {
  'error.invalid_alert': 'alert "{alert}": {reason:msg}',
  'alert.syntax': 'write a threshold as measure, comparison and value, e.g. "aiRevenueShare > 0.3" or "score >= 60"',
  'alert.metric': 'not a measure an alert can watch; one of {metrics}',
  'alert.value': 'the value must be a plain number (10% is 0.1), or pass, warn or fail for a rule',
  'alert.too_many': 'a portfolio carries at most {max:int} alerts',
  'error.invalid_webhook': 'webhook URL: {reason:msg}',
  'webhook.url': 'not an http:// or https:// URL without a user name or password',
  'webhook.private':
    'it points at a private, loopback or link-local address ({address}); webhooks go to public addresses only',
  'webhook.unresolvable': 'its host name {host} does not resolve',
  'error.invalid_portfolio': '{reason:msg}',
  'portfolio.name': 'the name must be 1 to 100 characters without control characters',
  'portfolio.field': 'unknown field "{field}"; the fields are {fields}',
  'portfolio.type': '"{field}" has the wrong type: {expected}',
  'portfolio.nothing': 'nothing to change: send at least one field',
  'id.saved_portfolio': 'a portfolio id is a UUID such as 3b241101-e2bb-4255-8caf-4136c566a962',
  'notfound.saved_portfolio': 'no portfolio {id}',
  'notfound.portfolio_report': 'portfolio {id} has no analysis with a stored report yet',
  'option.months': 'the number of months must be a whole number from 1 to {max:int}',
  'option.history_date': 'not a date YYYY-MM-DD',
  'storage.portfolio': 'the portfolio',

  'ui.trend': 'Trend',
  'ui.trendIntro':
    '{n:plural:point|points} from {from:date} to {to:date}; ' +
    '{backfilled:plural:point was|points were} back-filled with today’s holdings from the price history.',
  'ui.trendScore': 'Overspending score over time (0–100)',
  'ui.trendAiShare': 'AI-infrastructure revenue share over time',
  'ui.trendThresholds': 'Dashed lines are the alert thresholds: {list}.',
  'ui.trendVersions':
    'The methodology or reference data changed on {dates:list}: a step there may be a change of method, not of risk.',
  'ui.trendHoldings': 'The holdings changed on {dates:list}.',

  'page.portfolios': 'Your saved portfolios',
  'page.noPortfolios': 'No saved portfolio yet: save one through the API (POST /api/v1/portfolios) to watch it daily.',
  'page.latestAlert': 'latest alert',
  'page.noAlerts': 'no alerts',

  'watch.saved': 'watching "{name}" (portfolio {id}); history in {db}',
  'watch.secret': 'webhook secret (shown once; the receiver checks X-Signature with it): {secret}',
  'watch.point': '{asOf}: score {score:num1}, AI revenue share {share:pct}{events}',
  'watch.backfilled': 'back-filled {n:plural:month-end point|month-end points}',
  'watch.every': '--every takes day (one run per market day after the US close)',
} as const;

const it: Record<keyof typeof en, string> = {
  'error.invalid_alert': 'avviso "{alert}": {reason:msg}',
  'alert.syntax': 'scrivi una soglia come misura, confronto e valore, ad es. "aiRevenueShare > 0.3" o "score >= 60"',
  'alert.metric': 'non è una misura che un avviso può seguire; una tra {metrics}',
  'alert.value': 'il valore deve essere un numero semplice (10% è 0.1), oppure pass, warn o fail per una regola',
  'alert.too_many': 'un portafoglio ha al massimo {max:int} avvisi',
  'error.invalid_webhook': 'URL del webhook: {reason:msg}',
  'webhook.url': 'non è un URL http:// o https:// senza nome utente né password',
  'webhook.private':
    'punta a un indirizzo privato, di loopback o link-local ({address}); i webhook vanno solo a indirizzi pubblici',
  'webhook.unresolvable': 'il nome host {host} non si risolve',
  'error.invalid_portfolio': '{reason:msg}',
  'portfolio.name': 'il nome deve avere da 1 a 100 caratteri, senza caratteri di controllo',
  'portfolio.field': 'campo sconosciuto "{field}"; i campi sono {fields}',
  'portfolio.type': '"{field}" ha il tipo sbagliato: {expected}',
  'portfolio.nothing': 'niente da modificare: invia almeno un campo',
  'id.saved_portfolio': "l'identificativo di un portafoglio è un UUID come 3b241101-e2bb-4255-8caf-4136c566a962",
  'notfound.saved_portfolio': 'nessun portafoglio {id}',
  'notfound.portfolio_report': 'il portafoglio {id} non ha ancora un’analisi con un rapporto salvato',
  'option.months': 'il numero di mesi deve essere un numero intero da 1 a {max:int}',
  'option.history_date': 'non è una data AAAA-MM-GG',
  'storage.portfolio': 'il portafoglio',

  'ui.trend': 'Andamento',
  'ui.trendIntro':
    '{n:plural:punto|punti} dal {from:date} al {to:date}; ' +
    '{backfilled:plural:punto ricostruito|punti ricostruiti} a posteriori ' +
    'con le posizioni di oggi dallo storico dei prezzi.',
  'ui.trendScore': 'Punteggio di sovrainvestimento nel tempo (0–100)',
  'ui.trendAiShare': 'Quota di ricavi da infrastrutture AI nel tempo',
  'ui.trendThresholds': 'Le linee tratteggiate sono le soglie degli avvisi: {list}.',
  'ui.trendVersions':
    'La metodologia o i dati di riferimento sono cambiati il {dates:list}: ' +
    'un salto in quel punto può essere un cambio di metodo, non di rischio.',
  'ui.trendHoldings': 'Le posizioni sono cambiate il {dates:list}.',

  'page.portfolios': 'I tuoi portafogli salvati',
  'page.noPortfolios':
    'Nessun portafoglio salvato: salvane uno tramite l’API (POST /api/v1/portfolios) per seguirlo ogni giorno.',
  'page.latestAlert': 'ultimo avviso',
  'page.noAlerts': 'nessun avviso',

  'watch.saved': 'seguo "{name}" (portafoglio {id}); storico in {db}',
  'watch.secret': 'segreto del webhook (mostrato una sola volta; il ricevente verifica X-Signature con esso): {secret}',
  'watch.point': '{asOf}: punteggio {score:num1}, quota di ricavi AI {share:pct}{events}',
  'watch.backfilled': '{n:plural:punto di fine mese ricostruito|punti di fine mese ricostruiti}',
  'watch.every': '--every accetta day (un’esecuzione per giorno di mercato dopo la chiusura USA)',
};

export const MONITOR_MESSAGES = { en, it };
