import type { EmulatorState } from '../core/state'
import type { PortalState } from '../core/types'

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  )

/** Frames and installer forms go to the apps' origins; everything else stays on the emulator. */
export function portalPageCsp(state: EmulatorState): string {
  const appOrigins = state.allowedAppOrigins?.join(' ') ?? 'http: https:'
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    `frame-src ${appOrigins}`,
    `form-action ${appOrigins}`,
    "base-uri 'none'",
  ].join('; ')
}

function layout(title: string, body: string, data: Record<string, string>): string {
  const attributes = Object.entries(data)
    .map(([key, value]) => ` data-${key.replace(/[A-Z]/g, (char) => `-${char.toLowerCase()}`)}="${escapeHtml(value)}"`)
    .join('')
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/__emulator/ui/portal.css">
<link rel="stylesheet" href="/__emulator/ui/slider.css">
<script type="module" src="/__emulator/ui/portal.js"></script>
</head>
<body${attributes}>
${body}
</body>
</html>`
}

/** The portal shell: left menu, title bar with the DEMO label and user switcher, and a view area filled by portal.js. */
export function portalShell(
  state: EmulatorState,
  portal: PortalState,
  view: { name: string; clientId?: string },
): string {
  const base = `/portal/${encodeURIComponent(portal.memberId)}`
  const appLinks = [...state.apps.values()]
    .map(
      (app) =>
        `<a class="nav-link" data-app="${escapeHtml(app.clientId)}" title="${escapeHtml(app.clientId)}" href="${base}/app/${encodeURIComponent(app.clientId)}/">${escapeHtml(app.clientId)}</a>`,
    )
    .join('\n')
  const body = `<div class="shell">
<nav class="nav" aria-label="Portal menu">
  <div class="brand">Bitrix<span>24</span></div>
  <a class="nav-link" data-view="crm-lead" href="${base}/crm/lead/">Leads</a>
  <a class="nav-link" data-view="crm-deal" href="${base}/crm/deal/">Deals</a>
  <div class="nav-group">Applications</div>
  ${appLinks}
  <a class="nav-link nav-small" href="/">All demo portals</a>
</nav>
<div class="workspace">
  <header class="titlebar">
    <h1 id="page-title">${escapeHtml(view.name === 'app' ? 'Application' : 'CRM')}</h1>
    <span class="demo-label" title="Nothing here is a real Bitrix24">DEMO — emulated Bitrix24 portal</span>
    <span class="portal-domain">${escapeHtml(state.portalDomain(portal))} · ${escapeHtml(portal.memberId.slice(0, 8))}</span>
    <label class="user-switch">Signed in as <select id="current-user" aria-label="Current user"></select></label>
  </header>
  <main id="view" class="view"></main>
</div>
</div>
<aside id="slider" class="slider" hidden aria-modal="true" role="dialog"></aside>
<div id="modal-root"></div>`
  return layout(`Bitrix24 (emulated) — ${portal.memberId}`, body, {
    memberId: portal.memberId,
    view: view.name,
    clientId: view.clientId ?? '',
  })
}

/** `/`: the list of emulated portals. */
export function portalIndex(state: EmulatorState): string {
  const items = [...state.portals.values()]
    .map((portal) => {
      const mode = portal.crmMode === 2 ? 'simple CRM' : 'classic CRM'
      return `<li><a href="/portal/${encodeURIComponent(portal.memberId)}/crm/lead/">${escapeHtml(portal.memberId)}</a> — ${mode}, ${portal.leads.size} leads, ${portal.deals.size} deals</li>`
    })
    .join('\n')
  const body = `<main class="index"><h1>Emulated Bitrix24 portals</h1><p class="demo-label">DEMO — emulated Bitrix24 portal</p><ul>${items}</ul></main>`
  return layout('Emulated Bitrix24 portals', body, { view: 'index' })
}
