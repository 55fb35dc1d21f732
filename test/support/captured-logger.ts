import { Writable } from 'node:stream'
import { createLogger, type Logger } from '../../app-server/logger'

export interface CapturedLogger {
  logger: Logger
  /** Every line written so far, raw JSON text. */
  lines: string[]
}

/** A real app logger (same redaction) whose output is kept in memory, so tests can scan it. */
export function captureLogger(level = 'debug'): CapturedLogger {
  const lines: string[] = []
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean))
      callback()
    },
  })
  return { logger: createLogger({ level, destination }), lines }
}
