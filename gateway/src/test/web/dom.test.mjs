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

class FakeInput extends FakeElement {
  constructor() {
    super('input');
    this.value = '';
  }
}

class FakeForm extends FakeElement {
  constructor(controls) {
    super('form');
    this.id = 'the-form';
    this.elements = { namedItem: (name) => controls[name] || null };
  }
}

const page = new Map();
globalThis.HTMLElement = FakeElement;
globalThis.document = {
  createElement: (tag) => new FakeElement(tag),
  getElementById: (id) => page.get(id) || null,
  querySelector: (selector) => page.get(selector) || null,
  querySelectorAll: (selector) => (page.has(selector) ? [page.get(selector)] : []),
};
const { el, byId, find, findAll, field, enclosing } = await import('./js/dom.js');

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

test('byId answers the element of the type the script asks for, an HTMLElement when it names none', () => {
  const input = new FakeInput();
  const heading = new FakeElement('h2');
  page.set('name', input).set('heading', heading);

  assert.equal(byId('name', FakeInput), input);
  assert.equal(byId('heading'), heading);
});

test('byId fails saying which element is missing or of the wrong kind, not later on a missing property', () => {
  page.set('title', new FakeElement('h1'));

  assert.throws(() => byId('nowhere'), /The page has no element #nowhere/);
  assert.throws(() => byId('title', FakeInput), /#title is a <h1>, not the FakeInput the script needs/);
});

test('find and findAll check what the selector matched', () => {
  const input = new FakeInput();
  page.set('[name=category]', input).set('.note', new FakeElement('p'));

  assert.equal(find(document, '[name=category]', FakeInput), input);
  assert.throws(() => find(document, '.missing'), /Nothing matches \.missing/);
  assert.deepEqual(findAll(document, '[name=category]', FakeInput), [input]);
  assert.deepEqual(findAll(document, '.missing'), []);
  assert.throws(() => findAll(document, '.note', FakeInput), /\.note matches a <p>, not the FakeInput/);
});

test('field answers the form control of that name, and fails naming the form when there is none', () => {
  const comments = new FakeInput();
  const form = new FakeForm({ comments, legend: new FakeElement('legend') });

  assert.equal(field(form, 'comments'), comments);
  assert.throws(() => field(form, 'reason'), /The form #the-form has no field named reason/);
  assert.throws(() => field(form, 'legend'), /has no field named legend/);
});

test('enclosing answers the nearest element around of the type asked, and fails saying what was not there', () => {
  const box = new FakeElement('div');
  const input = new FakeInput();
  const around = { '.field': box, '.choice': new FakeElement('span') };
  input.closest = (selector) => around[selector] || null;

  assert.equal(enclosing(input, '.field'), box);
  assert.throws(() => enclosing(input, '.row'), /Nothing around the <input> matches \.row/);
  assert.throws(() => enclosing(input, '.choice', FakeInput), /\.choice is a <span>, not the FakeInput the script needs/);
});
