// /signin.html: opened with ?returnTo= (the "Sign in" button, or a page that needs a session), it starts a sign-in at
// the gateway; the gateway sends the browser back here with ?signedIn once the provider has signed the person in (or
// ?refused), and from here it goes on to the page that asked, or to the person's own screens.
import { startLanguages, t } from './i18n.js';
import { loadSession, signIn, homeOf, takeReturnTo } from './auth.js';
import { renderChrome } from './shell.js';
import { byId } from './dom.js';

renderChrome();
await startLanguages();
const parameters = new URLSearchParams(location.search);

/** @param {string | null} path */
function sameOriginPath(path) {
  return path && path.startsWith('/') && !path.startsWith('//') ? path : null;
}

/** @param {string} key */
function refused(key) {
  byId('signin-status').textContent = '';
  byId('signin-problem').hidden = false;
  byId('signin-problem-text').textContent = t(key);
  byId('signin-again').addEventListener('click', () => signIn(sameOriginPath(takeReturnTo())));
}

if (parameters.has('signedIn')) {
  const session = await loadSession();
  if (session) {
    location.replace(sameOriginPath(takeReturnTo()) || homeOf(session.acting && session.acting.role));
  } else {
    refused('signin.failed');
  }
} else if (parameters.has('refused')) {
  refused('signin.refused');
} else {
  await signIn(sameOriginPath(parameters.get('returnTo')));
}
