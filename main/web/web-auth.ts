/**
 * Who may talk to a web-mode server: a browser that presented the one-time token of the
 * printed URL (exchanged for an HttpOnly session cookie), addressing the server by a name
 * it was bound to (no DNS rebinding), from a page of this server's own origin.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'clusterdeck_session';

function secret(): string {
  return randomBytes(32).toString('base64url');
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) cookies.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return cookies;
}

export class WebAuth {
  readonly token = secret();
  private readonly session = secret();
  private tokenRedeemed = false;
  private readonly hosts: Set<string>;

  /** `names` are the host names the server answers to; `port` the port it listens on. */
  constructor(names: readonly string[], port: number) {
    this.hosts = new Set(names.map((name) => `${name.includes(':') ? `[${name}]` : name}:${port}`));
  }

  /** Exchanges the one-time token for the session cookie's value, once. */
  redeem(token: string): string | undefined {
    if (this.tokenRedeemed || !sameSecret(token, this.token)) return undefined;
    this.tokenRedeemed = true;
    return this.session;
  }

  hasSession(cookieHeader: string | undefined): boolean {
    const value = parseCookies(cookieHeader).get(SESSION_COOKIE);
    return value !== undefined && sameSecret(value, this.session);
  }

  isAllowedHost(hostHeader: string | undefined): boolean {
    return hostHeader !== undefined && this.hosts.has(hostHeader.toLowerCase());
  }

  isAllowedOrigin(origin: string | undefined): boolean {
    if (origin === undefined) return false;
    try {
      const url = new URL(origin);
      return url.protocol === 'http:' && url.pathname === '/' && this.hosts.has(url.host);
    } catch {
      return false;
    }
  }

  sessionCookie(value: string): string {
    return `${SESSION_COOKIE}=${value}; HttpOnly; SameSite=Strict; Path=/`;
  }
}
