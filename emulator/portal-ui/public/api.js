/* global document */
// Calls to the emulator's control API (/__emulator/*), shared by the fake portal page's modules.

export async function getJson(url) {
  const response = await fetch(url, { headers: { accept: 'application/json' } })
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`)
  return response.json()
}

export async function postJson(url, body = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  })
  const data = await response.json()
  if (!response.ok) throw new Error(data.error ?? `${url}: HTTP ${response.status}`)
  return data
}

/** `/__emulator/portals/<memberId>` + suffix. */
export function portalApi(memberId, suffix = '') {
  return `/__emulator/portals/${encodeURIComponent(memberId)}${suffix}`
}

/** Small element builder: `el('button', { class: 'x', onclick }, 'Text')`. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue
    if (name.startsWith('on') && typeof value === 'function') node.addEventListener(name.slice(2), value)
    else if (name === 'dataset') Object.assign(node.dataset, value)
    else node.setAttribute(name, value === true ? '' : String(value))
  }
  for (const child of children.flat(Infinity)) {
    if (child !== undefined && child !== null && child !== false) node.append(child)
  }
  return node
}
