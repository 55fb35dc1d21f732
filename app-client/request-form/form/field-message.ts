import { useI18n } from 'vue-i18n'
import { DESCRIPTION_MIN_LENGTH, REQUEST_TEXT_LIMITS } from '@shared/domain/request-limits'
import { formatNumber } from '../format'
import type { FieldProblem } from './request-draft'

/** The limits the messages name, from the request schema's own numbers. */
const LIMITS: Record<string, { max?: number; min?: number }> = {
  'contact.name': { max: REQUEST_TEXT_LIMITS.name },
  'contact.company': { max: REQUEST_TEXT_LIMITS.company },
  city: { max: REQUEST_TEXT_LIMITS.city },
  description: { max: REQUEST_TEXT_LIMITS.description, min: DESCRIPTION_MIN_LENGTH },
}

/**
 * Words a field problem in the UI language. The zod issue code picks the message (the browser and the
 * server report the same codes), then the field's general one; the schema's English text is the last resort.
 */
export function useFieldMessage() {
  const { t, te, locale } = useI18n()
  return (path: string, problem: FieldProblem): string => {
    // `types.3` (an unknown type) is a problem of the types field.
    const field = path.replace(/\.\d+$/, '')
    const limits = LIMITS[field] ?? {}
    const params = Object.fromEntries(
      Object.entries(limits).map(([name, value]) => [name, formatNumber(value, locale.value)]),
    )
    const exact = `fieldErrors.${field}.${problem.code}`
    if (te(exact)) return t(exact, params)
    const general = `fieldErrors.${field}.invalid`
    return te(general) ? t(general, params) : problem.message
  }
}
