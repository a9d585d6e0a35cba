// «Отправить SMS», «Отправить в Telegram», «Отправить в Discord» for real: an automaton's channel
// alert goes out through the channels feature's port (lab/channels/channel-alerts.ts: the owner's
// saved integration of that channel, its driver and its retries), and the port's send result
// becomes the alert log's outcome — the reply verbatim, the explanation, every attempt, and the
// captured message with its exchange when the target is one of the lab's own simulators.
import type { AutomatonChannelAlert } from '../automaton/runner-events.js';
import type { ChannelAlert, ChannelAlertPort } from '../channels/channel-alerts.js';
import type { ChannelSendResult } from '../channels/channel-wire.js';
import type { AlertOutcome } from './alert-log.js';
import type { ObjectActionPorts } from './object-ports.js';

/** The alert as the port takes it; `none` goes along too, or the integration's markup would parse plain text. */
export function portAlert(alert: AutomatonChannelAlert): ChannelAlert {
  return {
    text: alert.text,
    ...(alert.to !== null ? { to: alert.to } : {}),
    ...(alert.title !== null ? { title: alert.title } : {}),
    ...(alert.parseMode !== null ? { parseMode: alert.parseMode } : {}),
  };
}

/** The port's send result as the alert log's outcome. */
export function channelOutcome(result: ChannelSendResult): AlertOutcome {
  return {
    ok: result.ok,
    message: result.message,
    reply: result.reply,
    explanation: result.explanation,
    attempts: result.attempts.length,
    status: result.status,
    channelAttempts: result.attempts,
    ...(result.messageId ? { messageId: result.messageId } : {}),
    ...(result.exchangeId ? { exchangeId: result.exchangeId } : {}),
  };
}

/** The registry's channel sender on top of the channels' port; `signal` stops every wait for a retry (the lab stopping). */
export function channelAlertSender(port: ChannelAlertPort, signal?: AbortSignal): NonNullable<ObjectActionPorts['sendChannelAlert']> {
  return async (_objectId, owner, alert, onAttempt) => channelOutcome(await port.send(owner, alert.channel, portAlert(alert), onAttempt, signal));
}
