// Unit tests of dom.js on Node, with the little of a document that it uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';

class FakeElement {
  constructor(tag) {
    this.tagName = tag.toUpperCase();
    this.attributes = {};
    this.dataset = {};
    this.children = [];
    this.textContent = '';
  }

  setAttribute(name, value) {
    this.attributes[name] = value;
  }

  append(...nodes) {
    this.children.push(...nodes);
  }
}

globalThis.document = { createElement: (tag) => new FakeElement(tag) };
const { el } = await import('./js/dom.js');

test('props become properties, attrs attributes, dataset data values and text the text', () => {
  const link = el('a', { className: 'tag', href: '/x', attrs: { 'aria-label': 'Open', tabindex: 0 },
    dataset: { roles: 'COORDINATOR' }, text: 42 });

  assert.equal(link.tagName, 'A');
  assert.equal(link.className, 'tag');
  assert.equal(link.href, '/x');
  assert.deepEqual(link.attributes, { 'aria-label': 'Open', tabindex: '0' });
  assert.deepEqual(link.dataset, { roles: 'COORDINATOR' });
  assert.equal(link.textContent, '42');
});

test('a null or undefined prop or attribute stays unset rather than reading "null"', () => {
  const made = el('p', { className: undefined, id: null, attrs: { title: null, role: undefined } });

  assert.equal('className' in made, false);
  assert.equal('id' in made, false);
  assert.deepEqual(made.attributes, {});
});

test('children come in order, arrays flattened, numbers as text, and null, undefined and false left out', () => {
  const child = el('span');
  const list = el('ul', {}, 'first', [child, [7, null]], undefined, false, 'last');

  assert.deepEqual(list.children, ['first', child, '7', 'last']);
});

test('text given as a prop is never read as markup', () => {
  const made = el('p', { text: '<img src=x onerror=alert(1)>' });

  assert.equal(made.textContent, '<img src=x onerror=alert(1)>');
  assert.deepEqual(made.children, []);
});
