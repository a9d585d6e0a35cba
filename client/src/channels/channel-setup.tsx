// A channel's setup, in the order a student does it: the simulator's world (a bot and a chat, a
// webhook, an SMS account), the integration form, the test send and its result. Signed out, the
// sign-in form stands in for it: worlds and integrations belong to a lab account.
import type { ComponentType } from 'preact';
import type { ChannelId } from '../../../lab/channels/channel-wire.js';
import { AuthPanel } from '../account/auth-panel.js';
import { useI18n } from '../i18n/use-i18n.js';
import type { LabStore } from '../lab/lab-store.js';
import { useObservable } from '../ui/use-observable.js';
import { ChannelIntegrationForm } from './channel-integration-form.js';
import { TestForm, TestResult } from './channel-test.js';
import type { ChannelInfo } from './channels-api.js';
import { cm } from './channels-messages.js';
import { DiscordWorld } from './world-discord.js';
import { useChannels } from './world-parts.js';
import { SmsWorld } from './world-sms.js';
import { TelegramWorld } from './world-telegram.js';

const WORLDS: Record<ChannelId, ComponentType> = { telegram: TelegramWorld, discord: DiscordWorld, sms: SmsWorld };

export function ChannelSetup({ info, lab }: { info: ChannelInfo; lab: LabStore }) {
  const { tr } = useI18n();
  const store = useChannels();
  const auth = useObservable(lab.auth);
  const run = useObservable(store.runs)[info.channel];
  const catalog = useObservable(store.catalog);
  if (auth.status === 'unknown') return <p class="muted small">{tr(cm.loading)}</p>;
  if (auth.status !== 'signed-in') {
    return (
      <div class="ch-signed-out" data-testid="channels-signed-out">
        <p class="notice small">{tr(cm.signInFirst)}</p>
        <AuthPanel expired={auth.status === 'signed-out' && auth.expired} onSignIn={(a, p) => lab.signIn(a, p)} onSignUp={(a, p) => lab.signUp(a, p)} />
      </div>
    );
  }
  const World = WORLDS[info.channel];
  const toFix = run?.status === 'done' && run.result && !run.result.ok ? (run.result.explanation?.field ?? undefined) : undefined;
  const testField = toFix === 'text' || info.testFields.some((f) => f.name === toFix);
  const simulators = catalog.simulators.filter((s) => s.channel === info.channel);
  return (
    <div class="ch-setup" data-testid="channel-setup" data-channel={info.channel}>
      <p class="small muted ch-signed-in">
        {tr(cm.signedInAs)} <strong data-testid="channels-user">{auth.account.address}</strong>
        {simulators.length === 0 ? <span class="notice small"> {tr(cm.simulatorOff)}</span> : null}
        {simulators.map((s) => (
          <span class="ch-simulator" data-testid="channel-simulator" data-service={s.service}>
            {' · '}
            {tr(cm.listens)(tr(s.name), s.url)}
          </span>
        ))}
      </p>
      <World />
      <ChannelIntegrationForm info={info} toFix={testField ? undefined : toFix} />
      <TestForm info={info} toFix={testField ? toFix : undefined} />
      <TestResult info={info} />
    </div>
  );
}
