export * from './errors.ts';
export * from './ports.ts';
export * from './context.ts';
export * from './logger.ts';
export * from './clients/client.ts';
export * from './flows/flow.ts';
export * from './tokens/records.ts';
export * from './tokens/opaque.ts';
