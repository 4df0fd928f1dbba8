/**
 * Flow errors for browsers (GET /self-service/errors?id=): a browser that cannot be answered with
 * JSON is sent to the error UI with an id, and the UI fetches the error by that id. The id is the
 * error itself sealed under the system secrets, so nothing is stored and no one can forge one. It
 * also seals the error id the HTTP edge logged and gave the flow tracer, which the error UI shows.
 */
import type { IdentityContext } from '../context.ts';
import { FlowNotFound } from '../errors.ts';

const PURPOSE = 'identity-flow-error';

export interface StoredFlowError {
  id: string;
  error: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

export const sealFlowError = (ctx: IdentityContext, error: Record<string, unknown>, errorId?: string): string =>
  ctx.sealer.seal(JSON.stringify({ error, at: ctx.now(), ...(errorId === undefined ? {} : { error_id: errorId }) }), PURPOSE);

/** The sealed error as the wire shows it, and the error id it was logged and traced under (none in older ids). */
export const openSealedFlowError = (ctx: IdentityContext, id: string | undefined): { stored: StoredFlowError; errorId?: string } => {
  const opened = id ? ctx.sealer.open(id, PURPOSE) : undefined;
  if (opened === undefined) {
    throw new FlowNotFound('Unable to locate the resource.', { reason: 'No error with this id exists: the id is incomplete, altered or from another Olympus.' });
  }
  const { error, at, error_id: errorId } = JSON.parse(opened) as { error: Record<string, unknown>; at: number; error_id?: string };
  const when = new Date(at).toISOString();
  return { stored: { id: id as string, error, created_at: when, updated_at: when }, ...(typeof errorId === 'string' ? { errorId } : {}) };
};

export const openFlowError = (ctx: IdentityContext, id: string | undefined): StoredFlowError => openSealedFlowError(ctx, id).stored;
