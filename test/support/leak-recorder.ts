import { and, eq } from 'drizzle-orm'
import type { RequestHandler } from 'express'
import type { Db } from '../../app-server/db/client'
import { requests, reservations } from '../../app-server/db/schema'
import { bearerToken } from '../../app-server/http/auth/actors'
import { verifyPartnerSession } from '../../app-server/http/auth/session-token'

interface RecordedResponse {
  path: string
  body: string
  /** The calling partner, or null for public callers. */
  partnerId: string | null
  /** Requests the partner held an active reservation of when the response was sent. */
  held: Set<string>
}

/**
 * Records the body of every response of partner and public endpoints, with what the caller held at that
 * moment, so a suite can prove no client contact value reached anyone without a reservation.
 */
export class LeakRecorder {
  private readonly responses: RecordedResponse[] = []

  constructor(
    private readonly db: Db,
    private readonly secret: string,
    private readonly now: () => Date,
  ) {}

  middleware(): RequestHandler {
    return (req, res, next) => {
      const path = req.originalUrl.split('?')[0] ?? ''
      if (!path.startsWith('/api/partner') && !path.startsWith('/api/public')) return next()
      const token = bearerToken(req.get('authorization'))
      const verified = token ? verifyPartnerSession(this.secret, token, this.now()) : undefined
      const partnerId = verified?.ok ? verified.claims.sub : null
      const send = res.send.bind(res)
      // The response goes out only once the caller's holdings are read, so later requests cannot change them first.
      res.send = (body?: unknown) => {
        const text =
          typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : JSON.stringify(body ?? '')
        void this.heldBy(partnerId).then(
          (held) => {
            this.responses.push({ path, body: text, partnerId, held })
            send(body)
          },
          (error: unknown) => res.destroy(error instanceof Error ? error : new Error(String(error))),
        )
        return res
      }
      next()
    }
  }

  private async heldBy(partnerId: string | null): Promise<Set<string>> {
    if (!partnerId) return new Set()
    const rows = await this.db
      .select({ requestId: reservations.requestId })
      .from(reservations)
      .where(and(eq(reservations.partnerId, partnerId), eq(reservations.status, 'active')))
    return new Set(rows.map((row) => row.requestId))
  }

  /**
   * Contact values and the requests carrying them: e-mails and phones (also when typed into text), and names
   * as whole JSON strings, so a name that happens to be part of other text is not taken for a leak.
   */
  async contactValues(): Promise<Map<string, Set<string>>> {
    const rows = await this.db
      .select({
        id: requests.id,
        name: requests.contactName,
        email: requests.contactEmail,
        phone: requests.contactPhone,
      })
      .from(requests)
    const nameCount = new Map<string, number>()
    for (const row of rows) nameCount.set(row.name, (nameCount.get(row.name) ?? 0) + 1)
    const values = new Map<string, Set<string>>()
    const add = (value: string, id: string) => values.set(value, (values.get(value) ?? new Set()).add(id))
    for (const row of rows) {
      // An erased request keeps empty strings where its contacts were; there is nothing left to leak.
      if (row.email === '') continue
      add(row.email, row.id)
      add(row.phone, row.id)
      if (nameCount.get(row.name) === 1) add(JSON.stringify(row.name), row.id)
    }
    return values
  }

  /** Every response that carried a contact value its caller had no reservation for. */
  async leaks(): Promise<string[]> {
    const values = await this.contactValues()
    const found: string[] = []
    for (const response of this.responses) {
      const held = response.held
      for (const [value, requestIds] of values) {
        // A value shared by several requests is fine when the caller holds any of them.
        if (containsValue(response.body, value) && ![...requestIds].some((id) => held.has(id))) {
          const ids = [...requestIds].join(', ')
          found.push(
            `${response.path} (partner ${response.partnerId ?? 'public'}) revealed a contact of request ${ids}`,
          )
        }
      }
    }
    return found
  }

  /** Log lines that contain any contact value. */
  async logLeaks(lines: string[]): Promise<string[]> {
    const values = [...(await this.contactValues()).keys()]
    return lines.filter((line) => values.some((value) => containsValue(line, value)))
  }

  get responseCount(): number {
    return this.responses.length
  }
}

/** Whether `text` holds `value` as a whole token: +4930123 is not found inside +49301234, nor a@b.de inside xa@b.de. */
function containsValue(text: string, value: string): boolean {
  let from = text.indexOf(value)
  while (from !== -1) {
    const before = text[from - 1] ?? ''
    const after = text.slice(from + value.length, from + value.length + 2)
    if (!/[\w.%+-]/.test(before) && !/^([\w-]|\.\w)/.test(after)) return true
    from = text.indexOf(value, from + 1)
  }
  return false
}
