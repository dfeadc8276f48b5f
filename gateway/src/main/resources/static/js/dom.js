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
