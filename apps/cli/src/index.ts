/** Public API of @olympus/cli, for tests and for tools that embed the commands. */
export { run } from './run.ts';
export type { Io } from './io.ts';
export { processIo } from './io.ts';
export { performAuthorizationCode, CallbackServerError } from './authorization-code/perform.ts';
export type {
  AuthorizationCodeOptions,
  AuthorizationCodeIo,
  AuthorizationCodeResult,
} from './authorization-code/options.ts';
export { createPkce } from './authorization-code/pkce.ts';
export type { TokenResponse } from './tokens/token-view.ts';
export type { ServerModule, RunningServer } from './server/server-module.ts';
export { ApiError, UsageError, CommandFailed, UnreachableError, CliError } from './errors.ts';
export { COMMANDS } from './registry.ts';
export type { Command } from './command.ts';
