/**
 * The two codes of a session-token exchange (store.ts): random, 256 bits each, kept only as keyed
 * hashes under their own purposes, so an init code can never pass as a return_to code.
 */
import { randomToken } from '@olympus/crypto';
import type { IdentityContext } from '../../context.ts';

export const newExchangeCode = (): string => randomToken();

export const initCodeHash = (ctx: IdentityContext, code: string): string => ctx.hasher.hash(code, 'session-token-exchange-init');

export const returnToCodeHash = (ctx: IdentityContext, code: string): string => ctx.hasher.hash(code, 'session-token-exchange-return-to');

/** The session token travels sealed to its exchange, bound to this purpose. */
export const TOKEN_PURPOSE = 'session-token-exchange';
