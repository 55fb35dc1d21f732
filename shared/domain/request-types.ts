import { z } from 'zod'
import { REQUEST_TYPES } from './request-type-codes'

export { REQUEST_TYPES, type RequestType } from './request-type-codes'

export const RequestTypeSchema = z.enum(REQUEST_TYPES).meta({ id: 'RequestType' })
