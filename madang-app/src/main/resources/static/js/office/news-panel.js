// City news: the items the server read from the configured RSS/Atom feeds (/api/office/summary → news).
import { t, date, el } from './texts.js';

export function renderNews(container, news) {
  if (!news || news.length === 0) {
    container.replaceChildren(el('p', { class: 'muted', text: t('news.none') }));
    return;
  }
  container.replaceChildren(el('ul', { class: 'plain-list news-list' }, news.slice(0, 8).map((n) => el('li', {},
    n.link ? el('a', { href: n.link, text: n.title }) : el('span', { text: n.title }),
    el('span', { class: 'muted news-meta', text: ` ${date(n.published)} · ${n.source || ''}` })))));
}
