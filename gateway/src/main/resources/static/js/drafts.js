// What a person typed survives a session that ended: before the browser goes to sign in again, every form of the
// page is kept in sessionStorage (this tab only, never a password or a file); once the page is back and signed in,
// each value returns to its field as soon as the page shows it, and the person sends the form again.
import { findAll } from './dom.js';

const PREFIX = 'iecmh.draft.';
const PATIENCE_MS = 15_000;

/** @param {string} page */
function keyOf(page) {
  return PREFIX + page;
}

/** @param {Element} control */
function kept(control) {
  return control instanceof HTMLInputElement
    ? !['password', 'file', 'hidden', 'submit', 'button', 'reset'].includes(control.type)
    : control instanceof HTMLSelectElement || control instanceof HTMLTextAreaElement;
}

/** Keeps the values of every named field of every form with an id on this page, for this page's address. */
export function keepDrafts() {
  /** @type {Record<string, Record<string, string | string[]>>} */
  const draft = {};
  findAll(document, 'form[id]', HTMLFormElement).forEach((form) => {
    /** @type {Record<string, string | string[]>} */
    const values = {};
    Array.from(form.elements).filter((control) => control instanceof Element
      && control.getAttribute('name') && kept(control)).forEach((control) => {
      const input = /** @type {HTMLInputElement} */ (control);
      if (input.type === 'checkbox' || input.type === 'radio') {
        if (input.checked) {
          const before = values[input.name];
          values[input.name] = [...(Array.isArray(before) ? before : []), input.value];
        }
      } else if (input.value !== '') {
        values[input.name] = input.value;
      }
    });
    if (Object.keys(values).length) {
      draft[form.id] = values;
    }
  });
  if (Object.keys(draft).length) {
    sessionStorage.setItem(keyOf(location.pathname + location.search), JSON.stringify(draft));
  }
}

/**
 * Puts one kept value back; answers whether its field is there (and, for a choice, the option too).
 *
 * @param {HTMLFormElement} form
 * @param {string} name
 * @param {string | string[]} value
 */
function restore(form, name, value) {
  const controls = Array.from(form.elements).filter((control) => control.getAttribute('name') === name);
  if (!controls.length) {
    return false;
  }
  if (Array.isArray(value)) {
    const choices = /** @type {HTMLInputElement[]} */ (controls);
    if (!value.every((chosen) => choices.some((choice) => choice.value === chosen))) {
      return false;
    }
    choices.forEach((choice) => {
      choice.checked = value.includes(choice.value);
    });
    return true;
  }
  const control = /** @type {HTMLInputElement | HTMLSelectElement} */ (controls[0]);
  control.value = value;
  if (control.value !== value) {
    return false;
  }
  control.dispatchEvent(new Event('change', { bubbles: true }));
  return true;
}

/**
 * Opens the folded section a form is in, so that the person sees what came back.
 *
 * @param {HTMLFormElement} form
 */
function unfold(form) {
  const details = form.closest('details');
  if (details) {
    details.open = true;
  }
}

/**
 * Returns the values kept for this page to their fields, as each field (and a choice's option) appears, within a
 * bound; then forgets them. Answers once every value is back, or the bound has passed.
 */
export function restoreDrafts() {
  const key = keyOf(location.pathname + location.search);
  /** @type {Record<string, Record<string, string | string[]>> | null} */
  const draft = JSON.parse(sessionStorage.getItem(key) || 'null');
  sessionStorage.removeItem(key);
  if (!draft) {
    return Promise.resolve();
  }
  const waiting = Object.entries(draft).flatMap(([formId, values]) => Object.entries(values)
    .map(([name, value]) => ({ formId, name, value })));
  return new Promise((resolve) => {
    const attempt = () => {
      for (let index = waiting.length - 1; index >= 0; index -= 1) {
        const { formId, name, value } = waiting[index];
        const form = document.getElementById(formId);
        // A form the page has not shown yet is still to be filled with the page's own data first.
        if (form instanceof HTMLFormElement && !form.closest('[hidden]') && restore(form, name, value)) {
          unfold(form);
          waiting.splice(index, 1);
        }
      }
      if (!waiting.length) {
        observer.disconnect();
        resolve(undefined);
      }
    };
    const observer = new MutationObserver(attempt);
    observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['hidden'] });
    setTimeout(() => {
      observer.disconnect();
      resolve(undefined);
    }, PATIENCE_MS);
    attempt();
  });
}
