import { messages } from '../../ui/messages.ts';
import type { CodeFlowSpec } from '../../codes/submit.ts';
import { checkRecoveryEnabled, recreateRecoveryFlow } from './create.ts';

/** Recovery as a code flow: codes go to recovery addresses, with Kratos' 406xxxx message ids. */
export const recoverySpec: CodeFlowSpec = {
  kind: 'recovery',
  checkEnabled: checkRecoveryEnabled,
  recreate: recreateRecoveryFlow,
  addresses: 'recovery_addresses',
  template: 'recovery_code_valid',
  form: { codeLabel: messages.recoveryCodeLabel, codeSent: messages.recoveryCodeSent },
  texts: {
    noMethod: messages.noRecoveryMethod,
    alreadyCompleted: messages.recoveryAlreadyCompleted,
    failed: messages.recoveryFailed,
    codeInvalid: messages.recoveryCodeInvalid,
  },
};
