import { describe, expect, it } from 'vitest'
import { eraseContactMentions } from '../../app-server/modules/requests/erase-contact-mentions'

const contacts = { name: 'Ana María López', company: 'Acme S.L.', email: 'ana@acme.es', phone: '+34912345678' }

describe('erasing a client from notes others wrote about the request', () => {
  it('replaces the exact values, each word of the name in any case, and other e-mails and numbers', () => {
    expect(
      eraseContactMentions(
        'ANA MARÍA (Acme S.L.) wrote from ana@acme.es and a.lopez@gmail.com; López asked to call 91 234 56 78.',
        contacts,
      ),
    ).toBe('[erased] [erased] ([erased]) wrote from [erased] and [email]; [erased] asked to call [number].')
  })

  it('leaves words that only contain a name part, and notes without the client, as they are', () => {
    expect(eraseContactMentions('Banana partners could not reach them.', contacts)).toBe(
      'Banana partners could not reach them.',
    )
    expect(eraseContactMentions('Spam, out of scope.', { ...contacts, company: null })).toBe('Spam, out of scope.')
  })

  it('treats regular-expression characters in a value literally', () => {
    expect(eraseContactMentions('Acme S.L. / AcmeXSXL', contacts)).toBe('[erased] / AcmeXSXL')
  })
})
