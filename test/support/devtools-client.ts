/**
 * A bare Chrome DevTools Protocol client for one page: commands only, no domains enabled.
 * Benchmarks drive a page through it once Playwright has let go, because Playwright turns on
 * the Network domain, which sends every WebSocket frame the page receives to its client
 * (base64 in JSON) and costs the browser more than the page itself.
 */
import WebSocket from 'ws';

interface Reply {
  id: number;
  result?: unknown;
  error?: { message: string };
}

export class DevtoolsPage {
  private nextId = 1;
  private readonly waiting = new Map<number, (reply: Reply) => void>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      const reply = JSON.parse(data.toString()) as Reply;
      this.waiting.get(reply.id)?.(reply);
      this.waiting.delete(reply.id);
    });
  }

  /** Attaches to the first page whose URL starts with `urlPrefix`, on Chromium's DevTools port. */
  static async attach(port: number, urlPrefix: string): Promise<DevtoolsPage> {
    const response = await fetch(`http://127.0.0.1:${port}/json/list`);
    const targets = (await response.json()) as Array<{
      type: string;
      url: string;
      webSocketDebuggerUrl: string;
    }>;
    const page = targets.find((target) => target.type === 'page' && target.url.startsWith(urlPrefix));
    if (!page)
      throw new Error(`no page at ${urlPrefix} among ${targets.map((target) => target.url).join(', ')}`);
    const socket = new WebSocket(page.webSocketDebuggerUrl, { perMessageDeflate: false });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    return new DevtoolsPage(socket);
  }

  send<T>(method: string, params: object = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, (reply) =>
        reply.error ? reject(new Error(`${method}: ${reply.error.message}`)) : resolve(reply.result as T),
      );
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  /** Evaluates an expression in the page, awaiting it when it is a promise. */
  async evaluate<T>(expression: string): Promise<T> {
    const { result, exceptionDetails } = await this.send<{
      result: { value: T };
      exceptionDetails?: { text: string };
    }>('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
    if (exceptionDetails) throw new Error(`in the page: ${exceptionDetails.text}`);
    return result.value;
  }

  /** Presses Enter as the keyboard does (a trusted keydown with its text, then keyup). */
  async pressEnter(): Promise<void> {
    const key = { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13 };
    await this.send('Input.dispatchKeyEvent', { type: 'keyDown', text: '\r', ...key });
    await this.send('Input.dispatchKeyEvent', { type: 'keyUp', ...key });
  }

  close(): void {
    this.socket.close();
  }
}
