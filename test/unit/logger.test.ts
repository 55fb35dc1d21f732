import { describe, expect, it } from 'vitest'
import { scrubContactData } from '../../app-server/logger'
import { captureLogger } from '../support/captured-logger'

describe('logger', () => {
  it('when secrets or contact fields are logged, then their values are censored at any depth', () => {
    const { logger, lines } = captureLogger()
    logger.info(
      {
        accessToken: 'tok-123',
        request: { contact: { email: 'ann@example.com', phone: '+4930123456' } },
        auth: { application_token: 'app-secret-1' },
      },
      'something happened',
    )
    const line = lines.join('\n')
    for (const secret of ['tok-123', 'ann@example.com', '+4930123456', 'app-secret-1'])
      expect(line).not.toContain(secret)
    expect(line).toContain('[redacted]')
  })

  it('when an error message carries an e-mail or phone number, then the logged error masks it', () => {
    const { logger, lines } = captureLogger()
    const error = Object.assign(new Error('duplicate key: ann@example.com, +49 30 1234 5678'), {
      detail: 'Key (email)=(ann@example.com) already exists.',
      code: '23505',
    })
    logger.error({ err: error }, 'insert failed')
    const line = lines.join('\n')
    expect(line).not.toContain('ann@example.com')
    expect(line).not.toContain('1234 5678')
    expect(line).toContain('"code":"23505"')
  })

  it('scrubs e-mails and phone numbers but keeps ordinary text', () => {
    expect(scrubContactData('mail bob.smith@mail.co.uk or call +1 (555) 010-9999 about request 42')).toBe(
      'mail [email] or call [number] about request 42',
    )
  })
})
