import express from 'express'
import request from 'supertest'
import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { defineContract } from '../../shared/contracts/contract'
import { conflict, notFound, unauthorized } from '../../app-server/errors'
import { errorHandler } from '../../app-server/http/middleware/error-handler'
import { buildRouter, implement } from '../../app-server/http/route'
import { captureLogger } from '../support/captured-logger'
import { collectUndeclaredProblems } from '../support/undeclared-problems'

const probe = defineContract({
  method: 'post',
  path: '/api/probes/:id',
  operationId: 'runProbe',
  summary: 'Answers the problem it is asked for',
  tags: ['System'],
  security: null,
  params: z.object({ id: z.enum(['declared', 'undeclared', 'fine']) }),
  body: z.object({ size: z.number() }),
  responses: { 204: { description: 'Done.' } },
  problems: { partner_not_found: 'Declared here.' },
})

function probeApp(before: express.RequestHandler[] = []) {
  const { logger, lines } = captureLogger()
  const app = express()
  app.use(express.json())
  const route = implement(probe, {
    before,
    handler: (_req, res, { params }) => {
      if (params.id === 'declared') throw notFound('partner_not_found', 'No partner has this id.')
      if (params.id === 'undeclared') throw conflict('partner_code_taken', 'Not a problem this operation declares.')
      res.status(204).end()
    },
  })
  app.use('/api', buildRouter([route], logger))
  app.use(errorHandler(logger))
  return { app, lines }
}

const undeclared = collectUndeclaredProblems()
afterEach(() => {
  undeclared.answered.splice(0)
})

describe('problem codes a route answers are declared by its contract', () => {
  it('when a handler throws a code its contract does not declare, then it is reported and the check trips', async () => {
    const { app, lines } = probeApp()
    const response = await request(app).post('/api/probes/undeclared').send({ size: 1 })
    expect(response.status).toBe(409)
    expect(response.body.code).toBe('partner_code_taken')
    expect(undeclared.answered).toEqual([
      { operationId: 'runProbe', method: 'POST', path: '/api/probes/:id', code: 'partner_code_taken' },
    ])
    expect(() => undeclared.expectNone()).toThrow(/contracts do not declare them/)
    expect(lines.join('\n')).toContain('problem code not declared by the operation contract')
  })

  it('when middleware before the handler refuses with an undeclared code, then that is reported too', async () => {
    const { app } = probeApp([
      () => {
        throw unauthorized('missing_session', 'Sign in first.')
      },
    ])
    await request(app).post('/api/probes/fine').send({ size: 1 }).expect(401)
    expect(undeclared.answered.map((problem) => problem.code)).toEqual(['missing_session'])
  })

  it('when the code is declared, or generic to every operation, then nothing is reported', async () => {
    const { app } = probeApp()
    await request(app).post('/api/probes/declared').send({ size: 1 }).expect(404)
    await request(app).post('/api/probes/fine').send({ size: 'big' }).expect(400)
    await request(app).post('/api/probes/fine').set('Content-Type', 'text/plain').send('x').expect(415)
    await request(app).post('/api/probes/fine').send({ size: 1 }).expect(204)
    expect(undeclared.answered).toEqual([])
  })
})
