/** The console's sections in navigation order; each registers its own routes. */
import { clientsSection } from './clients.ts';
import type { Section } from './section.ts';

export const SECTIONS: readonly Section[] = [clientsSection];
