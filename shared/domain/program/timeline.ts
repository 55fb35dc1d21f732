import { PARTNER_STATUSES, type PartnerStatus } from '../partner-statuses'
import { addDays, addMonths } from './calendar'
import { configurationOn, levelBelow, type ConfigVersion } from './config'
import type { ProgramFacts, RecordedVerdict } from './facts'
import { countingOrders, salesTotal } from './sales'
import type { ProgramStanding, VerdictKind } from './vocabulary'

/** One change (or warning) on the partner's path through the program, with the configuration it was decided by. */
export interface Transition {
  kind: VerdictKind
  at: Date
  levelBefore: PartnerStatus
  levelAfter: PartnerStatus | null
  configVersion: number
  /** Why: the conditions checked, or the sales against the target. */
  explanation: TransitionExplanation
  /** Already in the partner's recorded verdicts. */
  recorded: boolean
}

export type TransitionExplanation =
  | { type: 'bronze_conditions'; tutorialCompleted: boolean; nfrCloudClaimed: boolean; coursesMissing: string[] }
  | { type: 'sales_target'; targetMinor: number; salesMinor: number; missingMinor: number; from: Date; to: Date }
  | { type: 'manager_confirmation' }
  | { type: 'recorded' }

export interface TimelineState {
  /** Not yet approved at the date asked about. */
  started: boolean
  standing: ProgramStanding
  level: PartnerStatus
  /** When the current level was given or last confirmed: the review counts from here (defined term (o)). */
  since: Date
  bronzeDeadline: Date
  /** The 90-day check has been decided (or does not apply any more). */
  bronzeSettled: boolean
  transitions: Transition[]
}

/** The configuration in force at `at`; before the first version, the first one (it describes the rules of then). */
export function versionAt(versions: readonly ConfigVersion[], at: Date): ConfigVersion {
  const found = configurationOn(versions, at)
  if (found) return found
  const first = [...versions].sort((a, b) => a.effectiveFrom.getTime() - b.effectiveFrom.getTime())[0]
  if (!first) throw new Error('No program configuration version exists')
  return first
}

export function hasCourses(facts: ProgramFacts, courses: readonly string[], by: Date): string[] {
  return courses.filter(
    (course) => !facts.completions.some((c) => c.course === course && c.completedAt.getTime() <= by.getTime()),
  )
}

type Step =
  | { type: 'bronze'; at: Date }
  | { type: 'warning'; at: Date; dueAt: Date }
  | { type: 'review'; at: Date }
  | { type: 'upgrade'; at: Date; verdict: RecordedVerdict }

const STEP_ORDER: Record<Step['type'], number> = { bronze: 0, warning: 1, review: 2, upgrade: 3 }

function recordedAt(facts: ProgramFacts, kinds: VerdictKind[], at: Date): RecordedVerdict | undefined {
  return facts.verdicts.find((v) => kinds.includes(v.kind) && v.at.getTime() === at.getTime())
}

/**
 * Replays the partner's life in the program up to `asOf`: the 90-day check, the upgrades managers confirmed,
 * the warnings and the yearly reviews, each decided with the configuration in force on its date. A transition
 * already recorded keeps its recorded outcome, so facts learnt later never rewrite a past decision; the rest is
 * derived, which makes the daily job a matter of recording what this returns (and catching up a missed day).
 */
export function programTimeline(facts: ProgramFacts, versions: readonly ConfigVersion[], asOf: Date): TimelineState {
  const approval = versionAt(versions, facts.approvedAt)
  const state: TimelineState = {
    started: facts.approvedAt.getTime() <= asOf.getTime(),
    standing: 'active',
    level: 'bronze',
    since: facts.approvedAt,
    bronzeDeadline: addDays(facts.approvedAt, approval.config.bronze.withinDays),
    bronzeSettled: false,
    transitions: [],
  }
  if (!state.started) return state
  const upgrades = facts.verdicts
    .filter((v) => v.kind === 'upgraded' && v.levelAfter)
    .sort((a, b) => a.at.getTime() - b.at.getTime())
  let nextUpgrade = 0
  let warnedFor: number | null = null

  for (;;) {
    if (state.standing !== 'active') break
    const steps: Step[] = []
    if (state.level === 'bronze' && !state.bronzeSettled) steps.push({ type: 'bronze', at: state.bronzeDeadline })
    const levelRules = versionAt(versions, state.since).config
    if (levelRules.levels[state.level].retention) {
      const dueAt = addMonths(state.since, levelRules.review.periodMonths)
      const warnAt = addDays(dueAt, -versionAt(versions, state.since).config.review.warningDays)
      if (warnedFor !== state.since.getTime() && warnAt.getTime() > state.since.getTime())
        steps.push({ type: 'warning', at: warnAt, dueAt })
      steps.push({ type: 'review', at: dueAt })
    }
    const upgrade = upgrades[nextUpgrade]
    if (upgrade) steps.push({ type: 'upgrade', at: upgrade.at, verdict: upgrade })
    steps.sort((a, b) => a.at.getTime() - b.at.getTime() || STEP_ORDER[a.type] - STEP_ORDER[b.type])
    const step = steps[0]
    if (!step || step.at.getTime() > asOf.getTime()) break

    if (step.type === 'bronze') bronzeCheck(state, facts, versions, step.at)
    else if (step.type === 'warning') {
      warnedFor = state.since.getTime()
      reviewWarning(state, facts, versions, step.at, step.dueAt)
    } else if (step.type === 'review') review(state, facts, versions, step.at)
    else {
      nextUpgrade++
      state.transitions.push({
        kind: 'upgraded',
        at: step.at,
        levelBefore: state.level,
        levelAfter: step.verdict.levelAfter,
        configVersion: versionAt(versions, step.at).version,
        explanation: { type: 'manager_confirmation' },
        recorded: true,
      })
      state.level = step.verdict.levelAfter!
      state.since = step.at
      state.bronzeSettled = true
    }
  }
  return state
}

/**
 * 3.1.1: by the deadline, the Tutorial (by any user of the partner) and an NFR cloud claim; else cancelled. The
 * conditions are those of the version in force at approval: the terms the partner was accepted under.
 */
function bronzeCheck(state: TimelineState, facts: ProgramFacts, versions: readonly ConfigVersion[], at: Date) {
  state.bronzeSettled = true
  const version = versionAt(versions, facts.approvedAt)
  const recorded = recordedAt(facts, ['bronze_conditions_met', 'bronze_cancelled'], at)
  const missing = hasCourses(facts, version.config.bronze.courses, at)
  const nfr = facts.nfrClaims.some((c) => c.kind === 'cloud' && c.grantedAt.getTime() <= at.getTime())
  const met = recorded
    ? recorded.kind === 'bronze_conditions_met'
    : missing.length === 0 && (nfr || !version.config.bronze.nfrCloudClaimed)
  state.transitions.push({
    kind: met ? 'bronze_conditions_met' : 'bronze_cancelled',
    at,
    levelBefore: 'bronze',
    levelAfter: met ? 'bronze' : null,
    configVersion: version.version,
    explanation: recorded
      ? { type: 'recorded' }
      : {
          type: 'bronze_conditions',
          tutorialCompleted: !missing.includes('partner_program_tutorial'),
          nfrCloudClaimed: nfr,
          coursesMissing: missing,
        },
    recorded: Boolean(recorded),
  })
  if (!met) state.standing = 'cancelled'
}

function salesTarget(facts: ProgramFacts, from: Date, to: Date, targetMinor: number) {
  const salesMinor = salesTotal(countingOrders(facts.orders, from, to))
  return {
    type: 'sales_target' as const,
    targetMinor,
    salesMinor,
    missingMinor: Math.max(0, targetMinor - salesMinor),
    from,
    to,
  }
}

/** 3.3: ahead of the review, a warning when the year's sales have not reached the target yet. */
function reviewWarning(
  state: TimelineState,
  facts: ProgramFacts,
  versions: readonly ConfigVersion[],
  at: Date,
  dueAt: Date,
) {
  const version = versionAt(versions, at)
  const retention = version.config.levels[state.level].retention
  if (!retention) return
  const recorded = recordedAt(facts, ['review_warning'], at)
  const explanation = salesTarget(facts, state.since, at, retention.minSalesMinor)
  if (!recorded && explanation.missingMinor === 0) return
  state.transitions.push({
    kind: 'review_warning',
    at,
    levelBefore: state.level,
    levelAfter: state.level,
    configVersion: version.version,
    explanation: recorded ? { type: 'recorded' } : { ...explanation, to: dueAt },
    recorded: Boolean(recorded),
  })
}

/** 3.3: the target reached in the year since confirmation keeps the level for another year; else one level down. */
function review(state: TimelineState, facts: ProgramFacts, versions: readonly ConfigVersion[], at: Date) {
  const version = versionAt(versions, at)
  const retention = version.config.levels[state.level].retention
  const recorded = recordedAt(facts, ['retained', 'downgraded'], at)
  const explanation = salesTarget(facts, state.since, at, retention?.minSalesMinor ?? 0)
  const kept = recorded ? recorded.kind === 'retained' : explanation.missingMinor === 0
  const levelAfter = kept
    ? state.level
    : (recorded?.levelAfter ?? levelBelow(state.level, PARTNER_STATUSES) ?? state.level)
  state.transitions.push({
    kind: kept ? 'retained' : 'downgraded',
    at,
    levelBefore: state.level,
    levelAfter,
    configVersion: version.version,
    explanation: recorded ? { type: 'recorded' } : explanation,
    recorded: Boolean(recorded),
  })
  state.level = levelAfter
  state.since = at
}
