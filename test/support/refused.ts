/** The status and error body of an @ory/client-fetch call the server refused (ResponseError). */
import assert from 'node:assert/strict';
import { ResponseError } from '@ory/client-fetch';

type Json = Record<string, any>;

export const failure = async (call: Promise<unknown>): Promise<{ status: number; body: Json }> => {
  try {
    await call;
  } catch (err) {
    if (err instanceof ResponseError) return { status: err.response.status, body: (await err.response.json().catch(() => ({}))) as Json };
    throw err;
  }
  assert.fail('expected the call to be refused');
};
