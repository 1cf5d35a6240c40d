import { describe, expect, it } from 'vitest';
import {
  configuredHosts,
  parseDestination,
  resolveTarget,
  targetKey,
  type ResolveOptions,
} from '../../../../main/ssh/target.js';

const CONFIG = `
Host gw mosix
  HostName 10.193.15.169
  User root
  IdentityFile ~/.ssh/lab_key
  IdentitiesOnly yes

Host node*
  User root
  ProxyJump gw

Host far
  HostName far.example
  Port 2222
  ProxyJump admin@bastion:2200,gw

Host *
  User someone
`;

const options = (sshConfig: string): ResolveOptions => ({ sshConfig, localUser: 'me', home: '/home/me' });

describe('SSH targets', () => {
  it('parses [user@]host[:port], with IPv6 in brackets', () => {
    expect(parseDestination('gw')).toEqual({ host: 'gw' });
    expect(parseDestination('root@gw:2222')).toEqual({ user: 'root', host: 'gw', port: 2222 });
    expect(parseDestination('a@b@[fe80::1]:22')).toEqual({ user: 'a@b', host: 'fe80::1', port: 22 });
    expect(() => parseDestination('@gw')).toThrow('is not [user@]host[:port]');
    expect(() => parseDestination('gw:99999')).toThrow('port out of range');
  });

  it('resolves HostName, User, Port, IdentityFile and IdentitiesOnly from ~/.ssh/config', () => {
    expect(resolveTarget('mosix', options(CONFIG))).toEqual({
      host: '10.193.15.169',
      port: 22,
      username: 'root',
      identityFiles: ['/home/me/.ssh/lab_key'],
      identitiesOnly: true,
      jumps: [],
    });
    const plain = resolveTarget('elsewhere', options(''));
    expect(plain.username).toBe('me');
    expect(plain.identityFiles).toEqual([
      '/home/me/.ssh/id_ed25519',
      '/home/me/.ssh/id_ecdsa',
      '/home/me/.ssh/id_rsa',
    ]);
  });

  it('follows ProxyJump chains, each hop resolved from the config too', () => {
    const node = resolveTarget('node007', options(CONFIG));
    expect(node.jumps.map((hop) => `${hop.username}@${hop.host}:${hop.port}`)).toEqual([
      'root@10.193.15.169:22',
    ]);
    expect(targetKey(node)).toBe('root@10.193.15.169:22 > root@node007:22');
    const far = resolveTarget('far', options(CONFIG));
    expect(targetKey(far)).toBe('admin@bastion:2200 > root@10.193.15.169:22 > someone@far.example:2222');
  });

  it('lists the concrete Host names for a picker, not the patterns', () => {
    expect(configuredHosts(CONFIG)).toEqual(['gw', 'mosix', 'far']);
  });
});
