// Issuing directives and reaching departments, from any panel. Importing this module installs the global hook
//
//   window.madangDirectives = { issue(target), call(departmentCode) }
//
// issue(target) opens the issue dialog about one element of the dashboard, target = { kind, ref, label, geometry,
// district, department }: kind is district | indicator | alert | camera | project | point | area; ref the element's id or code
// (a district code, an indicator code, an alert id, a camera id, a project id); label what the dialog shows; geometry
// an optional GeoJSON Point or Polygon (districts are located by the server; other kinds need one, or a district);
// district an optional district code placing the directive there when it has no geometry (an alert's district);
// department an optional department code to preselect. It resolves to the issued directive, or null when cancelled.
// call(departmentCode) opens the department's contact card: its phone (tel:), its video-meeting link, and the
// platform's own video call. Both need an official's session (the dashboard, /directives).
import { t, el, api, english } from './directive-texts.js';

/** The contact card of a department: desk, phone, video-meeting link and the built-in video call. */
export function contactCard(contact, { directive, department } = {}) {
  if (!contact) return null;
  const callHref = directive ? `/calls?directive=${directive}` : `/calls?department=${encodeURIComponent(department)}`;
  return el('div', { class: 'contact-card', dataset: { department: department || '' } },
    el('h3', { text: t('contact') }, contact.demo ? el('span', { class: 'demo-badge', text: t('demoContact') }) : null),
    contact.desk ? el('p', { text: [(english && contact.desk_en) || contact.desk, contact.person].filter(Boolean).join(' · ') }) : null,
    el('p', { class: 'contact-actions' },
      contact.phone ? el('a', { class: 'button button-quiet contact-phone', href: `tel:${contact.phone.replace(/[^0-9+]/g, '')}`, text: `☎ ${t('phone')} ${contact.phone}` }) : null,
      contact.video_url ? el('a', { class: 'button button-quiet contact-video-link', href: contact.video_url, target: '_blank', rel: 'noopener', text: `🖥 ${t('videoLink')}` }) : null,
      el('a', { class: 'button contact-video-call', href: callHref, text: `🎥 ${t('videoCall')}` })));
}

let departments;
async function listDepartments() {
  departments = departments || api('GET', '/directory').then((a) => a.departments);
  return departments;
}

function dialog(id, ...children) {
  document.getElementById(id)?.remove();
  const d = el('dialog', { id, class: 'directive-dialog', 'aria-labelledby': `${id}-title` }, ...children);
  document.body.append(d);
  return d;
}

async function issue(target = {}) {
  const list = await listDepartments();
  const kind = target.kind || 'point';
  const title = el('input', { id: 'issue-title', required: true, maxlength: '300' });
  const body = el('textarea', { id: 'issue-body', rows: '4', maxlength: '8000' });
  const department = el('select', { id: 'issue-department', required: true },
    list.map((d) => el('option', { value: d.code, selected: d.code === target.department, text: (english && d.title_en) || d.title })));
  const priority = el('select', { id: 'issue-priority' }, ['normal', 'high', 'urgent', 'low'].map((p) => el('option', { value: p, text: t(`priority.${p}`) })));
  const due = el('input', { id: 'issue-due', type: 'datetime-local' });
  const isPublic = el('input', { id: 'issue-public', type: 'checkbox' });
  const error = el('p', { class: 'form-error', role: 'alert', id: 'issue-error' });
  return new Promise((resolve) => {
    let done = false;
    const form = el('form', { method: 'dialog', onsubmit: async (e) => {
      e.preventDefault();
      const request = {
        title: title.value, body: body.value, department: department.value, priority: priority.value,
        due_at: due.value ? new Date(due.value).toISOString() : null, public: isPublic.checked,
        target: { kind, ref: target.ref === undefined || target.ref === null ? null : String(target.ref) }, geometry: target.geometry || null,
        district: target.district || null,
      };
      try {
        const directive = await api('POST', '', request);
        done = true;
        box.close();
        document.dispatchEvent(new CustomEvent('madang:directive-issued', { detail: directive }));
        resolve(directive);
      } catch (err) {
        error.textContent = err.message;
        error.dataset.field = err.field || '';
      }
    } },
    el('h2', { id: 'issue-dialog-title', text: t('issueTitle') }),
    el('p', { class: 'muted', id: 'issue-about', text: t('issueAbout', `${t(`target.${kind}`)} ${target.label || target.ref || ''}`.trim()) }),
    el('label', { for: 'issue-title', text: t('titleField') }), title,
    el('label', { for: 'issue-body', text: t('bodyField') }), body,
    el('label', { for: 'issue-department', text: t('department') }), department,
    el('label', { for: 'issue-priority', text: t('priority') }), priority,
    el('label', { for: 'issue-due', text: t('due') }), due,
    el('label', { class: 'check' }, isPublic, ` ${t('public')}`),
    error,
    el('p', { class: 'dialog-buttons' },
      el('button', { type: 'submit', class: 'button', id: 'issue-send', text: t('issue') }),
      el('button', { type: 'button', class: 'button button-quiet', id: 'issue-cancel', text: t('cancel'), onclick: () => box.close() })));
    const box = dialog('issue-dialog', form);
    box.addEventListener('close', () => { if (!done) resolve(null); box.remove(); });
    box.showModal();
    title.focus();
  });
}

async function call(departmentCode) {
  const d = await api('GET', `/directory/${encodeURIComponent(departmentCode)}`);
  const box = dialog('contact-dialog',
    el('h2', { id: 'contact-dialog-title', text: (english && d.title_en) || d.title }),
    contactCard(d.contact, { department: d.code }),
    el('form', { method: 'dialog' }, el('button', { type: 'submit', class: 'button button-quiet', text: t('cancel') })));
  box.addEventListener('close', () => box.remove());
  box.showModal();
  return d;
}

window.madangDirectives = { issue, call };
