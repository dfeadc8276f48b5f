// Calls to the platform's API through the gateway, and RFC 9457 problems shown where they belong: each entry of
// "errors" next to the field it names, anything else in the form's own message area.
import { t, has, currentLanguage } from './i18n.js';
import { currentSession, loadSession, signIn } from './auth.js';
import { keepDrafts } from './drafts.js';

const SAFE_METHODS = ['GET', 'HEAD'];

/**
 * One entry of an RFC 9457 problem's "errors": the field it is about, the rule it broke, and the API's English words.
 *
 * @typedef {{ field: string, rule?: string, message?: string }} FieldError
 */

/**
 * An RFC 9457 problem as the platform answers it (or as a page words one itself: a detail only).
 *
 * @typedef {{ type?: string, title?: string, status?: number, detail?: string, errors?: FieldError[], rule?: string }}
 *   Problem
 */

/**
 * An answer of the API: its status, its JSON body and its headers. A success's body is what the page asked for (the
 * page names it by the type it declares the answer as); a refusal's is a problem, or null when it has no JSON.
 *
 * @template [T=unknown]
 * @typedef {{ status: number, ok: true, body: T, headers: Headers }
 *   | { status: number, ok: false, body: Problem | null, headers: Headers }} Answer
 */

/**
 * How callApi() sends a request (see there).
 *
 * @typedef {{ method?: string, json?: unknown, body?: BodyInit, contentType?: string, idempotencyKey?: string,
 *   raw?: boolean, accept?: string }} CallOptions
 */

/**
 * The answer of a response: the one place where the JSON the platform sent is taken for what the page asked (T).
 *
 * @template T
 * @param {Response} response
 * @returns {Promise<Answer<T>>}
 */
async function parsed(response) {
  const type = response.headers.get('Content-Type') || '';
  const body = type.includes('json') ? await response.json() : null;
  const { status, headers } = response;
  return response.ok ? { status, ok: true, body, headers } : { status, ok: false, body, headers };
}

function here() {
  return location.pathname + location.search + location.hash;
}

/**
 * @overload
 * @param {string} path
 * @param {CallOptions & { raw: true }} options
 * @returns {Promise<Response>}
 */
/**
 * @template [T=unknown]
 * @overload
 * @param {string} path
 * @param {CallOptions & { raw?: false }} [options]
 * @returns {Promise<Answer<T>>}
 */
/**
 * Calls the API as the signed-in person, acting in their chosen tenant and role: json is sent as the body (or body,
 * such as a file, as it is, with its contentType), an idempotency key (for requests that create something or move
 * money) as Idempotency-Key. Answers { status, ok, body, headers }, or with raw the fetch Response itself (for files and
 * streams). The call goes with the gateway's session cookie, and a call that changes something with the session's
 * CSRF token; the gateway adds the access token. Without a session, or once it has ended entirely (the gateway could
 * not refresh its tokens: 401), the page's forms are kept, the browser goes to sign in and comes back to this page,
 * where they are filled in again; the promise then never settles.
 *
 * @param {string} path
 * @param {CallOptions} [options]
 * @returns {Promise<Answer | Response>}
 */
export async function callApi(path, {
  method = 'GET', json, body, contentType, idempotencyKey, raw = false, accept,
} = {}) {
  const session = currentSession() || await loadSession();
  if (!session) {
    keepDrafts();
    return signIn(here());
  }
  /** @type {Record<string, string>} */
  const headers = {
    Accept: accept || 'application/json, application/problem+json',
    // The page's language: a step the person takes is remembered in it, for the mail that follows.
    'Accept-Language': currentLanguage(),
  };
  if (session.acting) {
    headers['X-Tenant-Id'] = session.acting.tenant;
    headers['X-Role'] = session.acting.role;
  }
  if (!SAFE_METHODS.includes(method.toUpperCase())) {
    headers[session.csrfHeader] = session.csrfToken;
  }
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
  } else if (contentType) {
    headers['Content-Type'] = contentType;
  }
  if (idempotencyKey) {
    headers['Idempotency-Key'] = idempotencyKey;
  }
  const response = await fetch(path, {
    method, headers, cache: 'no-cache', credentials: 'same-origin', body: json === undefined ? body : JSON.stringify(json),
  });
  if (response.status === 401) {
    keepDrafts();
    return signIn(here());
  }
  return raw ? response : parsed(response);
}

/**
 * Idempotency keys for requests that create something, one per kind of request: the same values sent again after no
 * answer keep their key, so the platform stores them once; other values, or any sent again once answered, get a new
 * one.
 */
export function requestKeys() {
  /** @type {Map<string, { signature: string, key: string }>} */
  const pending = new Map();
  return {
    /**
     * @param {string} kind
     * @param {unknown} request
     * @returns {string}
     */
    keyFor(kind, request) {
      const signature = JSON.stringify(request);
      const known = pending.get(kind);
      if (known && known.signature === signature) {
        return known.key;
      }
      const key = crypto.randomUUID();
      pending.set(kind, { signature, key });
      return key;
    },
    /** @param {string} kind */
    answered(kind) {
      pending.delete(kind);
    },
  };
}

/**
 * GET a path; answers the status, the parsed JSON body (a problem too) and the headers. With fresh, an answer the
 * browser keeps is checked with the server first (a 304 when unchanged) rather than reused as it is.
 *
 * @template [T=unknown]
 * @param {string} path
 * @param {{ fresh?: boolean }} [options]
 * @returns {Promise<Answer<T>>}
 */
export async function getJson(path, { fresh = false } = {}) {
  const response = await fetch(path, {
    headers: { Accept: 'application/json, application/problem+json' },
    cache: fresh ? 'no-cache' : 'default',
  });
  return parsed(response);
}

/**
 * The URL of the next page from a Link header (rel="next"), if any.
 *
 * @param {Headers} headers
 * @returns {string | null}
 */
export function nextLink(headers) {
  const link = headers.get('Link') || '';
  const match = link.match(/<([^>]+)>\s*;\s*rel="next"/);
  return match ? match[1] : null;
}

/** @param {ParentNode} form */
export function clearProblems(form) {
  form.querySelectorAll('[aria-invalid]').forEach((control) => control.removeAttribute('aria-invalid'));
  form.querySelectorAll('.field-error').forEach((message) => {
    message.textContent = '';
  });
}

/**
 * @param {string} field
 * @param {FieldError} error
 */
function messageFor(field, error) {
  for (const key of [`error.${field}.${error.rule}`, `error.${error.rule}`]) {
    if (has(key)) {
      return t(key);
    }
  }
  return error.message || t('error.invalid');
}

/**
 * Shows a problem on the form: each field error next to its control (which is marked invalid and takes the
 * focus, the first of them); a problem without field errors in the form's message area. Answers whether any
 * field of the form was named.
 *
 * @param {ParentNode} form
 * @param {Problem | null | undefined} problem
 * @returns {boolean}
 */
export function showProblem(form, problem) {
  clearProblems(form);
  const errors = (problem && Array.isArray(problem.errors)) ? problem.errors : [];
  /** @type {HTMLElement | null} */
  let first = null;
  /** @type {string[]} */
  const unplaced = [];
  for (const error of errors) {
    const control = form.querySelector(`[name="${CSS.escape(error.field)}"]`);
    const message = control instanceof HTMLElement ? document.getElementById(`${control.id}-error`) : null;
    if (!(control instanceof HTMLElement) || !message) {
      unplaced.push(messageFor(error.field, error));
      continue;
    }
    control.setAttribute('aria-invalid', 'true');
    message.textContent = message.textContent ? `${message.textContent} ${messageFor(error.field, error)}`
      : messageFor(error.field, error);
    first = first || control;
  }
  const general = form.querySelector('.form-error');
  if (general) {
    general.textContent = unplaced.length ? unplaced.join(' ')
      : (first ? '' : (problem && (problem.detail || problem.title)) || t('error.unexpected'));
  }
  if (first) {
    first.focus();
  }
  return first !== null;
}
