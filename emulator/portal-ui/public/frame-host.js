/* global window */
// The parent side of the B24Frame message protocol (SDK dist/esm/frame/message/controller.mjs).
// Child → parent: "command:params-json:callbackId:APP_SID" (params omitted when empty; JSON may contain ":"),
// or an object {method, params, callback, appSid} for command names containing ":".
// Parent → child: "callbackId:JSON", posted to the app's origin; the SDK drops messages from other origins.
import { commands, NO_REPLY } from './frame-commands.js'

const frames = new Map()

export function registerFrame(frame) {
  frames.set(frame.launch.appSid, frame)
}

export function unregisterFrame(appSid) {
  frames.delete(appSid)
}

/** First token is the command, the last the APP_SID, the one before it the callback id, the middle the params. */
export function parseFrameMessage(data) {
  if (typeof data === 'string') {
    const parts = data.split(':')
    if (parts.length < 3) return null
    const rawParams = parts.slice(1, -2).join(':')
    let params = {}
    if (rawParams !== '') {
      try {
        params = JSON.parse(rawParams)
      } catch {
        params = rawParams
      }
    }
    return { command: parts[0], params, callbackId: parts.at(-2), appSid: parts.at(-1) }
  }
  if (data !== null && typeof data === 'object' && typeof data.method === 'string') {
    return { command: data.method, params: data.params ?? {}, callbackId: data.callback, appSid: data.appSid }
  }
  return null
}

function reply(frame, callbackId, payload) {
  const text = payload === undefined ? '' : JSON.stringify(payload)
  frame.iframe.contentWindow?.postMessage(`${callbackId}:${text}`, frame.launch.appOrigin)
}

window.addEventListener('message', async (event) => {
  const message = parseFrameMessage(event.data)
  if (message === null) return
  const frame = frames.get(message.appSid)
  if (frame === undefined || event.origin !== frame.launch.appOrigin || event.source !== frame.iframe.contentWindow)
    return
  frame.iframe.dataset.lastCommand = message.command
  const handler = commands[message.command] ?? commands.unknown
  try {
    const payload = await handler(frame, message.params)
    if (payload !== NO_REPLY) reply(frame, message.callbackId, payload)
  } catch (error) {
    frame.iframe.dataset.lastError = `${message.command}: ${error instanceof Error ? error.message : String(error)}`
  }
})
