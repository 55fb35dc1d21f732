import { z } from 'zod'

/** One invalid field of a request, as reported inside a 400 problem. */
export const FieldErrorSchema = z
  .object({
    path: z.string().meta({ description: 'Dotted path of the field, e.g. `contact.email`.' }),
    code: z.string().meta({ description: 'Stable snake_case code, e.g. `too_small`, `invalid_format`.' }),
    message: z.string(),
  })
  .meta({ id: 'FieldError' })
export type FieldError = z.infer<typeof FieldErrorSchema>

/**
 * RFC 9457 problem details, the one error body of the API.
 * `code` is stable and machine-readable; `title` and `detail` are for people.
 */
export const ProblemSchema = z
  .object({
    type: z.string().meta({ description: 'URI reference naming the problem type.' }),
    title: z.string(),
    status: z.number().int().min(400).max(599),
    detail: z.string().optional(),
    instance: z.string().optional(),
    code: z.string().regex(/^[a-z][a-z0-9_]*$/),
    requestId: z.string().optional(),
    errors: z.array(FieldErrorSchema).optional(),
  })
  .catchall(z.unknown())
  .meta({ id: 'Problem' })
export type Problem = z.infer<typeof ProblemSchema>
