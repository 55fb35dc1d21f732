/* global document, window */
// The right-hand slider: lead/deal cards (openPath, clicks in the CRM list) and app pages opened in a slider.
import { el, getJson, portalApi, postJson } from './api.js'
import { mountApp } from './app-frame.js'

let closeCurrent = null

/** Opens the slider with `content`; resolves once it is closed (by the user or by closeSlider). */
export function openSlider(title, content) {
  closeSlider()
  const slider = document.getElementById('slider')
  return new Promise((resolve) => {
    const close = () => {
      slider.hidden = true
      slider.replaceChildren()
      closeCurrent = null
      resolve()
    }
    closeCurrent = close
    const closeButton = el(
      'button',
      { class: 'slider-close', type: 'button', 'aria-label': 'Close', onclick: close },
      '×',
    )
    slider.replaceChildren(
      el('div', { class: 'slider-head' }, el('h2', { id: 'slider-title' }, title), closeButton),
      content,
    )
    slider.hidden = false
  })
}

export function closeSlider() {
  closeCurrent?.()
}

const showValue = (value) =>
  Array.isArray(value)
    ? value.map((entry) => (typeof entry === 'object' ? entry.VALUE : entry)).join(', ')
    : String(value)

/** Every field that has a value, multi-fields and UF_* included. */
function fieldList(row) {
  const entries = Object.entries(row).filter(
    ([, value]) => value !== null && value !== '' && !(Array.isArray(value) && value.length === 0),
  )
  return el(
    'dl',
    { class: 'fields' },
    entries.map(([name, value]) => [el('dt', {}, name), el('dd', { dataset: { field: name } }, showValue(value))]),
  )
}

function stageBar(stages, current, onMove) {
  return el(
    'div',
    { class: 'stage-bar', role: 'group', 'aria-label': 'Stage' },
    stages.map((stage) =>
      el(
        'button',
        {
          type: 'button',
          class: `stage stage-${stage.semantic}${stage.id === current ? ' current' : ''}`,
          dataset: { stage: stage.id },
          'aria-pressed': stage.id === current ? 'true' : 'false',
          onclick: () => onMove(stage.id),
        },
        stage.name,
      ),
    ),
  )
}

function placementTabs(context, snapshot, kind, id, body) {
  const code = `CRM_${kind.toUpperCase()}_DETAIL_TAB`
  const tabs = snapshot.apps.flatMap((app) =>
    app.placements.filter((entry) => entry.placement === code).map((entry) => ({ app, entry })),
  )
  return tabs.map(({ app, entry }) =>
    el(
      'button',
      {
        type: 'button',
        class: 'tab',
        dataset: { placement: code, clientId: app.clientId },
        onclick: () =>
          mountApp(
            body,
            {
              memberId: context.memberId,
              clientId: app.clientId,
              userId: context.userId(),
              placement: code,
              handler: entry.handler,
              placementOptions: { ID: String(id), URI: `/crm/${kind}/details/${id}/?IFRAME=Y&IFRAME_TYPE=SIDE_SLIDER` },
            },
            context.hooks,
          ),
      },
      entry.title || app.clientId,
    ),
  )
}

async function renderEntity(context, kind, id, container) {
  const snapshot = await getJson(portalApi(context.memberId))
  const row = snapshot[`${kind}s`].find((entry) => entry.ID === String(id))
  if (row === undefined)
    return void container.replaceChildren(el('p', { class: 'notice' }, `${kind} ${id} was not found`))
  const rerender = () => {
    context.refresh?.()
    return renderEntity(context, kind, id, container)
  }
  const act = async (suffix, body) => {
    await postJson(portalApi(context.memberId, `/${kind}s/${id}${suffix}`), { userId: context.userId(), ...body })
    await rerender()
  }
  const category = Number(row.CATEGORY_ID ?? 0)
  const stages =
    kind === 'lead' ? snapshot.leadStages : snapshot.dealStages.filter((stage) => stage.category === category)
  const current = kind === 'lead' ? row.STATUS_ID : row.STAGE_ID
  const finalStage = (semantic) => stages.find((stage) => stage.semantic === semantic)?.id
  const actions =
    kind === 'lead'
      ? [
          current !== 'CONVERTED' &&
            el('button', { type: 'button', class: 'primary', onclick: () => act('/convert', {}) }, 'Convert to deal'),
        ]
      : [
          el(
            'button',
            { type: 'button', class: 'won', onclick: () => act('/move', { stageId: finalStage('S') }) },
            'Won',
          ),
          el(
            'button',
            { type: 'button', class: 'lost', onclick: () => act('/move', { stageId: finalStage('F') }) },
            'Lost',
          ),
        ]
  const body = el('div', { class: 'tab-body' }, fieldList(row))
  const general = el(
    'button',
    { type: 'button', class: 'tab', onclick: () => body.replaceChildren(fieldList(row)) },
    'General',
  )
  container.replaceChildren(
    el('h3', { class: 'entity-title' }, row.TITLE ?? ''),
    stageBar(stages, current, (stageId) => act('/move', { stageId })),
    el('div', { class: 'entity-actions' }, actions),
    el('div', { class: 'tabs', role: 'tablist' }, general, placementTabs(context, snapshot, kind, id, body)),
    body,
  )
}

/** A lead or deal card in the slider; resolves when the slider closes. */
export function openEntity(context, kind, id) {
  const container = el('div', { class: 'entity', dataset: { kind, id: String(id) } })
  const closed = openSlider(`${kind === 'lead' ? 'Lead' : 'Deal'} #${id}`, container)
  renderEntity(context, kind, id, container)
  return closed
}

/** BX24.openPath: `/crm/lead/details/5/` opens that card; the SDK's `…/../..` prefix is resolved like a browser would. */
export function openPath(context, path) {
  const { pathname } = new URL(path, window.location.origin)
  const match = /^\/crm\/(lead|deal)\/details\/(\d+)\/?$/.exec(pathname)
  if (match !== null) return openEntity(context, match[1], Number(match[2]))
  return openSlider('Page', el('p', { class: 'notice' }, `${pathname} is not part of the emulated portal.`))
}

/** openApplication: the app's main page in a slider, with the given parameters as PLACEMENT_OPTIONS. */
export function openAppInSlider(context, clientId, options) {
  const container = el('div', { class: 'slider-app' })
  const closed = openSlider('Application', container)
  mountApp(
    container,
    { memberId: context.memberId, clientId, userId: context.userId(), placementOptions: options },
    context.hooks,
  )
  return closed
}
