// /signin.html: the provider sends the browser back here with a code, which is exchanged for tokens; then on to the
// page that asked, or to the person's own screens. Opened without a code (the "Sign in" link), it starts a sign-in.
import { startLanguages, t } from './i18n.js';
import { completeSignIn, currentSession, signIn, homeOf, SignInError } from './auth.js';
import { renderChrome } from './shell.js';

renderChrome();
await startLanguages();
const parameters = new URLSearchParams(location.search);
const returnTo = parameters.get('returnTo');

function sameOriginPath(path) {
  return path && path.startsWith('/') && !path.startsWith('//') ? path : null;
}

if (!parameters.has('code') && !parameters.has('error')) {
  await signIn(sameOriginPath(returnTo));
} else {
  try {
    const next = sameOriginPath(await completeSignIn(parameters));
    const session = currentSession();
    location.replace(next || homeOf(session.acting && session.acting.role));
  } catch (error) {
    document.getElementById('signin-status').textContent = '';
    document.getElementById('signin-problem').hidden = false;
    document.getElementById('signin-problem-text').textContent = error instanceof SignInError
      ? `${t(error.key)} ${error.key === 'signin.refused' ? error.message : ''}`.trim() : t('signin.failed');
    document.getElementById('signin-again').addEventListener('click', () => signIn(null));
  }
}
