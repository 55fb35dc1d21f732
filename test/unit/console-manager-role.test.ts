import type { Response } from 'express'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../app-server/errors'
import { assertMaySeeContacts, managerRoleOf } from '../../app-server/modules/console/manager-role'

const responseOf = (manager: object | undefined) => ({ locals: { manager } }) as unknown as Response
const signedIn = { managerId: 'm', sessionId: 's', email: 'm@example.com', via: 'cookie' }

describe('the console reads the manager role from the session', () => {
  it('when the role is admin, then contacts are allowed', () => {
    const admin = responseOf({ ...signedIn, role: 'admin' })
    expect(managerRoleOf(admin)).toBe('admin')
    expect(() => assertMaySeeContacts(admin)).not.toThrow()
  })

  it('when the role is viewer, then contacts are refused with contacts_not_allowed (403)', () => {
    const viewer = responseOf({ ...signedIn, role: 'viewer' })
    expect(managerRoleOf(viewer)).toBe('viewer')
    let error: unknown
    try {
      assertMaySeeContacts(viewer)
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(AppError)
    expect(error).toMatchObject({ status: 403, code: 'contacts_not_allowed' })
  })

  it('when the role is manager, then contacts are allowed', () => {
    expect(() => assertMaySeeContacts(responseOf({ ...signedIn, role: 'manager' }))).not.toThrow()
  })
})
