import type { Clock } from './clock'
import type { Config } from './config'
import type { Db } from './db/client'
import type { Logger } from './logger'

/** What every module's services need from the running app; built once in createApp. */
export interface AppContext {
  db: Db
  clock: Clock
  logger: Logger
  config: Config
  appSecret: string
}
