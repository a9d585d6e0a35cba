// The lab's channel commands authored over HTTP, beside «Отправить e-mail»'s routes
// (lab/HTTP-API.md): add «Отправить SMS», «… в Telegram» or «… в Discord» to a state, change its
// fields, remove it. Signed-in only, like every edit; a field at fault comes back at its name.
import type { RequestHandler, Router } from 'express';
import { endpoint } from '../../server/http/endpoint.js';
import { userError } from '../../server/http/http-error.js';
import { objectBody, textOf } from '../../server/http/request-body.js';
import type { ActionList, AlertChannel } from '../automaton/automaton-types.js';
import { ALERT_CHANNELS } from '../automaton/channel-alerts.js';
import { addChannelAlert, removeChannelAlert, updateChannelAlert, type ChannelFields } from '../automaton/channel-authoring.js';
import { actionLocation, edited, INVALID_FIELDS, LISTS, NO_LIST } from './authoring-http.js';
import type { AutomatonLibrary } from './automaton-library.js';
import type { AutomatonResponse } from './objects-wire.js';

export interface ChannelAlertRoutesDeps {
  library: AutomatonLibrary;
  signedIn: RequestHandler;
  /** Tells the live stream the automaton changed. */
  changed(id: string): void;
}

const NO_CHANNEL = { ru: 'Выберите канал: sms, telegram или discord', en: 'Choose the channel: sms, telegram or discord' };

const fieldsOf = (value: unknown): ChannelFields => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as ChannelFields) : {});

export function channelAlertRoutes(router: Router, deps: ChannelAlertRoutesDeps): void {
  const { library, signedIn } = deps;

  endpoint(router, '/api/lab/automatons/:id/channel-alerts', {
    post: [
      signedIn,
      async (req, res) => {
        const id = String(req.params.id);
        const body = objectBody(req);
        const channel = textOf(body.channel) as AlertChannel;
        if (!ALERT_CHANNELS.includes(channel)) throw userError(400, 'invalid_fields', INVALID_FIELDS, { channel: NO_CHANNEL });
        const list = textOf(body.list) as ActionList;
        if (!LISTS.includes(list)) throw userError(400, 'invalid_fields', INVALID_FIELDS, { list: NO_LIST });
        const index = typeof body.index === 'number' ? body.index : undefined;
        const target = { stateId: textOf(body.stateId), list, ...(index !== undefined ? { index } : {}) };
        const result = edited(addChannelAlert(library.document(id), target, channel, fieldsOf(body.fields)));
        const automaton = await library.replace(id, result.document);
        deps.changed(id);
        res.status(201).json({ automaton } satisfies AutomatonResponse);
      },
    ],
  });

  endpoint(router, '/api/lab/automatons/:id/channel-alerts/:stateId/:list/:index', {
    put: [
      signedIn,
      async (req, res) => {
        const id = String(req.params.id);
        const changes = fieldsOf(objectBody(req).fields);
        const automaton = await library.replace(id, edited(updateChannelAlert(library.document(id), actionLocation(req.params), changes)).document);
        deps.changed(id);
        res.json({ automaton } satisfies AutomatonResponse);
      },
    ],
    delete: [
      signedIn,
      async (req, res) => {
        const id = String(req.params.id);
        const automaton = await library.replace(id, edited(removeChannelAlert(library.document(id), actionLocation(req.params))).document);
        deps.changed(id);
        res.json({ automaton } satisfies AutomatonResponse);
      },
    ],
  });
}
