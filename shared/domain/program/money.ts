/** ISO 4217 codes the runtime knows (Intl's list of currencies). */
const KNOWN_CURRENCIES = new Set(Intl.supportedValuesOf('currency'))

export function isKnownCurrency(code: string): boolean {
  return KNOWN_CURRENCIES.has(code)
}

/** How many minor units a currency has (2 for USD and EUR, 0 for JPY, 3 for KWD). */
export function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
}

/** A rate is a plain decimal: how many units of the program currency one unit of the order's currency is worth. */
export const RATE_PATTERN = /^(?:0|[1-9]\d{0,8})(?:\.\d{1,10})?$/
const RATE_SCALE_DIGITS = 10

/**
 * `amountMinor` of `currency` in minor units of `programCurrency` at `rate`, in exact integer arithmetic,
 * rounded half up to a whole minor unit.
 */
export function convertMinor(amountMinor: number, currency: string, rate: string, programCurrency: string): number {
  if (!RATE_PATTERN.test(rate)) throw new Error(`Not a rate: ${rate}`)
  const [whole, fraction = ''] = rate.split('.')
  const scaledRate = BigInt(whole! + fraction.padEnd(RATE_SCALE_DIGITS, '0'))
  const shift = minorDigits(programCurrency) - minorDigits(currency)
  let numerator = BigInt(amountMinor) * scaledRate
  let denominator = 10n ** BigInt(RATE_SCALE_DIGITS)
  if (shift >= 0) numerator *= 10n ** BigInt(shift)
  else denominator *= 10n ** BigInt(-shift)
  return Number((numerator * 2n + denominator) / (2n * denominator))
}

/** Formats minor units for an explanation, e.g. `1,240.00 USD`. */
export function formatMinor(amountMinor: number, currency: string): string {
  const digits = minorDigits(currency)
  const value = amountMinor / 10 ** digits
  return `${value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits })} ${currency}`
}
