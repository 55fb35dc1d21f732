import { HealthSchema, type Health } from '@shared/schemas/health.schema'
import { http, type HttpClient } from './http'

/** `GET /api/health`: whether the service and its database answer, and which build is running. */
export function fetchHealth(options: { signal?: AbortSignal; client?: HttpClient } = {}): Promise<Health> {
  const client = options.client ?? http
  return client.request('/api/health', { schema: HealthSchema, signal: options.signal })
}
