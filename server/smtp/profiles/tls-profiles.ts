// The profile the lab's TLS listeners (implicit TLS and STARTTLS) run: `lab` by default, or one
// modelled on a provider. The plain listener always runs `open`.
import type { AccountStore } from '../../accounts/account-store.js';
import { createGmailProfile } from './gmail-profile.js';
import { createLabProfile } from './lab-profile.js';
import { createMailruProfile } from './mailru-profile.js';
import type { ListenerProfile, ProfileContext } from './profile.js';
import type { SmtpCredentialCheck } from './provider-profile.js';
import { createYandexProfile } from './yandex-profile.js';

export const TLS_PROFILES = ['lab', 'gmail', 'yandex', 'mailru'] as const;
export type TlsProfileName = (typeof TLS_PROFILES)[number];

export function isTlsProfileName(name: string): name is TlsProfileName {
  return (TLS_PROFILES as readonly string[]).includes(name);
}

export function createTlsProfile(name: TlsProfileName, context: ProfileContext, accounts: AccountStore): ListenerProfile {
  const verify: SmtpCredentialCheck = (login, password, options) => accounts.verifySmtp(login, password, options);
  switch (name) {
    case 'gmail':
      return createGmailProfile(verify);
    case 'yandex':
      return createYandexProfile(verify);
    case 'mailru':
      return createMailruProfile(verify);
    case 'lab':
      return createLabProfile(context, verify);
  }
}
