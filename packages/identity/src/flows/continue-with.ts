/**
 * Kratos' `continue_with` items (docs/compatibility.md §2.3): what a client does after a flow
 * succeeded — store a session token, open another flow's UI, or navigate.
 */
export type ContinueWith =
  | { action: 'set_ory_session_token'; ory_session_token: string }
  | { action: 'show_settings_ui'; flow: { id: string; url?: string } }
  | { action: 'show_verification_ui'; flow: { id: string; verifiable_address: string; url?: string } }
  | { action: 'show_recovery_ui'; flow: { id: string; url?: string } }
  | { action: 'redirect_browser_to'; redirect_browser_to: string };
