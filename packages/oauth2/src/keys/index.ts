export { KeyRing, type KeyRingOptions } from './ring.ts';
export { KEY_ALGS, isDefaultSet, type KeyAlg, type KeyUse } from './algorithms.ts';
export { keyStatusesOf, listKeySetStatuses, type KeySetStatus, type KeyState, type KeyStatus } from './states.ts';
