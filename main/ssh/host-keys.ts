/**
 * Host-key verification for every hop: a known key passes, a changed or revoked one is refused
 * with no way around it here (the user edits known_hosts), an unknown one is put to the user
 * with its type and SHA256 fingerprint, and written to known_hosts only if they say so.
 */
import type { HostVerifier } from 'ssh2';
import { fingerprint, keyTypeOf, knownHostName, type KnownHostsFile } from './known-hosts.js';

export type HostKeyDecision = 'accept-and-remember' | 'accept-once' | 'refuse';

export interface HostKeyQuestion {
  host: string;
  port: number;
  keyType: string;
  fingerprint: string;
}

export interface HostKeyPrompt {
  askUnknown(question: HostKeyQuestion): Promise<HostKeyDecision>;
}

/** For scripts: unknown keys are refused, or accepted and remembered with `--accept-new`. */
export function nonInteractiveHostKeys(acceptNew: boolean): HostKeyPrompt {
  return { askUnknown: () => Promise.resolve(acceptNew ? 'accept-and-remember' : 'refuse') };
}

export type HostKeyRefusalReason = 'changed' | 'revoked' | 'refused' | 'error';

/** Why a hop's key was not accepted, in words for the user. */
export class HostKeyRefused extends Error {
  constructor(
    readonly reason: HostKeyRefusalReason,
    readonly question: HostKeyQuestion,
    message: string,
  ) {
    super(message);
    this.name = 'HostKeyRefused';
  }
}

function describe(question: HostKeyQuestion): string {
  return question.port === 22 ? question.host : `${question.host} port ${question.port}`;
}

/**
 * ssh2's hostVerifier for one hop. `onRefused` receives the reason before ssh2 reports its own
 * generic "verification failed", so the caller can tell the user what happened.
 */
export function hostVerifier(
  knownHosts: KnownHostsFile,
  host: string,
  port: number,
  prompt: HostKeyPrompt,
  onRefused: (refusal: HostKeyRefused) => void,
): HostVerifier {
  const name = knownHostName(host, port);
  return (blob: Buffer, verify: (valid: boolean) => void) => {
    const decide = async (): Promise<boolean> => {
      const key = { type: keyTypeOf(blob), blob };
      const question: HostKeyQuestion = { host, port, keyType: key.type, fingerprint: fingerprint(blob) };
      const refuse = (reason: HostKeyRefusalReason, message: string) => {
        onRefused(new HostKeyRefused(reason, question, message));
        return false;
      };
      const status = await knownHosts.check(name, key);
      switch (status.kind) {
        case 'known':
          return true;
        case 'revoked':
          return refuse(
            'revoked',
            `The host key of ${describe(question)} (${question.fingerprint}) is marked @revoked in ${knownHosts.file} line ${status.line}: refused.`,
          );
        case 'changed':
          return refuse(
            'changed',
            `WARNING: the ${key.type} host key of ${describe(question)} has changed: it is now ${question.fingerprint}, ` +
              `not the key recorded in ${knownHosts.file} line ${status.line}. Someone may be intercepting the connection, ` +
              `or the host was reinstalled. Connection refused; if the change is expected, remove that line from known_hosts.`,
          );
        case 'unknown': {
          const decision = await prompt.askUnknown(question);
          if (decision === 'refuse')
            return refuse(
              'refused',
              `The host key of ${describe(question)} (${question.fingerprint}) was not accepted.`,
            );
          if (decision === 'accept-and-remember') await knownHosts.remember(name, key);
          return true;
        }
      }
    };
    decide().then(verify, (error: unknown) => {
      onRefused(
        new HostKeyRefused(
          'error',
          { host, port, keyType: '?', fingerprint: '?' },
          `Could not check the host key of ${host}: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
      verify(false);
    });
  };
}
