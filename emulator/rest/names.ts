/** Upper-cases top-level keys (later keys win), as the portal does before reading parameters. */
export function upperKeys(params: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).map(([key, value]) => [key.toUpperCase(), value]))
}

/** Method names are case-insensitive, and `crm.lead.get.json` means `crm.lead.get` (D:settings/how-to-call-rest-api/general-principles). */
export function normalizeMethodName(raw: string): string {
  return raw
    .trim()
    .toLowerCase()
    .replace(/\.json$/, '')
}
