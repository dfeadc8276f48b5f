// Signing in happens at the gateway, which holds the person's tokens (a backend for frontend): it runs the
// authorization code flow with the association's OpenID Connect provider, keeps the access and refresh tokens in its
// own session, and gives the browser only an HttpOnly session cookie, which no script can read. A page learns who is
// signed in from GET /session (the access token's subject and grants, and the CSRF token its changes must send); its
// API calls go with the cookie and the gateway relays the access token, refreshed before it ends. Which of the granted
// association and role the person acts as is the page's choice, kept for the tab in sessionStorage.
import { el } from './dom.js';

const ACTING = 'iecmh.acting';
const RETURN_TO = 'iecmh.returnTo';
const SIGN_IN = '/oauth2/authorization/identity';

/**
 * @typedef {{ tenant: string, role: string }} Grant
 * @typedef {{ subject: string, grants: Grant[], acting: Grant | null, csrfToken: string, csrfHeader: string }} Session
 * @typedef {{ publishableKey: string, scriptUrl: string }} CardSettings
 * @typedef {{ card?: CardSettings | null }} WebConfig
 */

/** @type {Promise<WebConfig> | null} */
let configuration = null;
/** @type {Session | null} */
let session = null;

/**
 * The gateway's /web-config.json: { card }, the card processor's settings when card payments are offered.
 *
 * @returns {Promise<WebConfig>}
 */
export function webConfig() {
  configuration = configuration || fetch('/web-config.json', { headers: { Accept: 'application/json' } })
    .then((response) => {
      if (!response.ok) {
        throw new Error(`web-config.json answered ${response.status}`);
      }
      return response.json();
    });
  return configuration;
}

/**
 * The tenants claim as a list of { tenant, role }: {"ma": ["COORDINATOR"]} or ["ma:COORDINATOR"].
 *
 * @param {unknown} tenants
 * @returns {Grant[]}
 */
export function grantsOf(tenants) {
  /** @type {Grant[]} */
  const grants = [];
  if (Array.isArray(tenants)) {
    tenants.forEach((entry) => {
      const [tenant, role] = String(entry).split(':');
      if (tenant && role) {
        grants.push({ tenant, role });
      }
    });
  } else if (tenants && typeof tenants === 'object') {
    Object.entries(tenants).forEach(([tenant, roles]) => {
      (Array.isArray(roles) ? roles : [roles]).forEach((role) => grants.push({ tenant, role: String(role) }));
    });
  }
  return grants;
}

/**
 * Asks the gateway who is signed in (its session), and remembers the answer for currentSession(). Answers the
 * session, or null when nobody is (or the gateway cannot tell).
 *
 * @returns {Promise<Session | null>}
 */
export async function loadSession() {
  const response = await fetch('/session', { headers: { Accept: 'application/json' }, cache: 'no-store' })
    .catch(() => null);
  const body = response && response.ok ? await response.json() : { signedIn: false };
  if (!body.signedIn) {
    session = null;
    return null;
  }
  const grants = grantsOf(body.tenants);
  const chosen = JSON.parse(sessionStorage.getItem(ACTING) || 'null');
  const acting = grants.find((grant) => chosen && grant.tenant === chosen.tenant && grant.role === chosen.role)
    || grants[0] || null;
  session = { subject: body.subject, grants, acting, csrfToken: body.csrfToken, csrfHeader: body.csrfHeader };
  return session;
}

/** The signed-in session as loadSession() last found it ({ subject, grants, acting, csrfToken }), or null. */
export function currentSession() {
  return session;
}

/**
 * Chooses which of the granted tenant and role the next requests act as.
 *
 * @param {string} tenant
 * @param {string} role
 */
export function actAs(tenant, role) {
  if (!session || !session.grants.some((grant) => grant.tenant === tenant && grant.role === role)) {
    return;
  }
  session.acting = { tenant, role };
  sessionStorage.setItem(ACTING, JSON.stringify(session.acting));
}

/**
 * Sends the browser to sign in at the gateway (and from there to the provider); it comes back to /signin.html and
 * then to returnTo. The promise never settles: the page is left.
 *
 * @param {string | null} [returnTo]
 * @returns {Promise<never>}
 */
export function signIn(returnTo) {
  sessionStorage.setItem(RETURN_TO, returnTo || '');
  location.assign(SIGN_IN);
  return new Promise(() => {});
}

/** Where a sign-in that just completed was asked from (once), or null. */
export function takeReturnTo() {
  const returnTo = sessionStorage.getItem(RETURN_TO);
  sessionStorage.removeItem(RETURN_TO);
  return returnTo || null;
}

/**
 * Signs out at the gateway, which revokes the session's tokens, ends its session and then the provider's (OpenID
 * Connect RP-initiated logout), so that the next person at this computer signs in anew. What this tab remembered for
 * the person (their choice of role, forms kept while signing in again) goes too.
 */
export function signOut() {
  Object.keys(sessionStorage).filter((key) => key.startsWith('iecmh.')).forEach((key) => sessionStorage.removeItem(key));
  if (!session) {
    location.assign('/');
    return;
  }
  const form = el('form', { method: 'post', action: '/logout', hidden: true },
    el('input', { type: 'hidden', name: '_csrf', value: session.csrfToken }));
  document.body.append(form);
  form.submit();
}

/**
 * The page each role starts on.
 *
 * @param {string | null | undefined} role
 * @returns {string}
 */
export function homeOf(role) {
  switch (role) {
    case 'APPLICANT':
    case 'ENDORSEE':
      return '/portal.html';
    case 'COORDINATOR':
    case 'REVIEWER':
      return '/console.html';
    case 'AUDITOR':
      return '/audit.html';
    case 'TENANT_ADMIN':
      return '/association.html';
    case 'PLATFORM_ADMIN':
      return '/operations.html';
    default:
      return '/';
  }
}
