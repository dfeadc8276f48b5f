// Building elements, one way for every page. Text goes in with textContent only: what the API answers is data, never
// markup.

/**
 * An element. Its props are set as properties (className, id, href, type, hidden, tabIndex...), except three:
 * attrs, set as attributes (aria-*, role, for, datetime...); dataset, its data-* values; and text, its textContent.
 * A property or attribute that is null or undefined is left unset. The children (nodes, text, numbers, or arrays of
 * them) are appended in order; null, undefined and false are left out, so a child can be written as a condition.
 */
export function el(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  const { attrs, dataset, text, ...properties } = props || {};
  Object.entries(properties).forEach(([name, value]) => {
    if (value !== undefined && value !== null) {
      element[name] = value;
    }
  });
  Object.entries(attrs || {}).forEach(([name, value]) => {
    if (value !== undefined && value !== null) {
      element.setAttribute(name, String(value));
    }
  });
  Object.entries(dataset || {}).forEach(([name, value]) => {
    element.dataset[name] = value;
  });
  if (text !== undefined && text !== null) {
    element.textContent = String(text);
  }
  children.flat(Infinity).filter((child) => child !== null && child !== undefined && child !== false)
    .forEach((child) => element.append(typeof child === 'string' || typeof child === 'number' ? String(child) : child));
  return element;
}

/**
 * The page's element with this id, checked to be of the type the script uses it as (an input, a form...): a page
 * whose markup and script disagree fails here, saying which element, rather than later on a missing property.
 *
 * @template {Element} [T=HTMLElement]
 * @param {string} id
 * @param {new (...args: any[]) => T} [type] the element's class, HTMLElement when left out
 * @returns {T}
 */
export function byId(id, type) {
  const expected = type || /** @type {new (...args: any[]) => T} */ (/** @type {unknown} */ (HTMLElement));
  const found = document.getElementById(id);
  if (!found) {
    throw new Error(`The page has no element #${id}`);
  }
  if (!(found instanceof expected)) {
    throw new Error(`#${id} is a <${found.tagName.toLowerCase()}>, not the ${expected.name} the script needs`);
  }
  return found;
}

/**
 * The first element under root that matches the selector, checked to be of the type the script uses it as.
 *
 * @template {Element} [T=HTMLElement]
 * @param {ParentNode} root
 * @param {string} selector
 * @param {new (...args: any[]) => T} [type] the element's class, HTMLElement when left out
 * @returns {T}
 */
export function find(root, selector, type) {
  const expected = type || /** @type {new (...args: any[]) => T} */ (/** @type {unknown} */ (HTMLElement));
  const found = root.querySelector(selector);
  if (!found) {
    throw new Error(`Nothing matches ${selector}`);
  }
  if (!(found instanceof expected)) {
    throw new Error(`${selector} is a <${found.tagName.toLowerCase()}>, not the ${expected.name} the script needs`);
  }
  return found;
}

/**
 * The form's control of this name (a radio group too, whose value is the checked one's), checked to be there.
 *
 * @param {HTMLFormElement} form
 * @param {string} name
 * @returns {HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | RadioNodeList}
 */
export function field(form, name) {
  const control = form.elements.namedItem(name);
  if (!control || !('value' in control)) {
    throw new Error(`The form ${form.id ? `#${form.id} ` : ''}has no field named ${name}`);
  }
  return /** @type {HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | RadioNodeList} */ (control);
}

/**
 * Every element under root that matches the selector, each checked to be of the type the script uses it as.
 *
 * @template {Element} [T=HTMLElement]
 * @param {ParentNode} root
 * @param {string} selector
 * @param {new (...args: any[]) => T} [type] the elements' class, HTMLElement when left out
 * @returns {T[]}
 */
export function findAll(root, selector, type) {
  const expected = type || /** @type {new (...args: any[]) => T} */ (/** @type {unknown} */ (HTMLElement));
  return Array.from(root.querySelectorAll(selector), (found) => {
    if (!(found instanceof expected)) {
      throw new Error(`${selector} matches a <${found.tagName.toLowerCase()}>, not the ${expected.name} the script needs`);
    }
    return found;
  });
}
