import type { OrderFact } from './facts'

/** Orders that count for a sales target between `from` (inclusive) and `to` (exclusive): not excluded (3.2). */
export function countingOrders(orders: readonly OrderFact[], from: Date, to: Date): OrderFact[] {
  const start = from.getTime()
  const end = to.getTime()
  return orders.filter((order) => {
    const at = order.orderedAt.getTime()
    return !order.excluded && at >= start && at < end
  })
}

export function salesTotal(orders: readonly OrderFact[]): number {
  let total = 0
  for (const order of orders) total += order.programAmountMinor
  return total
}

export function distinctClients(orders: readonly OrderFact[]): number {
  return new Set(orders.map((order) => order.clientKey)).size
}
