/** Hours and minutes left until `until`, at least one minute: what a countdown to a time the server gave shows. */
export function timeLeft(until: Date, now: number): { hours: number; minutes: number } {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now) / 60_000))
  return { hours: Math.floor(minutes / 60), minutes: minutes % 60 }
}
