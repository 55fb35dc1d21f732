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
  held: Promise<Set<string>>
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
      res.send = (body?: unknown) => {
        const text =
          typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : JSON.stringify(body ?? '')
        this.responses.push({ path, body: text, partnerId, held: this.heldBy(partnerId) })
        return send(body)
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

  /** Contact values that identify one request: e-mails, phones, and names no other request shares. */
  async contactValues(): Promise<Map<string, string>> {
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
    const values = new Map<string, string>()
    for (const row of rows) {
      values.set(row.email, row.id)
      values.set(row.phone, row.id)
      if (nameCount.get(row.name) === 1 && row.name.length >= 6) values.set(row.name, row.id)
    }
    return values
  }

  /** Every response that carried a contact value its caller had no reservation for. */
  async leaks(): Promise<string[]> {
    const values = await this.contactValues()
    const found: string[] = []
    for (const response of this.responses) {
      const held = await response.held
      for (const [value, requestId] of values) {
        if (response.body.includes(value) && !held.has(requestId)) {
          found.push(
            `${response.path} (partner ${response.partnerId ?? 'public'}) revealed a contact of request ${requestId}`,
          )
        }
      }
    }
    return found
  }

  /** Log lines that contain any contact value. */
  async logLeaks(lines: string[]): Promise<string[]> {
    const values = [...(await this.contactValues()).keys()]
    return lines.filter((line) => values.some((value) => line.includes(value)))
  }

  get responseCount(): number {
    return this.responses.length
  }
}
