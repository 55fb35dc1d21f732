import { hash, verify } from '@node-rs/argon2'

/** Argon2id with OWASP's recommended parameters; `fast` is for tests only. */
const COSTS = {
  standard: { memoryCost: 19_456, timeCost: 2, parallelism: 1 },
  fast: { memoryCost: 1_024, timeCost: 1, parallelism: 1 },
} as const

export type PasswordHashCost = keyof typeof COSTS

export function hashPassword(password: string, cost: PasswordHashCost = 'standard'): Promise<string> {
  return hash(password, COSTS[cost])
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

// Verifying against this when the e-mail is unknown keeps the response time the same either way.
export const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$IlrmWv03Ks4kbTU1L88YJA$lo1R4/vvbUodM27gaW3XuNQ1sQrrPjgWlv4EuW6qG2I'
