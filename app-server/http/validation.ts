import type { z } from 'zod'
import type { FieldError } from '../../shared/schemas/problem.schema'
import { validationFailed } from '../errors'

/** Turns zod issues into the problem's field errors: one entry per invalid field, with a stable code. */
export function toFieldErrors(issues: readonly z.core.$ZodIssue[], prefix?: string): FieldError[] {
  const seen = new Set<string>()
  const errors: FieldError[] = []
  for (const issue of issues) {
    const path = [prefix, ...issue.path.map(String)].filter((part) => part !== undefined && part !== '').join('.')
    if (seen.has(path)) continue
    seen.add(path)
    errors.push({ path: path || '(root)', code: issue.code, message: issue.message })
  }
  return errors
}

/**
 * Parses `value` with `schema`.
 * @throws AppError `validation_failed` (400) listing every invalid field.
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, prefix?: string): z.output<S> {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  throw validationFailed(toFieldErrors(result.error.issues, prefix))
}
