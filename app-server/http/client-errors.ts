import type { Server } from 'node:http'
import type { Duplex } from 'node:stream'
import { PROBLEMS, type ProblemCode } from '../../shared/contracts/problems'
import { PROBLEM_CONTENT_TYPE, problemType } from './problem'

/**
 * Node answers a request whose line or headers do not parse (headers over `--max-http-header-size`, 16 KiB by
 * default; bad framing) before Express sees it, with a bare `431`/`400` and no body. This answers those with the
 * same problem body as every other error; a request timeout keeps Node's own `408`.
 */
export function answerClientErrorsWithProblems(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable) return socket.destroy()
    if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT')
      return socket.end('HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n')
    const code: ProblemCode = error.code === 'HPE_HEADER_OVERFLOW' ? 'headers_too_large' : 'malformed_request'
    socket.end(rawProblemResponse(code))
  })
}

const REASONS: Record<number, string> = { 400: 'Bad Request', 431: 'Request Header Fields Too Large' }

function rawProblemResponse(code: 'headers_too_large' | 'malformed_request'): string {
  const { status, title } = PROBLEMS[code]
  const body = JSON.stringify({ type: problemType(code), title, status, code })
  return [
    `HTTP/1.1 ${status} ${REASONS[status] ?? title}`,
    `Content-Type: ${PROBLEM_CONTENT_TYPE}`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n')
}
