// Voice input for the command bar through the browser's Web Speech API (SpeechRecognition, webkitSpeechRecognition in
// Chromium). The platform sends no audio anywhere; the browser's own speech service may (Chrome's sends it to
// Google), which is why a city can turn this off (madang.office.voice-commands) and the bar still works by typing.
import { t } from './texts.js';

/**
 * @param button the microphone button
 * @param options enabled (the city's setting), lang (ko-KR or en-US), onHearing(text) while speaking,
 *   onHeard(text) once the browser is sure, onStatus(text) for what to tell the user
 */
export function startVoice(button, { enabled, lang, onHearing, onHeard, onStatus }) {
  if (!button) return;
  const note = document.getElementById('command-voice-note');
  if (!enabled) {
    button.hidden = true;
    button.dataset.voice = 'off';
    return;
  }
  const Recognition = window.SpeechRecognition || window.webkitSpeechRecognition;
  if (!Recognition) {
    button.disabled = true;
    button.dataset.voice = 'unsupported';
    button.title = t('command.voiceUnavailable');
    if (note) note.textContent = t('command.voiceUnavailable');
    return;
  }
  button.dataset.voice = 'ready';
  let recognition = null;
  button.addEventListener('click', () => {
    if (recognition) {
      recognition.stop();
      return;
    }
    recognition = new Recognition();
    recognition.lang = lang;
    recognition.interimResults = true;
    recognition.maxAlternatives = 1;
    recognition.continuous = false;
    recognition.onresult = (e) => {
      const result = e.results[e.results.length - 1];
      const text = result[0].transcript;
      if (result.isFinal) onHeard(text);
      else onHearing(text);
    };
    recognition.onerror = (e) => onStatus(t('command.voiceError', e.error));
    recognition.onend = () => {
      recognition = null;
      button.setAttribute('aria-pressed', 'false');
      button.dataset.voice = 'ready';
    };
    try {
      recognition.start();
      button.setAttribute('aria-pressed', 'true');
      button.dataset.voice = 'listening';
      onStatus(t('command.listening'));
    } catch (e) {
      recognition = null;
      onStatus(t('command.voiceError', e.message));
    }
  });
}
