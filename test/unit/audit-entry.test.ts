import { describe, expect, it } from 'vitest'
import type { AuditEntry } from '../../app-server/modules/audit'
import { AUDIT_ACTIONS } from '../../shared/domain/audit'

describe('audit actions', () => {
  it('are named <entity>.<what happened>, each once', () => {
    for (const action of AUDIT_ACTIONS) expect(action).toMatch(/^[a-z_]+\.[a-z_]+$/)
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length)
  })

  it('when an entry names an action outside the list, then it does not compile', () => {
    const entry: AuditEntry = {
      at: new Date(0),
      actor: { type: 'system', id: null },
      // @ts-expect-error a misspelt action is not an AuditAction
      action: 'request.creatd',
      entity: { type: 'request', id: 'r1' },
    }
    expect(entry.action).toBe('request.creatd')
  })
})
