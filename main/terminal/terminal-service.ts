/**
 * Terminals: PTY shells on the connected gateway, or on its nodes through it, each with its
 * own stream to the page. Shells come from the app's one SSH pool, so a node's terminal
 * shares the gateway's connection with everything else the console does there.
 */
import { randomUUID } from 'node:crypto';
import type { TerminalState } from '../../shared/ipc/contract.js';
import { AppError } from '../../shared/ipc/errors.js';
import { nodeThroughGateway } from '../fanout/ssh-runner.js';
import type { EventBus } from '../services/event-bus.js';
import type { SshPool } from '../ssh/ssh-pool.js';
import type { SshTarget } from '../ssh/target.js';
import { TypingPriority } from '../../shared/terminal/terminal-flow.js';
import { TerminalSession, type TerminalSize } from './terminal-session.js';

interface Gateway {
  label: string;
  target: SshTarget;
}

export interface TerminalServiceOptions {
  pool: SshPool;
  events: EventBus;
  /** The address a node is reached at from the gateway (its hosts entry), or its name. */
  addressOf: (node: string) => Promise<string>;
}

export class TerminalService {
  private gateway: Gateway | undefined;
  private readonly sessions = new Map<string, TerminalSession>();
  private readonly typing = new TypingPriority();

  constructor(private readonly options: TerminalServiceOptions) {}

  /** The gateway the console connected to last: new terminals open there or behind it. */
  useGateway(label: string, target: SshTarget): void {
    this.gateway = { label, target };
  }

  open(node: string | undefined, size: TerminalSize): TerminalState {
    const gateway = this.connectedGateway();
    const terminalId = randomUUID();
    const session = new TerminalSession({
      terminalId,
      node,
      title: titleOf(gateway, node),
      size,
      pool: this.options.pool,
      target: () => this.targetOf(node),
      onState: (state) => this.options.events.emit('terminal:state-changed', state),
      onTyped: () => this.typed(terminalId),
    });
    this.sessions.set(terminalId, session);
    void session.connect();
    return session.state;
  }

  stream(terminalId: string): ReturnType<TerminalSession['attach']> {
    return this.session(terminalId).attach();
  }

  reconnect(terminalId: string): TerminalState {
    const session = this.session(terminalId);
    void session.connect();
    return session.state;
  }

  close(terminalId: string): void {
    this.session(terminalId).dispose();
    this.sessions.delete(terminalId);
    this.typing.forget(terminalId);
  }

  dispose(): void {
    for (const session of this.sessions.values()) session.dispose();
    this.sessions.clear();
  }

  /**
   * The page holds the other terminals' output back while the user types (TypingPriority), but
   * what is already on its way keeps coming for megabytes; here their shells stop at once.
   */
  private typed(terminalId: string): void {
    this.typing.typed([terminalId], performance.now());
    for (const [id, session] of this.sessions) session.holdOutput(this.typing.heldUntil(id));
  }

  private session(terminalId: string): TerminalSession {
    const session = this.sessions.get(terminalId);
    if (!session) throw new AppError('not-found', 'that terminal was closed');
    return session;
  }

  private connectedGateway(): Gateway {
    if (!this.gateway)
      throw new AppError('invalid-input', 'connect to a gateway first (Connections page) to open a terminal');
    return this.gateway;
  }

  private async targetOf(node: string | undefined): Promise<SshTarget> {
    const { target } = this.connectedGateway();
    if (node === undefined) return target;
    return nodeThroughGateway(target, target.username)(await this.options.addressOf(node));
  }
}

/** user@host as a tab shows it; a gateway's label may already be user@host. */
function titleOf(gateway: Gateway, node: string | undefined): string {
  const host = node ?? gateway.label;
  return host.includes('@') ? host : `${gateway.target.username}@${host}`;
}
