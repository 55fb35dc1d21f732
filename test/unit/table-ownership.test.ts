import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { getTableName, is } from 'drizzle-orm'
import { PgTable } from 'drizzle-orm/pg-core'
import { describe, expect, it } from 'vitest'
import * as schema from '../../app-server/db/schema'
import { FOREIGN_WRITES, TABLE_OWNERS } from '../../app-server/db/table-owners'
import { findTableWrites, ownershipViolations } from '../support/table-writes'

/** The schema's tables: export name → SQL name. */
const tables = new Map(
  Object.entries(schema).flatMap(([name, value]) => (is(value, PgTable) ? [[name, getTableName(value)] as const] : [])),
)

const ROOT = 'app-server'
const sources = readdirSync(ROOT, { recursive: true, encoding: 'utf8' })
  .filter((path) => path.endsWith('.ts'))
  .map((path) => ({ path: path.split('\\').join('/'), source: readFileSync(join(ROOT, path), 'utf8') }))

const rules = { owners: TABLE_OWNERS, exceptions: FOREIGN_WRITES }

describe('one owning module per table', () => {
  it('names an owner for every table of the schema, and only for those', () => {
    expect(Object.keys(TABLE_OWNERS).sort()).toEqual([...tables.values()].sort())
  })

  it('finds no write to a table outside its owner, except the documented ones', () => {
    expect(ownershipViolations(sources, tables, rules)).toEqual([])
  })

  it('leaves writing to services and repositories: no route declaration writes a table', () => {
    const routes = sources.filter(({ path }) => path.endsWith('.routes.ts'))
    expect(routes.length).toBeGreaterThan(0)
    expect(
      routes.flatMap(({ path, source }) => findTableWrites(source, tables).map((write) => ({ path, ...write }))),
    ).toEqual([])
  })

  it('keeps no exception that is no longer needed', () => {
    const used = FOREIGN_WRITES.filter(({ file, table }) => {
      const source = sources.find((entry) => entry.path === file)?.source ?? ''
      return findTableWrites(source, tables).some((write) => write.table === table)
    })
    expect(used).toEqual(FOREIGN_WRITES)
  })

  it('sees the writes of the app: every owner writes its tables somewhere', () => {
    const written = new Set(sources.flatMap(({ source }) => findTableWrites(source, tables).map((w) => w.table)))
    expect([...tables.values()].filter((table) => !written.has(table))).toEqual([])
  })
})

describe('the table-write scanner', () => {
  const scan = (source: string) => findTableWrites(source, tables).map(({ table, how }) => `${table}: ${how}`)

  it('finds Drizzle writes by the table imported from the schema, under any name', () => {
    const source = `
      import { requests, reservations as held } from '../../db/schema'
      import * as tables from '../../db/schema'
      await tx.update(requests).set({ status: 'closed' })
      await tx
        .insert(held)
        .values(row)
      await db.delete(tables.portals).where(x)`
    expect(scan(source)).toEqual([
      'requests: .update(requests)',
      'reservations: .insert(held)',
      'portals: .delete(tables.portals)',
    ])
  })

  it('finds raw SQL writes in sql templates and strings, also inside nested templates', () => {
    const source = `
      await tx.execute(sql\`update reservations r set crm_status = \${status} where r.id = \${id}\`)
      await queryRows(db, sql\`with slot as (\${sql\`UPDATE requests SET reserved_count = 1\`})
        insert into audit_log (at) select now()\`)
      await db.execute(sql.raw('delete from jobs'))
      await db.execute(sql\`truncate table rate_limit_hits\`)`
    expect(scan(source)).toEqual([
      'reservations: update reservations',
      'audit_log: insert into audit_log',
      'requests: UPDATE requests',
      'jobs: delete from jobs',
      'rate_limit_hits: truncate table rate_limit_hits',
    ])
  })

  it('ignores reads, other objects with the same methods, SQL keywords and comments', () => {
    const source = `
      import { partners } from '../../db/schema'
      const partnersById = new Map()
      createHash('sha256').update(token).digest()
      partnersById.delete(id)
      // update partners here one day
      await tx.select().from(partners).for('update')
      await db.execute(sql\`select * from partners p for update of p\`)
      await db.execute(sql\`insert into somewhere_else values (1) on conflict do update set x = 1\`)`
    expect(scan(source)).toEqual([])
  })

  it('reports a write from outside the owner, and accepts the owner and the listed exceptions', () => {
    const foreign = `import { requests } from '../../db/schema'\nawait tx.update(requests).set({})\n`
    const audit = 'await tx.execute(sql`insert into audit_log (at) values (now())`)'
    const violations = ownershipViolations(
      [
        { path: 'modules/rating/returns.service.ts', source: foreign },
        { path: 'modules/requests/request-lifecycle.ts', source: foreign },
        { path: 'modules/reservations/take-slot.repository.ts', source: audit },
        { path: 'modules/reservations/other.repository.ts', source: audit },
      ],
      tables,
      rules,
    )
    expect(violations.map(({ file, table, owner, line }) => ({ file, table, owner, line }))).toEqual([
      { file: 'modules/rating/returns.service.ts', table: 'requests', owner: 'modules/requests', line: 2 },
      { file: 'modules/reservations/other.repository.ts', table: 'audit_log', owner: 'modules/audit', line: 1 },
    ])
  })
})
