// What the objects bench (bench/objects/run-objects.ts) and its server child
// (bench/objects/objects-child.ts) say to each other over the IPC channel of child_process.fork.
// The server runs alone in its process, so its CPU time and resident memory are its own, not the
// load generator's.

export type ObjectsServerSpec =
  /** aedes on a plain TCP server, counting the publishes it is handed: the baseline (for as many devices). */
  | { kind: 'broker'; objects: number }
  /** The lab (createLabServer): `objects` MQTT objects on temperature-control with «Отправить e-mail». */
  | { kind: 'lab'; objects: number };

export interface ObjectsServerReady {
  type: 'ready';
  mqttPort: number;
  /** The objects' ids: the MQTT client ids their devices use (the broker takes any; the same ids are used). */
  objectIds: string[];
}

export interface ObjectsServerStats {
  /** Publishes the broker was handed (both servers). */
  publishes: number;
  /** Telemetry values the objects took (the lab; equals `publishes` for the broker). */
  telemetry: number;
  transitions: number;
  alertsSent: number;
  alertsFailed: number;
  alertsSending: number;
  /** Mails in the lab's mailbox. */
  mails: number;
  /** Each alert mail that arrived since the last stats: its subject and Date.now() on arrival. */
  arrivals: { subject: string; at: number }[];
  rssBytes: number;
  heapUsedBytes: number;
  cpuUserMicros: number;
  cpuSystemMicros: number;
}
