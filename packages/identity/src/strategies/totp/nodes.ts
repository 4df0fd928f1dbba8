/** The TOTP method's nodes, with Kratos' names (totp_qr, totp_secret_key, totp_code, totp_unlink). */
import type { TOTP } from 'otpauth';
import { messages } from '../../ui/messages.ts';
import type { UiNode } from '../../ui/node.ts';
import { imageNode, inputNode, submitNode, textNode } from '../../ui/nodes.ts';
import { QR_SIZE, qrDataUri } from './qr.ts';

const codeInput = (label = messages.totpCodeLabel()): UiNode =>
  inputNode('totp', 'totp_code', 'text', { required: true, autocomplete: 'one-time-code', label });

/** Login at aal2: the code and its button. */
export const totpLoginNodes = (): UiNode[] => [codeInput(), submitNode('totp', 'totp', messages.useAuthenticator())];

/** Settings without an authenticator app: the pending secret as QR code and as text, then the code that confirms it. */
export const totpSetupNodes = async (pending: TOTP): Promise<UiNode[]> => [
  imageNode('totp', 'totp_qr', await qrDataUri(pending.toString()), QR_SIZE, QR_SIZE, messages.totpQrCode()),
  textNode('totp', 'totp_secret_key', messages.totpSecret(pending.secret.base32), messages.totpSecretLabel()),
  codeInput(messages.verifyCodeLabel()),
  submitNode('totp', 'totp', messages.saveLabel()),
];

/** Settings with an authenticator app: the button that removes it. */
export const totpUnlinkNodes = (): UiNode[] => [submitNode('totp', 'true', messages.unlinkTotp(), 'totp_unlink')];
