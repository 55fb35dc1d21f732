import { existsSync } from 'node:fs'
import { isAbsolute, relative, resolve } from 'node:path'
import { z } from 'zod'
import { DEFAULT_RATING_TIERS, RATING_TIER_IDS } from '../shared/domain/rating'

/** Bitrix24 cloud portal domains that may frame the partner app; on-premise portals are added per install. */
export const BITRIX24_CLOUD_FRAME_ANCESTORS = [
  'https://*.bitrix24.com',
  'https://*.bitrix24.eu',
  'https://*.bitrix24.de',
  'https://*.bitrix24.es',
  'https://*.bitrix24.fr',
  'https://*.bitrix24.it',
  'https://*.bitrix24.pl',
  'https://*.bitrix24.uk',
  'https://*.bitrix24.in',
  'https://*.bitrix24.com.br',
  'https://*.bitrix24.com.tr',
  'https://*.bitrix24.id',
  'https://*.bitrix24.vn',
  'https://*.bitrix24.jp',
  'https://*.bitrix24.cn',
  'https://*.bitrix24.ru',
  'https://*.bitrix24.by',
  'https://*.bitrix24.kz',
  'https://*.bitrix24.ua',
]

/**
 * The longest a Bitrix24 portal runs one REST call (a batch included) before it stops it: 60 seconds. An add the
 * app stopped waiting for may still land until then, so it is looked up, or sent again, only after this long.
 * Limits of the cloud service: D:limits (https://apidocs.bitrix24.com/limits.html).
 */
export const BITRIX24_EXECUTION_LIMIT_SECONDS = 60

const booleanFlag = z
  .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1')

const positiveInt = z.coerce
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(1, 'must be at least 1')

const originList = z
  .string()
  .transform((value) => value.split(/[\s,]+/).filter(Boolean))
  .pipe(z.array(z.string().regex(/^(https?:\/\/[^\s/]+|\*)$/, 'must be a list of origins like https://example.com')))

/** One number per rating tier, lowest tier first, e.g. `2,5,8,10`. */
const listError = `must be ${RATING_TIER_IDS.length} numbers separated by commas, lowest tier first`
const perTier = (whole: boolean, min: number, defaults: number[]) =>
  z
    .string()
    .transform((value) => value.split(',').map((part) => Number(part.trim())))
    .pipe(
      z
        .array(
          (whole ? z.number({ error: listError }).int(listError) : z.number({ error: listError }))
            .min(min, `each must be at least ${min}`)
            .max(1_000_000, 'each must be at most 1000000'),
        )
        .length(RATING_TIER_IDS.length, listError),
    )
    .default(defaults)

const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce
    .number({ error: 'must be a port number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535')
    .default(3000),
  PUBLIC_URL: z.url({ error: 'must be an absolute URL such as https://requests.example.com' }).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number({ error: 'must be a number' }).int().min(1).max(200).default(20),
  PGLITE_DIR: z.string().min(1).default('./data'),
  MIGRATE_ON_START: booleanFlag.default(true),
  ROLE: z.enum(['all', 'web', 'worker']).default('all'),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'must be a size such as 100kb')
    .default('100kb'),
  TRUST_PROXY: z.string().default('loopback'),
  PORTAL_FRAME_ANCESTORS: originList.default([]),
  FORM_FRAME_ANCESTORS: originList.default(['*']),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number({ error: 'must be a number' }).int().min(0).default(10_000),
  APP_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Where the secret is read from when APP_SECRET is unset, and generated for an embedded database. */
  APP_SECRET_FILE: z.string().min(1).default('./app-secret'),
  PARTNER_SESSION_TTL_SECONDS: positiveInt.default(3_600),
  MANAGER_SESSION_TTL_HOURS: positiveInt.default(12),
  /** A manager session unused this long ends (each use extends it), whatever its absolute lifetime. */
  MANAGER_IDLE_MINUTES: positiveInt.default(30),
  RESERVATION_OPEN_LIMIT: positiveInt.default(10),
  REQUEST_TTL_DAYS: positiveInt.default(30),
  DUPLICATE_WINDOW_DAYS: positiveInt.default(30),
  REQUEST_RATE_LIMIT: positiveInt.default(5),
  REQUEST_RATE_WINDOW_SECONDS: positiveInt.default(3_600),
  LOGIN_RATE_LIMIT: positiveInt.default(10),
  /** Failed manager sign-ins per account (e-mail) per 15 minutes, from any address. */
  LOGIN_ACCOUNT_RATE_LIMIT: positiveInt.default(10),
  STATUS_RATE_LIMIT: positiveInt.default(120),
  STATUS_RATE_WINDOW_SECONDS: positiveInt.default(600),
  FEEDBACK_AFTER_DAYS: positiveInt.default(7),
  PASSWORD_HASH_COST: z.enum(['standard', 'fast']).default('standard'),
  B24_CLIENT_ID: z.string().min(1).optional(),
  B24_CLIENT_SECRET: z.string().min(1).optional(),
  B24_OAUTH_URL: z
    .url({ error: 'must be the OAuth server URL, e.g. https://oauth.bitrix.info' })
    .default('https://oauth.bitrix.info'),
  B24_ALLOW_HTTP: booleanFlag.default(false),
  /** How long a portal may run one REST call; tests shorten it. */
  B24_EXECUTION_LIMIT_SECONDS: positiveInt.default(BITRIX24_EXECUTION_LIMIT_SECONDS),
  /**
   * How long the app waits for a portal's answer to one REST call before it gives up on it: by default a little
   * longer than the portal's own limit, so an answer the portal sends is received.
   */
  B24_CALL_TIMEOUT_SECONDS: positiveInt.default(BITRIX24_EXECUTION_LIMIT_SECONDS + 5),
  LINK_CODE_TTL_HOURS: positiveInt.default(72),
  /** Link code attempts per portal, and per client address, per window. */
  LINK_CODE_RATE_LIMIT: positiveInt.default(10),
  LINK_CODE_RATE_WINDOW_SECONDS: positiveInt.default(900),
  /** How long claimed work (a job, a lead batch) stays with a worker that stopped: a crash delays it this long. */
  WORKER_LEASE_SECONDS: positiveInt.default(300),
  /** First retry of a failed CRM call; each further retry waits twice as long, at most an hour. */
  CRM_RETRY_BASE_SECONDS: positiveInt.default(30),
  /** The longest wait between two tries of a CRM call. */
  CRM_RETRY_MAX_SECONDS: positiveInt.default(3_600),
  /** How often every installed portal's CRM is read for the changes whose events the app missed. */
  RECONCILE_EVERY_SECONDS: positiveInt.default(600),
  DEMO: z.enum(['auto', 'off']).default('auto'),
  /** Eight weeks of back-dated history for the console's charts and queues; `off` keeps the demo's portals alone. */
  DEMO_HISTORY: z.enum(['on', 'off']).default('on'),
  DEMO_PORTAL_PORT: z.coerce
    .number({ error: 'must be a port number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535')
    .default(3001),
  RATING_OPEN_LIMITS: perTier(
    true,
    1,
    DEFAULT_RATING_TIERS.map((tier) => tier.openLimit),
  ),
  RATING_MONTHLY_LIMITS: perTier(
    true,
    1,
    DEFAULT_RATING_TIERS.map((tier) => tier.monthlyLimit),
  ),
  RATING_EARLY_ACCESS_HOURS: perTier(
    false,
    0,
    DEFAULT_RATING_TIERS.map((tier) => tier.earlyAccessHours),
  ),
  RATING_FIRST_CONTACT_HOURS: positiveInt.default(72),
  RATING_STALE_GRACE_HOURS: positiveInt.default(48),
  RATING_RETURN_WINDOW_DAYS: positiveInt.default(7),
})

/** A path inside a directory (or the directory itself), as resolved from the working directory. */
function isInside(path: string, directory: string): boolean {
  const rel = relative(resolve(directory), resolve(path))
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}

// A copy of the data directory must not carry the key that decrypts the portal tokens stored in it.
const ConfigWithRules = ConfigSchema.superRefine((config, ctx) => {
  if (!config.PGLITE_DIR.startsWith('memory://') && isInside(config.APP_SECRET_FILE, config.PGLITE_DIR)) {
    ctx.addIssue({ code: 'custom', path: ['APP_SECRET_FILE'], message: 'must be outside PGLITE_DIR' })
  }
})

export type Config = z.infer<typeof ConfigSchema>

/** Loads `.env` from the working directory when there is one; variables already set win. */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path)
}

/** Thrown when the environment does not describe a runnable configuration. */
export class ConfigError extends Error {}

/**
 * Parses the environment into the app's configuration.
 * @throws ConfigError whose message names the first wrong variable in one line, e.g. `PORT=abc: must be a port number`.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = ConfigWithRules.safeParse(stripEmpty(env))
  if (result.success) return result.data
  const issue = result.error.issues[0]
  const name = String(issue?.path[0] ?? 'environment')
  const value = env[name]
  const shown = value === undefined ? `${name} is missing` : `${name}=${isSecretName(name) ? '***' : value}`
  throw new ConfigError(`Invalid configuration: ${shown}: ${issue?.message ?? 'invalid value'}`)
}

// An empty variable (`PORT=`) means "use the default", as in most twelve-factor apps.
function stripEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => Boolean(entry[1])))
}

function isSecretName(name: string): boolean {
  return /SECRET|PASSWORD|TOKEN|DATABASE_URL|KEY/.test(name)
}
