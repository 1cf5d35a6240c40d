/**
 * Gateways the console connects to: saved profiles (a JSON file in web mode) beside the Host
 * entries of ~/.ssh/config, one SSH pool for the whole app, and the questions only the user can
 * answer (an unknown host key, a password or passphrase) sent out as events and answered on
 * their own channels. Nothing secret is stored here.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
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
import type { EventBus } from './event-bus.js';

export interface ConnectionServiceOptions {
  /** Where saved profiles live (a JSON file); the desktop app may keep them elsewhere. */
  profilesFile: string;
  /** The user's home, for ~/.ssh/config and ~/.ssh/known_hosts. */
  home?: string;
}

const SavedProfiles = z.array(ConnectionProfileSchema.omit({ source: true }));

function credentialTitle(request: CredentialRequest): string {
  switch (request.kind) {
    case 'passphrase':
      return `Passphrase for ${request.keyFile}${request.retry ? ' (try again)' : ''}`;
    case 'password':
      return `Password for ${request.username}@${request.host}`;
    case 'keyboard-interactive':
      return (
        [request.name, request.instructions].filter(Boolean).join(' — ') ||
        `${request.username}@${request.host}`
      );
  }
}

function credentialQuestion(id: string, request: CredentialRequest): CredentialQuestion {
  const prompts =
    request.kind === 'keyboard-interactive'
      ? request.prompts
      : [{ prompt: request.kind === 'password' ? 'Password' : 'Passphrase', echo: false }];
  return { id, kind: request.kind, title: credentialTitle(request), prompts };
}

export class ConnectionService {
  readonly pool: SshPool;
  private readonly home: string;
  private readonly hostKeyAnswers = new Map<string, (decision: HostKeyDecision) => void>();
  private readonly credentialAnswers = new Map<string, (answers: string[] | undefined) => void>();

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

  private askCredential(request: CredentialRequest): Promise<string[] | undefined> {
    const id = randomUUID();
    return new Promise((resolve) => {
      this.credentialAnswers.set(id, resolve);
      this.events.emit('connections:credential-question-changed', credentialQuestion(id, request));
    });
  }

  answerHostKey(id: string, decision: HostKeyDecision): void {
    const answer = this.hostKeyAnswers.get(id);
    if (!answer) throw new AppError('not-found', 'that host-key question was already answered or is gone');
    this.hostKeyAnswers.delete(id);
    answer(decision);
  }

  answerCredential(id: string, answers: string[] | null): void {
    const answer = this.credentialAnswers.get(id);
    if (!answer) throw new AppError('not-found', 'that question was already answered or is gone');
    this.credentialAnswers.delete(id);
    answer(answers ?? undefined);
  }

  private async sshConfig(): Promise<string> {
    return readFile(path.join(this.home, '.ssh', 'config'), 'utf8').catch(() => '');
  }

  private async saved(): Promise<Array<Omit<ConnectionProfile, 'source'>>> {
    let text: string;
    try {
      text = await readFile(this.options.profilesFile, 'utf8');
    } catch {
      return [];
    }
    const parsed = SavedProfiles.safeParse(JSON.parse(text));
    if (!parsed.success)
      throw new AppError('io-error', `${this.options.profilesFile} is not a list of connections`);
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
    const profiles = [...(await this.saved()), profile];
    await mkdir(path.dirname(this.options.profilesFile), { recursive: true });
    const temp = `${this.options.profilesFile}.${process.pid}.tmp`;
    await writeFile(temp, `${JSON.stringify(profiles, null, 2)}\n`, { mode: 0o600 });
    await rename(temp, this.options.profilesFile);
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
    for (const answer of this.credentialAnswers.values()) answer(undefined);
    await this.pool.dispose();
  }
}
