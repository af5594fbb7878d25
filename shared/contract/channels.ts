import type { z } from 'zod';
import { appChannels } from './app.contract.ts';
import { householdsChannels } from './households.contract.ts';
import { plansChannels } from './plans.contract.ts';
import { searchImportChannels, searchImportEvents } from './search-import.contract.ts';
import { demoChannels, sessionChannels, sessionEvents } from './session.contract.ts';
import { settingsChannels, settingsEvents } from './settings.contract.ts';
import { storeChannels } from './store.contract.ts';
import { syncChannels, syncEvents } from './sync.contract.ts';
import { updatesChannels, updatesEvents } from './updates.contract.ts';
import { usersChannels } from './users.contract.ts';

export interface ChannelSpec {
  input: z.ZodType;
  output: z.ZodType;
}

/** Every IPC channel, declared once; main, core, preload and renderer derive from this. */
export const channels = {
  ...appChannels,
  ...settingsChannels,
  ...sessionChannels,
  ...demoChannels,
  ...usersChannels,
  ...storeChannels,
  ...householdsChannels,
  ...searchImportChannels,
  ...plansChannels,
  ...syncChannels,
  ...updatesChannels,
} satisfies Record<`${string}:${string}`, ChannelSpec>;

/** Every event the core may push to the renderer, with its payload schema. */
export const events = {
  ...settingsEvents,
  ...sessionEvents,
  ...searchImportEvents,
  ...syncEvents,
  ...updatesEvents,
} satisfies Record<`${string}:${string}`, z.ZodType>;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
/** What a caller passes (before defaults are applied). */
export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>;
/** What a handler receives (after validation). */
export type ParsedInput<C extends ChannelName> = z.output<Channels[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Channels[C]['output']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const channelNames = Object.keys(channels) as ChannelName[];
export const eventNames = Object.keys(events) as EventName[];

export const isChannelName = (value: unknown): value is ChannelName =>
  typeof value === 'string' && Object.hasOwn(channels, value);

export const isEventName = (value: unknown): value is EventName =>
  typeof value === 'string' && Object.hasOwn(events, value);
