/**
 * Message ids are UUIDv7 with a monotonic counter (RFC 9562 §5.7, §6.2 method 1): 48 bits of Unix
 * milliseconds, a 12-bit counter, then random bits. Messages queued by one process in the same
 * millisecond (a flow sending two mails) still sort in the order they were queued, which is the
 * order the inbox lists them in.
 */
import { randomBytes } from 'node:crypto';

let lastMs = -1;
let counter = 0;

export const newMessageId = (now: number): string => {
  if (now > lastMs) {
    lastMs = now;
    counter = randomBytes(2).readUInt16BE() & 0x3ff; // leaves room for 3000+ ids in this millisecond
  } else if (++counter > 0xfff) {
    lastMs += 1;
    counter = 0;
  }
  const bytes = randomBytes(16);
  bytes.writeUIntBE(lastMs, 0, 6);
  bytes.writeUInt16BE(0x7000 | counter, 6); // version 7, then the counter
  bytes[8] = 0x80 | (bytes[8]! & 0x3f); // variant 10
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};
