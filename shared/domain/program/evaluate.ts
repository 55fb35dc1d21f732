import { PARTNER_STATUSES, type PartnerStatus } from '../partner-statuses'
import { addMonths, latest } from './calendar'
import { levelAbove, type Benefits, type ConfigVersion, type StageRules } from './config'
import type { ProgramFacts } from './facts'
import { countingOrders, distinctClients, salesTotal } from './sales'
import { hasCourses, programTimeline, versionAt, type Transition } from './timeline'
import type { EvidenceKind, ProgramCourse, ProgramStanding } from './vocabulary'

export type RequirementStage = 'bronze_conditions' | 'pre_qualification' | 'requirements'

/** One requirement, explained: met or not, how much is missing, over which window, by when. */
export interface RequirementCheck {
  stage: RequirementStage
  kind: 'sales' | 'distinct_clients' | 'course' | 'evidence' | 'nfr_cloud'
  /** The course or evidence kind, for those two kinds. */
  subject: ProgramCourse | EvidenceKind | null
  met: boolean
  /** Amounts in minor units of the program currency; counts of clients. Null where not a quantity. */
  required: number | null
  current: number | null
  missing: number | null
  /** The sales window the amount counts over. */
  windowFrom: Date | null
  windowTo: Date | null
  /** The deadline, where the rules set one. */
  byWhen: Date | null
}

export interface ProgramEvaluation {
  asOf: Date
  /** The configuration version in force at `asOf`, which the requirements below come from. */
  configVersion: number
  currency: string
  started: boolean
  standing: ProgramStanding
  level: PartnerStatus
  levelSince: Date
  /** 3.1.1 while the 90 days run; null once decided. */
  bronzeConditions: { deadline: Date; checks: RequirementCheck[] } | null
  nextLevel: {
    level: PartnerStatus
    preQualification: RequirementCheck[]
    requirements: RequirementCheck[]
    preQualified: boolean
    /** Everything met: the partner waits in the ready-for-upgrade queue for a manager's confirmation. */
    ready: boolean
  } | null
  /** 3.3: the next yearly review and how the year's sales stand against the target. */
  review: {
    dueAt: Date
    warningFrom: Date
    targetMinor: number
    salesMinor: number
    missingMinor: number
    onTrack: boolean
  } | null
  benefits: (Benefits & { inForce: boolean }) | null
  /** 3.3, defined term (q): no sale and no request activity in the look-back, a year after registration. */
  zeroActivityCandidate: boolean
  transitions: Transition[]
}

function stageChecks(
  stage: RequirementStage,
  rules: StageRules,
  facts: ProgramFacts,
  asOf: Date,
  levelSince: Date,
): RequirementCheck[] {
  const checks: RequirementCheck[] = []
  const none = { required: null, current: null, missing: null, windowFrom: null, windowTo: null, byWhen: null }
  if (rules.sales) {
    const rolling = addMonths(asOf, -rules.sales.windowMonths)
    const from = rules.sales.atCurrentLevelOnly ? latest(rolling, levelSince) : rolling
    const orders = countingOrders(facts.orders, from, new Date(asOf.getTime() + 1))
    const current = salesTotal(orders)
    const required = rules.sales.minSalesMinor
    checks.push({
      ...none,
      stage,
      kind: 'sales',
      subject: null,
      met: current >= required,
      required,
      current,
      missing: Math.max(0, required - current),
      windowFrom: from,
      windowTo: asOf,
    })
    if (rules.distinctClients) {
      const clients = distinctClients(orders)
      const required = rules.distinctClients.minClients
      checks.push({
        ...none,
        stage,
        kind: 'distinct_clients',
        subject: null,
        met: clients >= required,
        required,
        current: clients,
        missing: Math.max(0, required - clients),
        windowFrom: from,
        windowTo: asOf,
      })
    }
  }
  const missingCourses = hasCourses(facts, rules.courses, asOf)
  for (const course of rules.courses)
    checks.push({ ...none, stage, kind: 'course', subject: course, met: !missingCourses.includes(course) })
  for (const kind of rules.evidence) {
    const met = facts.acceptedEvidence.some((e) => e.kind === kind && e.acceptedAt.getTime() <= asOf.getTime())
    checks.push({ ...none, stage, kind: 'evidence', subject: kind, met })
  }
  return checks
}

/**
 * The partner's place in the program as of `asOf`, every requirement explained, from facts and the configuration
 * versions: the same answer for the partner's screen, the manager's, the what-if and the daily job.
 */
export function evaluateProgram(
  facts: ProgramFacts,
  versions: readonly ConfigVersion[],
  asOf: Date,
): ProgramEvaluation {
  const timeline = programTimeline(facts, versions, asOf)
  const version = versionAt(versions, asOf)
  const config = version.config
  const active = timeline.started && timeline.standing === 'active'
  const tutorialDone = hasCourses(facts, ['partner_program_tutorial'], asOf).length === 0

  let bronzeConditions: ProgramEvaluation['bronzeConditions'] = null
  if (active && timeline.level === 'bronze' && !timeline.bronzeSettled) {
    const deadline = timeline.bronzeDeadline
    const bronze = versionAt(versions, facts.approvedAt).config.bronze
    const none = { subject: null, required: null, current: null, missing: null, windowFrom: null, windowTo: null }
    const missingCourses = hasCourses(facts, bronze.courses, asOf)
    const checks: RequirementCheck[] = bronze.courses.map((course) => ({
      ...none,
      stage: 'bronze_conditions',
      kind: 'course',
      subject: course,
      met: !missingCourses.includes(course),
      byWhen: deadline,
    }))
    if (bronze.nfrCloudClaimed)
      checks.push({
        ...none,
        stage: 'bronze_conditions',
        kind: 'nfr_cloud',
        met: facts.nfrClaims.some((c) => c.kind === 'cloud' && c.grantedAt.getTime() <= asOf.getTime()),
        byWhen: deadline,
      })
    bronzeConditions = { deadline, checks }
  }

  let nextLevel: ProgramEvaluation['nextLevel'] = null
  const above = active ? levelAbove(timeline.level, PARTNER_STATUSES) : null
  const upgrade = above ? config.levels[above].upgrade : null
  if (above && upgrade) {
    const preQualification = stageChecks('pre_qualification', upgrade.preQualification, facts, asOf, timeline.since)
    const requirements = stageChecks('requirements', upgrade.requirements, facts, asOf, timeline.since)
    const preQualified = preQualification.every((c) => c.met)
    nextLevel = {
      level: above,
      preQualification,
      requirements,
      preQualified,
      ready: preQualified && requirements.every((c) => c.met),
    }
  }

  let review: ProgramEvaluation['review'] = null
  const sinceRules = versionAt(versions, timeline.since).config
  const retention = config.levels[timeline.level].retention
  if (active && retention) {
    const dueAt = addMonths(timeline.since, sinceRules.review.periodMonths)
    const salesMinor = salesTotal(countingOrders(facts.orders, timeline.since, new Date(asOf.getTime() + 1)))
    const missingMinor = Math.max(0, retention.minSalesMinor - salesMinor)
    review = {
      dueAt,
      warningFrom: new Date(dueAt.getTime() - sinceRules.review.warningDays * 86_400_000),
      targetMinor: retention.minSalesMinor,
      salesMinor,
      missingMinor,
      onTrack: missingMinor === 0,
    }
  }

  const benefitsRules = config.levels[timeline.level].benefits
  const benefits = timeline.started
    ? { ...benefitsRules, inForce: active && (!benefitsRules.needsTutorial || tutorialDone) }
    : null

  return {
    asOf,
    configVersion: version.version,
    currency: config.currency,
    started: timeline.started,
    standing: timeline.standing,
    level: timeline.level,
    levelSince: timeline.since,
    bronzeConditions,
    nextLevel,
    review,
    benefits,
    zeroActivityCandidate: active && isZeroActivity(facts, config.zeroActivity, asOf),
    transitions: timeline.transitions,
  }
}

function isZeroActivity(
  facts: ProgramFacts,
  rules: { afterRegistrationMonths: number; lookbackMonths: number },
  asOf: Date,
): boolean {
  if (addMonths(facts.approvedAt, rules.afterRegistrationMonths).getTime() > asOf.getTime()) return false
  const from = addMonths(asOf, -rules.lookbackMonths)
  if (countingOrders(facts.orders, from, new Date(asOf.getTime() + 1)).length > 0) return false
  return !facts.lastRequestActivityAt || facts.lastRequestActivityAt.getTime() < from.getTime()
}
