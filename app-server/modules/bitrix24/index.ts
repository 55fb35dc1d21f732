export { bitrix24ApiRoutes, bitrix24PortalRouter, type Bitrix24Deps } from './bitrix24.routes'
export { PortalClients } from './portal-clients'
export { saveReconcileCursor } from './portals.repository'
export { SessionIssuer } from './session.service'
export { TokenCipher } from './token-cipher'
export {
  CRM_BATCH_LIMIT,
  CRM_LEAD_SOURCE_ID,
  CRM_ORIGINATOR_ID,
  CRM_REQUEST_ID_FIELD,
  crmGateway,
  type AddOutcome,
  type CrmDeal,
  type CrmGateway,
  type CrmLead,
} from './crm-gateway'
