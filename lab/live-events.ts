// The one union of live events on /api/events, for the server and the browser: the engine's
// frames (Mailpit's and the sessions', server/wire/live-events.ts) and the lab's features' —
// the objects and their automatons (lab/objects/object-events.ts), the alert channels'
// simulators (lab/channels/channel-events.ts). Every frame is
// `{ Type, Data }`; a client switches on Type exhaustively. Types only.
import type { EngineEvent } from '../server/wire/live-events.js';
import type { ClassChanged } from './class/class-wire.js';
import type { ChannelEvent } from './channels/channel-events.js';
import type { ObjectEvent } from './objects/object-events.js';
import type { AutomatonEntry } from './objects/objects-wire.js';
import type { ScenarioProgress } from './scenarios/scenario-types.js';

export type AutomatonEvent = { Type: 'automaton'; Data: { automaton: AutomatonEntry } } | { Type: 'automaton-removed'; Data: { id: string } };

/** A student's progress through a scenario changed (a step passed or failed, a hint more). */
export type ScenarioEvent =
  | { Type: 'scenario-progress'; Data: ScenarioProgress }
  /** A student's progress in a scenario was forgotten (reset from the CLI, another tab, …). */
  | { Type: 'scenario-reset'; Data: { scenarioId: string; student: string } };

/** The class changed in a way no other frame tells (a roster imported): the Instructor page refetches. Overseers only. */
export type ClassEvent = { Type: 'class-changed'; Data: ClassChanged };

export type LabEvent = ObjectEvent | AutomatonEvent | ScenarioEvent | ChannelEvent | ClassEvent;

export type LiveEvent = EngineEvent | LabEvent;

export type LiveEventType = LiveEvent['Type'];
