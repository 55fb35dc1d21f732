import { HealthSchema } from '../schemas/health.schema'
import { defineContract } from './contract'

export const getHealth = defineContract({
  method: 'get',
  path: '/api/health',
  operationId: 'getHealth',
  summary: 'Service health',
  description: 'Reports whether the service and its database answer, which database driver is in use, and the version.',
  tags: ['System'],
  security: null,
  responses: { 200: { description: 'The service and its database answer.', schema: HealthSchema } },
  problems: { database_unavailable: 'The database did not answer in time.' },
})
