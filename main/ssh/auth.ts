/**
 * Authentication as OpenSSH orders it: the agent, then key files (asking for a passphrase when
 * one is encrypted), then password, then keyboard-interactive — each tried only when the server
 * still allows it, every secret asked through an injected prompt and never stored here.
 */
import { readFile } from 'node:fs/promises';
import ssh2 from 'ssh2';
import type { AnyAuthMethod, AuthHandlerMiddleware, KeyboardInteractiveCallback, Prompt } from 'ssh2';
import type { SshHop } from './target.js';

export type CredentialRequest =
  | { kind: 'passphrase'; keyFile: string; retry: boolean }
  | { kind: 'password'; username: string; host: string; retry: boolean }
  | {
      kind: 'keyboard-interactive';
      username: string;
      host: string;
      name: string;
      instructions: string;
      prompts: Array<{ prompt: string; echo: boolean }>;
    };

/** Asks the user; `undefined` means they declined, and the method is skipped. */
export interface CredentialPrompt {
  ask(request: CredentialRequest): Promise<string[] | undefined>;
}

export const NO_CREDENTIALS: CredentialPrompt = { ask: () => Promise.resolve(undefined) };

export interface AuthOptions {
  /** The agent's socket (SSH_AUTH_SOCK), or 'pageant' on Windows. */
  agent?: string | undefined;
  prompt: CredentialPrompt;
}

/** The user's agent: SSH_AUTH_SOCK, else Pageant on Windows. */
export function defaultAgent(): string | undefined {
  return process.env['SSH_AUTH_SOCK'] ?? (process.platform === 'win32' ? 'pageant' : undefined);
}

const PASSPHRASE_TRIES = 3;
/** OpenSSH's NumberOfPasswordPrompts. */
const PASSWORD_TRIES = 3;

type Candidate = { type: AnyAuthMethod['type']; make: () => Promise<AnyAuthMethod | undefined> };

async function readKey(
  file: string,
  username: string,
  prompt: CredentialPrompt,
): Promise<AnyAuthMethod | undefined> {
  let key: Buffer;
  try {
    key = await readFile(file);
  } catch {
    return undefined;
  }
  const plain = ssh2.utils.parseKey(key);
  if (!(plain instanceof Error)) return { type: 'publickey', username, key };
  if (!/encrypted|passphrase/i.test(plain.message)) return undefined;
  for (let attempt = 0; attempt < PASSPHRASE_TRIES; attempt++) {
    const answer = await prompt.ask({ kind: 'passphrase', keyFile: file, retry: attempt > 0 });
    if (answer?.[0] === undefined) return undefined;
    if (!(ssh2.utils.parseKey(key, answer[0]) instanceof Error))
      return { type: 'publickey', username, key, passphrase: answer[0] };
  }
  return undefined;
}

function passwordCandidate(hop: SshHop, prompt: CredentialPrompt, retry: boolean): Candidate {
  const { username, host } = hop;
  return {
    type: 'password',
    make: async () => {
      const answer = await prompt.ask({ kind: 'password', username, host, retry });
      return answer?.[0] === undefined ? undefined : { type: 'password', username, password: answer[0] };
    },
  };
}

function candidates(hop: SshHop, options: AuthOptions): Candidate[] {
  const { username, host } = hop;
  const { prompt } = options;
  const agent = options.agent;
  return [
    ...(agent !== undefined && !hop.identitiesOnly
      ? [
          {
            type: 'agent' as const,
            make: () => Promise.resolve<AnyAuthMethod>({ type: 'agent', username, agent }),
          },
        ]
      : []),
    ...hop.identityFiles.map((file) => ({
      type: 'publickey' as const,
      make: () => readKey(file, username, prompt),
    })),
    passwordCandidate(hop, prompt, false),
    {
      type: 'keyboard-interactive' as const,
      make: () =>
        Promise.resolve<AnyAuthMethod>({
          type: 'keyboard-interactive',
          username,
          prompt: (
            name: string,
            instructions: string,
            _lang: string,
            prompts: Prompt[],
            finish: KeyboardInteractiveCallback,
          ) => {
            if (prompts.length === 0) return finish([]);
            const request = {
              kind: 'keyboard-interactive' as const,
              username,
              host,
              name,
              instructions,
              prompts: prompts.map((p) => ({ prompt: p.prompt, echo: p.echo ?? false })),
            };
            prompt.ask(request).then(
              (answers) => finish(answers ?? []),
              () => finish([]),
            );
          },
        }),
    },
  ];
}

/**
 * ssh2's authHandler for one hop: the next method the server still accepts, or false when none
 * is left. A refused password is asked again, up to OpenSSH's three prompts.
 */
export function authHandler(hop: SshHop, options: AuthOptions): AuthHandlerMiddleware {
  const pending = candidates(hop, options);
  let lastTried: AnyAuthMethod['type'] | undefined;
  let passwordsTried = 0;
  return (authsLeft, partialSuccess, next) => {
    if (lastTried === 'password' && !partialSuccess && passwordsTried < PASSWORD_TRIES)
      pending.unshift(passwordCandidate(hop, options.prompt, true));
    const tryNext = async (): Promise<void> => {
      for (;;) {
        const candidate = pending.shift();
        if (candidate === undefined) return next(false as unknown as AnyAuthMethod);
        const allowedType = candidate.type === 'agent' ? 'publickey' : candidate.type;
        if (authsLeft !== null && authsLeft !== undefined && !authsLeft.includes(allowedType)) continue;
        const method = await candidate.make();
        if (method === undefined) continue;
        lastTried = method.type;
        if (method.type === 'password') passwordsTried++;
        return next(method);
      }
    };
    tryNext().catch(() => next(false as unknown as AnyAuthMethod));
  };
}
