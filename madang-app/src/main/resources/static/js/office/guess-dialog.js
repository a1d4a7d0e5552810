// Citizens' guesses (org.madang.indicators, POST /api/indicators/{code}/guesses {year, meets_target}): a citizen
// guesses whether an indicator will meet a year's target while that year's value is unknown; once the value is
// known, the result is shown first and then the aggregate of everyone's guesses (the API counts them only then).
import { t, localName, number, el } from './texts.js';

const dialog = document.getElementById('guess-dialog');

async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

/** A year whose value is known: did the city meet the target, and what had citizens guessed. */
function closedYear(indicator, g, values) {
  const value = values.find((v) => v.year === g.year)?.value;
  const higher = indicator.polarity !== 'lower';
  const met = value !== undefined && g.target !== null && (higher ? value >= g.target : value <= g.target);
  return el('li', { class: 'guess-closed', 'data-year': g.year },
    el('p', { class: 'guess-result' }, el('span', { 'aria-hidden': 'true', text: met ? '✔ ' : '✖ ' }),
      t(met ? 'guess.resultMet' : 'guess.resultMissed', g.year, `${number(value)} ${indicator.unit}`, `${number(g.target)} ${indicator.unit}`)),
    g.guesses > 0
      ? el('p', { class: 'guess-aggregate', text: t('guess.tally', g.guesses, Math.round(100 * g.share_yes), Math.round(100 * g.share_no)) })
      : el('p', { class: 'muted', text: t('guess.noTally') }));
}

export async function openGuess(indicator) {
  if (!dialog) return;
  const body = dialog.querySelector('.guess-body');
  body.replaceChildren(el('p', { class: 'muted', text: t('loading') }));
  dialog.showModal();
  let detail;
  let history;
  try {
    [detail, history] = await Promise.all([getJson(`/api/indicators/${encodeURIComponent(indicator.code)}`),
      getJson(`/api/indicators/${encodeURIComponent(indicator.code)}/history`)]);
  } catch (e) {
    body.replaceChildren(el('p', { text: t('guess.failed') }));
    return;
  }
  const guesses = detail.guesses || [];
  const open = guesses.filter((g) => !g.value_known && g.target !== null).sort((a, b) => a.year - b.year)[0];
  const closed = guesses.filter((g) => g.value_known && g.target !== null).sort((a, b) => b.year - a.year);
  const ask = el('section', { class: 'guess-ask' });
  if (open) {
    const answer = async (yes) => {
      const response = await fetch(`/api/indicators/${encodeURIComponent(indicator.code)}/guesses`, {
        method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ year: open.year, meets_target: yes }),
      }).catch(() => null);
      const text = !response ? t('guess.failed') : response.status === 201 ? t('guess.counted', open.year)
        : response.status === 409 ? t('guess.already', open.year) : t('guess.failed');
      ask.replaceChildren(el('p', { class: 'guess-yours', text: yes ? t('guess.yoursYes') : t('guess.yoursNo') }),
        el('p', { class: 'guess-ack', role: 'status', text }));
    };
    ask.append(el('p', { class: 'guess-question', text: t('guess.question', localName(indicator), `${number(open.target)} ${indicator.unit}`, open.year) }),
      el('div', { class: 'guess-answers' },
        el('button', { type: 'button', class: 'button', onclick: () => answer(true) }, el('span', { 'aria-hidden': 'true', text: '✔ ' }), t('guess.yes')),
        el('button', { type: 'button', class: 'button button-quiet', onclick: () => answer(false) }, el('span', { 'aria-hidden': 'true', text: '✖ ' }), t('guess.no'))));
  } else {
    ask.append(el('p', { class: 'muted', text: t('guess.noOpen') }));
  }
  body.replaceChildren(ask,
    el('h3', { text: t('guess.result') }),
    closed.length ? el('ul', { class: 'plain-list' }, closed.slice(0, 3).map((g) => closedYear(indicator, g, history.values || [])))
      : el('p', { class: 'muted', text: t('guess.noneClosed') }));
}
