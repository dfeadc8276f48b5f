// Unit tests of js/api.js's helpers on Node, with the little of a document that showing a problem uses: idempotency
// keys per kind of request, the next page's link, and a problem placed next to the fields it names.
import { test } from 'node:test';
import assert from 'node:assert/strict';

class FakeElement {
  constructor(id = '') {
    this.id = id;
    this.attributes = {};
    this.textContent = '';
    this.focused = false;
  }

  setAttribute(name, value) {
    this.attributes[name] = value;
  }

  removeAttribute(name) {
    delete this.attributes[name];
  }

  focus() {
    this.focused = true;
  }
}

/** A form with named controls, each with its "<id>-error" message, and the form's own message area. */
class FakeForm {
  constructor(names) {
    this.controls = Object.fromEntries(names.map((name) => [name, new FakeElement(`form-${name}`)]));
    this.messages = Object.fromEntries(names.map((name) => [name, new FakeElement(`form-${name}-error`)]));
    this.general = new FakeElement();
  }

  querySelector(selector) {
    const named = selector.match(/^\[name="(.+)"\]$/);
    if (named) {
      return this.controls[named[1]] || null;
    }
    return selector === '.form-error' ? this.general : null;
  }

  querySelectorAll(selector) {
    if (selector === '[aria-invalid]') {
      return Object.values(this.controls).filter((control) => 'aria-invalid' in control.attributes);
    }
    return selector === '.field-error' ? [...Object.values(this.messages), this.general] : [];
  }
}

let form = new FakeForm([]);
globalThis.HTMLElement = FakeElement;
globalThis.CSS = { escape: (text) => text };
globalThis.document = {
  getElementById: (id) => Object.values(form.messages).find((message) => message.id === id) || null,
};
const { requestKeys, nextLink, showProblem } = await import('./js/api.js');

test('a request sent again with the same values keeps its key until it is answered', () => {
  const keys = requestKeys();
  const first = keys.keyFor('payment', { cents: 4000 });

  assert.equal(keys.keyFor('payment', { cents: 4000 }), first);
  assert.notEqual(keys.keyFor('waiver', { cents: 4000 }), first);
  const changed = keys.keyFor('payment', { cents: 5000 });
  assert.notEqual(changed, first);
  keys.answered('payment');
  assert.notEqual(keys.keyFor('payment', { cents: 5000 }), changed);
});

test('the next page is the Link header\'s rel="next", and none without one', () => {
  const headers = (link) => ({ get: (name) => (name === 'Link' ? link : null) });

  assert.equal(nextLink(headers('</api/x?page=2>; rel="next", </api/x?page=0>; rel="first"')), '/api/x?page=2');
  assert.equal(nextLink(headers('</api/x?page=0>; rel="first"')), null);
  assert.equal(nextLink(headers(null)), null);
});

test('each field error shows next to its field, which is marked invalid; the first named takes the focus', () => {
  form = new FakeForm(['name', 'email']);

  const named = showProblem(form, { errors: [{ field: 'email', rule: 'Email', message: 'Not an address.' },
    { field: 'name', rule: 'NotBlank', message: 'Needed.' }, { field: 'email', rule: 'Size', message: 'Too long.' }] });

  assert.equal(named, true);
  assert.equal(form.messages.email.textContent, 'Not an address. Too long.');
  assert.equal(form.messages.name.textContent, 'Needed.');
  assert.equal(form.controls.email.attributes['aria-invalid'], 'true');
  assert.equal(form.controls.email.focused, true);
  assert.equal(form.controls.name.focused, false);
  assert.equal(form.general.textContent, '');
});

test('an error of a field the form does not have, or a problem of no field, is said in the form\'s own area', () => {
  form = new FakeForm(['name']);
  form.controls.name.setAttribute('aria-invalid', 'true');
  form.messages.name.textContent = 'From before.';

  assert.equal(showProblem(form, { errors: [{ field: 'tenant', rule: 'Pattern', message: 'Unknown.' }] }), false);
  assert.equal(form.general.textContent, 'Unknown.');
  assert.equal(form.messages.name.textContent, '');
  assert.equal('aria-invalid' in form.controls.name.attributes, false);

  assert.equal(showProblem(form, { title: 'Conflict', detail: 'The invoice is paid already.' }), false);
  assert.equal(form.general.textContent, 'The invoice is paid already.');
});
