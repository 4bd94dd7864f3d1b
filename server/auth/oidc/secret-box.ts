// Sealing what must be kept but never readable from the database file or a cookie alone: client
// secrets kept by the administrator, ID and refresh tokens of sessions, the login state in the
// browser. AES-256-GCM under a key derived from the server's secret key (the audit key, which
// lives outside the database and its backups), with a label per use so that a sealed value of
// one kind cannot be passed off as another.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';

export class SecretBox {
  private readonly key: Buffer;

  constructor(serverKey: Uint8Array) {
    // A separate key for this use: the audit chain's HMAC key is never used to encrypt directly.
    this.key = Buffer.from(hkdfSync('sha256', serverKey, 'casustafel', 'oidc-secret-box/v1', 32));
  }

  seal(label: string, plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(label, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
  }

  /** The plain text, or null when the value was not sealed by this server for this label (or was changed). */
  open(label: string, sealed: string): string | null {
    if (!sealed.startsWith(`${VERSION}.`)) return null;
    const raw = Buffer.from(sealed.slice(VERSION.length + 1), 'base64url');
    if (raw.length < 12 + 16) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(label, 'utf8'));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      return null;
    }
  }
}
