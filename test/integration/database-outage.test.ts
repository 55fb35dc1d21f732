import { inArray } from 'drizzle-orm'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { openDatabase, type Database } from '../../app-server/db/client'
import { requests } from '../../app-server/db/schema'
import { requestBody } from '../support/factories'
import { startServiceProcess, type ServiceProcess } from '../support/service-process'
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy'
import '../support/provided-context'

// Terminating backends and cutting connections needs a PostgreSQL server; PGlite lives inside the process.
const onPostgres = inject('testDatabaseDriver') === 'postgres'

const SERVICE_CONNECTIONS = 'database-outage-test'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

interface Answer {
  status: number
  code?: string
  retryAfter?: string | null
  id?: string
}

describe.skipIf(!onPostgres)('the service when PostgreSQL goes away under traffic', () => {
  let proxy: TcpProxy
  let service: ServiceProcess
  let admin: pg.Client
  let database: Database

  beforeAll(async () => {
    const url = new URL(inject('postgresUrl'))
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) })
    const viaProxy = new URL(url)
    viaProxy.host = `127.0.0.1:${proxy.port}`
    // Other test files share this database: only the service's own connections are terminated.
    viaProxy.searchParams.set('application_name', SERVICE_CONNECTIONS)
    service = await startServiceProcess({
      DATABASE_URL: viaProxy.toString(),
      MIGRATE_ON_START: 'false',
      DATABASE_POOL_SIZE: '6',
      REQUEST_RATE_LIMIT: '1000000',
    })
    admin = new pg.Client({ connectionString: url.toString() })
    await admin.connect()
    database = await openDatabase({ databaseUrl: url.toString(), poolSize: 2 })
  }, 90_000)

  afterAll(async () => {
    service?.child.kill('SIGKILL')
    await admin?.end()
    await database?.close()
    await proxy?.close()
  })

  async function submitRequest(): Promise<Answer> {
    try {
      const response = await fetch(`${service.baseUrl}/api/public/requests`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(requestBody()),
      })
      const body = (await response.json()) as { id?: string; code?: string }
      return { status: response.status, code: body.code, retryAfter: response.headers.get('retry-after'), id: body.id }
    } catch {
      return { status: 0 }
    }
  }

  const healthStatus = () =>
    fetch(`${service.baseUrl}/api/health`).then(
      (response) => response.status,
      () => 0,
    )

  const terminateBackends = () =>
    admin.query('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [
      SERVICE_CONNECTIONS,
    ])

  it('when backends are terminated and the connection is cut, then the process stays up, answers 503 meanwhile and keeps every acknowledged write', async () => {
    const answers: Answer[] = []
    let running = true
    const traffic = Array.from({ length: 4 }, async () => {
      while (running) answers.push(await submitRequest())
    })

    await sleep(1_000)
    expect((await terminateBackends()).rowCount).toBeGreaterThan(0)
    await sleep(500)
    expect((await terminateBackends()).rowCount).toBeGreaterThan(0)
    await sleep(1_000)

    // An outage: the connections drop and new ones are refused for a few seconds.
    proxy.cut()
    let healthDuringOutage = 0
    for (let i = 0; i < 20 && healthDuringOutage !== 503; i++) {
      healthDuringOutage = await healthStatus()
      await sleep(200)
    }
    const duringOutage = await submitRequest()
    await sleep(2_000)
    proxy.restore()

    let healthAfter = 0
    for (let i = 0; i < 50 && healthAfter !== 200; i++) {
      healthAfter = await healthStatus()
      if (healthAfter !== 200) await sleep(200)
    }
    await sleep(1_000)
    running = false
    await Promise.all(traffic)

    expect(service.child.exitCode, service.stderr()).toBeNull()
    expect(healthDuringOutage).toBe(503)
    expect(duringOutage).toMatchObject({ status: 503, code: 'database_unavailable', retryAfter: '5' })
    expect(healthAfter).toBe(200)
    expect((await submitRequest()).status).toBe(201)

    // Every answer is a success or a retryable 503: no 500, no dropped connection.
    const unexpected = answers.filter(
      (answer) => !(answer.status === 201 || (answer.status === 503 && answer.code === 'database_unavailable')),
    )
    expect(unexpected).toEqual([])
    const acknowledged = answers.flatMap((answer) => (answer.status === 201 && answer.id ? [answer.id] : []))
    expect(acknowledged.length).toBeGreaterThan(10)
    const stored = await database.db
      .select({ id: requests.id })
      .from(requests)
      .where(inArray(requests.id, acknowledged))
    expect(stored.length).toBe(acknowledged.length)
  }, 120_000)
})
