/**
 * Special-use address ranges an outbound request on a client's behalf must not reach unless the
 * operator allows it (clients.http.disallow_private_ip_ranges): otherwise a client could register a
 * jwks_uri that makes Olympus call into its own network (SSRF; RFC 6890 registries, RFC 6598 CGNAT,
 * RFC 4193 unique local, RFC 4291 link-local and multicast). node's BlockList also matches
 * IPv4-mapped IPv6 (`::ffff:10.0.0.1`) against the IPv4 ranges.
 */
import { BlockList, isIP } from 'node:net';

const RANGES: ReadonlyArray<readonly [kind: string, network: string, prefix: number]> = [
  ['unspecified', '0.0.0.0', 8],
  ['private', '10.0.0.0', 8],
  ['CGNAT (shared address space)', '100.64.0.0', 10],
  ['loopback', '127.0.0.0', 8],
  ['link-local', '169.254.0.0', 16],
  ['private', '172.16.0.0', 12],
  ['private', '192.168.0.0', 16],
  ['multicast', '224.0.0.0', 4],
  ['reserved', '240.0.0.0', 4],
  ['unspecified', '::', 128],
  ['loopback', '::1', 128],
  // IPv4-compatible IPv6 (deprecated, RFC 4291 §2.5.5.1): never a legitimate destination.
  ['reserved', '::', 96],
  ['private', 'fc00::', 7],
  ['link-local', 'fe80::', 10],
  // Site-local (deprecated, RFC 3879): still routed inside some networks.
  ['private', 'fec0::', 10],
  ['multicast', 'ff00::', 8],
];

const LISTS = RANGES.map(([kind, network, prefix]) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, isIP(network) === 4 ? 'ipv4' : 'ipv6');
  return { kind, list };
});

/**
 * The kind of special-use range `address` lies in (`private`, `loopback`, `link-local`,
 * `CGNAT (shared address space)`, `multicast`, `unspecified`, `reserved`), or undefined for an
 * ordinary public address. Anything that is not an IP address counts as `not an IP address`.
 */
export const specialUseRange = (address: string): string | undefined => {
  const family = isIP(address);
  if (family === 0) return 'not an IP address';
  const type = family === 4 ? 'ipv4' : 'ipv6';
  return LISTS.find(({ list }) => list.check(address, type))?.kind;
};
