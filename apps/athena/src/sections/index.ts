/** The console's sections in navigation order; each registers its own routes. */
import { auditSection } from './audit.ts';
import { clientsSection } from './clients.ts';
import { courierSection } from './courier.ts';
import { identitiesSection } from './identities.ts';
import { keysSection } from './keys.ts';
import { providersSection } from './providers.ts';
import { requestsSection } from './requests.ts';
import type { Section } from './section.ts';
import { sessionsSection } from './sessions.ts';
import { tracesSection } from './traces.ts';

export const SECTIONS: readonly Section[] = [
  clientsSection,
  identitiesSection,
  sessionsSection,
  requestsSection,
  tracesSection,
  courierSection,
  keysSection,
  providersSection,
  auditSection,
];
