export { randomToken } from './random.ts';
export { constantTimeEqual } from './compare.ts';
export { KeyedHasher } from './keyed-hash.ts';
export { Sealer } from './sealer.ts';
