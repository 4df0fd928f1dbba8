/**
 * How the flows send mail: render the template and put the message in the persisted queue. Sending
 * happens later in the worker (worker.ts), so a slow or unreachable SMTP server never slows a flow
 * down and a message survives a restart.
 */
import type { Logger } from '@olympus/oauth2';
import type { CourierMessage, CourierTemplateType } from './message.ts';
import { newMessageId } from './message-id.ts';
import type { CourierStore } from './store.ts';
import { renderTemplate, type TemplateContext } from './templates.ts';

/** What enqueueing needs from the IdentityContext (the whole context fits). */
export interface CourierQueueDeps {
  storage: { courier: CourierStore };
  log: Logger;
  now: () => number;
}

export interface EmailRequest {
  recipient: string;
  templateType: CourierTemplateType;
  context: TemplateContext;
}

export const newCourierMessage = (request: EmailRequest, now: number): CourierMessage => {
  const { subject, body } = renderTemplate(request.templateType, request.context);
  const at = new Date(now).toISOString();
  return {
    id: newMessageId(now), status: 'queued', type: 'email', channel: 'email', recipient: request.recipient, subject, body,
    template_type: request.templateType, send_count: 0, dispatches: [], created_at: at, updated_at: at,
  };
};

/** Renders and queues one e-mail; resolves to the stored message. */
export const enqueueEmail = async (deps: CourierQueueDeps, request: EmailRequest): Promise<CourierMessage> => {
  const message = newCourierMessage(request, deps.now());
  await deps.storage.courier.enqueue(message);
  // Never log the body: it carries the code.
  deps.log.info({ courier_message_id: message.id, template_type: message.template_type }, 'courier message queued');
  return message;
};
