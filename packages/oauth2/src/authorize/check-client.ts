import { InvalidClient, InvalidRequest } from '../errors.ts';
import { AuthorizeRejected } from './rejection.ts';
import type { AuthorizeStep } from './request-state.ts';

/** RFC 6749 §4.1.1: client_id is required and must name a registered client. */
export const checkClient: AuthorizeStep = async (state) => {
  const clientId = state.params.client_id;
  if (!clientId) {
    throw new AuthorizeRejected(new InvalidRequest('The request is missing the client_id parameter.', {
      hint: 'Add client_id=<your client id> to the authorization URL.',
    }), null);
  }
  const stored = await state.ctx.clients.get(clientId);
  if (!stored) {
    throw new AuthorizeRejected(new InvalidClient('The OAuth2 client does not exist.', {
      hint: `No client has the id "${clientId}". Check the client_id in your application's settings, or create the client (olympus create client).`,
    }), null);
  }
  state.client = stored.client;
  state.request.clientId = clientId;
};
