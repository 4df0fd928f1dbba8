-- The courier's persisted queue (packages/storage/src/identity/courier.ts). Times are epoch
-- milliseconds. `due_at` is when a message may next be claimed: its creation time, the retry time
-- after a failed send, or the end of a worker's lease while it is in processing (a crashed worker's
-- claim runs out and the message is handed out again).

CREATE TABLE courier_messages (
  id            TEXT PRIMARY KEY,
  status        TEXT NOT NULL,
  type          TEXT NOT NULL,
  recipient     TEXT NOT NULL,
  subject       TEXT NOT NULL,
  body          TEXT NOT NULL,
  template_type TEXT NOT NULL,
  send_count    INTEGER NOT NULL DEFAULT 0,
  due_at        BIGINT NOT NULL,
  created_at    BIGINT NOT NULL,
  updated_at    BIGINT NOT NULL
);
CREATE INDEX courier_messages_due ON courier_messages (due_at) WHERE status IN ('queued', 'processing');
CREATE INDEX courier_messages_page ON courier_messages (created_at, id);
CREATE INDEX courier_messages_status ON courier_messages (status, created_at, id);
CREATE INDEX courier_messages_recipient ON courier_messages (recipient, created_at, id);

CREATE TABLE courier_message_dispatches (
  id         TEXT PRIMARY KEY,
  message_id TEXT NOT NULL REFERENCES courier_messages (id) ON DELETE CASCADE,
  status     TEXT NOT NULL,
  error      TEXT,
  created_at BIGINT NOT NULL
);
CREATE INDEX courier_message_dispatches_message ON courier_message_dispatches (message_id, created_at);
