// Unit tests of js/portal-kit.js's generated forms on Node: the values a form sends, and an entry's values put back.
import { test } from 'node:test';
import assert from 'node:assert/strict';

class FakeElement {
  constructor(tag) {
    this.tagName = tag.toUpperCase();
  }
}

class FakeInput extends FakeElement {
  constructor(name, { type = 'text', value = '', checked = false } = {}) {
    super('input');
    this.name = name;
    this.type = type;
    this.value = value;
    this.checked = checked;
  }
}

/** A form of inputs, found the ways portal-kit looks for them: by name, and the checked boxes of a group. */
class FakeForm extends FakeElement {
  constructor(inputs) {
    super('form');
    this.id = 'entry-form';
    this.inputs = inputs;
    this.elements = { namedItem: (name) => inputs.find((input) => input.name === name) || null };
  }

  querySelectorAll(selector) {
    const [, name, checked] = selector.match(/^input\[name="(.+)"\](:checked)?$/);
    return this.inputs.filter((input) => input.name === name && (!checked || input.checked));
  }

  querySelector(selector) {
    return this.querySelectorAll(selector)[0] || null;
  }
}

globalThis.HTMLElement = FakeElement;
globalThis.HTMLInputElement = FakeInput;
const { valuesOf, fill } = await import('./js/portal-kit.js');

const SPECS = [
  { name: 'title' },
  { name: 'hours', type: 'number' },
  { name: 'paid', type: 'checkbox' },
  { name: 'domains', type: 'choices', choices: ['THINKING', 'REFLECTION'] },
];

function entryForm() {
  return new FakeForm([new FakeInput('title'), new FakeInput('hours', { type: 'number' }),
    new FakeInput('paid', { type: 'checkbox' }), new FakeInput('domains', { type: 'checkbox', value: 'THINKING' }),
    new FakeInput('domains', { type: 'checkbox', value: 'REFLECTION' })]);
}

test('a form sends numbers as numbers, trimmed text, an empty field as null, a box as a flag, a group as a list', () => {
  const form = entryForm();
  form.inputs[0].value = '  Reflective practice ';
  form.inputs[1].value = '2.5';
  form.inputs[2].checked = true;
  form.inputs[4].checked = true;

  assert.deepEqual(valuesOf(form, SPECS),
    { title: 'Reflective practice', hours: 2.5, paid: true, domains: ['REFLECTION'] });

  const empty = entryForm();
  assert.deepEqual(valuesOf(empty, SPECS), { title: null, hours: null, paid: false, domains: [] });
});

test('an entry\'s values go back into the form it was sent from, none left from before', () => {
  const form = entryForm();
  form.inputs[3].checked = true;

  fill(form, SPECS, { title: 'Supervision', hours: 1.5, paid: true, domains: ['REFLECTION'] });

  assert.deepEqual(valuesOf(form, SPECS), { title: 'Supervision', hours: 1.5, paid: true, domains: ['REFLECTION'] });
  fill(form, SPECS, { title: null, paid: false });
  assert.deepEqual(valuesOf(form, SPECS), { title: null, hours: null, paid: false, domains: [] });
});
