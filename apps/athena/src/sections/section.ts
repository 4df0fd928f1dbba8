/**
 * A section of the console: its path, its navigation label, the permission that shows it in the
 * navigation, and its routes. sections/index.ts lists them in navigation order.
 */
import type { FastifyInstance } from 'fastify';
import type { HttpDeps } from '@olympus/http';
import type { Permission } from '@olympus/identity';
import type { MessageKey } from '../i18n/en.ts';

export interface Section {
  path: string;
  nav: MessageKey;
  /** Who sees the section in the navigation (its pages check their own permissions). */
  permission: Permission;
  register(app: FastifyInstance, deps: HttpDeps): void;
}
