// Small DOM and formatting pieces the applicant's screens (portal, application, endorsement) share. Text goes in
// with textContent only: what the API answers is data, never markup.
import { t, currentLanguage, formatDate } from './i18n.js';
import { money as formatMoney } from './format.js';
import { el, field, find, findAll } from './dom.js';

/**
 * A control field of a generated form (see control()): its name, type, and what it shows.
 *
 * @typedef {{ name: string, type?: string, label?: string, labelValues?: Record<string, unknown>, hint?: string,
 *   choices?: string[], choicePrefix?: string, options?: string[], optionPrefix?: string, step?: string,
 *   autocomplete?: string, inputmode?: string }} ControlSpec
 */

/**
 * @param {string} text
 * @param {string} className
 * @param {(event: MouseEvent) => void} onClick
 */
export function button(text, className, onClick) {
  const element = el('button', { type: 'button', className, text });
  element.addEventListener('click', onClick);
  return element;
}

/**
 * Money of the API as people of the page's language write it (format.js).
 *
 * @param {import('./format.js').Money | null | undefined} amount
 */
export function money(amount) {
  return formatMoney(amount, currentLanguage());
}

/**
 * An instant of the API (ISO 8601) as a date of the language.
 *
 * @param {string | null | undefined} instant
 */
export function formatInstant(instant) {
  return instant ? formatDate(String(instant).slice(0, 10)) : '';
}

/**
 * A status as a tag: good when it is where the person wants to be, a warning when they need to act.
 *
 * @param {string} prefix
 * @param {string} status
 * @param {string[]} [good]
 * @param {string[]} [warning]
 */
export function statusTag(prefix, status, good = [], warning = []) {
  const className = good.includes(status) ? 'tag good' : (warning.includes(status) ? 'tag warning' : 'tag');
  return el('span', { className, text: t(`${prefix}.${status}`) });
}

/**
 * A term and its value for a .facts list.
 *
 * @param {string} term
 * @param {import('./dom.js').Child} value
 */
export function fact(term, value) {
  return [el('dt', { text: term }), el('dd', {}, value)];
}

/**
 * Says something in a role="status" region; assistive technology announces the change.
 *
 * @param {HTMLElement} region
 * @param {string} text
 */
export function announce(region, text) {
  region.textContent = '';
  // A fresh text node after clearing makes screen readers announce the same message twice in a row too.
  requestAnimationFrame(() => { region.textContent = text; });
}

/**
 * A labelled control for a generated form: text, email, number, date, select (options), checkbox, or a group of
 * checkboxes (choices). Its message element is "<id>-error", as showProblem expects; a group's is that of its first
 * box, which is the control showProblem finds by name.
 *
 * @param {string} form the form's id, which the control's id starts with
 * @param {ControlSpec} spec
 */
export function control(form, spec) {
  const id = `${form}-${spec.name}`;
  // Texts carry their key in data-i18n, so that a change of language translates them where they are.
  const labelKey = spec.label || `field.${spec.name}`;
  const text = (/** @type {string} */ key) => ({ text: t(key), dataset: { i18n: key } });
  // A label with placeholders (spec.labelValues) keeps their values, so that a change of language fills them again.
  const label = spec.labelValues ? {
    text: t(labelKey, spec.labelValues),
    dataset: { i18n: labelKey, i18nValues: JSON.stringify(spec.labelValues) },
  } : text(labelKey);
  const hintId = spec.hint ? `${id}-hint` : null;
  if (spec.type === 'choices') {
    const boxes = (spec.choices || []).map((choice, index) => {
      const boxId = index === 0 ? id : `${id}-${choice}`;
      return el('div', { className: 'choice' },
        el('input', { type: 'checkbox', id: boxId, name: spec.name, value: choice }),
        el('label', { htmlFor: boxId, ...text(`${spec.choicePrefix}.${choice}`) }));
    });
    return el('fieldset', { className: 'field', attrs: { 'aria-describedby': `${id}-error` } },
      el('legend', label), boxes, el('p', { className: 'field-error', id: `${id}-error` }));
  }
  if (spec.type === 'checkbox') {
    return el('div', { className: 'field' },
      el('div', { className: 'choice' },
        el('input', { type: 'checkbox', id, name: spec.name }),
        el('label', { htmlFor: id, ...label })),
      spec.hint ? el('p', { className: 'hint', id: hintId, ...text(spec.hint) }) : null,
      el('p', { className: 'field-error', id: `${id}-error` }));
  }
  /** @type {HTMLSelectElement | HTMLInputElement} */
  let input;
  if (spec.type === 'select') {
    input = el('select', { id, name: spec.name },
      el('option', { value: '', ...text('field.choose') }),
      (spec.options || []).map((option) => el('option', { value: option, ...text(`${spec.optionPrefix}.${option}`) })));
  } else {
    input = el('input', { id, name: spec.name, type: spec.type || 'text' });
    if (spec.step) {
      input.step = spec.step;
    }
    if (spec.autocomplete) {
      input.setAttribute('autocomplete', spec.autocomplete);
    }
    if (spec.inputmode) {
      input.inputMode = spec.inputmode;
    }
  }
  input.setAttribute('aria-describedby', [hintId, `${id}-error`].filter(Boolean).join(' '));
  return el('div', { className: 'field' },
    el('label', { htmlFor: id, ...label }),
    spec.hint ? el('p', { className: 'hint', id: hintId, ...text(spec.hint) }) : null,
    input,
    el('p', { className: 'field-error', id: `${id}-error` }));
}

/**
 * The values of a generated form as the API takes them: numbers as numbers, an empty field as null.
 *
 * @param {HTMLFormElement} formElement
 * @param {ControlSpec[]} specs
 * @returns {Record<string, string | number | boolean | string[] | null>}
 */
export function valuesOf(formElement, specs) {
  /** @type {Record<string, string | number | boolean | string[] | null>} */
  const values = {};
  specs.forEach((spec) => {
    if (spec.type === 'choices') {
      values[spec.name] = findAll(formElement, `input[name="${spec.name}"]:checked`, HTMLInputElement)
        .map((box) => box.value);
      return;
    }
    if (spec.type === 'checkbox') {
      values[spec.name] = find(formElement, `input[name="${spec.name}"]`, HTMLInputElement).checked;
      return;
    }
    const input = field(formElement, spec.name);
    if (spec.type === 'number') {
      values[spec.name] = input.value === '' ? null : Number(input.value);
    } else {
      const value = input.value.trim();
      values[spec.name] = value === '' ? null : value;
    }
  });
  return values;
}

/**
 * Puts an entry's values back into a generated form, to correct it.
 *
 * @param {HTMLFormElement} formElement
 * @param {ControlSpec[]} specs
 * @param {Record<string, unknown>} values
 */
export function fill(formElement, specs, values) {
  specs.forEach((spec) => {
    const value = values[spec.name];
    if (spec.type === 'choices') {
      findAll(formElement, `input[name="${spec.name}"]`, HTMLInputElement).forEach((box) => {
        box.checked = Array.isArray(value) && value.includes(box.value);
      });
    } else if (spec.type === 'checkbox') {
      find(formElement, `input[name="${spec.name}"]`, HTMLInputElement).checked = Boolean(value);
    } else {
      field(formElement, spec.name).value = value === null || value === undefined ? '' : String(value);
    }
  });
}
