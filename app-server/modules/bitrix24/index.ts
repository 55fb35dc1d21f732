export { bitrix24ApiRoutes, bitrix24PortalRouter, type Bitrix24Deps } from './bitrix24.routes'
export { PortalClients } from './portal-clients'
export { SessionIssuer } from './session.service'
export { TokenCipher } from './token-cipher'
