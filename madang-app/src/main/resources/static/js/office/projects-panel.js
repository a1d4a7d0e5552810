// Major projects: name, department, budget, progress and the next milestone; located on the map.
import { t, localName, won, el } from './texts.js';

export function renderProjects(container, projects, onSelect) {
  if (!projects || projects.length === 0) {
    container.replaceChildren(el('p', { class: 'muted', text: t('projects.none') }));
    return;
  }
  container.replaceChildren(el('ul', { class: 'plain-list project-list' }, projects.map((p) => {
    const pct = p.progress === null || p.progress === undefined ? null : Math.round(p.progress * 100);
    const next = (p.milestones || []).find((m) => !m.done);
    return el('li', { class: 'project', 'data-id': p.id },
      el('button', { type: 'button', class: 'project-main', onclick: () => onSelect(p),
        'aria-label': `${localName(p)}, ${localName(p, 'department')}, ${t('projects.budget')} ${won(p.budget_krw)}, ${t('projects.progress')} ${pct ?? '–'}%` +
          (next ? `, ${t('projects.next')} ${localName(next, 'title')} ${next.due}` : '') },
        el('span', { class: 'project-name' }, el('span', { 'aria-hidden': 'true', text: '▣ ' }), localName(p)),
        el('span', { class: 'project-meta muted', text: `${localName(p, 'department')} · ${won(p.budget_krw)}` }),
        el('span', { class: 'gauge', 'aria-hidden': 'true' }, el('span', { class: 'gauge-fill', style: `width:${pct ?? 0}%` })),
        el('span', { class: 'gauge-text', 'aria-hidden': 'true', text: pct === null ? '–' : pct + '%' }),
        el('span', { class: 'project-next muted', 'aria-hidden': 'true', text: next ? `${t('projects.next')}: ${localName(next, 'title')} (${next.due})` : t('projects.done') })));
  })));
}

/** A project's milestones as a list, for the drill-down. */
export function milestoneList(p) {
  return el('ol', { class: 'milestones' }, (p.milestones || []).map((m) => el('li', { class: m.done ? 'done' : 'todo' },
    el('span', { 'aria-hidden': 'true', text: m.done ? '✔ ' : '○ ' }), `${localName(m, 'title')} (${m.due})`,
    el('span', { class: 'visually-hidden', text: m.done ? ` ${t('projects.milestoneDone')}` : ` ${t('projects.milestoneTodo')}` }))));
}
