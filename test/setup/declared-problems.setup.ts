import { afterAll, afterEach } from 'vitest'
import { collectUndeclaredProblems } from '../support/undeclared-problems'

/**
 * Fails a test in which a route answered a problem code that its contract does not declare: the API description
 * (and the clients typed from the contracts) would not know about it.
 */
const undeclared = collectUndeclaredProblems()

afterEach(() => undeclared.expectNone())
// Calls made in `beforeAll` or `afterAll` hooks count too.
afterAll(() => undeclared.expectNone())
