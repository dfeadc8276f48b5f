// What every page shares, written once here rather than in each page: the skip link, the header (the site's name,
// the navigation the page names in <body data-nav>, the language switcher, and who is signed in, as which
// association and role (a choice when the token grants several), a link to their own screens and signing out; or a
// sign-in button) and the footer.
import { startLanguages, onLanguage, t, has } from './i18n.js';
import { currentSession, loadSession, signIn, signOut, actAs, homeOf } from './auth.js';
import { restoreDrafts } from './drafts.js';
import { el, byId, findAll } from './dom.js';

/**
 * A page started for someone it serves: their session, and the association and role they act as.
 *
 * @typedef {{ session: import('./auth.js').Session, tenant: string, role: string }} Started
 */

// Links only some roles see: shown once the page knows whom the signed-in person acts as.
/**
 * A link of a navigation: [path, message key, class, roles] (a link with roles is shown only to someone acting in one
 * of them).
 *
 * @typedef {[string, string, (string | null)?, string[]?]} NavigationLink
 */

const ADMINS = ['TENANT_ADMIN', 'PLATFORM_ADMIN'];
/** @type {NavigationLink} */
const ASSOCIATION = ['/association.html', 'nav.association', null, ADMINS];
/** @type {NavigationLink} */
const IMPORT = ['/import.html', 'nav.import', null, ['TENANT_ADMIN']];

/**
 * Navigations a page may name in <body data-nav="...">: the label's key, then [path, message key, class, roles]
 * (a link with roles is shown only to someone acting in one of them).
 *
 * @type {Record<string, [string, NavigationLink[]]>}
 */
const NAVIGATIONS = {
  public: ['nav.label', [['/', 'nav.search'], ['/verify.html', 'nav.verify'], ASSOCIATION, IMPORT]],
  staff: ['console.nav', [['/console.html', 'console.navQueue'],
    ['/accounts.html', 'console.navAccounts', 'coordinator-only'],
    ['/renewals.html', 'console.navRenewals', 'coordinator-only']]],
  operations: ['nav.label', [['/', 'nav.search'], ['/audit.html', 'operations.auditLink'], ASSOCIATION]],
  admin: ['nav.label', [['/association.html', 'nav.association'], IMPORT, ['/audit.html', 'nav.audit'],
    ['/operations.html', 'nav.operations', null, ['PLATFORM_ADMIN']]]],
};

/**
 * Writes the skip link, header and footer around the page's <main>, once; their words come with the language.
 * <body data-nav="public|staff|operations|admin|none"> chooses the navigation, data-account="none" leaves out the
 * account area (a page for people without an account), data-footer names the footer's message.
 */
export function renderChrome() {
  if (document.querySelector('.site-header')) {
    return;
  }
  const { body } = document;
  const main = document.getElementById('main');
  const bar = el('div', { attrs: { class: main && main.classList.contains('wide') ? 'bar wide' : 'bar' } },
    el('a', { attrs: { class: 'site-name', href: '/', 'data-i18n': 'site.name' } }));
  const navigation = NAVIGATIONS[body.dataset.nav || 'public'];
  if (navigation) {
    const [label, links] = navigation;
    bar.append(el('nav', { attrs: { 'data-i18n-attr': `aria-label:${label}` } }, el('ul', {},
      ...links.map(([path, key, className, roles]) => {
        const item = el('li', {}, el('a', { attrs: { href: path, 'data-i18n': key } }));
        if (className) {
          item.className = className;
          item.hidden = true;
        }
        if (roles) {
          item.dataset.roles = roles.join(' ');
          item.hidden = true;
        }
        return item;
      }))));
  }
  bar.append(el('div', { attrs: { class: 'languages', role: 'group', 'aria-labelledby': 'languages-label' } },
    el('span', { attrs: { id: 'languages-label', class: 'visually-hidden', 'data-i18n': 'language.label' } }),
    el('button', { attrs: { type: 'button', 'data-language': 'en', lang: 'en', 'aria-pressed': 'false' } }, 'English'),
    el('button', { attrs: { type: 'button', 'data-language': 'es', lang: 'es', 'aria-pressed': 'false' } }, 'Español')));
  if (body.dataset.account !== 'none') {
    bar.append(el('div', { attrs: { class: 'account', id: 'account' } }));
  }
  body.prepend(el('a', { attrs: { class: 'skip-link', href: '#main', 'data-i18n': 'skip' } }),
    el('header', { attrs: { class: 'site-header' } }, bar));
  body.append(el('footer', { attrs: { class: 'site-footer' } },
    el('p', { attrs: { 'data-i18n': body.dataset.footer || 'footer.text' } })));
}

function here() {
  return location.pathname + location.search + location.hash;
}

/**
 * @param {string} text
 * @param {string} className
 * @param {() => void} onClick
 */
function button(text, className, onClick) {
  const element = document.createElement('button');
  element.type = 'button';
  element.className = className;
  element.textContent = text;
  element.addEventListener('click', onClick);
  return element;
}

/** @param {import('./auth.js').Grant} grant */
function grantLabel(grant) {
  // An association added on the platform has no name in the catalogue: its code stands for it.
  const tenant = has(`tenant.${grant.tenant}`) ? t(`tenant.${grant.tenant}`) : grant.tenant;
  return t('account.grant', { tenant, role: t(`role.${grant.role}`) });
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
    const { acting } = session;
    session.grants.forEach((grant, index) => {
      const option = new Option(grantLabel(grant), String(index));
      option.selected = acting !== null && grant.tenant === acting.tenant && grant.role === acting.role;
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
    const mail = document.createElement('a');
    mail.href = '/notifications.html';
    mail.textContent = t('account.mail');
    mail.className = 'home-link';
    parts.push(home, mail);
  }
  parts.push(button(t('account.signOut'), 'header-button', () => signOut()));
  area.replaceChildren(...parts);
}

/**
 * Starts a page: its language (with the named screen catalogues) and the header's account area. A page for
 * signed-in people names the roles it serves: without a session the browser goes to sign in first; someone acting
 * in another role is told so and sent nowhere. Answers { session, tenant, role } when signed in (null otherwise),
 * and never settles for someone the page does not serve.
 *
 * @overload
 * @param {{ screens?: string[], roles: string[] }} options
 * @returns {Promise<Started>}
 */
/**
 * @overload
 * @param {{ screens?: string[] }} [options]
 * @returns {Promise<Partial<Started> & { session: import('./auth.js').Session } | null>}
 */
/**
 * @param {{ screens?: string[], roles?: string[] | null }} [options]
 * @returns {Promise<Partial<Started> & { session: import('./auth.js').Session } | null>}
 */
export async function startPage({ screens = [], roles = null } = {}) {
  renderChrome();
  onLanguage(renderAccount);
  const [session] = await Promise.all([loadSession(), startLanguages(screens)]);
  renderAccount();
  const acting = session && session.acting ? session.acting.role : null;
  findAll(document, '.site-header li[data-roles]').forEach((item) => {
    item.hidden = acting === null || !(item.dataset.roles || '').split(' ').includes(acting);
  });
  if (session) {
    // What was typed before the session ended returns to its fields once the page draws them.
    restoreDrafts();
  }
  if (!roles) {
    return session ? { session, ...session.acting } : null;
  }
  if (!session) {
    await signIn(here());
    return new Promise(() => {});
  }
  if (!session.acting || !roles.includes(session.acting.role)) {
    const main = byId('main');
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
  return { session, tenant: session.acting.tenant, role: session.acting.role };
}
