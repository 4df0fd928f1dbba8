/**
 * Fuzzed requests against one real server per database (test/support/fuzz/http-properties.ts,
 * docs/operations/fuzzing.md): never a 5xx, every refusal in its documented envelope and status.
 */
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from '../support/server.ts';
import { httpProperties } from '../support/fuzz/http-properties.ts';
import { prepareTarget, type FuzzTarget } from '../support/fuzz/http-target.ts';
import { assertProperty } from '../support/fuzz/property.ts';

const RUNS = Number(process.env.FUZZ_HTTP_RUNS_PER_PROPERTY ?? 40);
/** The property names, known before a server runs, so node:test can list the tests up front. */
const NAMES = httpProperties({} as FuzzTarget).map((p) => p.name);

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`fuzzed HTTP requests (${kind})`, () => {
    let olympus: TestServer;
    let target: FuzzTarget;
    before(async () => {
      olympus = await startTestServer(kind);
      target = await prepareTarget(olympus);
    });
    after(() => olympus?.close());

    for (const [i, name] of NAMES.entries()) test(name, () => assertProperty(httpProperties(target)[i], RUNS));
  });
}
