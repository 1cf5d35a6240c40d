/**
 * Gateways the console connects to: saved profiles beside the Host entries of ~/.ssh/config,
 * one SSH pool for the whole app, and the questions only the user can answer (an unknown host
 * key, a password or passphrase) sent out as events and answered on their own channels. A
 * password or passphrase is remembered only when the user asks and a keychain vault exists.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import {
  ConnectionProfileSchema,
  type ConnectionProfile,
  type CredentialQuestion,
} from '../../shared/ipc/contract.js';
import { AppError } from '../../shared/ipc/errors.js';
import { defaultAgent, type CredentialRequest } from '../ssh/auth.js';
import type { HostKeyDecision, HostKeyQuestion } from '../ssh/host-keys.js';
import { KnownHostsFile } from '../ssh/known-hosts.js';
import { SshPool } from '../ssh/ssh-pool.js';
import { configuredHosts, defaultResolveOptions, resolveTarget, type SshTarget } from '../ssh/target.js';
import type { ProfileStore, SecretVault } from './connection-stores.js';
import type { EventBus } from './event-bus.js';

export interface ConnectionServiceOptions {
  profiles: ProfileStore;
  /** The desktop app's keychain; without one, no secret is ever stored. */
  vault?: SecretVault | undefined;
  /** The user's home, for ~/.ssh/config and ~/.ssh/known_hosts. */
  home?: string;
}

interface PendingCredential {
  answer: (answers: string[] | undefined) => void;
  /** The vault key the answer may be remembered under. */
  secretKey: string | undefined;
}

const SavedProfiles = z.array(ConnectionProfileSchema.omit({ source: true }));

function credentialTitle(request: CredentialRequest): string {
  switch (request.kind) {
    case 'passphrase':
      return `Passphrase for ${request.keyFile}${request.retry ? ' (try again)' : ''}`;
    case 'password':
      return `Password for ${request.username}@${request.host}${request.retry ? ' (try again)' : ''}`;
    case 'keyboard-interactive':
      return (
        [request.name, request.instructions].filter(Boolean).join(' — ') ||
        `${request.username}@${request.host}`
      );
  }
}

/** What a remembered secret unlocks; keyboard-interactive answers (often one-time codes) never are. */
function secretKeyOf(request: CredentialRequest): string | undefined {
  switch (request.kind) {
    case 'passphrase':
      return `passphrase:${request.keyFile}`;
    case 'password':
      return `password:${request.username}@${request.host}`;
    case 'keyboard-interactive':
      return undefined;
  }
}

function credentialQuestion(
  id: string,
  request: CredentialRequest,
  canRemember: boolean,
): CredentialQuestion {
  const prompts =
    request.kind === 'keyboard-interactive'
      ? request.prompts
      : [{ prompt: request.kind === 'password' ? 'Password' : 'Passphrase', echo: false }];
  return { id, kind: request.kind, title: credentialTitle(request), prompts, canRemember };
}

export class ConnectionService {
  readonly pool: SshPool;
  private readonly home: string;
  private readonly hostKeyAnswers = new Map<string, (decision: HostKeyDecision) => void>();
  private readonly credentialAnswers = new Map<string, PendingCredential>();

  constructor(
    private readonly options: ConnectionServiceOptions,
    private readonly events: EventBus,
  ) {
    this.home = options.home ?? os.homedir();
    this.pool = new SshPool({
      knownHosts: new KnownHostsFile(path.join(this.home, '.ssh', 'known_hosts')),
      hostKeys: { askUnknown: (question) => this.askHostKey(question) },
      agent: defaultAgent(),
      credentials: { ask: (request) => this.askCredential(request) },
    });
    this.pool.onState((event) => this.events.emit('connections:state-changed', event));
  }

  private askHostKey(question: HostKeyQuestion): Promise<HostKeyDecision> {
    const id = randomUUID();
    return new Promise((resolve) => {
      this.hostKeyAnswers.set(id, resolve);
      this.events.emit('connections:host-key-question-changed', { id, ...question });
    });
  }

  /** A remembered secret answers at once, unless the server just refused it: then it is forgotten. */
  askCredential(request: CredentialRequest): Promise<string[] | undefined> {
    const vault = this.options.vault;
    const secretKey = vault ? secretKeyOf(request) : undefined;
    if (vault && secretKey !== undefined) {
      const refused = request.kind !== 'keyboard-interactive' && request.retry;
      const remembered = refused ? undefined : vault.recall(secretKey);
      if (remembered !== undefined) return Promise.resolve([remembered]);
      vault.forget(secretKey);
    }
    const id = randomUUID();
    return new Promise((answer) => {
      this.credentialAnswers.set(id, { answer, secretKey });
      this.events.emit(
        'connections:credential-question-changed',
        credentialQuestion(id, request, secretKey !== undefined),
      );
    });
  }

  answerHostKey(id: string, decision: HostKeyDecision): void {
    const answer = this.hostKeyAnswers.get(id);
    if (!answer) throw new AppError('not-found', 'that host-key question was already answered or is gone');
    this.hostKeyAnswers.delete(id);
    answer(decision);
  }

  answerCredential(id: string, answers: string[] | null, remember = false): void {
    const pending = this.credentialAnswers.get(id);
    if (!pending) throw new AppError('not-found', 'that question was already answered or is gone');
    this.credentialAnswers.delete(id);
    const secret = answers?.[0];
    if (remember && secret !== undefined && pending.secretKey !== undefined)
      this.options.vault?.remember(pending.secretKey, secret);
    pending.answer(answers ?? undefined);
  }

  /** Removes every remembered password and passphrase from the keychain vault. */
  forgetSecrets(): void {
    this.options.vault?.forgetAll();
  }

  private async sshConfig(): Promise<string> {
    return readFile(path.join(this.home, '.ssh', 'config'), 'utf8').catch(() => '');
  }

  private async saved(): Promise<Array<Omit<ConnectionProfile, 'source'>>> {
    const store = this.options.profiles;
    const parsed = SavedProfiles.safeParse(await store.read());
    if (!parsed.success) throw new AppError('io-error', `${store.location} is not a list of connections`);
    return parsed.data;
  }

  async listProfiles(): Promise<ConnectionProfile[]> {
    const saved = (await this.saved()).map((profile) => ({ ...profile, source: 'saved' as const }));
    const fromConfig = configuredHosts(await this.sshConfig()).map((host) => ({
      id: `ssh-config:${host}`,
      label: host,
      destination: host,
      source: 'ssh-config' as const,
    }));
    return [...saved, ...fromConfig];
  }

  async addProfile(label: string, destination: string): Promise<ConnectionProfile> {
    resolveTarget(destination, { ...defaultResolveOptions(await this.sshConfig()), home: this.home });
    const profile = { id: randomUUID(), label: label || destination, destination };
    await this.options.profiles.write([...(await this.saved()), profile]);
    return { ...profile, source: 'saved' };
  }

  async targetOf(id: string): Promise<{ profile: ConnectionProfile; target: SshTarget }> {
    const profile = (await this.listProfiles()).find((candidate) => candidate.id === id);
    if (!profile) throw new AppError('not-found', 'no such connection');
    try {
      const options = { ...defaultResolveOptions(await this.sshConfig()), home: this.home };
      return { profile, target: resolveTarget(profile.destination, options) };
    } catch (error) {
      throw new AppError('invalid-input', `${profile.destination}: ${(error as Error).message}`);
    }
  }

  async dispose(): Promise<void> {
    for (const answer of this.hostKeyAnswers.values()) answer('refuse');
    for (const pending of this.credentialAnswers.values()) pending.answer(undefined);
    await this.pool.dispose();
  }
}
