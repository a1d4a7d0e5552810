// The command bar: a short Korean or English command, typed (focus with / or Ctrl+K) or said (command-voice.js),
// is read by the server (/api/office/commands/parse, grammar in docs/COMMANDS.md) and carried out on the dashboard
// through the entry points dashboard.js hands over. Replies, suggestions included, go to an aria-live region.
import { t, english, localName, el } from './texts.js';
import { startVoice } from './command-voice.js';

/**
 * @param actions the dashboard's entry points: audience, wall, showLayer(name), layerTitle(name), selectDistrict(code),
 *   closeDistrict(), openIndicator(code) → indicator or null, showTheme(code) → true when found, openAlerts() → count,
 *   step(delta) → the new layer's title, zoom(delta), resetMap()
 */
export function startCommandBar(actions) {
  const form = document.getElementById('command-bar');
  if (!form) return null;
  const input = document.getElementById('command-input');
  const reply = document.getElementById('command-reply');

  const say = (text, ...extra) => {
    reply.replaceChildren(el('span', { class: 'command-said', text }), ...extra);
    reply.hidden = false;
  };

  async function run(text) {
    const q = text.trim();
    if (!q) return;
    form.dataset.state = 'busy';
    try {
      const response = await fetch(`/api/office/commands/parse?q=${encodeURIComponent(q)}&audience=${encodeURIComponent(actions.audience)}`,
        { headers: { Accept: 'application/json' } });
      const answer = await response.json();
      if (!response.ok) {
        say(answer.detail || t('command.failed'));
        form.dataset.state = 'refused';
        return;
      }
      execute(answer);
      form.dataset.state = answer.understood ? 'done' : 'not-understood';
    } catch (e) {
      console.error(e);
      say(t('command.failed'));
      form.dataset.state = 'failed';
    }
  }

  function suggestionButtons(answer) {
    return el('span', { class: 'command-suggestions' }, (answer.suggestions || []).map((s) => el('button', {
      type: 'button', class: 'command-suggestion', lang: /[가-힣]/.test(s) ? 'ko' : 'en', text: s,
      onclick: () => { input.value = s; run(s); },
    })));
  }

  function execute(c) {
    const district = c.district ? localName(c.district) : null;
    switch (c.action) {
      case 'layer':
        actions.showLayer(c.layer);
        if (c.district) actions.selectDistrict(c.district.code);
        return say(district ? t('command.layerIn', actions.layerTitle(c.layer), district) : t('command.layer', actions.layerTitle(c.layer)));
      case 'indicator': {
        const shown = actions.openIndicator(c.indicator.code);
        if (c.district) actions.selectDistrict(c.district.code);
        return say(t('command.indicator', shown ? localName(shown) : localName(c.indicator)));
      }
      case 'theme':
        actions.showTheme(c.theme.code);
        return say(t('command.theme', localName(c.theme)));
      case 'district':
        actions.selectDistrict(c.district.code);
        return say(t('command.district', district));
      case 'alerts': {
        if (c.district) actions.selectDistrict(c.district.code);
        return say(t('command.alerts', actions.openAlerts()));
      }
      case 'call':
        return call(c.department);
      case 'wall': {
        if (c.wall === actions.wall) return say(c.wall ? t('command.wallAlready') : t('command.wallNot'));
        say(c.wall ? t('command.wallOn') : t('command.wallOff'));
        const url = new URL(location.href);
        if (c.wall) url.searchParams.set('wall', '1'); else url.searchParams.delete('wall');
        location.assign(url);
        return undefined;
      }
      case 'next_layer':
      case 'previous_layer':
        return say(t('command.next', actions.step(c.action === 'next_layer' ? 1 : -1)));
      case 'zoom_in':
        actions.zoom(1);
        return say(t('command.zoomIn'));
      case 'zoom_out':
        actions.zoom(-1);
        return say(t('command.zoomOut'));
      case 'zoom_reset':
        actions.resetMap();
        return say(t('command.zoomReset'));
      case 'language': {
        say(t('command.language'));
        const url = new URL(location.href);
        url.searchParams.set('lang', c.language);
        location.assign(url);
        return undefined;
      }
      case 'close':
        actions.closeDistrict();
        return say(t('command.close'));
      default: {
        const why = { misspelt: 'command.misspelt', no_department: 'command.noDepartment', office_only: 'command.callUnavailable' }[c.reason] || 'command.notUnderstood';
        return say(t(why), suggestionButtons(c));
      }
    }
  }

  /** A call goes through the directives' hook when the page has it; otherwise the department's entry in the catalog. */
  async function call(department) {
    const name = localName(department);
    if (actions.audience === 'public') return say(t('command.callUnavailable'));
    const directives = window.madangDirectives;
    if (directives && typeof directives.call === 'function') {
      directives.call(department.code);
      return say(t('command.call', name));
    }
    let about = '';
    try {
      const list = await (await fetch('/api/organizations', { headers: { Accept: 'application/json' } })).json();
      const o = list.find((x) => x.name === department.code);
      about = o ? (english ? o.description_en || o.description : o.description) || '' : '';
    } catch (e) {
      console.error(e);
    }
    return say(t('command.callFallback', name, about),
      el('a', { href: `/datasets?organization=${encodeURIComponent(department.code)}`, class: 'command-link', text: t('command.departmentData') }));
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    run(input.value);
  });
  document.addEventListener('keydown', (e) => {
    const typing = e.target.closest && e.target.closest('input, select, textarea, [contenteditable="true"]');
    if ((e.key === 'k' || e.key === 'K') && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      input.focus();
      input.select();
    } else if (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      input.focus();
    } else if (e.key === 'Escape' && e.target === input) {
      input.blur();
    }
  });

  startVoice(document.getElementById('command-voice'), {
    enabled: form.dataset.voice === 'true',
    lang: english ? 'en-US' : 'ko-KR',
    onHearing: (text) => { input.value = text; },
    onHeard: (text) => { input.value = text; run(text); },
    onStatus: (text) => say(text),
  });
  form.dataset.ready = 'true';
  return { run };
}
