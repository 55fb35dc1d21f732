import { describe, expect, it } from 'vitest'
import '../../app-server/app'
import { erasureStepOwners } from '../../app-server/modules/requests/request-erasure'

describe("a client's erasure", () => {
  it('reaches every module that keeps data about the client: the app declares their steps when it loads', () => {
    // requests erases its own tables (the request, client feedback); these own the rest.
    expect(erasureStepOwners()).toEqual(['rating', 'reservations'])
  })
})
