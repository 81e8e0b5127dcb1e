/**
 * The simulated POS's TLS certificate: generated offline at the first start (node:crypto only,
 * no package, no network) and kept in the data folder, so restarts keep trusting the same one.
 * A self-signed P-256 certificate for `localhost`, 127.0.0.1 and ::1, usable as its own trust
 * anchor: the functions trust it through configuration (OUTBOUND_CA_PEM), nothing else does.
 *
 * Node has no API that writes an X.509 certificate, so the few DER structures it needs are
 * encoded here (RFC 5280): TBSCertificate, signed with ECDSA-SHA256.
 */
import { createPrivateKey, generateKeyPairSync, randomBytes, sign, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PosTls {
  cert: string;
  key: string;
}

function der(tag: number, content: Buffer): Buffer {
  const n = content.length;
  const length = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, content]);
}
const seq = (...parts: Buffer[]) => der(0x30, Buffer.concat(parts));
const set = (...parts: Buffer[]) => der(0x31, Buffer.concat(parts));
const octets = (content: Buffer) => der(0x04, content);
const bits = (content: Buffer) => der(0x03, Buffer.concat([Buffer.from([0]), content]));
const explicit = (n: number, content: Buffer) => der(0xa0 | n, content);

function integer(value: Buffer): Buffer {
  const trimmed = value[0] & 0x80 ? Buffer.concat([Buffer.from([0]), value]) : value;
  return der(0x02, trimmed);
}

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const bytes = [a * 40 + b];
  for (const part of rest) {
    const chunk = [part & 0x7f];
    for (let v = part >> 7; v > 0; v >>= 7) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return der(0x06, Buffer.from(bytes));
}

/** UTCTime until 2049, GeneralizedTime after, as RFC 5280 §4.1.2.5 requires. */
function time(date: Date): Buffer {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return date.getUTCFullYear() < 2050 ? der(0x17, Buffer.from(`${iso.slice(2)}Z`)) : der(0x18, Buffer.from(`${iso}Z`));
}

const ECDSA_SHA256 = seq(oid('1.2.840.10045.4.3.2'));

function name(commonName: string): Buffer {
  return seq(set(seq(oid('2.5.4.3'), der(0x0c, Buffer.from(commonName, 'utf8')))));
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return seq(oid(id), ...(critical ? [der(0x01, Buffer.from([0xff]))] : []), octets(value));
}

/**
 * A positive serial in minimal DER: the first byte 0x01–0x7f. A first byte of 0x00 followed by one
 * below 0x80 is "illegal padding" in DER, and OpenSSL refuses the whole certificate (about one random
 * serial in 256 did that before).
 */
export function positiveSerial(bytes: Buffer): Buffer {
  const serial = Buffer.from(bytes);
  serial[0] = serial[0] & 0x7f || 0x01;
  return serial;
}

export function generatePosTls(now: Date = new Date(), serialBytes: Buffer = randomBytes(16)): PosTls {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const serial = positiveSerial(serialBytes);
  const subject = name('Climate POS simulator (local emulator)');
  const altNames = seq(
    der(0x82, Buffer.from('localhost')), // dNSName
    der(0x87, Buffer.from([127, 0, 0, 1])), // iPAddress
    der(0x87, Buffer.concat([Buffer.alloc(15), Buffer.from([1])])), // ::1
  );
  const tbs = seq(
    explicit(0, integer(Buffer.from([2]))), // v3
    integer(serial),
    ECDSA_SHA256,
    subject,
    seq(time(new Date(now.getTime() - 3_600_000)), time(new Date(now.getTime() + 10 * 365 * 86_400_000))),
    subject,
    publicKey.export({ type: 'spki', format: 'der' }),
    explicit(
      3,
      seq(
        extension('2.5.29.19', true, seq(der(0x01, Buffer.from([0xff])))), // basicConstraints CA:TRUE (its own anchor)
        extension('2.5.29.15', true, der(0x03, Buffer.from([0x02, 0x84]))), // keyUsage digitalSignature, keyCertSign
        extension('2.5.29.37', false, seq(oid('1.3.6.1.5.5.7.3.1'))), // extKeyUsage serverAuth
        extension('2.5.29.17', false, altNames),
      ),
    ),
  );
  const certificate = seq(tbs, ECDSA_SHA256, bits(sign('sha256', tbs, privateKey)));
  const base64 = certificate.toString('base64').replace(/.{64}/g, '$&\n');
  return {
    cert: `-----BEGIN CERTIFICATE-----\n${base64.replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`,
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
  };
}

/** A stored pair OpenSSL accepts (one written by an older, faulty generator is made again). */
function readable(certFile: string, keyFile: string): boolean {
  try {
    new X509Certificate(readFileSync(certFile, 'utf8'));
    createPrivateKey(readFileSync(keyFile, 'utf8'));
    return true;
  } catch {
    return false;
  }
}

/** The data folder's certificate, created on first use. */
export function loadPosTls(dataDir: string): PosTls {
  const dir = join(dataDir, 'pos-simulator');
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  if (!existsSync(certFile) || !existsSync(keyFile) || !readable(certFile, keyFile)) {
    mkdirSync(dir, { recursive: true });
    const tls = generatePosTls();
    // written then renamed: a start stopped half-way never leaves a truncated key or certificate behind
    writeFileSync(`${keyFile}.tmp`, tls.key, { mode: 0o600 });
    writeFileSync(`${certFile}.tmp`, tls.cert);
    renameSync(`${keyFile}.tmp`, keyFile);
    renameSync(`${certFile}.tmp`, certFile);
  }
  return { cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8') };
}
