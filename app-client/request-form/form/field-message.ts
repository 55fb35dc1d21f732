import { useI18n } from 'vue-i18n'
import type { FieldProblem } from './request-draft'

/**
 * Words a field problem in the UI language. The zod issue code picks the message (the browser and the
 * server report the same codes), then the field's general one; the schema's English text is the last resort.
 */
export function useFieldMessage() {
  const { t, te } = useI18n()
  return (path: string, problem: FieldProblem): string => {
    // `types.3` (an unknown type) is a problem of the types field.
    const field = path.replace(/\.\d+$/, '')
    const exact = `fieldErrors.${field}.${problem.code}`
    if (te(exact)) return t(exact)
    const general = `fieldErrors.${field}.invalid`
    return te(general) ? t(general) : problem.message
  }
}
