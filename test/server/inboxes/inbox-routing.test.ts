// The routing rules as a table: which inbox each set of facts gives, and when a session moves.
import { describe, expect, it } from 'vitest';
import { chooseInbox, sessionMoves, type InboxChoice, type InboxDirectory, type RoutingFacts } from '../../../server/inboxes/inbox-routing.js';

const NAMES = new Map([
  ['anna', 'anna@lab.local'],
  ['boris', 'boris@lab.local'],
  ['t-suite1', 't-suite1'],
]);
const directory: InboxDirectory = {
  domain: 'lab.local',
  byName: (name) => NAMES.get(name.toLowerCase()),
  byUser: (user) => (user.includes('@') ? [...NAMES.values()].find((a) => a === user.toLowerCase()) : NAMES.get(user.toLowerCase())),
};

const CASES: Array<[string, RoutingFacts, InboxChoice]> = [
  ['nothing known', {}, { inbox: 'shared', rule: 'shared' }],
  ['the AUTH user wins over everything', { user: 'anna@lab.local', helo: 'boris', rcptTo: ['x+boris@x.test'] }, { inbox: 'anna@lab.local', rule: 'auth' }],
  ['an AUTH name alone', { user: 't-suite1' }, { inbox: 't-suite1', rule: 'auth' }],
  ['an unknown AUTH user falls through', { user: 'zoe@x.test', helo: 'anna' }, { inbox: 'anna@lab.local', rule: 'helo' }],
  ["an account's own address", { rcptTo: ['x@x.test', 'Boris@lab.local'] }, { inbox: 'boris@lab.local', rule: 'recipient' }],
  ['a recipient plus tag', { rcptTo: ['ops+boris@example.com'] }, { inbox: 'boris@lab.local', rule: 'recipient' }],
  [
    'the first recipient that names one',
    { rcptTo: ['a@x.test', 'b+zoe@x.test', 'c+anna@x.test', 'd+boris@x.test'] },
    { inbox: 'anna@lab.local', rule: 'recipient' },
  ],
  ['a recipient domain per student', { rcptTo: ['alerts@anna.lab.local'] }, { inbox: 'anna@lab.local', rule: 'recipient' }],
  ['a deeper subdomain is not a name', { rcptTo: ['alerts@x.anna.lab.local'] }, { inbox: 'shared', rule: 'shared' }],
  ['another domain is not a name', { rcptTo: ['alerts@anna.example.com'] }, { inbox: 'shared', rule: 'shared' }],
  ['plus tags are not case-sensitive', { rcptTo: ['Ops+Anna@X.test'] }, { inbox: 'anna@lab.local', rule: 'recipient' }],
  ['the sender when no recipient names one', { mailFrom: 'app+t-suite1@x.test', rcptTo: ['a@x.test'] }, { inbox: 't-suite1', rule: 'sender' }],
  ['a recipient before the sender', { mailFrom: 'app+anna@x.test', rcptTo: ['b+boris@x.test'] }, { inbox: 'boris@lab.local', rule: 'recipient' }],
  ['the HELO name last', { helo: 'anna', rcptTo: ['x@x.test'] }, { inbox: 'anna@lab.local', rule: 'helo' }],
  ['a HELO name in the lab domain', { helo: 'boris.lab.local' }, { inbox: 'boris@lab.local', rule: 'helo' }],
  ['a HELO name that names nobody', { helo: 'localhost' }, { inbox: 'shared', rule: 'shared' }],
  ['a plus with nothing after it', { rcptTo: ['x+@x.test'] }, { inbox: 'shared', rule: 'shared' }],
];

describe('chooseInbox', () => {
  it.each(CASES)('%s', (_what, facts, expected) => {
    expect(chooseInbox(facts, directory)).toEqual(expected);
  });
});

const MOVES: Array<[string, InboxChoice, InboxChoice, boolean]> = [
  ['shared goes to the first inbox found', { inbox: 'shared', rule: 'shared' }, { inbox: 'a', rule: 'helo' }, true],
  ['shared follows its first mail', { inbox: 'shared', rule: 'shared' }, { inbox: 'a', rule: 'recipient' }, true],
  ['a HELO session stays when its mail is for another', { inbox: 'a', rule: 'helo' }, { inbox: 'b', rule: 'recipient' }, false],
  ['a HELO session moves on AUTH', { inbox: 'a', rule: 'helo' }, { inbox: 'b', rule: 'auth' }, true],
  ['an AUTH session never moves', { inbox: 'a', rule: 'auth' }, { inbox: 'b', rule: 'auth' }, false],
  ['a mail-decided session stays with its first mail', { inbox: 'a', rule: 'recipient' }, { inbox: 'b', rule: 'recipient' }, false],
  ['the console claims a session from any rule', { inbox: 'a', rule: 'auth' }, { inbox: 'b', rule: 'owner' }, true],
  ['a claimed session never moves', { inbox: 'a', rule: 'owner' }, { inbox: 'b', rule: 'auth' }, false],
  ['nothing moves to shared', { inbox: 'a', rule: 'helo' }, { inbox: 'shared', rule: 'shared' }, false],
];

describe('sessionMoves', () => {
  it.each(MOVES)('%s', (_what, current, next, moves) => {
    expect(sessionMoves(current, next)).toBe(moves);
  });
});
