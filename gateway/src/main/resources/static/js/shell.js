// What every page shares: the language, and in the header who is signed in, as which association and role (a
// choice when the token grants several), a link to their own screens and signing out; or a sign-in button.
import { startLanguages, onLanguage, t } from './i18n.js';
import { currentSession, signIn, signOut, actAs, homeOf } from './auth.js';

function here() {
  return location.pathname + location.search + location.hash;
}

function button(text, className, onClick) {
  const element = document.createElement('button');
  element.type = 'button';
  element.className = className;
  element.textContent = text;
  element.addEventListener('click', onClick);
  return element;
}

function grantLabel(grant) {
  return t('account.grant', { tenant: t(`tenant.${grant.tenant}`), role: t(`role.${grant.role}`) });
}

function renderAccount() {
  const area = document.getElementById('account');
  if (!area) {
    return;
  }
  const session = currentSession();
  if (!session) {
    area.replaceChildren(button(t('account.signIn'), 'header-button', () => signIn(here())));
    return;
  }
  const who = document.createElement('span');
  who.className = 'who';
  who.textContent = t('account.signedInAs', { name: session.subject });
  const parts = [who];
  if (session.grants.length > 1) {
    const label = document.createElement('label');
    label.htmlFor = 'acting';
    label.className = 'visually-hidden';
    label.textContent = t('account.actingAs');
    const select = document.createElement('select');
    select.id = 'acting';
    session.grants.forEach((grant, index) => {
      const option = new Option(grantLabel(grant), String(index));
      option.selected = session.acting && grant.tenant === session.acting.tenant && grant.role === session.acting.role;
      select.append(option);
    });
    select.addEventListener('change', () => {
      const grant = session.grants[Number(select.value)];
      actAs(grant.tenant, grant.role);
      location.assign(homeOf(grant.role));
    });
    parts.push(label, select);
  } else if (session.acting) {
    const acting = document.createElement('span');
    acting.className = 'acting';
    acting.textContent = grantLabel(session.acting);
    parts.push(acting);
  }
  if (session.acting) {
    const home = document.createElement('a');
    home.href = homeOf(session.acting.role);
    home.textContent = t(`account.home.${session.acting.role}`);
    home.className = 'home-link';
    parts.push(home);
  }
  parts.push(button(t('account.signOut'), 'header-button', () => signOut()));
  area.replaceChildren(...parts);
}

/**
 * Starts a page: its language (with the named screen catalogues) and the header's account area. A page for
 * signed-in people names the roles it serves: without a session the browser goes to sign in first; someone acting
 * in another role is told so and sent nowhere. Answers { session, tenant, role } when signed in (null otherwise),
 * and never settles for someone the page does not serve.
 */
export async function startPage({ screens = [], roles = null } = {}) {
  onLanguage(renderAccount);
  await startLanguages(screens);
  const session = currentSession();
  if (!roles) {
    return session ? { session, ...session.acting } : null;
  }
  if (!session) {
    await signIn(here());
    return new Promise(() => {});
  }
  if (!session.acting || !roles.includes(session.acting.role)) {
    const main = document.getElementById('main');
    const notice = document.createElement('div');
    notice.className = 'notice warning';
    const message = document.createElement('p');
    message.textContent = t('account.notForRole');
    const home = document.createElement('a');
    home.href = session.acting ? homeOf(session.acting.role) : '/';
    home.textContent = t('account.goHome');
    notice.append(message, home);
    main.replaceChildren(main.querySelector('h1') || '', notice);
    return new Promise(() => {});
  }
  return { session, ...session.acting };
}
