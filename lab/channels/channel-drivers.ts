// Every channel the lab sends through besides e-mail, in the order the pages and the CLI list
// them: the one table the feature, the routes and the CLI read.
import type { ChannelDriver } from './channel-driver.js';
import { discordDriver } from './discord/discord-driver.js';
import { smsDriver } from './sms/sms-driver.js';
import { telegramDriver } from './telegram/telegram-driver.js';

export const CHANNEL_DRIVERS: readonly ChannelDriver[] = [telegramDriver as ChannelDriver, discordDriver as ChannelDriver, smsDriver as ChannelDriver];
