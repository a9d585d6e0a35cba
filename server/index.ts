// The in-process API for test authors: `import { createLabServer } from 'smtp-lab'`.
export { createLabServer, DEFAULTS, type LabServer, type LabServerOptions } from './lab-server.js';
export type { Mailbox, MailQuery, WaitForOptions, StoredMail, MailboxStats } from './mailbox/mailbox.js';
export type { SessionStore, SessionFilter } from './sessions/session-store.js';
export type * from './wire/mailbox.js';
export type * from './wire/sessions.js';
export type * from './wire/live-events.js';
export type { LiveEvent, LiveEventType, LabEvent } from '../lab/live-events.js';
export type * from '../lab/objects/object-events.js';
export { CLOSE_SLOW_CONSUMER, CLOSE_SERVER_SHUTDOWN } from './wire/live-events.js';
export { SmtpReplyError } from './smtp/reply-error.js';
export type * from './wire/faults.js';
export type { FaultHandle, FaultScopeHandle, LabFaults } from './faults/lab-faults.js';
export { FaultError } from './faults/fault-error.js';
export { FAULT_PRESETS, type FaultPreset } from './faults/fault-presets.js';
