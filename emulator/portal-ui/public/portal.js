/* global document */
// Entry point of the fake portal page: user switcher, navigation, and the CRM or app view.
import { el, getJson, portalApi } from './api.js'
import { mountApp } from './app-frame.js'
import { renderCrm } from './crm-view.js'
import { closeSlider, openAppInSlider, openPath } from './slider.js'

const { memberId, view, clientId } = document.body.dataset

function setupUserSwitch(users) {
  const select = document.getElementById('current-user')
  const key = `emulator-user:${memberId}`
  const stored = Number(localStorage.getItem(key))
  const initial = users.some((user) => user.id === stored) ? stored : (users.find((user) => user.admin) ?? users[0]).id
  select.replaceChildren(
    ...users.map((user) =>
      el(
        'option',
        { value: String(user.id), selected: user.id === initial },
        `${user.name} ${user.lastName}${user.admin ? ' (admin)' : ''}`,
      ),
    ),
  )
  select.addEventListener('change', () => {
    localStorage.setItem(key, select.value)
    document.location.reload()
  })
  return () => Number(select.value)
}

function markActiveLink() {
  for (const link of document.querySelectorAll('.nav-link')) {
    const active = link.dataset.view === view || (view === 'app' && link.dataset.app === clientId)
    link.classList.toggle('active', active)
  }
}

async function start() {
  if (memberId === undefined) return
  const snapshot = await getJson(portalApi(memberId))
  const title = document.getElementById('page-title')
  const context = { memberId, userId: setupUserSwitch(snapshot.users), refresh: undefined }
  context.hooks = {
    openPath: (path) => openPath(context, path),
    setTitle: (text) => {
      title.textContent = text
    },
    close: closeSlider,
    openApplication: (appClientId, options) => openAppInSlider(context, appClientId, options),
  }
  markActiveLink()
  if (view === 'crm-lead' || view === 'crm-deal') return renderCrm(context, view.slice(4))
  if (view === 'app') {
    const container = el('div', { class: 'app-container', id: 'app-container' })
    document.getElementById('view').replaceChildren(container)
    await mountApp(container, { memberId, clientId, userId: context.userId(), placement: 'DEFAULT' }, context.hooks)
  }
}

start()
