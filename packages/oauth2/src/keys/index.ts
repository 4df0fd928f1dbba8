export { KeyRing, type KeyRingOptions } from './ring.ts';
export { KEY_ALGS, isDefaultSet, type KeyAlg, type KeyUse } from './algorithms.ts';
