/** Structured JSON logs, one line per entry, always carrying the request id. Never log secrets. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  requestId: string;
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

const LEVELS: Record<LogLevel | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

function threshold(): number {
  return LEVELS[(process.env.LOG_LEVEL as LogLevel | 'silent' | undefined) ?? 'info'] ?? LEVELS.info;
}

const SECRET_KEYS = /secret|password|token|signature|apikey|api_key|privatekey|authorization/i;

function redact(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] = SECRET_KEYS.test(key) ? '[redacted]' : value;
  }
  return out;
}

export function createLogger(requestId: string, base: Record<string, unknown> = {}): Logger {
  const write = (level: LogLevel, msg: string, fields: Record<string, unknown> = {}) => {
    if (LEVELS[level] < threshold()) return;
    const line = JSON.stringify({ level, time: new Date().toISOString(), requestId, ...redact(base), msg, ...redact(fields) });
    (level === 'error' || level === 'warn' ? console.error : console.log)(line);
  };
  return {
    requestId,
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (fields) => createLogger(requestId, { ...base, ...fields }),
  };
}
