// Opens an app page inside the portal the way Bitrix24 does (D:settings/oauth/simple-way): an iframe named
// "DOMAIN|PROTOCOL|APP_SID" and an auto-submitted POST form targeting it with AUTH_ID, REFRESH_ID, … .
import { el, portalApi, postJson } from './api.js'
import { registerFrame, unregisterFrame } from './frame-host.js'

/**
 * @param container element that will hold the iframe
 * @param request {memberId, clientId, userId, placement?, placementOptions?, handler?}
 * @param hooks portal callbacks used by frame commands (openPath, setTitle, close, openApplication)
 * @returns the registered frame, or null when the portal refused to open the app (message shown instead)
 */
export async function mountApp(container, request, hooks = {}) {
  const launch = await postJson(portalApi(request.memberId, '/launch'), request)
  container.replaceChildren()
  if (launch.mode === 'blocked') {
    container.append(el('div', { class: 'notice', role: 'status' }, launch.message))
    return null
  }
  const iframe = el('iframe', {
    class: 'app-frame',
    name: launch.windowName,
    title: 'Application',
    dataset: { mode: launch.mode, appSid: launch.appSid },
  })
  const inputs = Object.entries(launch.fields).map(([name, value]) => el('input', { type: 'hidden', name, value }))
  const form = el('form', { method: 'POST', action: launch.url, target: launch.windowName, hidden: true }, inputs)
  container.append(iframe, form)
  const frame = {
    iframe,
    launch,
    request,
    hooks,
    /** A new page load with fresh tokens and APP_SID: reloadWindow, and the switch from installer to app. */
    remount: () => {
      unregisterFrame(launch.appSid)
      return mountApp(container, request, hooks)
    },
  }
  registerFrame(frame)
  form.submit()
  form.remove()
  return frame
}
