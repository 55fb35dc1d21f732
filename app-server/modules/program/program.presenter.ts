import type { ProgramEvaluation, RequirementCheck, Transition } from '../../../shared/domain/program'
import type { ProgramEvaluationBody } from '../../../shared/schemas/program.schema'

const iso = (date: Date) => date.toISOString()
const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null)

function presentCheck(check: RequirementCheck) {
  return {
    ...check,
    windowFrom: isoOrNull(check.windowFrom),
    windowTo: isoOrNull(check.windowTo),
    byWhen: isoOrNull(check.byWhen),
  }
}

/** Dates inside an explanation become ISO strings like every other instant of the API. */
export function presentExplanation(explanation: Transition['explanation']): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(explanation).map(([key, value]) => [key, value instanceof Date ? value.toISOString() : value]),
  )
}

export function presentTransition(transition: Transition) {
  return {
    kind: transition.kind,
    at: iso(transition.at),
    levelBefore: transition.levelBefore,
    levelAfter: transition.levelAfter,
    configVersion: transition.configVersion,
    explanation: presentExplanation(transition.explanation),
    recorded: transition.recorded,
  }
}

/** The evaluation as the API sends it: the same for the partner's screen, the manager's and the what-if. */
export function presentEvaluation(partnerId: string, evaluation: ProgramEvaluation): ProgramEvaluationBody {
  return {
    partnerId,
    asOf: iso(evaluation.asOf),
    configVersion: evaluation.configVersion,
    currency: evaluation.currency,
    started: evaluation.started,
    standing: evaluation.standing,
    level: evaluation.level,
    levelSince: iso(evaluation.levelSince),
    bronzeConditions: evaluation.bronzeConditions && {
      deadline: iso(evaluation.bronzeConditions.deadline),
      checks: evaluation.bronzeConditions.checks.map(presentCheck),
    },
    nextLevel: evaluation.nextLevel && {
      ...evaluation.nextLevel,
      preQualification: evaluation.nextLevel.preQualification.map(presentCheck),
      requirements: evaluation.nextLevel.requirements.map(presentCheck),
    },
    review: evaluation.review && {
      ...evaluation.review,
      dueAt: iso(evaluation.review.dueAt),
      warningFrom: iso(evaluation.review.warningFrom),
    },
    benefits: evaluation.benefits as Record<string, unknown> | null,
    zeroActivityCandidate: evaluation.zeroActivityCandidate,
    transitions: evaluation.transitions.map(presentTransition),
  }
}
