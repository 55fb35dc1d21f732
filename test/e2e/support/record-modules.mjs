// Loaded with `node --import`: records the URL of every module the process resolves in the file named by
// RECORD_MODULES_TO, so a test can tell which code a server loaded.
import { register } from 'node:module'

register('./record-modules-hooks.mjs', import.meta.url, { data: { file: process.env.RECORD_MODULES_TO } })
