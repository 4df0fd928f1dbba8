import type { ClientPage, ClientStore } from '../src/ports.ts';
import type { StoredClient } from '../src/clients/client.ts';

/** A minimal in-memory ClientStore; copies on the way in and out like a database would. */
export class MemoryClientStore implements ClientStore {
  readonly rows = new Map<string, StoredClient>();
  async createClient(client: StoredClient) {
    if (this.rows.has(client.client.client_id)) return false;
    this.rows.set(client.client.client_id, structuredClone(client));
    return true;
  }
  async getClient(id: string) {
    const row = this.rows.get(id);
    return row && structuredClone(row);
  }
  async updateClient(client: StoredClient) {
    if (!this.rows.has(client.client.client_id)) return false;
    this.rows.set(client.client.client_id, structuredClone(client));
    return true;
  }
  async deleteClient(id: string) {
    return this.rows.delete(id);
  }
  async listClients(page: ClientPage) {
    const key = (c: StoredClient) => `${c.client.created_at}\u0000${c.client.client_id}`;
    return [...this.rows.values()]
      .filter((c) => (page.clientName === undefined || c.client.client_name === page.clientName) && (page.owner === undefined || c.client.owner === page.owner))
      .filter((c) => !page.after || key(c) > `${page.after.createdAt}\u0000${page.after.id}`)
      .sort((a, b) => (key(a) < key(b) ? -1 : 1))
      .slice(0, page.limit)
      .map((c) => structuredClone(c));
  }
}
