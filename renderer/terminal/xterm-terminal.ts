/**
 * One terminal in the page: an xterm.js instance with its addons, fed by the terminal's own
 * stream. Output is acknowledged from xterm's write callback, once parsed; a WebGL renderer
 * is used only while the terminal is visible (Chromium allows few contexts), the DOM
 * renderer otherwise or where WebGL is missing.
 */
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { WebglAddon } from '@xterm/addon-webgl';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import {
  AckCounter,
  TERMINAL_PACING,
  WritePacer,
  type StartTimer,
} from '../../shared/terminal/terminal-flow.js';
import { openTerminalStream, type IpcError, type TerminalStream } from '../api/api.js';
import { mirrorStyleElements } from './mirror-styles.js';

export interface TerminalSettings {
  fontSize: number;
  scrollback: number;
  /** xterm's screen reader mode: the screen's rows as text in the page, for assistive technology. */
  screenReader: boolean;
  /** The WebGL renderer where the browser has it; off, the DOM renderer draws. */
  webgl: boolean;
}

/** Screen reader mode costs a lot under heavy output: only a visible terminal has it on. */
const xtermOptions = ({ fontSize, scrollback, screenReader }: TerminalSettings, visible: boolean) => ({
  fontSize,
  scrollback,
  screenReaderMode: screenReader && visible,
});

export interface XtermHooks {
  /** What was typed or pasted into this terminal (the store decides where it goes). */
  onInput: (data: string) => void;
  /** A key the console handles itself; returns true when it did. */
  onShortcut: (event: KeyboardEvent) => boolean;
  /** The stream ended: the console lost its server, or the terminal went away. */
  onStreamEnded: (error: IpcError | undefined) => void;
  onResize: (size: { cols: number; rows: number }) => void;
  /** The remote program set the window title (an OSC 0/2 sequence). */
  onTitle: (title: string) => void;
  /** Until when this terminal's output waits while the user types elsewhere. */
  outputHeldUntil: () => number;
}

export class XtermTerminal {
  readonly element = document.createElement('div');
  readonly term: Terminal;
  readonly search = new SearchAddon();
  private readonly fit = new FitAddon();
  private webgl: WebglAddon | undefined;
  private stream: TerminalStream | undefined;
  private pacer: WritePacer | undefined;
  private acks = new AckCounter();
  private opened = false;
  private visible = false;
  private readonly stopMirroringStyles = mirrorStyleElements(this.element);

  constructor(
    readonly terminalId: string,
    private settings: TerminalSettings,
    private readonly hooks: XtermHooks,
  ) {
    this.element.className = 'terminal-screen';
    this.term = new Terminal({
      ...xtermOptions(settings, false),
      allowProposedApi: true,
      fontFamily: "'DejaVu Sans Mono', ui-monospace, Menlo, monospace",
      cursorBlink: true,
    });
    for (const addon of [this.fit, this.search, new WebLinksAddon(), new Unicode11Addon()])
      this.term.loadAddon(addon);
    this.term.unicode.activeVersion = '11';
    this.term.onData((data) => hooks.onInput(data));
    this.term.onBinary((data) => hooks.onInput(data));
    this.term.onResize(({ cols, rows }) => {
      this.stream?.send({ type: 'resize', cols, rows });
      hooks.onResize({ cols, rows });
    });
    this.term.onTitleChange((title) => hooks.onTitle(title));
    this.term.attachCustomKeyEventHandler((event) => event.type !== 'keydown' || !hooks.onShortcut(event));
  }

  get renderer(): 'webgl' | 'dom' {
    return this.webgl ? 'webgl' : 'dom';
  }

  get size(): { cols: number; rows: number } {
    return { cols: this.term.cols, rows: this.term.rows };
  }

  /** (Re)opens the terminal's stream; output written before acknowledgement is counted afresh. */
  connectStream(): void {
    this.stream?.close();
    this.pacer?.drain();
    this.acks = new AckCounter();
    const pacer = new WritePacer(
      TERMINAL_PACING,
      () => performance.now(),
      startTimer,
      (output) => this.term.write(output, () => this.acknowledge(stream, output.byteLength)),
      this.hooks.outputHeldUntil,
    );
    const stream = openTerminalStream(
      this.terminalId,
      (chunk) => pacer.push(chunk),
      (error) => {
        if (this.stream === stream) this.stream = undefined;
        this.hooks.onStreamEnded(error);
      },
    );
    this.stream = stream;
    this.pacer = pacer;
    stream.send({ type: 'resize', ...this.size });
  }

  get streaming(): boolean {
    return this.stream !== undefined;
  }

  send(data: string): void {
    this.stream?.send({ type: 'input', data });
  }

  /** Puts the terminal into `container`, visible: fitted, focused, and on WebGL where it can. */
  show(container: HTMLElement): void {
    if (this.element.parentElement !== container) container.appendChild(this.element);
    if (!this.opened) {
      this.term.open(this.element);
      this.opened = true;
    }
    this.visible = true;
    this.applySettings(this.settings);
    this.term.focus();
  }

  /** Hidden terminals give their WebGL context back. */
  hide(): void {
    this.visible = false;
    this.applySettings(this.settings);
  }

  fitToContainer(): void {
    if (this.opened && this.element.isConnected) this.fit.fit();
  }

  applySettings(settings: TerminalSettings): void {
    this.settings = settings;
    Object.assign(this.term.options, xtermOptions(settings, this.visible));
    if (this.visible && settings.webgl) this.useWebgl();
    else this.dropWebgl();
    this.fitToContainer();
  }

  /** Copies the selection; false when nothing is selected. */
  async copySelection(): Promise<boolean> {
    const text = this.term.getSelection();
    if (text === '') return false;
    await navigator.clipboard.writeText(text);
    return true;
  }

  /** Pastes as the keyboard would: bracketed when the shell asked for it. */
  paste(text: string): void {
    this.term.paste(text);
  }

  dispose(): void {
    this.stream?.close();
    this.stream = undefined;
    this.pacer?.dispose();
    this.hide();
    this.term.dispose();
    this.stopMirroringStyles();
    this.element.remove();
  }

  private acknowledge(stream: TerminalStream, bytes: number): void {
    const due = this.acks.written(bytes);
    if (due > 0 && this.stream === stream) stream.ack(due);
  }

  private dropWebgl(): void {
    this.webgl?.dispose();
    this.webgl = undefined;
  }

  private useWebgl(): void {
    if (this.webgl || !hardwareWebgl()) return;
    try {
      const webgl = new WebglAddon();
      webgl.onContextLoss(() => {
        webgl.dispose();
        if (this.webgl === webgl) this.webgl = undefined;
      });
      this.term.loadAddon(webgl);
      this.webgl = webgl;
    } catch {
      // No WebGL2 here (a headless browser, a blocked GPU): the DOM renderer stays.
      this.webgl = undefined;
    }
  }
}

const startTimer: StartTimer = (delayMs, fire) => {
  const timer = window.setTimeout(fire, delayMs);
  return () => window.clearTimeout(timer);
};

let hardware: boolean | undefined;

/**
 * Whether WebGL runs on a GPU here. A software rasteriser (SwiftShader, llvmpipe) draws xterm's
 * cells on the CPU the terminal needs for parsing: measured five times slower than the DOM renderer.
 */
function hardwareWebgl(): boolean {
  if (hardware !== undefined) return hardware;
  const gl = document.createElement('canvas').getContext('webgl2');
  const info = gl?.getExtension('WEBGL_debug_renderer_info');
  const renderer = gl && info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : '';
  hardware = gl !== null && !/swiftshader|llvmpipe|softpipe|software/i.test(renderer);
  gl?.getExtension('WEBGL_lose_context')?.loseContext();
  return hardware;
}
