/* global document */
// The `selectUser` dialog: a simple list of the portal's users (single or multiple choice).
import { el } from './api.js'

/** The SDK's SelectedUser shape (index.d.ts): id as a string, formatted name, photo, position, url, sub, sup. */
export function toSelectedUser(user) {
  return {
    id: String(user.id),
    name: `${user.name} ${user.lastName}`.trim(),
    photo: '',
    position: user.position ?? '',
    url: `/company/personal/user/${user.id}/`,
    sub: false,
    sup: false,
  }
}

/**
 * Shows the picker and resolves with the chosen user (or users when `multiple`);
 * cancelling resolves with null (single) or an empty list (multiple).
 */
export function pickUsers(users, multiple) {
  const root = document.getElementById('modal-root')
  return new Promise((resolve) => {
    const chosen = new Set()
    const finish = (value) => {
      root.replaceChildren()
      resolve(value)
    }
    const rows = users.map((user) =>
      el(
        'li',
        {},
        el(
          'button',
          {
            class: 'picker-user',
            type: 'button',
            dataset: { userId: String(user.id) },
            onclick: (event) => {
              if (!multiple) return finish(toSelectedUser(user))
              if (chosen.has(user)) chosen.delete(user)
              else chosen.add(user)
              event.currentTarget.classList.toggle('chosen', chosen.has(user))
            },
          },
          el('span', { class: 'avatar' }, user.name.slice(0, 1)),
          el('span', {}, `${user.name} ${user.lastName}`),
          el('small', {}, user.position ?? ''),
        ),
      ),
    )
    const actions = el(
      'div',
      { class: 'picker-actions' },
      multiple
        ? el(
            'button',
            { type: 'button', class: 'primary', onclick: () => finish([...chosen].map(toSelectedUser)) },
            'Select',
          )
        : null,
      el('button', { type: 'button', onclick: () => finish(multiple ? [] : null) }, 'Cancel'),
    )
    const dialog = el(
      'div',
      { class: 'modal', role: 'dialog', 'aria-label': 'Select employee' },
      el('h2', {}, multiple ? 'Select employees' : 'Select employee'),
      el('ul', { class: 'picker-list' }, rows),
      actions,
    )
    root.replaceChildren(el('div', { class: 'modal-backdrop' }, dialog))
  })
}
