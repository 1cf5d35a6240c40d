import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../../main/ipc/dispatcher.js';
import { createHandlers, type Handlers } from '../../../../main/ipc/handlers.js';
import { AppError } from '../../../../shared/ipc/errors.js';
import { collect } from '../../../support/collect.js';
import { recordingDuplex } from '../../../support/fake-duplex.js';
import { demoBackend } from '../../../support/services.js';

describe('the dispatcher', () => {
  it('answers a valid call with the handler’s parsed output', async () => {
    const { dispatcher } = await demoBackend();
    const result = await dispatcher.invoke('workspace:get-current', {});
    expect(result).toMatchObject({ ok: true, value: { kind: 'demo', readOnly: true } });
  });

  it('refuses an unknown channel as data, not as an exception', async () => {
    const { dispatcher } = await demoBackend();
    expect(await dispatcher.invoke('workspace:delete-everything', {})).toEqual({
      ok: false,
      error: { code: 'unknown-channel', message: 'no such channel: workspace:delete-everything' },
    });
  });

  it('refuses malformed input and says which field is wrong', async () => {
    const { dispatcher } = await demoBackend();
    const result = await dispatcher.invoke('workspace:open-folder', { path: 42 });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatchObject({ code: 'invalid-input' });
    expect(!result.ok && result.error.message).toBe(
      'workspace:open-folder: path: Invalid input: expected string, received number',
    );
  });

  it('refuses extra fields, so a typo never passes silently', async () => {
    const { dispatcher } = await demoBackend();
    const result = await dispatcher.invoke('workspace:list-files', { recursive: true });
    expect(!result.ok && result.error.code).toBe('invalid-input');
  });

  it('turns a service error into { code, message, details }', async () => {
    const { dispatcher } = await demoBackend();
    const result = await dispatcher.invoke('workspace:open-folder', { path: '/nonexistent/clusterdeck' });
    expect(result).toEqual({
      ok: false,
      error: { code: 'not-found', message: '/nonexistent/clusterdeck does not exist' },
    });
  });

  it('catches a handler that answers outside its schema', async () => {
    const { services } = await demoBackend();
    const handlers: Handlers = createHandlers(services);
    const broken: Handlers = {
      ...handlers,
      invoke: { ...handlers.invoke, 'app:get-info': () => ({ name: 'x' }) as never },
    };
    const result = await createDispatcher(broken).invoke('app:get-info', {});
    expect(!result.ok && result.error.code).toBe('invalid-output');
  });

  it('passes an AppError’s details through', async () => {
    const { services } = await demoBackend();
    const handlers = createHandlers(services);
    const failing: Handlers = {
      ...handlers,
      invoke: {
        ...handlers.invoke,
        'workspace:list-files': () => {
          throw new AppError('io-error', 'disk on fire', { file: '/etc/hosts', line: 3 });
        },
      },
    };
    expect(await createDispatcher(failing).invoke('workspace:list-files', {})).toEqual({
      ok: false,
      error: { code: 'io-error', message: 'disk on fire', details: { file: '/etc/hosts', line: 3 } },
    });
  });

  it('opens a stream only for a managed cluster file', async () => {
    const { dispatcher } = await demoBackend();
    const refused = dispatcher.openStream('workspace:file-bytes', { path: '/etc/shadow' });
    expect(!refused.ok && refused.error.message).toContain('is not one of the cluster files');

    const opened = dispatcher.openStream('workspace:file-bytes', { path: '/etc/mosix.map' });
    expect(opened.ok).toBe(true);
    if (opened.ok)
      expect((await collect(opened.value)).toString()).toBe('1 192.168.0.254 1\n2 192.168.0.1 253\n');
  });

  it('passes a terminal only the stream messages its schema accepts', async () => {
    const { services } = await demoBackend();
    const { record, source } = recordingDuplex();
    const handlers = createHandlers(services);
    const dispatcher = createDispatcher({
      ...handlers,
      streams: { ...handlers.streams, 'terminal:io': () => source },
    });
    const opened = dispatcher.openStream('terminal:io', { terminalId: 't1' });
    if (!opened.ok) throw new Error(opened.error.message);
    const stream = opened.value as typeof source;
    stream.receive({ type: 'resize', cols: 100, rows: 30 });
    stream.receive({ type: 'resize', cols: -1, rows: 30 });
    stream.receive({ type: 'exec', command: 'rm -rf /' });
    stream.receive({ type: 'input', data: 'uptime\r' });
    expect(record.received).toEqual([
      { type: 'resize', cols: 100, rows: 30 },
      { type: 'input', data: 'uptime\r' },
    ]);
  });

  it('refuses a terminal stream before any gateway is connected, as data', async () => {
    const { dispatcher } = await demoBackend();
    const opened = await dispatcher.invoke('terminal:open', { cols: 80, rows: 24 });
    expect(opened).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(!opened.ok && opened.error.message).toContain('connect to a gateway first');
    expect(dispatcher.openStream('terminal:io', { terminalId: 'gone' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });
});
