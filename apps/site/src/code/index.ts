/** The Authorization Code + PKCE run's routes (docs/playground.md), in the order a run takes them. */
import type { RegisterRoutes } from '@olympus/http';
import { registerAuthorizePage } from './authorize-page.ts';
import { registerCallback } from './callback.ts';
import { registerLogoutStep } from './logout-step.ts';
import { registerRefreshSteps } from './refresh-step.ts';
import { registerRevokeStep } from './revoke-step.ts';
import { registerSetupPage } from './setup-page.ts';
import { registerUserinfoStep } from './userinfo-step.ts';

export const codeFlowRoutes: readonly RegisterRoutes[] = [
  registerSetupPage, registerAuthorizePage, registerCallback, registerUserinfoStep, registerRefreshSteps, registerRevokeStep, registerLogoutStep,
];
