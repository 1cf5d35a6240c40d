import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkHostKey,
  entryMatches,
  fingerprint,
  hashHostName,
  keyTypeOf,
  KnownHostsFile,
  knownHostLine,
  knownHostName,
  parseKnownHosts,
} from '../../../../main/ssh/known-hosts.js';
import { MissingPrerequisite, skipReason } from '../../../support/prerequisites.js';
import { useTempDirs } from '../../../support/temp-dir.js';

/** OpenSSH's ssh-keygen judges our hashing and fingerprints; outside CI its absence skips them. */
const noKeygen = skipReason(
  existsSync('/usr/bin/ssh-keygen')
    ? undefined
    : new MissingPrerequisite('OpenSSH ssh-keygen', 'apt-get install openssh-client'),
);

function blob(type: string, body: string): Buffer {
  const name = Buffer.from(type);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(name.length);
  return Buffer.concat([length, name, Buffer.from(body)]);
}

const ED = { type: 'ssh-ed25519', blob: blob('ssh-ed25519', 'first key') };
const OTHER_ED = { type: 'ssh-ed25519', blob: blob('ssh-ed25519', 'second key') };
const RSA = { type: 'ssh-rsa', blob: blob('ssh-rsa', 'an rsa key') };
const b64 = (key: { blob: Buffer }) => key.blob.toString('base64');

describe('known_hosts', () => {
  const tempDir = useTempDirs();

  it('reads plain, bracketed, hashed and marked lines, skipping comments and junk', () => {
    const text = [
      '# a comment',
      `gw,10.0.0.1 ssh-ed25519 ${b64(ED)} admin@desk`,
      `[gw]:2222 ssh-rsa ${b64(RSA)}`,
      `@revoked * ssh-ed25519 ${b64(OTHER_ED)}`,
      `@cert-authority *.lab ssh-ed25519 ${b64(ED)}`,
      '@unknown-marker gw ssh-ed25519 AAAA',
      'only-two fields',
      '',
    ].join('\n');
    expect(parseKnownHosts(text)).toEqual([
      { line: 2, patterns: 'gw,10.0.0.1', keyType: 'ssh-ed25519', key: b64(ED) },
      { line: 3, patterns: '[gw]:2222', keyType: 'ssh-rsa', key: b64(RSA) },
      { line: 4, marker: 'revoked', patterns: '*', keyType: 'ssh-ed25519', key: b64(OTHER_ED) },
      { line: 5, marker: 'cert-authority', patterns: '*.lab', keyType: 'ssh-ed25519', key: b64(ED) },
    ]);
  });

  it('takes a host named like an object property for a host, not a marker', () => {
    const entries = parseKnownHosts(`constructor ssh-ed25519 ${b64(ED)}\n__proto__ ssh-ed25519 ${b64(ED)}\n`);
    expect(entries.map((entry) => [entry.patterns, entry.marker])).toEqual([
      ['constructor', undefined],
      ['__proto__', undefined],
    ]);
  });

  it('names hosts as OpenSSH does: bare on port 22, [host]:port elsewhere', () => {
    expect(knownHostName('gw', 22)).toBe('gw');
    expect(knownHostName('gw', 2222)).toBe('[gw]:2222');
  });

  it('matches wildcards and lets a negated pattern exclude a host', () => {
    expect(entryMatches('node*.lab,!node13.lab', 'node12.lab')).toBe(true);
    expect(entryMatches('node*.lab,!node13.lab', 'node13.lab')).toBe(false);
    expect(entryMatches('node?', 'node1')).toBe(true);
    expect(entryMatches('node?', 'node12')).toBe(false);
    expect(entryMatches('10.0.0.1', '10.0.0.11')).toBe(false);
  });

  it('tells known, unknown, changed and revoked keys apart', () => {
    const entries = parseKnownHosts(
      `gw ssh-ed25519 ${b64(ED)}\n[gw]:2222 ssh-ed25519 ${b64(OTHER_ED)}\n@revoked * ssh-rsa ${b64(RSA)}\n`,
    );
    expect(checkHostKey(entries, 'gw', ED)).toEqual({ kind: 'known', line: 1 });
    expect(checkHostKey(entries, 'gw', OTHER_ED)).toEqual({
      kind: 'changed',
      line: 1,
      knownKeyType: 'ssh-ed25519',
    });
    expect(checkHostKey(entries, '[gw]:2222', OTHER_ED)).toEqual({ kind: 'known', line: 2 });
    expect(checkHostKey(entries, 'other', ED)).toEqual({ kind: 'unknown' });
    expect(checkHostKey(entries, 'gw', RSA)).toEqual({ kind: 'revoked', line: 3 });
    // A key of another type than the one recorded is new, not changed (OpenSSH asks, too).
    const ecdsa = { type: 'ecdsa-sha2-nistp256', blob: blob('ecdsa-sha2-nistp256', 'x') };
    expect(checkHostKey(entries, 'gw', ecdsa)).toEqual({ kind: 'unknown' });
  });

  it('never throws on any text, and finds every well-formed line it was given', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        parseKnownHosts(text);
      }),
    );
    const host = fc.stringMatching(/^[a-z0-9.-]{1,20}$/);
    fc.assert(
      fc.property(fc.array(host, { minLength: 1, maxLength: 8 }), fc.boolean(), (hosts, hashed) => {
        const text = hosts.map((name) => knownHostLine(name, ED, hashed)).join('');
        const entries = parseKnownHosts(text);
        expect(entries).toHaveLength(hosts.length);
        for (const name of hosts) expect(checkHostKey(entries, name, ED).kind).toBe('known');
      }),
    );
  });

  it.skipIf(noKeygen !== undefined)('hashes names the way ssh-keygen -F finds them', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'known_hosts');
    writeFileSync(file, knownHostLine('[gw.lab]:2222', ED, true));
    const found = execFileSync('ssh-keygen', ['-F', '[gw.lab]:2222', '-f', file], { encoding: 'utf8' });
    expect(found).toContain(b64(ED));
    expect(readFileSync(file, 'utf8')).toMatch(/^\|1\|/);
    expect(hashHostName('gw', Buffer.alloc(20))).toBe(hashHostName('gw', Buffer.alloc(20)));
  });

  it.skipIf(noKeygen !== undefined)(
    'reads the key type inside a blob and prints OpenSSH’s fingerprint',
    async () => {
      expect(keyTypeOf(ED.blob)).toBe('ssh-ed25519');
      expect(() => keyTypeOf(Buffer.from([0, 0, 0, 9, 1]))).toThrow(RangeError);
      const dir = await tempDir();
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(dir, 'k')]);
      const publicKey = readFileSync(path.join(dir, 'k.pub'), 'utf8');
      const openssh = execFileSync('ssh-keygen', ['-l', '-f', path.join(dir, 'k.pub')], { encoding: 'utf8' });
      const key = Buffer.from(publicKey.split(' ')[1] ?? '', 'base64');
      expect(openssh).toContain(fingerprint(key));
    },
  );

  it('appends an accepted key on a line of its own, creating the file when needed', async () => {
    const dir = await tempDir();
    const file = new KnownHostsFile(path.join(dir, 'ssh', 'known_hosts'));
    expect(await file.check('gw', ED)).toEqual({ kind: 'unknown' });
    await file.remember('gw', ED);
    expect(existsSync(file.file)).toBe(true);
    writeFileSync(file.file, `${readFileSync(file.file, 'utf8')}# no newline at the end`);
    await file.remember('[gw]:2222', RSA);
    expect(readFileSync(file.file, 'utf8')).toBe(
      `gw ssh-ed25519 ${b64(ED)}\n# no newline at the end\n[gw]:2222 ssh-rsa ${b64(RSA)}\n`,
    );
    expect(await file.check('gw', ED)).toEqual({ kind: 'known', line: 1 });
  });
});
