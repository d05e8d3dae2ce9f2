import { pino, type Logger } from 'pino';

/** One HTTP request, as the request log writes it: never a header, a cookie, a query string or a body. */
export interface RequestLogEntry {
  requestId: string;
  method: string;
  /** The route that answered, as registered (`/api/rounds/:roundId`), so that lines group by it. */
  route: string;
  /** The path asked for, without its query string (a callback's `code` stays out of the log). */
  path: string;
  status: number;
  /** Until the answer began (a live stream's or socket's lifetime is not in it). */
  ms: number;
  /** The signed-in account, or null. */
  account: string | null;
}

/** Keys whose values never reach the log, wherever they appear in what is logged. */
const REDACTED = [
  'password',
  '*.password',
  'cookie',
  '*.cookie',
  'headers.cookie',
  'headers.authorization',
  '*.headers.cookie',
  '*.headers.authorization',
  'token',
  '*.token',
  'idToken',
  '*.idToken',
  'id_token',
  '*.id_token',
  'code',
  '*.code',
];

/** The production log: JSON lines on standard output (pino), at `level` (LOG_LEVEL). */
export function createLogger(level = 'info', destination: NodeJS.WritableStream = process.stdout): Logger {
  return pino(
    {
      level,
      base: { service: 'samskriv' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

/** The server's messages (`ServerOptions.log`: one line of text each) as log lines, failures as warnings. */
export function messageLog(logger: Logger): (message: string) => void {
  return (message) => {
    if (/^unhandled error/.test(message)) logger.error(message);
    else if (/\b(failed|could not|cannot|refused|dropped)\b/i.test(message) && !/^sign-in failed/.test(message)) logger.warn(message);
    else logger.info(message);
  };
}

/** The request log: one line per request, with its id, route, status, time and account. */
export function requestLog(logger: Logger): (entry: RequestLogEntry) => void {
  return (entry) => logger.info({ ...entry, kind: 'request' }, `${entry.method} ${entry.route} ${entry.status} ${entry.ms} ms`);
}
