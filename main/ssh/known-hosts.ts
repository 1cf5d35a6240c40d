/**
 * OpenSSH's known_hosts: read (plain and hashed `|1|salt|hash` names, `[host]:port`, wildcard
 * and negated patterns, `@revoked` and `@cert-authority` markers) and appended to only when the
 * user accepts a key. Lines this code does not understand are kept and ignored, as OpenSSH does.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export type KnownHostMarker = 'revoked' | 'cert-authority';

export interface KnownHostEntry {
  line: number;
  marker?: KnownHostMarker;
  /** Comma-separated patterns as written, or one `|1|salt|hash` name. */
  patterns: string;
  keyType: string;
  /** The key blob, base64 as written. */
  key: string;
}

/** A host key as the server presented it. */
export interface HostKey {
  type: string;
  /** The raw key blob (SSH wire format). */
  blob: Buffer;
}

export type HostKeyStatus =
  | { kind: 'known'; line: number }
  | { kind: 'unknown' }
  | { kind: 'changed'; line: number; knownKeyType: string }
  | { kind: 'revoked'; line: number };

const MARKERS = new Map<string, KnownHostMarker>([
  ['@revoked', 'revoked'],
  ['@cert-authority', 'cert-authority'],
]);

/** Parses known_hosts text; never throws: malformed lines are skipped. */
export function parseKnownHosts(text: string): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  text.split('\n').forEach((raw, index) => {
    const fields = raw.trim().split(/[ \t]+/);
    if (fields[0] === undefined || fields[0] === '' || fields[0].startsWith('#')) return;
    const marker = MARKERS.get(fields[0]);
    if (fields[0].startsWith('@') && marker === undefined) return;
    const [patterns, keyType, key] = marker === undefined ? fields : fields.slice(1);
    if (patterns === undefined || keyType === undefined || key === undefined) return;
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(key)) return;
    entries.push({ line: index + 1, ...(marker ? { marker } : {}), patterns, keyType, key });
  });
  return entries;
}

/** The name a host is recorded under: `host` on port 22, `[host]:port` elsewhere. */
export function knownHostName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** A `|1|salt|hash` name for `name`, as `ssh-keygen -H` writes it. */
export function hashHostName(name: string, salt: Buffer = randomBytes(20)): string {
  const hash = createHmac('sha1', salt).update(name).digest('base64');
  return `|1|${salt.toString('base64')}|${hash}`;
}

function matchesHashed(field: string, name: string): boolean {
  const [, salt, hash] = field.split('|').slice(1);
  if (salt === undefined || hash === undefined) return false;
  return createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64') === hash;
}

/** OpenSSH's `*` and `?` wildcards, nothing else special. */
function matchesWildcard(pattern: string, name: string): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 'i').test(name);
}

/** Whether an entry's host field names `name`; a matching negated pattern excludes it. */
export function entryMatches(patterns: string, name: string): boolean {
  if (patterns.startsWith('|1|')) return matchesHashed(patterns, name);
  let matched = false;
  for (const pattern of patterns.split(',')) {
    if (pattern.startsWith('!')) {
      if (matchesWildcard(pattern.slice(1), name)) return false;
    } else if (matchesWildcard(pattern, name)) {
      matched = true;
    }
  }
  return matched;
}

/** What known_hosts says about `key` for the host: known, unknown, changed, or revoked. */
export function checkHostKey(entries: readonly KnownHostEntry[], name: string, key: HostKey): HostKeyStatus {
  const presented = key.blob.toString('base64');
  const revoked = entries.find((entry) => entry.marker === 'revoked' && entry.key === presented);
  if (revoked) return { kind: 'revoked', line: revoked.line };
  const forHost = entries.filter((entry) => entry.marker === undefined && entryMatches(entry.patterns, name));
  const same = forHost.find((entry) => entry.keyType === key.type && entry.key === presented);
  if (same) return { kind: 'known', line: same.line };
  const differing = forHost.find((entry) => entry.keyType === key.type);
  if (differing) return { kind: 'changed', line: differing.line, knownKeyType: differing.keyType };
  return { kind: 'unknown' };
}

/** OpenSSH's fingerprint: `SHA256:` and the unpadded base64 of the blob's SHA-256. */
export function fingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** The key type named inside an SSH key blob (its first string). */
export function keyTypeOf(blob: Buffer): string {
  if (blob.length < 4) throw new RangeError('a host key blob is too short');
  const length = blob.readUInt32BE(0);
  if (length > blob.length - 4) throw new RangeError('a host key blob names a type longer than itself');
  return blob.subarray(4, 4 + length).toString('latin1');
}

/** The line OpenSSH would write for this host and key. */
export function knownHostLine(name: string, key: HostKey, hashed: boolean): string {
  return `${hashed ? hashHostName(name) : name} ${key.type} ${key.blob.toString('base64')}\n`;
}

/** A known_hosts file on disk: read afresh on every check, appended to on accept. */
export class KnownHostsFile {
  constructor(
    readonly file: string,
    private readonly options: { hashNames: boolean } = { hashNames: false },
  ) {}

  async entries(): Promise<KnownHostEntry[]> {
    try {
      return parseKnownHosts(await readFile(this.file, 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  async check(name: string, key: HostKey): Promise<HostKeyStatus> {
    return checkHostKey(await this.entries(), name, key);
  }

  /** Records an accepted key, after a newline if the file does not end with one. */
  async remember(name: string, key: HostKey): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
    let existing = '';
    try {
      existing = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const separator = existing === '' || existing.endsWith('\n') ? '' : '\n';
    await appendFile(this.file, separator + knownHostLine(name, key, this.options.hashNames), {
      mode: 0o600,
    });
  }
}
