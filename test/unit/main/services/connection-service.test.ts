import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionService } from '../../../../main/services/connection-service.js';
import { EventBus } from '../../../../main/services/event-bus.js';
import { useTempDirs } from '../../../support/temp-dir.js';

describe('ConnectionService', () => {
  const tempDir = useTempDirs();
  const made: ConnectionService[] = [];
  afterEach(async () => {
    await Promise.all(made.splice(0).map((service) => service.dispose()));
  });

  async function service() {
    const home = await tempDir();
    await mkdir(path.join(home, '.ssh'));
    await writeFile(
      path.join(home, '.ssh', 'config'),
      'Host mosix\n  HostName 10.193.15.169\n  User root\nHost node*\n  ProxyJump mosix\n',
    );
    const profilesFile = path.join(home, 'config', 'connections.json');
    const created = new ConnectionService({ profilesFile, home }, new EventBus());
    made.push(created);
    return { created, profilesFile, home };
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
});
