// Objects driven over real MQTT on loopback: a device client whose id is the object's id
// publishes, the automaton moves, its mail goes to the port and its device command reaches a
// subscriber. No mocks: the broker, the mqtt package and the registry are the real ones.
import { afterEach, describe, expect, test } from 'vitest';
import { connect as tcpConnect } from 'node:net';
import { connectPacket, loadAutomaton, loadKettle, publishPacket, startLab, temperatureControlWithMail, waitFor, type Lab } from './objects-helpers.js';

let lab: Lab | null = null;
afterEach(async () => {
  await lab?.close();
  lab = null;
});

const stateOf = (l: Lab, id: string) => l.registry.get(id).state?.name;

describe('an MQTT object on the bundled broker', () => {
  test('temperature-control: device telemetry moves the automaton, one mail per entry into OFF, kettle_off reaches a subscriber', async () => {
    lab = await startLab();
    const watcher = await lab.client('watcher');
    const commands: string[] = [];
    watcher.on('message', (topic, payload) => commands.push(`${topic} ${payload.toString()}`));
    await watcher.subscribeAsync('kettle/actions');

    const created = lab.registry.create({
      id: 'kettle-1',
      automaton: temperatureControlWithMail(),
      model: loadKettle(),
      owner: 'student@lab.local',
      source: 'mqtt',
    });
    expect(created.state?.name).toBe('ON');
    expect(created.realTime).toBe(true);
    expect(created.mqtt).toMatchObject({ clientId: 'kettle-1', connected: false });
    await waitFor(() => commands.length === 1, 'kettle_on on the broker');
    expect(commands).toEqual(['kettle/actions {"on":true}']);

    const device = await lab.client('kettle-1');
    await waitFor(() => lab!.registry.get('kettle-1').mqtt?.connected, 'the device to show as connected');
    for (const value of ['90', '100', '101', '70', '105']) await device.publishAsync('base/state/temperatureC', value, { qos: 1 });

    await waitFor(() => lab!.mails.length === 2 && commands.length === 4, 'two mails and four commands');
    await lab.registry.idle();
    expect(stateOf(lab, 'kettle-1')).toBe('OFF');
    expect(commands).toEqual(['kettle/actions {"on":true}', 'kettle/actions {"on":false}', 'kettle/actions {"on":true}', 'kettle/actions {"on":false}']);
    expect(lab.mails.map((m) => m.mail.subject)).toEqual(['Overheat: 100 °C on kettle-1', 'Overheat: 105 °C on kettle-1']);
    expect(lab.mails[0]).toMatchObject({
      objectId: 'kettle-1',
      owner: 'student@lab.local',
      mail: { to: ['ops@example.com'], stateName: 'OFF', text: 'The kettle is at 100 °C in state OFF.' },
    });

    const alerts = lab.registry.alerts.list();
    expect(alerts.map((a) => [a.status, a.mail.subject, a.mailId, a.sessionId])).toEqual([
      ['sent', 'Overheat: 105 °C on kettle-1', 'm-1', 's-1'],
      ['sent', 'Overheat: 100 °C on kettle-1', 'm-1', 's-1'],
    ]);
    const alertEvents = lab.events.filter((e) => e.Type === 'alert').map((e) => (e.Type === 'alert' ? e.Data.status : null));
    expect(alertEvents).toEqual(['sending', 'sent', 'sending', 'sent']);

    const snapshot = lab.registry.get('kettle-1');
    expect(snapshot.values.find((v) => v.parameter === 'temperatureC')).toMatchObject({ value: 105, text: '105 °C', unitText: '°C', origin: 'model' });
    expect(snapshot.values.find((v) => v.parameter === 'status')).toMatchObject({ value: 'off', origin: 'inferred' });
    // The model's mqtt-last parameters hold the last topic and payload.
    expect(snapshot.values.find((v) => v.parameter === 'topic')?.value).toBe('base/state/temperatureC');
    expect(snapshot.values.find((v) => v.parameter === 'payload')?.value).toBe('105');
    expect(snapshot.counts).toMatchObject({
      mqttMessages: 5,
      telemetry: 5,
      transitions: 4,
      commandsPublished: 4,
      mailsSent: 2,
      mailsFailed: 0,
      mqttIgnored: 0,
    });
    expect(snapshot.mqtt).toMatchObject({ connected: true, lastTopic: 'base/state/temperatureC', lastPayload: '105' });

    const kinds = lab.registry.log('kettle-1').entries.map((e) => e.kind);
    for (const kind of ['created', 'mqtt-connect', 'mqtt-publish', 'telemetry', 'transition', 'state', 'action', 'command-published', 'action-result'] as const)
      expect(kinds).toContain(kind);
    const publish = lab.registry.log('kettle-1').entries.find((e) => e.kind === 'mqtt-publish');
    expect(publish?.data).toMatchObject({ topic: 'base/state/temperatureC', payload: '90', qos: 1, retain: false });
    expect(publish?.text.en).toBe('MQTT ← base/state/temperatureC: 90');
    const published = lab.registry
      .log('kettle-1')
      .entries.filter((e) => e.kind === 'command-published')
      .map((e) => e.text.en);
    expect(published[1]).toBe('MQTT → kettle/actions: {"on":false} (command "kettle_off")');

    // Each log entry went out as an event, and every event is JSON.
    expect(lab.logOf('kettle-1').map((e) => e.seq)).toEqual(lab.registry.log('kettle-1').entries.map((e) => e.seq));
    expect(JSON.parse(JSON.stringify(lab.events))).toEqual(lab.events);

    await device.endAsync();
    await waitFor(() => !lab!.registry.get('kettle-1').mqtt?.connected, 'the disconnect');
    expect(lab.registry.log('kettle-1').entries.at(-1)?.kind).toBe('mqtt-disconnect');
  });

  test('the device subscribing and unsubscribing with its object id is in its log', async () => {
    lab = await startLab();
    lab.registry.create({ id: 'kettle-1', automaton: loadAutomaton('temperature-control.automaton.json'), model: loadKettle(), owner: 'cli', source: 'mqtt' });
    const device = await lab.client('kettle-1');
    await device.subscribeAsync('kettle/actions');
    await device.unsubscribeAsync('kettle/actions');
    await waitFor(() => lab!.registry.log('kettle-1').entries.some((e) => e.kind === 'mqtt-unsubscribe'), 'the unsubscribe');
    const lines = lab.registry
      .log('kettle-1')
      .entries.filter((e) => e.kind.startsWith('mqtt-'))
      .map((e) => e.text.en.replace(/ \(.*\)$/, ''));
    expect(lines).toEqual(['The device connected to MQTT', 'The device subscribed to kettle/actions', 'The device unsubscribed from kettle/actions']);
  });

  test('JSON payloads set several parameters; reference topics; unknown parameters kept and reported', async () => {
    lab = await startLab();
    lab.registry.create({ id: 'room-1', automaton: loadAutomaton('temperature-control.automaton.json'), model: loadKettle(), owner: 'cli', source: 'mqtt' });
    const device = await lab.client('room-1');
    await device.publishAsync('base/state', JSON.stringify({ temperatureC: 120, door: true }), { qos: 1 });
    await device.publishAsync('kettle/temperature', '212', { qos: 1 });
    await device.publishAsync('anything/else', '{"temperatureC": "75"}', { qos: 1 });
    await waitFor(() => lab!.registry.get('room-1').counts.telemetry === 3, 'three telemetry batches');
    const snapshot = lab.registry.get('room-1');
    const value = (p: string) => snapshot.values.find((v) => v.parameter === p);
    expect(value('temperatureC')?.value).toBe(75);
    expect(value('temperature')).toMatchObject({ value: 212, text: '212 °F', origin: 'model' });
    expect(value('door')).toMatchObject({ value: true, origin: 'telemetry', dataType: 'boolean' });
    expect(snapshot.state?.name).toBe('ON');
    expect(snapshot.counts.transitions).toBe(3);
    const warning = lab.registry.log('room-1').entries.find((e) => e.kind === 'warning');
    expect(warning?.text.en).toBe('Parameters door are in neither the model nor the automaton: their values are kept, but the automaton does not read them');
  });

  test('a publish from a client that is no object is ignored and counted, once told per connection', async () => {
    lab = await startLab();
    lab.registry.create({ id: 'kettle-1', automaton: loadAutomaton('temperature-control.automaton.json'), model: loadKettle(), owner: 'cli', source: 'mqtt' });
    const typo = await lab.client('kettle-l');
    for (const v of ['120', '121', '122']) await typo.publishAsync('base/state/temperatureC', v, { qos: 1 });
    await waitFor(() => lab!.registry.mqttStats().unknownClientMessages === 3, 'three ignored publishes');
    expect(lab.registry.mqttStats()).toEqual({ unknownClientMessages: 3, unknownClients: ['kettle-l'] });
    expect(lab.events.filter((e) => e.Type === 'mqtt-unknown-client')).toEqual([
      { Type: 'mqtt-unknown-client', Data: { clientId: 'kettle-l', topic: 'base/state/temperatureC', time: expect.any(Number), ignoredTotal: 1 } },
    ]);
    expect(lab.registry.get('kettle-1')).toMatchObject({ state: { name: 'ON' }, counts: { telemetry: 0, mqttMessages: 0 } });
  });

  test('malformed payloads are logged, not thrown; the object goes on', async () => {
    lab = await startLab();
    lab.registry.create({ id: 'kettle-1', automaton: loadAutomaton('temperature-control.automaton.json'), model: loadKettle(), owner: 'cli', source: 'mqtt' });
    const device = await lab.client('kettle-1');
    await device.publishAsync('base/state/temperatureC', 'hot', { qos: 1 });
    await device.publishAsync('base/state/temperatureC', '99,5', { qos: 1 });
    await device.publishAsync('base/state/temperatureC', Buffer.from([0xff, 0xfe, 0x00]), { qos: 1 });
    await device.publishAsync('base/state', '{"temperatureC": ', { qos: 1 });
    await device.publishAsync('base/state/temperatureC', '', { qos: 1 });
    await device.publishAsync('base/state', '{"temperatureC": [1, 2], "temperature": 50}', { qos: 1 });
    await device.publishAsync('base/state/temperatureC', '120', { qos: 1 });
    await waitFor(() => lab!.registry.get('kettle-1').state?.name === 'OFF', 'the valid value to still work');
    const log = lab.registry.log('kettle-1').entries;
    const told = log.filter((e) => e.kind === 'telemetry-refused' || e.kind === 'telemetry-ignored').map((e) => `${e.kind}: ${e.text.en}`);
    expect(told).toEqual([
      'telemetry-refused: Parameter temperatureC is a number in the model, but "hot" arrived',
      'telemetry-ignored: No value fitted its parameter',
      'telemetry-refused: Parameter temperatureC is a number in the model, but "99,5" arrived (write the decimal point as a dot: 23.5)',
      'telemetry-ignored: No value fitted its parameter',
      'telemetry-ignored: The message is not UTF-8 text: no values read',
      'telemetry-ignored: base/state takes a JSON object {"parameter": value}; publish a single value to base/state/<parameter>',
      'telemetry-ignored: An empty message carries no value',
      'telemetry-refused: The value of temperatureC is not a number, a string or true/false: [1,2]',
    ]);
    const snapshot = lab.registry.get('kettle-1');
    expect(snapshot.counts).toMatchObject({ mqttMessages: 7, refused: 3, mqttIgnored: 5, telemetry: 2 });
    expect(snapshot.values.find((v) => v.parameter === 'temperature')?.value).toBe(50);
    expect(snapshot.mqtt?.lastPayload).toBe('120');
  });

  test("a device that sends broken MQTT is cut off, and the object's log says why", async () => {
    lab = await startLab();
    lab.registry.create({ id: 'kettle-1', automaton: loadAutomaton('temperature-control.automaton.json'), model: loadKettle(), owner: 'cli', source: 'mqtt' });
    const socket = tcpConnect(lab.broker!.port, '127.0.0.1');
    socket.on('error', () => undefined);
    // Read what the broker sends (CONNACK), or the socket never sees its end.
    socket.resume();
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.write(Buffer.concat([connectPacket('kettle-1'), publishPacket('base/state/temperatureC', '120')]));
    await waitFor(() => lab!.registry.get('kettle-1').state?.name === 'OFF', 'the good publish');
    socket.write(Buffer.from([0x32, 0x03, 0x00, 0x05, 0x61]));
    await closed;
    await waitFor(() => lab!.registry.log('kettle-1').entries.some((e) => e.kind === 'mqtt-disconnect'), 'the disconnect');
    const lines = lab.registry
      .log('kettle-1')
      .entries.filter((e) => e.kind.startsWith('mqtt-'))
      .map((e) => e.kind);
    expect(lines).toEqual(['mqtt-connect', 'mqtt-publish', 'mqtt-error', 'mqtt-disconnect']);
    expect(lab.registry.log('kettle-1').entries.find((e) => e.kind === 'mqtt-error')?.text.en).toMatch(/^The client sent a malformed MQTT packet: /);
  });

  test('three objects on one automaton keep separate states; a second automaton runs beside them', async () => {
    lab = await startLab();
    const doc = loadAutomaton('temperature-control.automaton.json');
    const kettle = loadKettle();
    for (const id of ['room-1', 'room-2', 'room-3']) lab.registry.create({ id, automaton: doc, model: kettle, owner: 'teacher@lab.local', source: 'mqtt' });
    lab.registry.create({ id: 'home', automaton: loadAutomaton('smart-home.automaton.json'), owner: 'teacher@lab.local', source: 'mqtt' });
    const [r1, r2, r3, home] = await Promise.all(['room-1', 'room-2', 'room-3', 'home'].map((id) => lab!.client(id)));
    await r1!.publishAsync('base/state/temperatureC', '120', { qos: 1 });
    await r2!.publishAsync('base/state/temperatureC', '20', { qos: 1 });
    await r3!.publishAsync('base/state/temperatureC', '100', { qos: 1 });
    await home!.publishAsync('base/state/temperature', '35', { qos: 1 });
    await waitFor(() => lab!.registry.list().every((o) => o.counts.telemetry === 1), 'every object to get its value');
    expect(lab.registry.list().map((o) => [o.id, o.state?.name, o.values.find((v) => v.value !== null && v.dataType === 'number')?.value])).toEqual([
      ['room-1', 'OFF', 120],
      ['room-2', 'ON', 20],
      ['room-3', 'OFF', 100],
      ['home', 'Hot', 35],
    ]);
    expect(lab.registry.list({ owner: 'teacher@lab.local' })).toHaveLength(4);
    // smart-home's "Hot" state tells the operator.
    expect(lab.registry.messages.list({ objectId: 'home' }).map((m) => [m.importance, m.text])).toEqual([
      ['important', 'Hot'],
      ['information', 'Automaton is loaded'],
    ]);
  });
});
