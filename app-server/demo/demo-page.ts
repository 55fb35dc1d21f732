import { FAVICON_PATH } from '../http/favicon'
import type { ManagerRole } from '../../shared/domain/manager-roles'
import { DEMO_PARTNERS, DEMO_UNLINKED_PARTNER, DEMO_UNLINKED_PORTAL, type DemoPortalRole } from './demo-data'

export interface DemoPageState {
  status: 'seeding' | 'ready' | 'failed'
  portalUrl: string
  clientId: string
  managers?: { role: ManagerRole; email: string; password: string }[]
  unlinkedLinkCode?: string
}

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  )

const ROLE_TEXT: Record<DemoPortalRole, string> = {
  main: 'Approved partner in Germany, Austria, Switzerland and Spain. Start here: reserve a request, then find the lead in this portal’s CRM.',
  suspended:
    'Suspended for two weeks by a partner manager: the app says until when and what to do. Its users speak Spanish.',
  'not-approved': 'Not yet approved and tutorial not completed: the app names both conditions. Its users speak German.',
  filler: 'A peer partner; its reservations fill some requests (one is fully reserved).',
  unlinked:
    'The app is installed but not finished: open it to see the installer, then link the portal with the code. A new partner’s tier sees new requests only hours after they arrive (early access).',
}

function portalLinks(state: DemoPageState, memberId: string): string {
  const base = `${state.portalUrl}/portal/${encodeURIComponent(memberId)}`
  const app = `${base}/app/${encodeURIComponent(state.clientId)}/`
  return `<a class="button" href="${escapeHtml(app)}" data-demo-app="${escapeHtml(memberId)}">Open the app in this portal</a>
    <a href="${escapeHtml(`${base}/crm/lead/`)}" data-demo-crm="${escapeHtml(memberId)}">CRM leads</a>
    <a href="${escapeHtml(`${base}/crm/deal/`)}">CRM deals</a>`
}

function portalRow(state: DemoPageState, name: string, memberId: string, role: DemoPortalRole, extra = ''): string {
  return `<li class="portal" data-role="${role}">
  <h3>${escapeHtml(name)}</h3>
  <p>${escapeHtml(ROLE_TEXT[role])}</p>${extra}
  <p class="links">${portalLinks(state, memberId)}</p>
</li>`
}

/** `GET /demo`: what the demo is, the seeded portals and where to click. */
export function renderDemoPage(state: DemoPageState): string {
  const main = DEMO_PARTNERS.filter((partner) => partner.portal.role !== 'filler')
  const peers = DEMO_PARTNERS.filter((partner) => partner.portal.role === 'filler')
  const body =
    state.status === 'seeding'
      ? '<p class="notice" role="status">Preparing the demo portals… reload this page in a few seconds.</p>'
      : state.status === 'failed'
        ? '<p class="notice" role="alert">Preparing the demo failed; the server log says why.</p>'
        : `<section>
  <h2>Try it in five steps</h2>
  <ol>
    <li>Open the app in <strong>Acme Integrators GmbH</strong>’s portal below: it runs inside the portal’s frame.</li>
    <li>In <em>Requests</em>, open a request’s details and reserve it; choose who gets the lead with the portal’s user picker.</li>
    <li>In <em>My reservations</em> you see the client’s contacts and the CRM status; <em>Open lead in CRM</em> opens it in the portal’s slider.</li>
    <li>Go to the portal’s <em>CRM leads</em>: the lead is there. Move it to <em>Low-Quality Lead</em> (Lost), or <em>Convert to deal</em> and mark the deal <em>Won</em> or <em>Lost</em>.</li>
    <li>Back in the app, the reservation shows Won or Lost, and <em>Rating</em> shows the new score and its history.</li>
  </ol>
</section>
<section>
  <h2>Demo portals</h2>
  <ul class="portals">
    ${main.map((partner) => portalRow(state, partner.companyName, partner.portal.memberId, partner.portal.role)).join('\n')}
    ${portalRow(
      state,
      `${DEMO_UNLINKED_PARTNER.companyName} (new installation)`,
      DEMO_UNLINKED_PORTAL,
      'unlinked',
      `<p>Link code issued by the partner manager: <code data-demo-link-code>${escapeHtml(state.unlinkedLinkCode ?? '')}</code></p>`,
    )}
  </ul>
  <details><summary>Peer partners</summary><ul class="portals">
    ${peers.map((partner) => portalRow(state, partner.companyName, partner.portal.memberId, partner.portal.role)).join('\n')}
  </ul></details>
</section>
<section>
  <h2>Partner managers’ console</h2>
  <p><a href="/manager/">/manager/</a> — sign in with one of these accounts (passwords are new at every start unless
  APP_SECRET is set). The admin also manages the accounts, the manager changes partners and requests, the viewer only reads.</p>
  <table class="accounts">
    <thead><tr><th scope="col">Role</th><th scope="col">E-mail</th><th scope="col">Password</th></tr></thead>
    <tbody>
    ${(state.managers ?? [])
      .map(
        (account) =>
          `<tr data-demo-manager="${escapeHtml(account.role)}"><td>${escapeHtml(account.role)}</td>` +
          `<td><code data-demo-email>${escapeHtml(account.email)}</code></td>` +
          `<td><code data-demo-password>${escapeHtml(account.password)}</code></td></tr>`,
      )
      .join('\n    ')}
    </tbody>
  </table>
</section>`
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Demo — Bitrix24 Implementation Requests</title>
<link rel="icon" type="image/svg+xml" href="${FAVICON_PATH}">
<style>
body { font-family: system-ui, sans-serif; margin: 0; color: #1f2933; background: #f4f6f8; }
header { background: #2066b0; color: #fff; padding: 16px 24px; }
.demo-label { display: inline-block; background: #ffd43b; color: #1f2933; font-weight: 700; padding: 2px 10px; border-radius: 4px; }
main { max-width: 960px; margin: 0 auto; padding: 8px 24px 40px; }
.accounts { border-collapse: collapse; background: #fff; }
.accounts th, .accounts td { text-align: left; padding: 6px 12px; border-bottom: 1px solid #d9dee4; }
.portals { list-style: none; padding: 0; display: grid; gap: 12px; }
.portal { background: #fff; border-radius: 8px; padding: 12px 16px; box-shadow: 0 1px 2px rgba(0,0,0,.08); }
.portal h3 { margin: 0 0 4px; }
.links a { margin-right: 12px; color: #0b5cad; }
a.button { display: inline-block; background: #0b5cad; color: #fff; padding: 6px 12px; border-radius: 6px; text-decoration: none; }
code { background: #e6ebf0; color: #1f2933; padding: 1px 6px; border-radius: 4px; }
.notice { background: #fff; padding: 12px 16px; border-radius: 8px; }
</style>
</head>
<body>
<header>
  <span class="demo-label">DEMO</span>
  <h1>Bitrix24 Implementation Requests — demo with an emulated Bitrix24</h1>
  <p>No real Bitrix24 is involved: the portals, their CRM and users are emulated on this machine, and the data is reset at every start.
  Set <code>B24_CLIENT_ID</code> and <code>B24_CLIENT_SECRET</code> to run against real portals.</p>
</header>
<main>
${body}
</main>
</body>
</html>`
}
