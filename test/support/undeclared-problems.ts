import { expect } from 'vitest'
import { onUndeclaredProblem, type UndeclaredProblem } from '../../app-server/http/declared-problems'

/**
 * Collects the problems routes answer with a code their contract does not declare; `expectNone` fails (and
 * forgets them) when there were any, naming the operation and the code.
 */
export function collectUndeclaredProblems() {
  const answered: UndeclaredProblem[] = []
  const stop = onUndeclaredProblem((problem) => answered.push(problem))
  return {
    answered,
    expectNone(): void {
      const found = answered.splice(0).map((problem) => `${problem.operationId} answered ${problem.code}`)
      expect(found, 'problem codes answered by routes whose contracts do not declare them').toEqual([])
    },
    stop,
  }
}
