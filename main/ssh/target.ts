/**
 * Where a connection goes: a host, port and user, reached through zero or more jump hosts,
 * each resolved the way OpenSSH resolves it from ~/.ssh/config (Host patterns, HostName, User,
 * Port, IdentityFile, IdentitiesOnly, ProxyJump).
 */
import os from 'node:os';
import SSHConfig from 'ssh-config';

export interface SshHop {
  host: string;
  port: number;
  username: string;
  /** Private key files to offer, in order (IdentityFile). */
  identityFiles: readonly string[];
  /** Offer only `identityFiles`, not the agent's other keys (IdentitiesOnly). */
  identitiesOnly: boolean;
}

/** The final hop and, in order, the jump hosts in front of it. */
export interface SshTarget extends SshHop {
  jumps: readonly SshHop[];
}

/** One connection per distinct key: the same host reached through another chain is another connection. */
export function hopKey(hop: SshHop): string {
  return `${hop.username}@${hop.host}:${hop.port}`;
}

export function targetKey(target: SshTarget): string {
  return [...target.jumps, target].map(hopKey).join(' > ');
}

/** The target a jump chain leads to, as a chain of hops (the last is the target). */
export function chainOf(target: SshTarget): SshHop[] {
  return [...target.jumps, target];
}

export interface Destination {
  user?: string;
  host: string;
  port?: number;
}

/** `[user@]host[:port]` as ssh -J and ProxyJump take it (IPv6 in brackets). */
export function parseDestination(text: string): Destination {
  const at = text.lastIndexOf('@');
  const user = at >= 0 ? text.slice(0, at) : undefined;
  const rest = at >= 0 ? text.slice(at + 1) : text;
  const match = /^\[([^\]]+)\](?::(\d+))?$/.exec(rest) ?? /^([^:[\]]+)(?::(\d+))?$/.exec(rest);
  if (!match?.[1] || user === '') throw new Error(`"${text}" is not [user@]host[:port]`);
  const port = match[2] === undefined ? undefined : Number(match[2]);
  if (port !== undefined && (port < 1 || port > 65535)) throw new Error(`"${text}": port out of range`);
  return { ...(user === undefined ? {} : { user }), host: match[1], ...(port === undefined ? {} : { port }) };
}

const DEFAULT_IDENTITIES = ['~/.ssh/id_ed25519', '~/.ssh/id_ecdsa', '~/.ssh/id_rsa'];
const MAX_JUMPS = 8;

export interface ResolveOptions {
  /** The text of ~/.ssh/config ('' when there is none). */
  sshConfig: string;
  localUser: string;
  home: string;
}

function expandHome(file: string, home: string): string {
  return file === '~' || file.startsWith('~/') ? home + file.slice(1) : file;
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function all(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Resolves a destination against ~/.ssh/config; its ProxyJump hops are resolved the same way. */
export function resolveTarget(destination: string | Destination, options: ResolveOptions): SshTarget {
  return resolveDepth(
    typeof destination === 'string' ? parseDestination(destination) : destination,
    options,
    0,
  );
}

function resolveDepth(destination: Destination, options: ResolveOptions, depth: number): SshTarget {
  if (depth > MAX_JUMPS)
    throw new Error(`ProxyJump chain to ${destination.host} is longer than ${MAX_JUMPS} hops`);
  const config = SSHConfig.parse(options.sshConfig);
  // Match exec would run programs named in the file: never while computing a target.
  const computed = config.compute(
    { Host: destination.host, ...(destination.user === undefined ? {} : { User: destination.user }) },
    { ignoreCase: true, matchExec: false },
  );
  const port = destination.port ?? Number(first(computed['port']) ?? 22);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${destination.host}: bad Port`);
  const identityFiles = all(computed['identityfile']);
  const proxyJump = first(computed['proxyjump']);
  const jumps =
    proxyJump === undefined || proxyJump.toLowerCase() === 'none'
      ? []
      : proxyJump.split(',').flatMap((spec) => {
          const hop = resolveDepth(parseDestination(spec.trim()), options, depth + 1);
          return chainOf(hop);
        });
  return {
    host: first(computed['hostname'])?.replaceAll('%h', destination.host) ?? destination.host,
    port,
    username: destination.user ?? first(computed['user']) ?? options.localUser,
    identityFiles: (identityFiles.length > 0 ? identityFiles : DEFAULT_IDENTITIES).map((file) =>
      expandHome(file, options.home),
    ),
    identitiesOnly: first(computed['identitiesonly'])?.toLowerCase() === 'yes',
    jumps,
  };
}

/** The concrete Host names of ~/.ssh/config (no wildcards, no negations), for a picker. */
export function configuredHosts(sshConfig: string): string[] {
  const names = new Set<string>();
  for (const line of SSHConfig.parse(sshConfig)) {
    if (line.type !== SSHConfig.DIRECTIVE || line.param.toLowerCase() !== 'host') continue;
    const values = typeof line.value === 'string' ? line.value.split(/\s+/) : line.value.map((v) => v.val);
    for (const name of values) if (name && !/[*?!]/.test(name)) names.add(name);
  }
  return [...names];
}

export function defaultResolveOptions(sshConfig: string): ResolveOptions {
  return { sshConfig, localUser: os.userInfo().username, home: os.homedir() };
}

/** Strips a hop's jump-chain to itself, for the jump hosts' own connections. */
export function hopTarget(hop: SshHop, jumps: readonly SshHop[]): SshTarget {
  return { ...hop, jumps };
}
