import { describe, expect, it } from 'vitest';
import { HOST_USAGE, parseHostArgs } from '../../../src/main/host/args';

describe('parseHostArgs', () => {
  it('defaults to port 5180, the default data folder and no demo data', () => {
    expect(parseHostArgs([])).toEqual({ port: 5180, dataDir: null, demo: false, demoOnly: false });
  });

  it('reads --port, --data-dir and --demo, in any order', () => {
    expect(parseHostArgs(['--demo', '--data-dir', '/tmp/网格数据', '--port', '5190'])).toEqual({
      port: 5190,
      dataDir: '/tmp/网格数据',
      demo: true,
      demoOnly: false,
    });
  });

  it('--demo-only loads the demo street and asks the host to exit', () => {
    expect(parseHostArgs(['--demo-only', '--data-dir', 'd'])).toMatchObject({ demo: true, demoOnly: true, dataDir: 'd' });
  });

  it('accepts --flag=value, including a value that itself holds "="', () => {
    expect(parseHostArgs(['--port=0', '--data-dir=/d/a=b'])).toEqual({ port: 0, dataDir: '/d/a=b', demo: false, demoOnly: false });
  });

  it('lets a later flag win', () => {
    expect(parseHostArgs(['--port', '1', '--port', '2']).port).toBe(2);
  });

  it('refuses a port that is not an integer from 0 to 65535, in Chinese with the usage', () => {
    for (const bad of ['65536', '-1', '80.5', 'abc']) {
      expect(() => parseHostArgs(['--port', bad])).toThrow(/端口应为 0 到 65535 的整数/);
    }
    expect(() => parseHostArgs(['--port', '70000'])).toThrow(HOST_USAGE);
    expect(parseHostArgs(['--port', '65535']).port).toBe(65535);
  });

  it('refuses a flag without its value', () => {
    expect(() => parseHostArgs(['--port'])).toThrow('--port 需要一个值');
    expect(() => parseHostArgs(['--data-dir'])).toThrow('--data-dir 需要一个值');
    expect(() => parseHostArgs(['--data-dir='])).toThrow('--data-dir 需要一个值');
  });

  it('refuses unknown arguments, naming them', () => {
    expect(() => parseHostArgs(['--prot', '5180'])).toThrow('不认识的参数 --prot');
    expect(() => parseHostArgs(['5180'])).toThrow('不认识的参数 5180');
  });

  it('--lan opens 局域网访问, at --lan-address and --lan-port when given', () => {
    expect(parseHostArgs([]).lan).toBeUndefined();
    expect(parseHostArgs(['--lan']).lan).toEqual({ address: null, port: null });
    expect(parseHostArgs(['--lan', '--lan-address', '192.168.1.5', '--lan-port=8443']).lan).toEqual({ address: '192.168.1.5', port: 8443 });
    expect(parseHostArgs(['--lan-port', '8443', '--lan']).lan).toEqual({ address: null, port: 8443 });
    expect(() => parseHostArgs(['--lan-address', '192.168.1.5'])).toThrow('--lan-address 和 --lan-port 只能与 --lan 一起使用');
    expect(() => parseHostArgs(['--lan', '--lan-port', '0'])).toThrow('局域网端口应为 1 到 65535 的整数');
  });
});
