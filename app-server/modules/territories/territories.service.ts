import { asc, eq, inArray } from 'drizzle-orm'
import type { AppContext } from '../../context'
import type { Executor } from '../../db/client'
import { restrictedCountries } from '../../db/schema'
import { withTransaction } from '../../db/transaction'
import { notFound } from '../../errors'
import type { ManagerActor } from '../../http/auth/actors'
import { recordAudit } from '../audit'

function present(row: typeof restrictedCountries.$inferSelect) {
  return { country: row.country, reason: row.reason, createdAt: row.createdAt.toISOString() }
}

export async function listRestrictedCountries(db: Executor) {
  const rows = await db.select().from(restrictedCountries).orderBy(asc(restrictedCountries.country))
  return { items: rows.map(present) }
}

/** The codes of every restricted country, without the reasons, for the public form. */
export async function restrictedCountryCodes(db: Executor): Promise<string[]> {
  const rows = await db
    .select({ country: restrictedCountries.country })
    .from(restrictedCountries)
    .orderBy(asc(restrictedCountries.country))
  return rows.map((row) => row.country)
}

/** The given countries that are restricted (rules 2.4). */
export async function restrictedAmong(db: Executor, countries: string[]): Promise<string[]> {
  if (countries.length === 0) return []
  const rows = await db
    .select({ country: restrictedCountries.country })
    .from(restrictedCountries)
    .where(inArray(restrictedCountries.country, countries))
  return rows.map((row) => row.country)
}

export async function isRestrictedCountry(db: Executor, country: string): Promise<boolean> {
  return (await restrictedAmong(db, [country])).length > 0
}

/** Adds a country to the restricted list, or updates its reason. Audited. */
export async function restrictCountry(ctx: AppContext, actor: ManagerActor, country: string, reason: string) {
  return withTransaction(ctx.db, async (tx) => {
    const [before] = await tx.select().from(restrictedCountries).where(eq(restrictedCountries.country, country))
    const [row] = await tx
      .insert(restrictedCountries)
      .values({ country, reason, createdAt: ctx.clock.now() })
      .onConflictDoUpdate({ target: restrictedCountries.country, set: { reason } })
      .returning()
    await recordAudit(tx, {
      at: ctx.clock.now(),
      actor: { type: 'manager', id: actor.managerId },
      action: 'restricted_country.set',
      entity: { type: 'country', id: country },
      before: before ? present(before) : null,
      after: present(row!),
    })
    return present(row!)
  })
}

/**
 * Removes a country from the restricted list. Audited.
 * @throws AppError `country_not_restricted` (404).
 */
export async function liftCountryRestriction(ctx: AppContext, actor: ManagerActor, country: string): Promise<void> {
  await withTransaction(ctx.db, async (tx) => {
    const [before] = await tx.delete(restrictedCountries).where(eq(restrictedCountries.country, country)).returning()
    if (!before) throw notFound('country_not_restricted', `${country} is not on the restricted list.`)
    await recordAudit(tx, {
      at: ctx.clock.now(),
      actor: { type: 'manager', id: actor.managerId },
      action: 'restricted_country.lifted',
      entity: { type: 'country', id: country },
      before: present(before),
    })
  })
}
