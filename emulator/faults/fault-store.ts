/** Where a fault applies: one portal and/or one REST method; omitted means every portal / every method. */
export interface FaultScope {
  memberId?: string
  method?: string
}

/** The HTTP answer a failing call gets, e.g. `{status: 503, body: {error: 'QUERY_LIMIT_EXCEEDED', …}}`. */
export interface FaultAnswer {
  status: number
  body: Record<string, unknown>
}

export interface ErrorRateFault extends FaultScope, FaultAnswer {
  /** 0…1: share of matching calls that fail. */
  rate: number
}

export interface FailNextFault extends FaultScope, Partial<FaultAnswer> {
  count: number
}

const DEFAULT_FAILURE: FaultAnswer = {
  status: 500,
  body: { error: 'INTERNAL_SERVER_ERROR', error_description: 'Internal server error' },
}

interface FailNextRule extends FaultScope, FaultAnswer {
  remaining: number
}

const applies = (scope: FaultScope, memberId: string, method?: string): boolean =>
  (scope.memberId === undefined || scope.memberId === memberId) &&
  (scope.method === undefined || method === undefined || scope.method.toLowerCase() === method)

/** Fault-injection settings; the REST router and the event queue consult them on every call and event. */
export class FaultStore {
  readonly #errorRates: ErrorRateFault[] = []
  readonly #latencies: (FaultScope & { ms: number })[] = []
  readonly #eventDrops: { memberId?: string; percent: number }[] = []
  readonly #failNext: FailNextRule[] = []
  readonly #random: () => number

  constructor(random: () => number) {
    this.#random = random
  }

  addErrorRate(fault: ErrorRateFault): void {
    this.#errorRates.push(fault)
  }

  addLatency(fault: FaultScope & { ms: number }): void {
    this.#latencies.push(fault)
  }

  /** Drops this percentage of outgoing events (never delivered, recorded as `dropped`). */
  dropEvents(percent: number, memberId?: string): void {
    this.#eventDrops.push({ memberId, percent })
  }

  /** The next `count` calls of `method` fail with the given answer, then the rule disappears. */
  failNext(fault: FailNextFault): void {
    const { status = DEFAULT_FAILURE.status, body = DEFAULT_FAILURE.body } = fault
    this.#failNext.push({ memberId: fault.memberId, method: fault.method, status, body, remaining: fault.count })
  }

  clear(): void {
    this.#errorRates.length = 0
    this.#latencies.length = 0
    this.#eventDrops.length = 0
    this.#failNext.length = 0
  }

  /** Added latency in ms for a call (the largest matching rule). */
  latencyFor(memberId: string, method: string): number {
    return Math.max(0, ...this.#latencies.filter((rule) => applies(rule, memberId, method)).map((rule) => rule.ms))
  }

  /**
   * Added latency in ms for the OAuth server's answer to a refresh of this portal's token: only rules that name
   * the method `oauth.token` apply, so latency given to every REST method leaves token refreshes alone.
   */
  oauthLatencyFor(memberId: string): number {
    const rules = this.#latencies.filter((rule) => rule.method === 'oauth.token' && applies(rule, memberId))
    return Math.max(0, ...rules.map((rule) => rule.ms))
  }

  /** The injected failure for this call, if any; consumes one "fail next" use. */
  failureFor(memberId: string, method: string): FaultAnswer | undefined {
    const next = this.#failNext.find((rule) => rule.remaining > 0 && applies(rule, memberId, method))
    if (next !== undefined) {
      next.remaining -= 1
      return { status: next.status, body: next.body }
    }
    const rate = this.#errorRates.find((rule) => applies(rule, memberId, method) && this.#random() < rule.rate)
    return rate === undefined ? undefined : { status: rate.status, body: rate.body }
  }

  shouldDropEvent(memberId: string): boolean {
    const percent = Math.max(
      0,
      ...this.#eventDrops.filter((rule) => applies(rule, memberId)).map((rule) => rule.percent),
    )
    return percent > 0 && this.#random() * 100 < percent
  }
}
