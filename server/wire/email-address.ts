// What the lab takes as an e-mail address, for accounts, the integration form and the test
// e-mail alike; the browser checks with the same rule before it sends.
// RFC 5321 §4.5.3.1: local part up to 64 octets, domain up to 255; permissive otherwise. No
// spaces, angle brackets or control characters: the address goes into MAIL FROM / RCPT TO.
const ADDRESS =
  /^[^\s@<>()",;:\\[\]\x00-\x1f\x7f]{1,64}@(?=.{1,253}$)[a-z0-9\u0080-\uffff](?:[a-z0-9\u0080-\uffff-]{0,61}[a-z0-9\u0080-\uffff])?(?:\.[a-z0-9\u0080-\uffff](?:[a-z0-9\u0080-\uffff-]{0,61}[a-z0-9\u0080-\uffff])?)*$/i;

export function isEmailAddress(value: string): boolean {
  return ADDRESS.test(value) && !value.startsWith('.') && !value.split('@')[0]!.endsWith('.') && !value.includes('..');
}
