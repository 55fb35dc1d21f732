/* global window */
// What the fake portal answers to each B24Frame command (names from SDK dist/esm/frame/message/commands.mjs).
import { getJson, portalApi, postJson } from './api.js'
import { pickUsers, toSelectedUser } from './user-picker.js'

/** Returned by a handler that must not answer (the frame is being reloaded). */
export const NO_REPLY = Symbol('no reply')

const api = (frame, suffix) => portalApi(frame.request.memberId, suffix)
const who = (frame) => ({ clientId: frame.request.clientId, userId: frame.request.userId })

function resize(frame, params) {
  const { width, height } = params ?? {}
  if (Number(height) > 0) frame.iframe.style.height = `${Number(height)}px`
  if (typeof width === 'number' && width > 0) frame.iframe.style.width = `${width}px`
  else if (typeof width === 'string' && width !== '') frame.iframe.style.width = width
  frame.iframe.dataset.height = String(height ?? '')
  return {}
}

async function selectUser(frame, params) {
  const multiple = params?.mult === true
  const portal = await getJson(api(frame, ''))
  const preset = portal.users.find((user) => user.id === portal.autoSelectUserId)
  if (preset !== undefined) return multiple ? [toSelectedUser(preset)] : toSelectedUser(preset)
  return pickUsers(portal.users, multiple)
}

async function saveOption(frame, kind, params) {
  await postJson(api(frame, '/options'), { ...who(frame), kind, name: params?.name, value: params?.value })
  return {}
}

export const commands = {
  /** MessageInitData: DOMAIN, PROTOCOL, PATH, LANG, MEMBER_ID, IS_ADMIN, AUTH_*, options, PLACEMENT*, INSTALL, FIRST_RUN. */
  getInitData: (frame) => frame.launch.initData,
  /** Sent by the SDK itself on FIRST_RUN (SDK dist/esm/frame/b24.mjs). */
  setInstall: () => ({}),
  /** A fresh AUTH_ID/REFRESH_ID/AUTH_EXPIRES for the same user. */
  refreshAuth: (frame) => postJson(api(frame, '/frame-auth'), who(frame)),
  /** Marks the app installed, then reloads the frame into the handler URL (D:sdk/bx24-js-sdk/system-functions/bx24-install-finish). */
  setInstallFinish: async (frame) => {
    await postJson(api(frame, '/finish-install'), who(frame))
    setTimeout(() => frame.remount(), 150)
    return {}
  },
  resizeWindow: resize,
  setTitle: (frame, params) => {
    frame.hooks.setTitle?.(String(params?.title ?? ''))
    return {}
  },
  reloadWindow: (frame) => {
    frame.remount()
    return NO_REPLY
  },
  setScroll: (_frame, params) => {
    window.scrollTo(0, Number(params?.scroll) || 0)
    return {}
  },
  /** Opens the path in a slider and answers when the slider closes (the BX24.openPath callback). */
  openPath: async (frame, params) => {
    await frame.hooks.openPath?.(String(params?.path ?? '/'))
    return { result: 'close' }
  },
  openApplication: async (frame, params) => {
    await frame.hooks.openApplication?.(frame.request.clientId, params ?? {})
    return {}
  },
  closeApplication: (frame) => {
    frame.hooks.close?.()
    return {}
  },
  selectUser,
  selectAccess: () => [],
  selectCRM: () => ({}),
  setAppOption: (frame, params) => saveOption(frame, 'app', params),
  setUserOption: (frame, params) => saveOption(frame, 'user', params),
  getInterface: () => ({ command: [], event: [] }),
  placementBindEvent: () => ({}),
  /** imCallTo, imPhoneTo, imOpenMessenger, imOpenHistory, showAppForm and anything else: acknowledged, nothing happens. */
  unknown: () => ({}),
}
