// Whether a login names one of the lab's accounts, the way the listener's profile reads it:
// Yandex takes the name before @ as well as the full address, the others only the full address.
// The alert sender asks it after a 535 from the lab's own listener, to say that the LOGIN is
// wrong — which the lab knows and a real provider never tells.
import { gmailSpec } from '../smtp/profiles/gmail-profile.js';
import { mailruSpec } from '../smtp/profiles/mailru-profile.js';
import { yandexSpec } from '../smtp/profiles/yandex-profile.js';
import { accountForLogin } from './account-store.js';

const SPECS = [gmailSpec, yandexSpec, mailruSpec];

/** The `lab` profile (and any profile that is not a provider's) takes only the full address. */
export function localPartLoginOf(profile: string): boolean {
  return SPECS.find((spec) => spec.name === profile)?.localPartLogin ?? false;
}

/** Whether an account among these addresses matches the login under this profile. */
export function loginKnown(login: string, addresses: Iterable<string>, profile: string): boolean {
  return accountForLogin(login, addresses, localPartLoginOf(profile)) !== undefined;
}
