/**
 * Schema of the `athena` section: the admin console on the admin origin — whether it is served, the
 * authenticator level an administrator needs, and how long its sign-in lasts.
 */
import { Type } from '@sinclair/typebox';
import { boolean, filled, section, ttl } from './schema-nodes.ts';

const AALS = ['aal1', 'aal2'] as const;

export const athenaSchemaSection = {
  athena: section('Athena, the admin console served on the admin origin at `/` (the JSON admin API keeps its paths).', {
    enabled: boolean('Serve the console. Its pages sign administrators in through Olympus itself, never through the admin API keys.', true),
    required_aal: filled(Type.Unsafe<(typeof AALS)[number]>({
      enum: [...AALS],
      description: 'Authenticator level an administrator must reach: with `aal2`, one without a second factor is sent to set one up before anything else.',
      'x-default': '`aal1` with --dev, else `aal2`',
      'x-mode-default': { dev: 'aal1', production: 'aal2' },
    })),
    session: section("The console's sign-in on the admin origin.", {
      idle_timeout: ttl('Signed out after this long without a request.', '30m'),
      lifespan: ttl('Signed out this long after signing in, however active.', '12h'),
    }),
  }),
};
