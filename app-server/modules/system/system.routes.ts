import * as contracts from '../../../shared/contracts/system.contracts'
import type { Health } from '../../../shared/schemas/health.schema'
import type { Database } from '../../db/client'
import { AppError } from '../../errors'
import { implement, type RouteGroup } from '../../http/route'

export interface SystemDeps {
  database: Database
  version: string
}

/** Liveness and readiness of the service: 200 while the database answers, 503 otherwise. */
export function systemRoutes({ database, version }: SystemDeps): RouteGroup {
  return [
    implement(contracts.getHealth, {
      handler: async (_req, res) => {
        try {
          await database.ping()
        } catch (cause) {
          throw new AppError({
            code: 'database_unavailable',
            detail: 'The database did not answer in time.',
            cause,
          })
        }
        const body: Health = { status: 'ok', database: database.driver, version }
        res.set('Cache-Control', 'no-store').json(body)
      },
    }),
  ]
}
