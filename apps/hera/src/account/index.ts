/** Hera's account pages, registered on the public origin with the other Hera routes. */
import type { RegisterRoutes } from '@olympus/http';
import { registerCodeFlowPages } from './code-flows.ts';
import { registerAccountHome } from './home.ts';
import { registerRegistrationPage } from './registration.ts';
import { registerSessionsPage } from './sessions.ts';
import { registerSettingsPage } from './settings.ts';

export const accountRoutes: readonly RegisterRoutes[] = [
  registerRegistrationPage, registerCodeFlowPages, registerSettingsPage, registerSessionsPage, registerAccountHome,
];

export { accountNav, type AccountPage } from './nav.ts';
