/**
 * Kratos' session-token exchange for native apps (docs/operations/social-sign-in.md, "Native apps"): a
 * login or registration flow created with `return_session_token_exchange_code=true` gets an init code,
 * which only the app learns; a sign-in completed in the system browser adds a return_to code, which only
 * the app's return_to receives; the pair, together and once, is exchanged for the session token.
 * Both codes are stored as keyed hashes (docs/architecture.md §6); the session token waits sealed.
 */
export interface SessionTokenExchange {
  id: string;
  flowId: string;
  initCodeHash: string;
  /** Set, with the session, when the sign-in completes. */
  returnToCodeHash: string | null;
  sessionId: string | null;
  /** The session token sealed for this exchange, until it is exchanged. */
  sealedToken: string | null;
  /** Epoch ms: the flow's expiry, then EXCHANGE_WINDOW_MS after the sign-in completed. */
  expiresAt: number;
  createdAt: number;
  usedAt: number | null;
}

/** What a completed sign-in adds to the flow's exchange. */
export interface CompletedExchange {
  returnToCodeHash: string;
  sessionId: string;
  sealedToken: string;
  expiresAt: number;
}

export interface SessionTokenExchangeStore {
  createExchange(exchange: SessionTokenExchange): Promise<void>;
  /** The flow's exchange, whatever its state. */
  exchangeOfFlow(flowId: string): Promise<SessionTokenExchange | undefined>;
  /** Adds the session to the flow's exchange; false when it has one already, was used or is gone. */
  completeExchange(flowId: string, completed: CompletedExchange): Promise<boolean>;
  /**
   * Marks the exchange with both hashes used and returns it, in one statement: exactly one of two
   * parallel redemptions gets it; a used, expired, unmatched or not yet completed pair gets undefined.
   */
  redeemExchange(initCodeHash: string, returnToCodeHash: string, now: number): Promise<SessionTokenExchange | undefined>;
}
