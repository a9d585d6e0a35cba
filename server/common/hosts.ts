// Where things are: the address a client reaches a listener at, and smtp-lab's config folder.
import { homedir } from 'node:os';
import { join } from 'node:path';

/** A server bound to every interface (0.0.0.0, ::) is reached on this machine at 127.0.0.1. */
export function reachableHost(bindHost: string): string {
  return bindHost === '0.0.0.0' || bindHost === '::' || bindHost === '' ? '127.0.0.1' : bindHost;
}

/** ~/.config/smtp-lab, or $XDG_CONFIG_HOME/smtp-lab (XDG Base Directory). */
export function configDir(env: NodeJS.ProcessEnv): string {
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'smtp-lab');
}
