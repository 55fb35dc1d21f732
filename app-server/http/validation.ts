import type { z } from 'zod'
import type { FieldError } from '../../shared/schemas/problem.schema'
import { validationFailed } from '../errors'

/** Turns zod issues into the problem's field errors: one entry per invalid field, with a stable code. */
export function toFieldErrors(issues: readonly z.core.$ZodIssue[], prefix?: string): FieldError[] {
  const seen = new Set<string>()
  const errors: FieldError[] = []
  const add = (parts: PropertyKey[], code: string, message: string) => {
    const path = [prefix, ...parts.map(String)].filter((part) => part !== undefined && part !== '').join('.')
    if (seen.has(path)) return
    seen.add(path)
    errors.push({ path: path || '(root)', code, message })
  }
  for (const issue of issues) {
    // An unknown key is reported at its own path, so a client can point at the field it should not send.
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) add([...issue.path, key], issue.code, 'is not a known field')
    } else {
      add(issue.path, issue.code, issue.message)
    }
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
