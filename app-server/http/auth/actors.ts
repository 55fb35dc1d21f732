import type { Response } from 'express'
import type { ManagerRole } from '../../../shared/domain/manager-roles'
import { unauthorized } from '../../errors'

/** The partner acting through a verified session. */
export interface PartnerActor {
  partnerId: string
  portalId: string | null
  userId: string | null
  isAdmin: boolean
}

/** A Bitrix24 user of an installed portal, whether or not the portal is linked to a partner yet. */
export interface PortalUserActor {
  portalId: string
  partnerId: string | null
  userId: string | null
  isAdmin: boolean
}

/** The manager acting through a verified session. */
export interface ManagerActor {
  managerId: string
  sessionId: string
  email: string
  role: ManagerRole
  /** How the session came: the console's cookie (checked against cross-site requests) or a Bearer token. */
  via: 'cookie' | 'bearer'
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      partner?: PartnerActor
      portalUser?: PortalUserActor
      manager?: ManagerActor
    }
  }
}

export function partnerOf(res: Response): PartnerActor {
  if (!res.locals.partner) throw unauthorized('missing_session', 'Sign in through the Bitrix24 app first.')
  return res.locals.partner
}

export function portalUserOf(res: Response): PortalUserActor {
  if (!res.locals.portalUser) throw unauthorized('missing_session', 'Open the app from your Bitrix24 portal first.')
  return res.locals.portalUser
}

export function managerOf(res: Response): ManagerActor {
  if (!res.locals.manager) throw unauthorized('missing_session', 'Sign in as a manager first.')
  return res.locals.manager
}

/** The bearer token of a request, if it sent one. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)$/i.exec(header ?? '')
  return match?.[1]
}
