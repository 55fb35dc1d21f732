import { and, asc, eq, gt, ilike, inArray, or, type SQL } from 'drizzle-orm'
import type { Executor } from '../../db/client'
import { partnerLocations, partners } from '../../db/schema'
import { fetchLimit } from '../../http/keyset-page'

export type PartnerRow = typeof partners.$inferSelect

export interface PartnerWithLocations extends PartnerRow {
  additionalLocations: string[]
}

export async function findPartner(
  db: Executor,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<PartnerRow | undefined> {
  const query = db.select().from(partners).where(eq(partners.id, id))
  const [row] = await (options.forUpdate ? query.for('update') : query)
  return row
}

export async function additionalLocationsOf(db: Executor, partnerIds: string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>(partnerIds.map((id) => [id, []]))
  if (partnerIds.length === 0) return result
  const rows = await db
    .select()
    .from(partnerLocations)
    .where(inArray(partnerLocations.partnerId, partnerIds))
    .orderBy(asc(partnerLocations.createdAt), asc(partnerLocations.country))
  for (const row of rows) result.get(row.partnerId)?.push(row.country)
  return result
}

export async function findPartnerWithLocations(db: Executor, id: string, options: { forUpdate?: boolean } = {}) {
  const partner = await findPartner(db, id, options)
  if (!partner) return undefined
  const locations = await additionalLocationsOf(db, [id])
  return { ...partner, additionalLocations: locations.get(id) ?? [] }
}

export async function replaceAdditionalLocations(db: Executor, partnerId: string, countries: string[], now: Date) {
  await db.delete(partnerLocations).where(eq(partnerLocations.partnerId, partnerId))
  if (countries.length === 0) return
  await db.insert(partnerLocations).values(
    countries.map((country, index) => ({
      partnerId,
      country,
      // Keeps the order the partner chose.
      createdAt: new Date(now.getTime() + index),
    })),
  )
}

export async function listPartnerRows(
  db: Executor,
  query: { search?: string | undefined; afterName?: { name: string; id: string } | undefined; limit: number },
) {
  const conditions: SQL[] = []
  if (query.search) {
    const pattern = `%${query.search.replace(/[\\%_]/g, (char) => `\\${char}`)}%`
    conditions.push(or(ilike(partners.companyName, pattern), ilike(partners.partnerCode, pattern))!)
  }
  if (query.afterName) {
    conditions.push(
      or(
        gt(partners.companyName, query.afterName.name),
        and(eq(partners.companyName, query.afterName.name), gt(partners.id, query.afterName.id)),
      )!,
    )
  }
  return db
    .select()
    .from(partners)
    .where(and(...conditions))
    .orderBy(asc(partners.companyName), asc(partners.id))
    .limit(fetchLimit(query.limit))
}
