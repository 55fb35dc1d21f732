import { sql, type SQL } from 'drizzle-orm'
import { queryRows, type Db } from '../db/client'

export interface ClaimedJob {
  id: number
  name: string
  key: string
  payload: unknown
  attempts: number
  max_attempts: number
}

/** How a started worker shares its slots: the jobs running per portal, and how many one portal may have. */
export interface PortalFairness {
  runningPerPortal: Map<string, number>
  perPortalLimit: number
}

/**
 * Claims up to `limit` due jobs of the given names, oldest first, with `FOR UPDATE SKIP LOCKED`, so no job runs
 * twice at the same time; a job whose lease has passed is due again. With `fairness`, a portal's jobs (a payload's
 * `portalId`) are claimed only up to its free share (`perPortalLimit` less those running), and a portal with none
 * left is not even looked at, so its backlog cannot crowd out the other portals' jobs.
 */
export async function claimDueJobs(
  db: Db,
  input: { names: string[]; limit: number; now: Date; lockedUntil: Date; fairness?: PortalFairness },
): Promise<ClaimedJob[]> {
  const { names, limit, now, lockedUntil, fairness } = input
  if (names.length === 0 || limit <= 0) return []
  const due = sql`name = any(${sql.param(names)}::text[])
    and ((status = 'pending' and (run_at is null or run_at <= ${now.toISOString()}::timestamptz))
      or (status = 'running' and locked_until < ${now.toISOString()}::timestamptz))`
  const claimed = fairness
    ? fairlyChosen(due, limit, fairness)
    : sql`select id from jobs where ${due} order by run_at nulls first, id limit ${limit} for update skip locked`
  return queryRows<ClaimedJob>(
    db,
    sql`update jobs set status = 'running', attempts = attempts + 1,
          locked_until = ${lockedUntil.toISOString()}::timestamptz, updated_at = ${now.toISOString()}::timestamptz
        where id in (${claimed})
        returning id, name, key, payload, attempts, max_attempts`,
  )
}

/** The ids of up to `limit` due jobs, oldest first, at most each portal's free share of slots. */
function fairlyChosen(due: SQL, limit: number, { runningPerPortal, perPortalLimit }: PortalFairness): SQL {
  const full = [...runningPerPortal].filter(([, running]) => running >= perPortalLimit).map(([id]) => id)
  const busy = [...runningPerPortal.keys()]
  const running = busy.map((id) => runningPerPortal.get(id) ?? 0)
  // Row locks are not allowed next to a window function: lock the candidates first, then rank them per portal.
  return sql`
    select id from (
      select id, run_at, portal,
             row_number() over (partition by portal order by run_at nulls first, id) as place
      from (
        select id, run_at, payload->>'portalId' as portal from jobs
        where ${due} and coalesce(payload->>'portalId', '') <> all(${sql.param(full)}::text[])
        order by run_at nulls first, id
        limit ${limit * 4}
        for update skip locked
      ) candidates
    ) ranked
    where portal is null
       or place <= ${perPortalLimit} - coalesce(
            (select held.running from unnest(${sql.param(busy)}::text[], ${sql.param(running)}::int[])
               as held(portal, running) where held.portal = ranked.portal), 0)
    order by run_at nulls first, id
    limit ${limit}`
}
