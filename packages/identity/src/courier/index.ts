export * from './message.ts';
export * from './store.ts';
export * from './templates.ts';
export * from './enqueue.ts';
export * from './smtp.ts';
export * from './worker.ts';
