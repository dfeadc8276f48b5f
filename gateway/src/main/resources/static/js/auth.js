// Signing in with the association's OpenID Connect provider: authorization code with PKCE, the code exchanged by
// the browser itself (a public client, no secret). The tokens live in sessionStorage, so they last while the tab
// does and no other site can read them; nothing is kept in a cookie of ours. Where the provider is and which client
// to ask for come from /web-config.json.
const SESSION = 'iecmh.session';
const PENDING = 'iecmh.signin';
const EARLY = 30_000; // a token this close to its end is treated as expired

let configuration = null;
let provider = null;

/** The gateway's /web-config.json: { issuer, clientId, card }. */
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

async function providerMetadata() {
  provider = provider || webConfig().then(async (config) => {
    const response = await fetch(`${config.issuer}/.well-known/openid-configuration`,
      { headers: { Accept: 'application/json' } });
    if (!response.ok) {
      throw new Error(`The sign-in provider answered ${response.status}`);
    }
    return { config, metadata: await response.json() };
  });
  return provider;
}

function base64url(bytes) {
  let text = '';
  bytes.forEach((byte) => {
    text += String.fromCharCode(byte);
  });
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomToken() {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

async function challengeOf(verifier) {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

function claimsOf(jwt) {
  const payload = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  const json = decodeURIComponent(Array.from(atob(payload),
    (character) => `%${character.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''));
  return JSON.parse(json);
}

function redirectUri() {
  return `${location.origin}/signin.html`;
}

/** Sends the browser to the provider's sign-in; it comes back to /signin.html and then to returnTo. */
export async function signIn(returnTo) {
  const { config, metadata } = await providerMetadata();
  const verifier = randomToken();
  const state = randomToken();
  const nonce = randomToken();
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, nonce, returnTo: returnTo || null }));
  const url = new URL(metadata.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    scope: 'openid profile',
    state,
    nonce,
    code_challenge: await challengeOf(verifier),
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

/** An error of signing in, with the message key that explains it. */
export class SignInError extends Error {
  constructor(key, detail) {
    super(detail || key);
    this.key = key;
  }
}

/**
 * Completes the sign-in on /signin.html: checks the state, exchanges the code with the verifier, keeps the tokens.
 * Answers where to go next (the page that asked, or null).
 */
export async function completeSignIn(parameters) {
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  if (parameters.get('error')) {
    throw new SignInError('signin.refused', parameters.get('error_description') || parameters.get('error'));
  }
  if (!pending || !parameters.get('code') || parameters.get('state') !== pending.state) {
    throw new SignInError('signin.stale');
  }
  const { config, metadata } = await providerMetadata();
  const response = await fetch(metadata.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: parameters.get('code'),
      redirect_uri: redirectUri(),
      client_id: config.clientId,
      code_verifier: pending.verifier,
    }),
  });
  const tokens = await response.json().catch(() => ({}));
  if (!response.ok || !tokens.access_token) {
    throw new SignInError('signin.refused', tokens.error_description || tokens.error || `${response.status}`);
  }
  if (tokens.id_token && claimsOf(tokens.id_token).nonce !== pending.nonce) {
    throw new SignInError('signin.stale');
  }
  const claims = claimsOf(tokens.access_token);
  const session = {
    accessToken: tokens.access_token,
    idToken: tokens.id_token || null,
    expiresAt: Date.now() + (Number(tokens.expires_in) || 300) * 1000,
    subject: claims.sub,
    grants: grantsOf(claims.tenants),
    acting: null,
  };
  [session.acting] = session.grants;
  sessionStorage.setItem(SESSION, JSON.stringify(session));
  return pending.returnTo;
}

/** The tenants claim as a list of { tenant, role }: {"ma": ["COORDINATOR"]} or ["ma:COORDINATOR"]. */
function grantsOf(tenants) {
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

/** The signed-in session ({ subject, grants, acting: { tenant, role }, accessToken }), or null. */
export function currentSession() {
  const session = JSON.parse(sessionStorage.getItem(SESSION) || 'null');
  if (!session || session.expiresAt - EARLY < Date.now()) {
    return null;
  }
  return session;
}

/** Chooses which of the granted tenant and role the next requests act as. */
export function actAs(tenant, role) {
  const session = currentSession();
  if (!session || !session.grants.some((grant) => grant.tenant === tenant && grant.role === role)) {
    return;
  }
  session.acting = { tenant, role };
  sessionStorage.setItem(SESSION, JSON.stringify(session));
}

/** Forgets the tokens and ends the provider's session too, so that the next person at this computer signs in anew. */
export async function signOut() {
  const session = JSON.parse(sessionStorage.getItem(SESSION) || 'null');
  sessionStorage.removeItem(SESSION);
  const { config, metadata } = await providerMetadata();
  if (metadata.end_session_endpoint && session && session.idToken) {
    const url = new URL(metadata.end_session_endpoint);
    url.search = new URLSearchParams({
      id_token_hint: session.idToken,
      client_id: config.clientId,
      post_logout_redirect_uri: `${location.origin}/`,
    }).toString();
    location.assign(url.toString());
  } else {
    location.assign('/');
  }
}

/** The page each role starts on. */
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
