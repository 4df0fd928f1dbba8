/**
 * The sizing figure of docs/operations/deployment.md: client credentials requests per second through
 * nginx with autocannon (closed loop, `connections` in flight), for a cluster of 1 node and of 3.
 */
import autocannon from 'autocannon';
import { basic, createClient } from '../../test/support/flow.ts';
import { startCluster } from '../../test/support/cluster.ts';

export interface SizingFigure {
  nodes: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  non2xx: number;
}

export const measureClientCredentials = async (nodes: number, seconds: number, connections: number): Promise<SizingFigure> => {
  const cluster = await startCluster({ nodes });
  try {
    const client = await createClient(cluster.adminUrl, { grant_types: ['client_credentials'], scope: 'read' });
    const options = {
      url: `${cluster.publicUrl}/oauth2/token`, method: 'POST', connections, duration: seconds, timeout: 10,
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(client.client_id, client.client_secret!) },
      body: 'grant_type=client_credentials&scope=read',
    };
    await autocannon({ ...options, duration: 3 }); // warm-up: JIT, pools, kept-alive upstream connections
    const result = await autocannon(options);
    return { nodes, reqPerSec: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx + result.errors };
  } finally {
    await cluster.stop();
  }
};
