import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  listClusterFiles,
  readMirroredFile,
  resolveInMirror,
} from '../../../../main/services/mirror-folder.js';
import { collect } from '../../../support/collect.js';
import { useTempDirs } from '../../../support/temp-dir.js';

const tempDir = useTempDirs();

async function mirror(files: Record<string, string>): Promise<string> {
  const root = await tempDir();
  for (const [gatewayPath, content] of Object.entries(files)) {
    const local = path.join(root, gatewayPath);
    await mkdir(path.dirname(local), { recursive: true });
    await writeFile(local, content);
  }
  return root;
}

describe('listing a mirror folder', () => {
  it('finds each role at its conventional or alternative path and says what is missing', async () => {
    const root = await mirror({
      '/etc/hosts': '192.168.0.254 mosix\n',
      '/etc/dhcp/dhcpd.conf': 'ddns-update-style none;\n',
    });
    const files = await listClusterFiles(root);
    const byRole = new Map(files.map((file) => [file.role, file]));

    expect(byRole.get('hosts')).toMatchObject({ path: '/etc/hosts', found: true, size: 20 });
    expect(byRole.get('dhcpd-conf')).toMatchObject({ path: '/etc/dhcp/dhcpd.conf', found: true });
    expect(byRole.get('mosix-map')).toEqual({
      role: 'mosix-map',
      title: 'openMosix map',
      path: '/etc/mosix.map',
      found: false,
      alsoTried: ['/etc/openmosix.map', '/etc/hpc.map'],
    });
  });

  it('reports a client-root file that is a symlink, as the seed warns about', async () => {
    const root = await mirror({ '/etc/hosts': '192.168.0.254 mosix\n' });
    await mkdir(path.join(root, 'opt/ltsp/i386/etc'), { recursive: true });
    await symlink('/etc/hosts', path.join(root, 'opt/ltsp/i386/etc/hosts'));

    const files = await listClusterFiles(root);
    expect(files.find((file) => file.role === 'client-hosts')).toMatchObject({
      found: true,
      symlinkTarget: '/etc/hosts',
      size: 20,
    });
  });
});

describe('resolving gateway paths inside the mirror', () => {
  it('follows an absolute symlink to the mirror’s own file, not the machine’s', async () => {
    const root = await mirror({ '/etc/hosts': 'mirror copy\n' });
    await mkdir(path.join(root, 'opt/ltsp/i386/etc'), { recursive: true });
    await symlink('/etc/hosts', path.join(root, 'opt/ltsp/i386/etc/hosts'));

    const bytes = await collect(readMirroredFile(root, '/opt/ltsp/i386/etc/hosts'));
    expect(bytes.toString()).toBe('mirror copy\n');
  });

  it('keeps links that climb above / inside the folder', async () => {
    const root = await mirror({ '/etc/passwd': 'mirror passwd\n' });
    await mkdir(path.join(root, 'etc/dhcp'), { recursive: true });
    await symlink('../../../../../../etc/passwd', path.join(root, 'etc/dhcp/dhcpd.conf'));

    expect(await resolveInMirror(root, '/etc/dhcp/dhcpd.conf')).toBe(path.join(root, 'etc/passwd'));
  });

  it('stops a symlink loop with a clear error', async () => {
    const root = await tempDir();
    await mkdir(path.join(root, 'etc'));
    await symlink('/etc/b', path.join(root, 'etc/a'));
    await symlink('/etc/a', path.join(root, 'etc/b'));

    await expect(resolveInMirror(root, '/etc/a')).rejects.toThrow('too many levels of symbolic links');
  });

  it('names the missing file when reading one that does not exist', async () => {
    const root = await tempDir();
    await expect(collect(readMirroredFile(root, '/etc/exports'))).rejects.toMatchObject({
      code: 'not-found',
      message: expect.stringContaining('/etc/exports') as string,
    });
  });

  it('reads a file larger than one chunk completely', async () => {
    const big = 'x'.repeat(700_000);
    const root = await mirror({ '/etc/dhcpd.conf': big });
    const chunks: number[] = [];
    for await (const chunk of readMirroredFile(root, '/etc/dhcpd.conf')) chunks.push(chunk.byteLength);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.reduce((a, b) => a + b, 0)).toBe(big.length);
  });
});
