import { HealthSchema, type Health } from '../../../shared/schemas/health.schema'
import type { Database } from '../../db/client'
import { AppError } from '../../errors'
import { route, type RouteGroup } from '../../http/route'

export interface SystemDeps {
  database: Database
  version: string
}

/** Liveness and readiness of the service: 200 while the database answers, 503 otherwise. */
export function systemRoutes({ database, version }: SystemDeps): RouteGroup {
  return {
    prefix: '/api',
    routes: [
      route({
        method: 'get',
        path: '/health',
        operationId: 'getHealth',
        summary: 'Service health',
        description:
          'Reports whether the service and its database answer, which database driver is in use, and the version.',
        tags: ['System'],
        responses: { 200: { description: 'The service and its database answer.', schema: HealthSchema } },
        problems: [{ status: 503, code: 'database_unavailable', description: 'The database did not answer in time.' }],
        handler: async (_req, res) => {
          try {
            await database.ping()
          } catch (cause) {
            throw new AppError({
              status: 503,
              code: 'database_unavailable',
              title: 'Service unavailable',
              detail: 'The database did not answer in time.',
              cause,
            })
          }
          const body: Health = { status: 'ok', database: database.driver, version }
          res.set('Cache-Control', 'no-store').json(body)
        },
      }),
    ],
  }
}
