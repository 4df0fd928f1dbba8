/** The SSRF address classifier (clients.http.disallow_private_ip_ranges), as a table. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { specialUseRange } from '../src/outbound/address-ranges.ts';

const TABLE: ReadonlyArray<[address: string, expected: string | undefined]> = [
  ['10.0.0.5', 'private'],
  ['10.255.255.255', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private'],
  ['192.168.1.1', 'private'],
  ['127.0.0.1', 'loopback'],
  ['127.8.9.10', 'loopback'],
  ['169.254.169.254', 'link-local'],
  ['100.64.0.1', 'CGNAT (shared address space)'],
  ['100.127.255.254', 'CGNAT (shared address space)'],
  ['224.0.0.251', 'multicast'],
  ['0.0.0.0', 'unspecified'],
  ['255.255.255.255', 'reserved'],
  ['::1', 'loopback'],
  ['::', 'unspecified'],
  ['fc00::1', 'private'],
  ['fd12:3456:789a::1', 'private'],
  ['fe80::1', 'link-local'],
  ['febf:ffff::1', 'link-local'],
  ['ff02::1', 'multicast'],
  ['::ffff:10.0.0.1', 'private'],
  ['::ffff:a00:1', 'private'],
  ['::ffff:127.0.0.1', 'loopback'],
  ['::ffff:169.254.169.254', 'link-local'],
  ['::10.0.0.1', 'reserved'],
  // Public addresses, including neighbours of the refused ranges.
  ['8.8.8.8', undefined],
  ['1.1.1.1', undefined],
  ['172.15.255.255', undefined],
  ['172.32.0.1', undefined],
  ['100.63.255.255', undefined],
  ['100.128.0.1', undefined],
  ['192.169.0.1', undefined],
  ['11.0.0.1', undefined],
  ['2606:4700:4700::1111', undefined],
  ['2001:4860:4860::8888', undefined],
  ['fbff::1', undefined],
  ['::ffff:8.8.8.8', undefined],
  ['not-an-ip', 'not an IP address'],
];

for (const [address, expected] of TABLE) {
  test(`${address} → ${expected ?? 'public (allowed)'}`, () => {
    assert.equal(specialUseRange(address), expected);
  });
}
