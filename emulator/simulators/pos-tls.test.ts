import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePosTls, loadPosTls, positiveSerial } from './pos-tls';

describe('simulated POS certificate', () => {
  it('is valid DER whatever the random serial: a leading zero byte no longer makes "illegal padding"', () => {
    for (const first of [0x00, 0x01, 0x7f, 0x80, 0xff]) {
      const serial = Buffer.alloc(16, 0x05);
      serial[0] = first;
      serial[1] = 0x10; // below 0x80: with a leading 0x00 this was a non-minimal INTEGER
      const cert = new X509Certificate(generatePosTls(new Date('2026-12-04T00:00:00Z'), serial).cert);
      expect(cert.subjectAltName).toContain('localhost');
      expect(positiveSerial(serial)[0]).toBeGreaterThanOrEqual(1);
      expect(positiveSerial(serial)[0]).toBeLessThanOrEqual(0x7f);
    }
  });

  it('replaces a stored pair OpenSSL cannot read instead of failing the start', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pos-tls-'));
    try {
      const first = loadPosTls(dir);
      expect(loadPosTls(dir)).toEqual(first); // kept across restarts
      writeFileSync(join(dir, 'pos-simulator', 'cert.pem'), '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
      const again = loadPosTls(dir);
      expect(() => new X509Certificate(again.cert)).not.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
