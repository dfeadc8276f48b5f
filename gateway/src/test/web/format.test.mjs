// Unit tests of js/format.js on Node (node --test): money and instants as each language writes them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { money, dateTime } from './js/format.js';

test('money puts the point where the currency has it, in each language', () => {
  assert.equal(money({ cents: 4000, currency: 'USD' }, 'en'), '$40.00');
  assert.equal(money({ cents: 123456, currency: 'USD' }, 'en'), '$1,234.56');
  assert.match(money({ cents: 123456, currency: 'USD' }, 'es'), /^1234,56\s?US\$$|^1\.234,56\s?US\$$/);
  // A currency without decimals: its smallest unit is the unit.
  assert.equal(money({ cents: 4000, currency: 'JPY' }, 'en'), '¥4,000');
  assert.equal(money({ cents: 0, currency: 'USD' }, 'en'), '$0.00');
});

test('money is empty for no amount', () => {
  assert.equal(money(null, 'en'), '');
  assert.equal(money(undefined, 'es'), '');
  assert.equal(money({ cents: null, currency: 'USD' }, 'en'), '');
});

test('an instant is a date and time of the language, in the zone asked', () => {
  const at = '2026-12-02T21:30:05Z';
  assert.equal(dateTime(at, 'en', { timeZone: 'America/New_York' }), 'Dec 2, 2026, 4:30 PM');
  assert.equal(dateTime(at, 'en', { timeZone: 'America/Los_Angeles', seconds: true }), 'Dec 2, 2026, 1:30:05 PM');
  assert.match(dateTime(at, 'es', { timeZone: 'America/New_York' }), /^2 dic 2026, 16:30$/);
});

test('no instant is an empty text', () => {
  assert.equal(dateTime(null, 'en'), '');
  assert.equal(dateTime('', 'es'), '');
});
