/**
 * Whether the app is installed on a Bitrix24 portal: `needs_reauth` when the OAuth server refused the portal's
 * refresh token and an administrator has to reopen the app.
 */
export const PORTAL_STATUSES = ['installed', 'uninstalled', 'needs_reauth'] as const
export type PortalStatus = (typeof PORTAL_STATUSES)[number]
