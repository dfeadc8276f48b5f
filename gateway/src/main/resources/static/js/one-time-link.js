// A page reached from a one-time link in a mail, without an account: a rater's form (rate.html), a supervision
// provider's confirmation (confirm-supervision.html). The link's secret is in the fragment (page.html#<secret>), so
// that it never reaches a server's log as part of a page address; the page sends it to the API itself, once to read
// what is asked and once to answer. The page's elements and messages are named by its prefix: <prefix> (the form),
// <prefix>-status, -intro, -done, -gone, -gone-title, -gone-detail; <prefix>.sending, .unreachable,
// .gone.<why> and .gone.<why>.detail.
import { t } from './i18n.js';
import { getJson, showProblem, clearProblems } from './api.js';
import { announce } from './portal-kit.js';
import { byId, find } from './dom.js';

/**
 * @template [T=unknown]
 * @typedef {import('./api.js').Answer<T>} Answer
 */

/**
 * The link of a page (see oneTimeLink), with what the API answered it asks.
 *
 * @template T
 * @typedef {{ form: HTMLFormElement, status: HTMLElement, asked: T | null, ended: string | null,
 *   showEnded(): boolean, opened(): T | null, open(render: () => void): Promise<void>,
 *   send(answer: () => unknown, render: () => void): Promise<void> }} OneTimeLink
 */

/**
 * The link of this page: its API path is {@code api}/<secret>; {@code usedRule} is the rule a spent link answers
 * (410). {@code asked} is what the API answered; {@code ended} why the link no longer opens it: a 410 problem's
 * rule, 'unknown' or 'sent'. The page names what the API answers by the type it declares the link as.
 *
 * @template T what the link asks
 * @param {string} prefix
 * @param {string} api
 * @param {string} usedRule
 * @returns {OneTimeLink<T>}
 */
export function oneTimeLink(prefix, api, usedRule) {
  const secret = location.hash.slice(1);
  const path = `${api}/${encodeURIComponent(secret)}`;
  const form = byId(prefix, HTMLFormElement);
  const status = byId(`${prefix}-status`);
  const show = (/** @type {string} */ id, /** @type {boolean} */ shown) => { byId(`${prefix}-${id}`).hidden = !shown; };
  // Another person's link opened in this tab differs only in its fragment, which the browser does not load anew.
  window.addEventListener('hashchange', () => location.reload());

  /** @type {OneTimeLink<T>} */
  const link = {
    form,
    status,
    asked: null,
    ended: null,

    /** Shows how the link ended (answered, or gone and why) in place of the form; false while it is open. */
    showEnded() {
      if (!link.ended) {
        return false;
      }
      form.hidden = true;
      status.textContent = '';
      if (link.ended === 'sent') {
        show('intro', false);
        show('done', true);
      } else {
        show('gone', true);
        byId(`${prefix}-gone-title`).textContent = t(`${prefix}.gone.${link.ended}`);
        byId(`${prefix}-gone-detail`).textContent = t(`${prefix}.gone.${link.ended}.detail`);
      }
      return true;
    },

    /**
     * What the link asks, with the page's introduction shown, while the link is open; null otherwise (how it ended
     * is shown instead, or nothing has been read yet).
     */
    opened() {
      if (link.showEnded() || !link.asked) {
        return null;
      }
      status.textContent = '';
      show('intro', true);
      return link.asked;
    },

    /** Reads what the link asks, then renders. */
    async open(render) {
      if (secret) {
        /** @type {Answer<T>} */
        const answer = await getJson(path, { fresh: true });
        if (answer.status === 404) {
          link.ended = 'unknown';
        } else if (answer.status === 410) {
          link.ended = (!answer.ok && answer.body && answer.body.rule) || usedRule;
        } else if (!answer.ok) {
          status.textContent = t(`${prefix}.unreachable`);
        } else {
          link.asked = answer.body;
        }
      } else {
        link.ended = 'unknown';
      }
      render();
    },

    /**
     * Sends the answer ({@code answer()}, the JSON body) once; a refusal is shown next to its fields, a spent or
     * unknown link ends the page, and a sent answer takes the secret out of the browser's history.
     */
    async send(answer, render) {
      clearProblems(form);
      const submit = find(form, 'button[type=submit]', HTMLButtonElement);
      submit.disabled = true;
      announce(status, t(`${prefix}.sending`));
      try {
        const response = await fetch(path, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json, application/problem+json' },
          body: JSON.stringify(answer()),
        });
        const body = (response.headers.get('Content-Type') || '').includes('json') ? await response.json() : null;
        if (response.ok) {
          link.ended = 'sent';
          // The link is spent: keep its secret out of the browser's history from now on.
          history.replaceState(null, '', location.pathname);
          render();
          // Focus carries the thanks to a screen reader as the form disappears.
          byId(`${prefix}-done`).focus();
          return;
        }
        if (response.status === 410 || response.status === 404) {
          link.ended = response.status === 404 ? 'unknown' : (body && body.rule) || usedRule;
          render();
          return;
        }
        status.textContent = '';
        showProblem(form, body);
      } catch (unreachable) {
        status.textContent = '';
        showProblem(form, { detail: t(`${prefix}.unreachable`) });
      } finally {
        submit.disabled = false;
      }
    },
  };
  return link;
}
