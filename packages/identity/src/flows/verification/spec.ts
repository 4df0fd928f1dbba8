import { messages } from '../../ui/messages.ts';
import type { CodeFlowSpec } from '../../codes/submit.ts';
import { checkVerificationEnabled, recreateVerificationFlow } from './create.ts';

/** Verification as a code flow: codes go to verifiable addresses, with Kratos' 407xxxx message ids. */
export const verificationSpec: CodeFlowSpec = {
  kind: 'verification',
  checkEnabled: checkVerificationEnabled,
  recreate: recreateVerificationFlow,
  addresses: 'verifiable_addresses',
  template: 'verification_code_valid',
  form: { codeLabel: messages.verificationCodeLabel, codeSent: messages.verificationCodeSent },
  texts: {
    noMethod: messages.noVerificationMethod,
    alreadyCompleted: messages.verificationAlreadyCompleted,
    failed: messages.verificationFailed,
    codeInvalid: messages.verificationCodeInvalid,
  },
};
