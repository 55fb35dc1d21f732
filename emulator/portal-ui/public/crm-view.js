/* global document */
// The CRM list: the portal's leads or deals, refreshed every two seconds so records created by an app appear.
import { el, getJson, portalApi, postJson } from './api.js'
import { openEntity } from './slider.js'

const REFRESH_MS = 2000

function userName(snapshot, id) {
  const user = snapshot.users.find((entry) => String(entry.id) === String(id))
  return user === undefined ? String(id ?? '') : `${user.name} ${user.lastName}`
}

function stageBadge(stages, stageId) {
  const stage = stages.find((entry) => entry.id === stageId)
  return el(
    'span',
    { class: `badge stage-${stage?.semantic ?? 'P'}`, dataset: { stage: stageId } },
    stage?.name ?? stageId,
  )
}

function rows(context, snapshot, kind) {
  const items = snapshot[`${kind}s`].slice().sort((a, b) => Number(b.ID) - Number(a.ID))
  const stages = kind === 'lead' ? snapshot.leadStages : snapshot.dealStages
  if (items.length === 0) return [el('tr', {}, el('td', { colspan: '6', class: 'empty' }, `No ${kind}s yet`))]
  return items.map((row) =>
    el(
      'tr',
      { class: 'crm-row', dataset: { id: row.ID }, tabindex: '0', onclick: () => openEntity(context, kind, row.ID) },
      el('td', {}, row.ID),
      el('td', { class: 'title' }, el('a', { href: `#${kind}-${row.ID}` }, row.TITLE ?? '')),
      el('td', {}, stageBadge(stages, kind === 'lead' ? row.STATUS_ID : row.STAGE_ID)),
      el(
        'td',
        {},
        kind === 'lead'
          ? [row.NAME, row.LAST_NAME].filter(Boolean).join(' ')
          : row.LEAD_ID
            ? `Lead #${row.LEAD_ID}`
            : '',
      ),
      el('td', {}, userName(snapshot, row.ASSIGNED_BY_ID)),
      el('td', {}, (row.DATE_MODIFY ?? '').replace('T', ' ').slice(0, 16)),
    ),
  )
}

function createLeadForm(context, refresh) {
  const title = el('input', { name: 'TITLE', placeholder: 'Lead title', required: true, 'aria-label': 'Lead title' })
  const name = el('input', { name: 'NAME', placeholder: 'First name', 'aria-label': 'First name' })
  return el(
    'form',
    {
      class: 'inline-form',
      onsubmit: async (event) => {
        event.preventDefault()
        await postJson(portalApi(context.memberId, '/leads'), {
          userId: context.userId(),
          fields: { TITLE: title.value, NAME: name.value },
        })
        title.value = ''
        name.value = ''
        await refresh()
      },
    },
    title,
    name,
    el('button', { type: 'submit', class: 'primary' }, 'Add lead'),
  )
}

/** Renders the list for `kind` ('lead' | 'deal') into #view and keeps it fresh. */
export function renderCrm(context, kind) {
  const view = document.getElementById('view')
  const body = el('tbody')
  const modeNote = el('span', { class: 'mode' })
  const refresh = async () => {
    const snapshot = await getJson(portalApi(context.memberId))
    modeNote.textContent = snapshot.crmMode === 2 ? 'Simple CRM mode: new leads become deals' : 'Classic CRM mode'
    body.replaceChildren(...rows(context, snapshot, kind))
  }
  context.refresh = refresh
  const head = el(
    'tr',
    {},
    ['ID', 'Title', 'Stage', kind === 'lead' ? 'Name' : 'Source lead', 'Responsible', 'Modified'].map((text) =>
      el('th', {}, text),
    ),
  )
  view.replaceChildren(
    el(
      'div',
      { class: 'toolbar' },
      el('h2', {}, kind === 'lead' ? 'Leads' : 'Deals'),
      modeNote,
      kind === 'lead' ? createLeadForm(context, refresh) : null,
    ),
    el('table', { class: 'crm-table', dataset: { kind } }, el('thead', {}, head), body),
  )
  refresh()
  setInterval(() => refresh().catch(() => {}), REFRESH_MS)
}
