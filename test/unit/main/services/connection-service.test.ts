import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CredentialQuestion } from '../../../../shared/ipc/contract.js';
import { ConnectionService } from '../../../../main/services/connection-service.js';
import { jsonFileProfileStore, type SecretVault } from '../../../../main/services/connection-stores.js';
import { EventBus } from '../../../../main/services/event-bus.js';
import { useTempDirs } from '../../../support/temp-dir.js';

describe('ConnectionService', () => {
  const tempDir = useTempDirs();
  const made: ConnectionService[] = [];
  afterEach(async () => {
    await Promise.all(made.splice(0).map((service) => service.dispose()));
  });

  async function service(vault?: SecretVault) {
    const home = await tempDir();
    await mkdir(path.join(home, '.ssh'));
    await writeFile(
      path.join(home, '.ssh', 'config'),
      'Host mosix\n  HostName 10.193.15.169\n  User root\nHost node*\n  ProxyJump mosix\n',
    );
    const profilesFile = path.join(home, 'config', 'connections.json');
    const events = new EventBus();
    const asked: CredentialQuestion[] = [];
    events.on('connections:credential-question-changed', (question) => asked.push(question));
    const created = new ConnectionService(
      { profiles: jsonFileProfileStore(profilesFile), vault, home },
      events,
    );
    made.push(created);
    return { created, profilesFile, home, asked };
  }

  it('lists saved gateways, then the concrete hosts of ~/.ssh/config', async () => {
    const { created, profilesFile } = await service();
    const added = await created.addProfile('', 'root@gw.lab:2222');
    expect(added).toMatchObject({
      label: 'root@gw.lab:2222',
      destination: 'root@gw.lab:2222',
      source: 'saved',
    });
    expect(await created.listProfiles()).toEqual([
      added,
      { id: 'ssh-config:mosix', label: 'mosix', destination: 'mosix', source: 'ssh-config' },
    ]);
    expect(JSON.parse(await readFile(profilesFile, 'utf8'))).toEqual([
      { id: added.id, label: 'root@gw.lab:2222', destination: 'root@gw.lab:2222' },
    ]);
  });

  it('resolves a profile through ~/.ssh/config and refuses a destination it cannot parse', async () => {
    const { created } = await service();
    const { target } = await created.targetOf('ssh-config:mosix');
    expect(target).toMatchObject({ host: '10.193.15.169', username: 'root', port: 22, jumps: [] });
    await expect(created.addProfile('bad', 'root@host:99999')).rejects.toThrow('port out of range');
    await expect(created.targetOf('nope')).rejects.toThrow('no such connection');
  });

  it('refuses an answer to a question nobody asked', async () => {
    const { created } = await service();
    expect(() => created.answerHostKey('unknown', 'accept-once')).toThrow('already answered or is gone');
    expect(() => created.answerCredential('unknown', ['x'])).toThrow('already answered or is gone');
  });

  it('says which file is broken when the saved profiles are not JSON', async () => {
    const { created, profilesFile } = await service();
    await mkdir(path.dirname(profilesFile), { recursive: true });
    await writeFile(profilesFile, '[{"id": "a",');
    await expect(created.listProfiles()).rejects.toThrow(`${profilesFile} is not valid JSON`);
  });

  describe('with a keychain vault (the desktop app)', () => {
    const password = { kind: 'password', username: 'root', host: 'mosix', retry: false } as const;

    function memoryVault(): SecretVault & { secrets: Map<string, string> } {
      const secrets = new Map<string, string>();
      return {
        secrets,
        recall: (key) => secrets.get(key),
        remember: (key, secret) => void secrets.set(key, secret),
        forget: (key) => void secrets.delete(key),
        forgetAll: () => secrets.clear(),
      };
    }

    it('asks, remembers what the user chose to remember, then answers from the vault', async () => {
      const vault = memoryVault();
      const { created, asked } = await service(vault);
      const first = created.askCredential(password);
      expect(asked).toEqual([
        expect.objectContaining({ title: 'Password for root@mosix', canRemember: true }),
      ]);
      created.answerCredential(asked[0]?.id ?? '', ['hunter2'], true);
      expect(await first).toEqual(['hunter2']);
      expect(vault.secrets).toEqual(new Map([['password:root@mosix', 'hunter2']]));

      expect(await created.askCredential(password)).toEqual(['hunter2']);
      expect(asked).toHaveLength(1);
    });

    it('forgets a remembered secret the server refused and asks the user instead', async () => {
      const vault = memoryVault();
      vault.secrets.set('password:root@mosix', 'stale');
      const { created, asked } = await service(vault);
      const again = created.askCredential({ ...password, retry: true });
      expect(vault.secrets.size).toBe(0);
      expect(asked[0]?.title).toBe('Password for root@mosix (try again)');
      created.answerCredential(asked[0]?.id ?? '', ['fresh']);
      expect(await again).toEqual(['fresh']);
      expect(vault.secrets.size).toBe(0);
    });

    it('never offers to remember keyboard-interactive answers (often one-time codes)', async () => {
      const { created, asked } = await service(memoryVault());
      void created.askCredential({
        kind: 'keyboard-interactive',
        username: 'root',
        host: 'mosix',
        name: '',
        instructions: '',
        prompts: [{ prompt: 'Verification code: ', echo: false }],
      });
      expect(asked[0]?.canRemember).toBe(false);
    });
  });

  it('without a vault, offers no remembering and stores nothing even when asked to', async () => {
    const { created, asked } = await service();
    const answered = created.askCredential({ kind: 'passphrase', keyFile: '/k', retry: false });
    expect(asked[0]?.canRemember).toBe(false);
    created.answerCredential(asked[0]?.id ?? '', ['secret'], true);
    expect(await answered).toEqual(['secret']);
    const next = created.askCredential({ kind: 'passphrase', keyFile: '/k', retry: false });
    expect(asked).toHaveLength(2);
    created.answerCredential(asked[1]?.id ?? '', null);
    expect(await next).toBeUndefined();
  });
});
