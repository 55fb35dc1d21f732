import { createHash, randomInt } from 'node:crypto'
import { and, eq, isNull } from 'drizzle-orm'
import { LINK_CODE_ALPHABET, linkCode } from '../../../shared/domain/link-code'
import type { AppContext } from '../../context'
import { portalLinkCodes, portals } from '../../db/schema'
import { withTransaction } from '../../db/transaction'
import { conflict, forbidden, notFound, unauthorized, unprocessable } from '../../errors'
import type { ManagerActor, PortalUserActor } from '../../http/auth/actors'
import { recordAudit } from '../audit'

function normalise(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '')
}

function hashCode(code: string): string {
  return createHash('sha256').update(normalise(code)).digest('base64url')
}

function newCode(): string {
  return linkCode(() => randomInt(LINK_CODE_ALPHABET.length))
}

/**
 * A manager issues a one-time code for a partner; whoever enters it in the app links that portal to the partner.
 * Only a hash is stored. @throws AppError `partner_not_found` (404).
 */
export async function issueLinkCode(ctx: AppContext, actor: ManagerActor, partnerId: string) {
  return withTransaction(ctx.db, async (tx) => {
    const exists = await tx.query.partners.findFirst({
      where: (partner, { eq: equals }) => equals(partner.id, partnerId),
    })
    if (!exists) throw notFound('partner_not_found', 'No partner has this id.')
    const code = newCode()
    const now = ctx.clock.now()
    const expiresAt = new Date(now.getTime() + ctx.config.LINK_CODE_TTL_HOURS * 3_600_000)
    await tx
      .insert(portalLinkCodes)
      .values({ partnerId, codeHash: hashCode(code), createdByManagerId: actor.managerId, createdAt: now, expiresAt })
    await recordAudit(tx, {
      at: now,
      actor: { type: 'manager', id: actor.managerId },
      action: 'partner.link_code_issued',
      entity: { type: 'partner', id: partnerId },
      after: { expiresAt: expiresAt.toISOString() },
    })
    return { code, expiresAt: expiresAt.toISOString() }
  })
}

/**
 * Links the caller's portal to the partner the code was issued for. Only a portal administrator may do it,
 * and a portal belongs to exactly one partner.
 * @throws AppError `portal_admin_required` (403), `portal_already_linked` (409), `link_code_invalid` (404),
 *   `link_code_used` (409), `link_code_expired` (422).
 */
export async function linkPortal(ctx: AppContext, actor: PortalUserActor, code: string): Promise<string> {
  if (!actor.isAdmin)
    throw forbidden('portal_admin_required', 'Ask an administrator of your Bitrix24 portal to link it.')
  return withTransaction(ctx.db, async (tx) => {
    const [portal] = await tx.select().from(portals).where(eq(portals.id, actor.portalId)).for('update')
    if (!portal) throw unauthorized('portal_not_installed', 'The app is not installed on this portal.')
    if (portal.partnerId) throw conflict('portal_already_linked', 'This portal is linked to a partner already.')
    const [link] = await tx
      .select()
      .from(portalLinkCodes)
      .where(eq(portalLinkCodes.codeHash, hashCode(code)))
      .for('update')
    if (!link)
      throw notFound(
        'link_code_invalid',
        'This link code is not known. Check it or ask your partner manager for a new one.',
      )
    if (link.usedAt)
      throw conflict('link_code_used', 'This link code has been used already. Ask your partner manager for a new one.')
    const now = ctx.clock.now()
    if (link.expiresAt.getTime() <= now.getTime()) {
      throw unprocessable('link_code_expired', 'This link code has expired. Ask your partner manager for a new one.')
    }
    await tx
      .update(portalLinkCodes)
      .set({ usedAt: now, usedByPortalId: portal.id })
      .where(and(eq(portalLinkCodes.id, link.id), isNull(portalLinkCodes.usedAt)))
    await tx.update(portals).set({ partnerId: link.partnerId, updatedAt: now }).where(eq(portals.id, portal.id))
    await recordAudit(tx, {
      at: now,
      actor: { type: 'partner', id: link.partnerId },
      action: 'portal.linked',
      entity: { type: 'portal', id: portal.id },
      before: { partnerId: null },
      after: { partnerId: link.partnerId, userId: actor.userId },
    })
    return link.partnerId
  })
}
