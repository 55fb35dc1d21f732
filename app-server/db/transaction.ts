import type { Db, Executor, Tx } from './client'

/**
 * Runs `work` in one transaction on either driver; commits when it resolves, rolls back when it throws.
 * Inside, use only the `tx` handle: touching the root database from within a PGlite transaction deadlocks.
 * Called with a transaction, it joins it (a savepoint) so services compose.
 */
export function withTransaction<T>(executor: Executor, work: (tx: Tx) => Promise<T>): Promise<T> {
  return (executor as Db).transaction(work)
}
