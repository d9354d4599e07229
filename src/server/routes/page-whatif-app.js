// The upload page's what-if panel, served as /whatif.js and imported by /app.js (the CSP allows no
// inline script). Each slider is a ceiling from today's value down to 0; a move asks the what-if
// route for the report's what-if page, in the page's language, and shows it. Only the answer to the
// latest question is ever shown: a newer one aborts the one in flight, and a late answer is dropped.

/** Tenths of a percentage point: fine enough for a target, and a step a key press can take. */
const STEPS = 1000;
/** Quiet time after a move before asking, so dragging a slider asks once, where it stops. */
const DEBOUNCE_MS = 250;
/** The locales the server writes numbers in (src/i18n/format.ts), so the slider reads like the answer. */
const LOCALES = { en: 'en-GB', it: 'it-IT' };

/**
 * `call`, `say` and `place` are the page's (its API key, its language, its way of moving HTML in);
 * `lang()` is the page's language now. Returns what the page does with the panel.
 */
export function whatIfPanel({ call, say, place, lang }) {
  const $ = (id) => document.getElementById(id);
  const sliders = [$('wi-ai'), $('wi-issuer')];
  const panel = { analysis: null, timer: 0, asked: 0, inFlight: null };

  const percent = (x) =>
    `${new Intl.NumberFormat(LOCALES[lang()], { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(x * 100)} %`;

  /** The ceiling a slider sets, or null at its top end: there it stands at today's value, which is no target. */
  function target(slider) {
    const x = Number(slider.value) / STEPS;
    return x < Number(slider.dataset.now) ? x : null;
  }

  function describe(slider) {
    const x = target(slider);
    const text = x === null ? say('whatIfNow', { value: percent(Number(slider.dataset.now)) }) : percent(x);
    slider.setAttribute('aria-valuetext', text);
    $(`${slider.id}-value`).textContent = text;
  }

  function request() {
    const body = { onlySell: $('wi-only-sell').checked };
    for (const slider of sliders) {
      const x = target(slider);
      if (x !== null) body[slider.dataset.target] = x;
    }
    const buy = $('wi-buy')
      .value.split(/[\s,;]+/)
      .filter((s) => s !== '');
    if (!body.onlySell && buy.length > 0) body.buy = buy;
    return body;
  }

  /** What the panel shows: '' (nothing asked), busy, done or error; tests wait on it too. */
  function setState(state, message) {
    $('whatif').dataset.state = state;
    $('wi-result').classList.toggle('busy', state === 'busy');
    $('wi-result').setAttribute('aria-busy', String(state === 'busy'));
    $('wi-status').textContent = state === 'busy' ? say('whatIfWorking') : '';
    $('wi-error').textContent = message ?? '';
    $('wi-error').classList.toggle('hidden', state !== 'error');
    if (state === '' || state === 'error') $('wi-result').replaceChildren();
  }

  async function ask() {
    panel.inFlight?.abort();
    const mine = ++panel.asked;
    if (!sliders.some((s) => target(s) !== null)) return setState('');
    panel.inFlight = new AbortController();
    try {
      const res = await call(`/api/v1/analyses/${panel.analysis}/what-if?lang=${lang()}`, {
        method: 'POST',
        body: JSON.stringify(request()),
        headers: { 'Content-Type': 'application/json', Accept: 'text/html' },
        signal: panel.inFlight.signal,
      });
      const html = await res.text();
      if (mine !== panel.asked) return;
      place($('wi-result'), html);
      setState('done');
    } catch (err) {
      // An aborted request has a newer one behind it, which will say what there is to say.
      if (mine === panel.asked) setState('error', err.message);
    }
  }

  /** Marks the answer shown as out of date at once, and asks when the reader pauses. */
  function moved() {
    for (const slider of sliders) describe(slider);
    $('wi-buy').disabled = $('wi-only-sell').checked;
    setState('busy');
    clearTimeout(panel.timer);
    panel.timer = setTimeout(ask, DEBOUNCE_MS);
  }

  function stop() {
    clearTimeout(panel.timer);
    panel.inFlight?.abort();
    panel.asked++;
    panel.analysis = null;
    setState('');
  }

  /** A new analysis: each slider from today's value (its top end) down to 0, nothing asked yet. */
  function start(id, report) {
    stop();
    panel.analysis = id;
    const now = [report.exposure.headline.aiRevenueShare, report.concentration.issuer?.top1 ?? 0];
    sliders.forEach((slider, i) => {
      slider.dataset.now = String(now[i]);
      // The top end is today's value rounded up to a step, so the slider can always get back to "no target".
      slider.max = String(Math.ceil(now[i] * STEPS - 1e-9));
      slider.value = slider.max;
      slider.disabled = now[i] <= 0;
      describe(slider);
    });
  }

  /** The language changed: the sliders' words now, and the answer asked again to come in the new language. */
  function relabel() {
    if (panel.analysis === null) return;
    for (const slider of sliders) describe(slider);
    if ($('whatif').dataset.state) moved();
  }

  for (const slider of sliders) slider.addEventListener('input', moved);
  $('wi-only-sell').addEventListener('change', moved);
  $('wi-buy').addEventListener('change', moved);
  return { start, stop, relabel };
}
