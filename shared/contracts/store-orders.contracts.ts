import { OrderSchema, StoreOrderBodySchema } from '../schemas/program.schema'
import { defineContract } from './contract'

export const receiveStoreOrder = defineContract({
  tags: ['Store integration'],
  security: 'integrationKey',
  method: 'post',
  path: '/api/system/program/orders',
  operationId: 'receiveStoreOrder',
  summary: 'Send an order from the store',
  description:
    'Idempotent by `orderId`: the same order again is answered 200 with the order recorded the first time; a ' +
    'different order under the same id is a 409. Audited.',
  body: StoreOrderBodySchema,
  responses: {
    201: { description: 'The order was recorded.', schema: OrderSchema },
    200: { description: 'This order was recorded already.', schema: OrderSchema },
  },
  problems: {
    integration_key_missing: 'No `X-Api-Key` header.',
    integration_key_invalid: 'The key is unknown or revoked.',
    order_partner_unknown: 'No partner has this `partnerCode`.',
    negative_amount: 'An amount is below zero; `field` names it.',
    unknown_currency: 'The currency is not an ISO 4217 code.',
    rate_required: 'The currency does not count 1:1 with the program currency, so a rate is needed.',
    rate_not_one: 'The currency counts 1:1 with the program currency; a rate other than 1 is refused.',
    order_in_future: 'The order date is later than now.',
    order_conflict: 'Another order was recorded under this order id.',
  },
})
