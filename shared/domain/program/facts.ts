import type { PartnerStatus } from '../partner-statuses'
import type { EvidenceKind, NfrKind, ProgramCourse, VerdictKind } from './vocabulary'

/** One order of the sales ledger as the engine counts it (3.2). */
export interface OrderFact {
  orderedAt: Date
  /** The amount paid after the partner discount, converted to the program currency with the order's rate. */
  programAmountMinor: number
  /** Who the end user is, so sales to different clients can be told apart. */
  clientKey: string
  /** A manager marked the end user as the partner's own or an affiliated entity: the order never counts. */
  excluded: boolean
}

/** A verdict already recorded: the engine never decides a recorded date again (what is decided stays decided). */
export interface RecordedVerdict {
  kind: VerdictKind
  at: Date
  levelAfter: PartnerStatus | null
}

/** Everything the engine reads about one partner. */
export interface ProgramFacts {
  /** Approval into the program: Bronze from this instant (3.1.1). */
  approvedAt: Date
  /** Completions by the partner's approved users; one user's completion counts for the partner (11.1). */
  completions: { course: ProgramCourse; completedAt: Date }[]
  nfrClaims: { kind: NfrKind; grantedAt: Date }[]
  /** Evidence a manager accepted, from the moment of acceptance. */
  acceptedEvidence: { kind: EvidenceKind; acceptedAt: Date }[]
  orders: OrderFact[]
  /** Upgrades managers confirmed and transitions the daily job recorded. */
  verdicts: RecordedVerdict[]
  /** The last reservation or CRM outcome of the partner's implementation requests, for zero activity (3.3). */
  lastRequestActivityAt: Date | null
}
