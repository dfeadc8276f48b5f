// Building elements, one way for every page. Text goes in with textContent only: what the API answers is data, never
// markup.

/**
 * What el() sets on an element: attrs, dataset and text as described there; every other entry is a property of the
 * element (className, id, href, type, hidden, tabIndex, value, checked...).
 *
 * @typedef {{ attrs?: Record<string, string | number | boolean | null | undefined>,
 *   dataset?: Record<string, string>, text?: string | number | null, [property: string]: unknown }} Props
 */

/**
 * A child el() appends: a node, text, a number, or a list of them; null, undefined and false are left out.
 *
 * @typedef {Node | string | number | null | undefined | false | Child[]} Child
 */

/**
 * An element. Its props are set as properties (className, id, href, type, hidden, tabIndex...), except three:
 * attrs, set as attributes (aria-*, role, for, datetime...); dataset, its data-* values; and text, its textContent.
 * A property or attribute that is null or undefined is left unset. The children (nodes, text, numbers, or arrays of
 * them) are appended in order; null, undefined and false are left out, so a child can be written as a condition.
 *
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Props | null} [props]
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  const { attrs, dataset, text, ...properties } = props || {};
  // The props name the element's own properties, which its type lists but cannot index by a name given at run time.
  const settable = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (element));
  Object.entries(properties).forEach(([name, value]) => {
    if (value !== undefined && value !== null) {
      settable[name] = value;
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
  appendChildren(element, children);
  return element;
}

/**
 * @param {HTMLElement} element
 * @param {Child[]} children
 */
function appendChildren(element, children) {
  children.forEach((child) => {
    if (Array.isArray(child)) {
      appendChildren(element, child);
    } else if (child !== null && child !== undefined && child !== false) {
      element.append(typeof child === 'number' ? String(child) : child);
    }
  });
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
 * The nearest element around this one (itself included) that matches the selector, checked to be of the type the
 * script uses it as: the field a control is in, the row a button is in.
 *
 * @template {Element} [T=HTMLElement]
 * @param {Element} element
 * @param {string} selector
 * @param {new (...args: any[]) => T} [type] the element's class, HTMLElement when left out
 * @returns {T}
 */
export function enclosing(element, selector, type) {
  const expected = type || /** @type {new (...args: any[]) => T} */ (/** @type {unknown} */ (HTMLElement));
  const found = element.closest(selector);
  if (!found) {
    throw new Error(`Nothing around the <${element.tagName.toLowerCase()}> matches ${selector}`);
  }
  if (!(found instanceof expected)) {
    throw new Error(`${selector} is a <${found.tagName.toLowerCase()}>, not the ${expected.name} the script needs`);
  }
  return found;
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
