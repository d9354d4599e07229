/** Messages of the AI-infrastructure theme data: company figures, users' theme files, partner dependence. */
const en = {
  'theme.company_figure': '{basis} ({fiscalYear}; {source})',
  'theme.user_figure': 'from your theme file: {basis} ({fiscalYear}; {source})',

  'warn.user_theme_full':
    'the AI-infrastructure figures come from your theme file {file} ({count:plural:company|companies}), not from ours',
  'warn.user_theme_overrides': 'your theme file {file} replaces our figures for {issuers:list}',

  'error.theme_file_invalid': 'the theme file is not valid at {path}: {reason:msg}',
  'error.reference_data_invalid': 'our reference data {file} is invalid at row {row}, column {column}: {reason}',
  'error.reference_file_invalid': 'our reference data {file} is invalid at {path}: {reason:msg}',
  'themefile.not_json': 'it is not JSON ({detail})',
  'themefile.unreadable': 'it cannot be read ({code})',
  'themefile.too_large': 'it is larger than {limitMb:int} MB',
  'themefile.invalid_type': 'expected {expected}',
  'themefile.too_small': 'must be at least {minimum}',
  'themefile.too_big': 'must be at most {maximum}',
  'themefile.invalid_value': 'must be one of {values:list}',
  'themefile.unrecognized_keys': 'unknown field {keys:list}',
  'themefile.invalid_format': 'expected the form {expected}',
  'themefile.invalid': '{detail}',
  'themefile.estimate_reasoning': 'an estimate needs its reasoning',
  'themefile.ratio': 'must equal numerator / denominator',
  'themefile.segments_sum': 'the segment shares must add up to the relevance value',
  'themefile.role_needed': 'a company with a positive relevance needs a role',
  'themefile.buyer_role': 'buyer figures belong to a company with the capexBuyer role',
  'themefile.duplicate_issuer': 'the issuer is already listed at {first}',
  'themefile.needed_for_new_company': '{issuer} is not in our model, so this field is needed',
  'themefile.unknown_commitment': 'no commitment "{id}" in the commitments list',

  'confidence.filing': 'filing',
  'confidence.reported': 'reported',
  'confidence.estimate': 'estimate',
  'confidence.inferred': 'industry default',
  'confidence.none': 'not in the model',
  'confidence.look-through': 'fund mix',

  'ui.themeFigures': 'AI-infrastructure figures behind your exposure',
  'ui.themeFiguresNote':
    'Relevance is the share of the latest fiscal year’s revenue sold into the AI data-centre build-out; confidence says where each figure comes from.',
  'ui.relevance': 'Relevance',
  'ui.confidence': 'Confidence',
  'ui.fiscalYear': 'Fiscal year',
  'ui.dependence': 'Partner dependence',
  'ui.dependenceSentence':
    '{weight:pct} of your portfolio (after looking through your funds) is in companies that depend heavily on one customer.',
  'ui.dependenceNone': 'None of your holdings depends heavily on one customer, as far as the listed commitments show.',
  'ui.dependenceRule':
    'Heavily: one customer is {customer:pct0} or more of revenue, or of the contracted backlog; without a disclosed backlog, one customer’s commitments come to {revenue:pct0} or more of a year’s revenue.',
  'ui.why': 'Why',
  'ui.commitments': 'Commitments',
  'ui.otherCommitments': 'Other commitments of companies you hold: {items:list}.',
  'dependence.top-customer': '{counterparty}: {share:pct0} of revenue ({period})',
  'dependence.backlog': '{counterparty}: {share:pct0} of the backlog at {asOf:date}',
  'dependence.commitments-to-revenue': '{counterparty}: commitments of {share:pct0} of a year’s revenue',
  'commitment.sized': '{buyer} buys from {provider}: {valueBn:num0} bn USD{term:msg} ({announced})',
  'commitment.unsized': '{buyer} buys from {provider}: value not disclosed ({announced})',
  'commitment.investment': '{provider} invests up to {valueBn:num0} bn USD in {buyer} ({announced})',
  'commitment.term': ' over {years:num0} years',
  'commitment.no_term': '',
  'commitment.undated': 'undated',
} as const;

const it: Record<keyof typeof en, string> = {
  'theme.company_figure': '{basis} ({fiscalYear}; {source})',
  'theme.user_figure': 'dal tuo file del tema: {basis} ({fiscalYear}; {source})',

  'warn.user_theme_full':
    'i dati sulle infrastrutture AI vengono dal tuo file del tema {file} ({count:plural:società|società}), non dai nostri',
  'warn.user_theme_overrides': 'il tuo file del tema {file} sostituisce i nostri dati per {issuers:list}',

  'error.theme_file_invalid': 'il file del tema non è valido in {path}: {reason:msg}',
  'error.reference_data_invalid':
    'i nostri dati di riferimento {file} non sono validi alla riga {row}, colonna {column}: {reason}',
  'error.reference_file_invalid': 'i nostri dati di riferimento {file} non sono validi in {path}: {reason:msg}',
  'themefile.not_json': 'non è un file JSON ({detail})',
  'themefile.unreadable': 'non si può leggere ({code})',
  'themefile.too_large': 'supera i {limitMb:int} MB',
  'themefile.invalid_type': 'era atteso un valore di tipo {expected}',
  'themefile.too_small': 'deve valere almeno {minimum}',
  'themefile.too_big': 'deve valere al massimo {maximum}',
  'themefile.invalid_value': 'deve essere uno tra {values:list}',
  'themefile.unrecognized_keys': 'campo sconosciuto {keys:list}',
  'themefile.invalid_format': 'è atteso il formato {expected}',
  'themefile.invalid': '{detail}',
  'themefile.estimate_reasoning': 'una stima deve indicare il ragionamento',
  'themefile.ratio': 'deve essere uguale a numeratore / denominatore',
  'themefile.segments_sum': 'le quote dei segmenti devono sommare al valore di rilevanza',
  'themefile.role_needed': 'una società con rilevanza positiva deve avere un ruolo',
  'themefile.buyer_role': 'i dati da acquirente spettano a una società con il ruolo capexBuyer',
  'themefile.duplicate_issuer': 'l’emittente è già presente in {first}',
  'themefile.needed_for_new_company': '{issuer} non è nel nostro modello, quindi questo campo è obbligatorio',
  'themefile.unknown_commitment': 'nessun impegno "{id}" nell’elenco degli impegni',

  'confidence.filing': 'bilancio depositato',
  'confidence.reported': 'comunicato',
  'confidence.estimate': 'stima',
  'confidence.inferred': 'valore di settore',
  'confidence.none': 'fuori dal modello',
  'confidence.look-through': 'composizione del fondo',

  'ui.themeFigures': 'I dati sulle infrastrutture AI dietro la tua esposizione',
  'ui.themeFiguresNote':
    'La rilevanza è la quota dei ricavi dell’ultimo esercizio venduta alla costruzione dei data center per l’AI; l’affidabilità dice da dove viene ciascun dato.',
  'ui.relevance': 'Rilevanza',
  'ui.confidence': 'Affidabilità',
  'ui.fiscalYear': 'Esercizio',
  'ui.dependence': 'Dipendenza da un cliente',
  'ui.dependenceSentence':
    'Il {weight:pct} del tuo portafoglio (guardando dentro i fondi) è in società che dipendono molto da un solo cliente.',
  'ui.dependenceNone':
    'Nessuno dei tuoi titoli dipende molto da un solo cliente, per quanto mostrano gli impegni elencati.',
  'ui.dependenceRule':
    'Molto vuol dire: un cliente vale almeno il {customer:pct0} dei ricavi o degli ordini contrattualizzati; se questi non sono noti, gli impegni di un cliente valgono almeno il {revenue:pct0} dei ricavi di un anno.',
  'ui.why': 'Perché',
  'ui.commitments': 'Impegni',
  'ui.otherCommitments': 'Altri impegni delle società che detieni: {items:list}.',
  'dependence.top-customer': '{counterparty}: {share:pct0} dei ricavi ({period})',
  'dependence.backlog': '{counterparty}: {share:pct0} degli ordini contrattualizzati al {asOf:date}',
  'dependence.commitments-to-revenue': '{counterparty}: impegni pari al {share:pct0} dei ricavi di un anno',
  'commitment.sized': '{buyer} acquista da {provider}: {valueBn:num0} mld USD{term:msg} ({announced})',
  'commitment.unsized': '{buyer} acquista da {provider}: valore non comunicato ({announced})',
  'commitment.investment': '{provider} investe fino a {valueBn:num0} mld USD in {buyer} ({announced})',
  'commitment.term': ' in {years:num0} anni',
  'commitment.no_term': '',
  'commitment.undated': 'senza data',
};

export const THEME_MESSAGES = { en, it };
