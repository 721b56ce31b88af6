// The message catalogues and the user's locale: the language from `?lang=`, then the choice
// saved in this browser, then the browser's languages; English when none is known. Numbers
// and dates are formatted in the user's locale (Intl).

import en from '../i18n/en.js';
import es from '../i18n/es.js';

export const catalogues = { en, es };
const saved = 'lt.language';

function chosen() {
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked && catalogues[asked]) return asked;
  const kept = localStorage.getItem(saved);
  if (kept && catalogues[kept]) return kept;
  for (const language of navigator.languages ?? [navigator.language]) {
    const base = String(language).toLowerCase().split('-')[0];
    if (catalogues[base]) return base;
  }
  return 'en';
}

let language = chosen();

/** The current language's code. */
export const current = () => language;

/** The browser's locale for numbers and dates, in the chosen language. */
export const locale = () => (navigator.languages ?? []).find((l) => l.toLowerCase().startsWith(language)) ?? language;

/** The message `key` with `{name}` placeholders filled from `params`. */
export function t(key, params = {}) {
  const text = catalogues[language][key] ?? catalogues.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in params ? String(params[name]) : `{${name}}`));
}

/** A whole number in the user's locale. */
export const number = (n) => new Intl.NumberFormat(locale()).format(typeof n === 'bigint' ? n : Number(n));

/** A date and time in the user's locale. */
export const dateTime = (ms) => new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ms));

/** Fills every element under `root` that names a message in its `data-i18n` attribute, and sets the page's language. */
export function translate(root = document) {
  document.documentElement.lang = language;
  for (const element of root.querySelectorAll('[data-i18n]')) element.textContent = t(element.dataset.i18n);
}

/** A language switch in `select`; `onChange` redraws what the page drew. */
export function languageSwitch(select, onChange) {
  select.replaceChildren(...Object.keys(catalogues).map((code) => {
    const option = document.createElement('option');
    option.value = code;
    option.textContent = { en: 'English', es: 'Español' }[code];
    option.selected = code === language;
    return option;
  }));
  select.addEventListener('change', () => {
    language = select.value;
    localStorage.setItem(saved, language);
    translate();
    onChange();
  });
}
