/**
 * A courier message as Kratos' admin API shows it (docs/compatibility.md §2.2, `/admin/courier/messages`).
 * Wire names on purpose: the store keeps this shape and the admin API returns it unchanged.
 *
 * Life cycle: queued → processing (claimed by one worker) → sent, or back to queued after a failed
 * send, or abandoned once it failed MAX_SENDS times. With no SMTP configured nothing claims messages:
 * they stay queued and are the dev inbox.
 */
export type CourierMessageStatus = 'queued' | 'processing' | 'sent' | 'abandoned';
export const COURIER_MESSAGE_STATUSES: readonly CourierMessageStatus[] = ['queued', 'processing', 'sent', 'abandoned'];

/**
 * Kratos' wire names for the template types Olympus sends (docs/compatibility.md §4.2; the values
 * @ory/client's `MessageTemplateTypeEnum` knows). `_valid` carries a code to an address that has
 * an account; `_invalid` tells an address without one that someone tried (sent only where the
 * flow chooses to notify unknown recipients). Each has a template in templates.ts.
 */
export type CourierTemplateType =
  | 'recovery_code_valid'
  | 'recovery_code_invalid'
  | 'verification_code_valid'
  | 'verification_code_invalid'
  | 'registration_code_valid'
  | 'login_code_valid'
  | 'verifiable_address_changed'
  | 'authenticator_key_added'
  | 'stub';

/** One delivery attempt. */
export interface CourierDispatch {
  id: string;
  message_id: string;
  status: 'failed' | 'success';
  /** Why the attempt failed (the SMTP server's answer); absent on success. */
  error?: { message: string };
  created_at: string;
  updated_at: string;
}

export interface CourierMessage {
  id: string;
  status: CourierMessageStatus;
  type: 'email';
  channel: 'email';
  recipient: string;
  subject: string;
  /** Plain text. */
  body: string;
  template_type: CourierTemplateType;
  /** Delivery attempts so far (successful or not). */
  send_count: number;
  dispatches: CourierDispatch[];
  created_at: string;
  updated_at: string;
}

/** After this many failed sends a message is abandoned (Kratos' `courier.message_retries` default). */
export const MAX_SENDS = 5;

export const isCourierMessageStatus = (value: unknown): value is CourierMessageStatus =>
  typeof value === 'string' && (COURIER_MESSAGE_STATUSES as readonly string[]).includes(value);
