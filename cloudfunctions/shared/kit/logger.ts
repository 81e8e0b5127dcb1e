import { maskPhonesInText } from '../domain/phone';

/**
 * Structured JSON logs, one line per entry, always carrying the request id. Never log secrets:
 * fields are redacted by key name at any depth, phone numbers in strings are masked, and a log
 * call never throws (circular references, BigInt, throwing getters are all rendered safely).
 */
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

const REDACTED = '[redacted]';
const MAX_DEPTH = 8;
const MAX_STRING = 4000;

/**
 * Key names (lower-cased, with `-`, `_`, `.` and spaces removed, so `X-Api-Key`, `api_key` and
 * `apiKey` are the same) whose values are never logged, at any depth.
 */
const SECRET_KEY_PARTS =
  /secret|passw(or)?d|token|signature|authori[sz]ation|cookie|credential|privatekey|sessionkey|masterkey|apikey|apiv\d+key|aeskey|signkey|accesskey/;
const SECRET_KEY_NAMES = /^(?:(?:x|xwx|wx|pay|xtc|tc3)?sign|pwd|auth|otp|cvv|pin)$/;

function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[-_.\s]/g, '');
}

export function isSecretLogKey(key: string): boolean {
  const normalized = normalizeKey(key);
  return SECRET_KEY_NAMES.test(normalized) || SECRET_KEY_PARTS.test(normalized);
}

/** `phone`, `mobile`, `purePhoneNumber` …: a number stored as a number is masked too. */
function isPhoneKey(key: string): boolean {
  return /phone|mobile/.test(normalizeKey(key));
}

/** `password=…`, `api_key: …`, `sign=…` inside free text (error messages, query strings). */
const SECRET_IN_TEXT =
  /\b((?:[a-z0-9]+[-_])*(?:password|passwd|pwd|secret|token|api[-_]?key|apiv3key|sign|signature|session[-_]?key|authorization|cookie))(\s*[=:]\s*)("?)[^\s&,;"']+/gi;

/** Masks phone numbers and inline credentials inside free text, and caps its length. */
function cleanText(text: string): string {
  const masked = maskPhonesInText(text)
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`)
    .replace(SECRET_IN_TEXT, `$1$2$3${REDACTED}`);
  return masked.length > MAX_STRING ? `${masked.slice(0, MAX_STRING)}…[${masked.length - MAX_STRING} more chars]` : masked;
}

function typeTag(value: object): string {
  return Object.prototype.toString.call(value).slice(8, -1);
}

/** A JSON-safe copy of `value` with secrets redacted; never throws. `ancestors` detects cycles. */
function sanitize(value: unknown, ancestors: object[], depth: number): unknown {
  switch (typeof value) {
    case 'string':
      return cleanText(value);
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'boolean':
      return value;
    case 'bigint':
      return value.toString();
    case 'symbol':
      return value.toString();
    case 'function':
    case 'undefined':
      return undefined;
    default:
      break;
  }
  if (value === null) return null;
  const object = value as object;
  if (ancestors.includes(object)) return '[Circular]';
  const tag = typeTag(object);
  if (tag === 'Date') {
    const time = (object as Date).getTime();
    return Number.isNaN(time) ? 'Invalid Date' : (object as Date).toISOString();
  }
  if (tag === 'RegExp') return String(object);
  if (typeof Buffer !== 'undefined' && Buffer.isBuffer(object)) return `[Buffer ${object.length} bytes]`;
  if (ArrayBuffer.isView(object)) return `[${tag} ${object.byteLength} bytes]`;
  if (depth >= MAX_DEPTH) return Array.isArray(object) ? '[Array]' : '[Object]';
  const inner = [...ancestors, object];
  if (Array.isArray(object)) return object.map((item) => sanitize(item, inner, depth + 1) ?? null);
  if (tag === 'Map')
    return sanitizeEntries(
      [...(object as Map<unknown, unknown>).entries()].map(([key, item]) => [String(key), item]),
      inner,
      depth,
    );
  if (tag === 'Set') return [...(object as Set<unknown>)].map((item) => sanitize(item, inner, depth + 1) ?? null);
  const isError = tag === 'Error' || object instanceof Error;
  const toJSON = (object as { toJSON?: unknown }).toJSON;
  if (!isError && typeof toJSON === 'function') {
    // what JSON.stringify would log (dayjs, ObjectId, Decimal …), cleaned the same way
    const json: unknown = toJSON.call(object);
    return json === object ? '[Object]' : sanitize(json, inner, depth + 1);
  }
  const entries: [string, unknown][] = [];
  if (isError) {
    const error = object as Error;
    // own enumerable fields (code, details …) plus what JSON.stringify would drop
    entries.push(['name', error.name], ['message', error.message]);
    if (error.stack) entries.push(['stack', error.stack]);
  }
  for (const key of Object.keys(object)) {
    let item: unknown;
    try {
      item = (object as Record<string, unknown>)[key];
    } catch {
      item = '[Unreadable]';
    }
    entries.push([key, item]);
  }
  return sanitizeEntries(entries, inner, depth);
}

function sanitizeEntries(entries: [string, unknown][], ancestors: object[], depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, item] of entries) {
    if (isSecretLogKey(key)) {
      out[key] = REDACTED;
      continue;
    }
    if (typeof item === 'number' && isPhoneKey(key)) {
      const masked = cleanText(String(item));
      out[key] = masked === String(item) ? item : masked;
      continue;
    }
    const clean = sanitize(item, ancestors, depth + 1);
    if (clean !== undefined) out[key] = clean;
  }
  return out;
}

/** Redacted, JSON-safe copy of log fields (exported for tests and for anyone building log lines). */
export function redactLogFields(fields: Record<string, unknown>): Record<string, unknown> {
  try {
    const clean = sanitize(fields, [], 0);
    return clean !== null && typeof clean === 'object' && !Array.isArray(clean) ? (clean as Record<string, unknown>) : { value: clean };
  } catch (error) {
    return { logFieldsError: `fields could not be logged: ${safeMessage(error)}` };
  }
}

function safeMessage(error: unknown): string {
  try {
    return cleanText(error instanceof Error ? error.message : String(error));
  } catch {
    return 'unknown error';
  }
}

function render(level: LogLevel, requestId: string, msg: string, base: Record<string, unknown>, fields: Record<string, unknown>): string {
  const head = { level, time: new Date().toISOString(), requestId: cleanText(String(requestId)) };
  try {
    return JSON.stringify({ ...head, ...redactLogFields(base), msg: cleanText(String(msg)), ...redactLogFields(fields ?? {}) });
  } catch (error) {
    return JSON.stringify({ ...head, msg: safeMessage(msg), logError: safeMessage(error) });
  }
}

export function createLogger(requestId: string, base: Record<string, unknown> = {}): Logger {
  const write = (level: LogLevel, msg: string, fields: Record<string, unknown> = {}) => {
    try {
      if (LEVELS[level] < threshold()) return;
      const line = render(level, requestId, msg, base, fields);
      (level === 'error' || level === 'warn' ? console.error : console.log)(line);
    } catch {
      // logging must never break the request it describes
    }
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
