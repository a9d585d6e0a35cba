// The objects feature's public API in one import: the bundled MQTT broker and the registry of
// running objects, with the stores their actions fill. Each file holds one concept.
export * from './alert-log.js';
export * from './mqtt-broker.js';
export * from './mqtt-frame-guard.js';
export * from './object-clock.js';
export * from './object-error.js';
export type * from './object-events.js';
export * from './object-log.js';
export * from './object-ports.js';
export * from './object-registry.js';
export * from './object-spec.js';
export * from './operator-messages.js';
export * from './runner-log.js';
export * from './telemetry-topics.js';
