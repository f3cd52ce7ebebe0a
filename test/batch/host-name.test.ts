import { describe, expect, it } from 'vitest';
import { fnv1a32, hostDirName, inShard, MAX_HOST_DIR_BYTES, shardOf } from '../../src/batch/host-name.js';

describe('hostDirName', () => {
  it('keeps ordinary host names as they are', () => {
    for (const name of ['web-01', 'db_3', 'api.eu-west-1.example.com', 'A9']) {
      expect(hostDirName(name)).toBe(name);
    }
  });

  it('never yields a name that leaves the output folder or hides', () => {
    for (const name of [
      '..',
      '.',
      '../etc',
      'a/b',
      'a\\b',
      '/abs',
      'nul\0byte',
      '.hidden',
      'tab\there',
      '',
    ]) {
      const dir = hostDirName(name);
      expect(dir).not.toMatch(/[/\\\0]/);
      expect(dir).not.toMatch(/^\./);
      expect(dir).not.toBe('');
      expect(Buffer.byteLength(dir)).toBeLessThanOrEqual(MAX_HOST_DIR_BYTES);
    }
    expect(hostDirName('..')).toBe('%2E.');
    expect(hostDirName('a/b')).toBe('a%2Fb');
  });

  it("never takes the fleet's own file names", () => {
    expect(hostDirName('summary.json')).toBe('%73ummary.json');
    expect(hostDirName('INDEX.HTML')).toBe('%49NDEX.HTML');
    expect(hostDirName('index.html.bak')).toBe('index.html.bak');
  });

  it('escapes Windows device names, which no file system there can hold', () => {
    expect(hostDirName('CON')).toBe('%43ON');
    expect(hostDirName('nul.txt')).toBe('%6Eul.txt');
    expect(hostDirName('Com1')).toBe('%43om1');
    expect(hostDirName('console')).toBe('console');
  });

  it('encodes non-ASCII as UTF-8 bytes and never maps two names to one folder', () => {
    expect(hostDirName('höst')).toBe('h%C3%B6st');
    const names = ['a b', 'a_b', 'a%20b', 'a%b', 'a/b', 'a%2Fb', 'A B', 'a  b'];
    expect(new Set(names.map(hostDirName)).size).toBe(names.length);
  });

  it('shortens very long names with a hash of the whole name', () => {
    const long = 'x'.repeat(300);
    const other = `${'x'.repeat(299)}y`;
    expect(hostDirName(long).length).toBeLessThanOrEqual(MAX_HOST_DIR_BYTES);
    expect(hostDirName(long)).not.toBe(hostDirName(other));
    expect(hostDirName(long)).toMatch(/^x+~[0-9a-f]{16}$/);
    // A cut never splits an escape: no dangling "%" or "%X" before the hash.
    const escaped = hostDirName('é'.repeat(100));
    expect(escaped).toMatch(/^(%C3%A9)+~[0-9a-f]{16}$/);
  });
});

describe('sharding', () => {
  it('uses 32-bit FNV-1a (published test vectors)', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it('puts every host in exactly one shard, spread roughly evenly', () => {
    const hosts = Array.from({ length: 1000 }, (_, i) => `host-${i}`);
    const counts = [0, 0, 0, 0];
    for (const host of hosts) {
      const owners = [0, 1, 2, 3].filter((index) => inShard(host, { index, count: 4 }));
      expect(owners).toEqual([shardOf(host, 4)]);
      counts[owners[0] as number]! += 1;
    }
    for (const count of counts) expect(count).toBeGreaterThan(200);
    expect(inShard('any', undefined)).toBe(true);
  });
});
