import { FerryError } from '../../core/errors.js';
import { EVENT_TYPES, isEventType } from '../../core/events/index.js';
import type { Clock } from '../../core/clock.js';
import { randomBytes } from 'node:crypto';
import { type Subscription } from '../../store/events/index.js';
import type { Store, StoreSession } from '../../store/index.js';

/** Where signing secrets go: the secret service (encrypted at rest), by name. */
export interface SecretKeeper {
  set(name: string, value: string, actor: string): Promise<unknown>;
}

export interface NewSubscription {
  name: string;
  url: string;
  /** Short types (`order.shipped`); empty for every type. */
  types: string[];
  payload: 'full' | 'thin';
}

/** A new signing secret in Standard Webhooks' form: `whsec_` + base64 of 32 random bytes. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

const NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** Checks a new webhook subscription and names every problem at once. */
export function checkSubscription(s: NewSubscription): void {
  const problems: string[] = [];
  if (!NAME.test(s.name)) problems.push(`name "${s.name}": lower-case letters, digits and - only, up to 63`);
  let url: URL | null = null;
  try {
    url = new URL(s.url);
  } catch {
    problems.push(`url "${s.url}" is not a URL`);
  }
  if (url && url.protocol !== 'https:' && url.protocol !== 'http:')
    problems.push(`url "${s.url}": http or https only`);
  if (url && (url.username || url.password))
    problems.push(
      'url: credentials in the URL are refused (they would be logged); the signature authenticates Ferry',
    );
  const unknown = s.types.filter((t) => !isEventType(t));
  if (unknown.length)
    problems.push(`unknown event types ${unknown.join(', ')}; the catalogue: ${EVENT_TYPES.join(', ')}`);
  if (s.payload !== 'full' && s.payload !== 'thin')
    problems.push(`payload "${String(s.payload)}": full or thin`);
  if (problems.length) throw new FerryError('bad_request', problems.join('; '));
}

function secretName(sub: string, now: number): string {
  return `EVENTS_${sub.toUpperCase().replace(/-/g, '_')}_${now}`;
}

async function audited(
  tx: StoreSession,
  actor: string,
  action: string,
  target: string,
  before: unknown,
  after: unknown,
  now: number,
) {
  await tx.audit.appendAudit({
    actor,
    action,
    targetKind: 'event_subscription',
    targetId: target,
    at: now,
    before,
    after,
  });
}

/**
 * Adds a webhook subscription with a new signing secret, returned once (and kept encrypted by the
 * secret service; Ferry never shows it again). Audited.
 */
export async function addSubscription(
  store: Store,
  secrets: SecretKeeper,
  s: NewSubscription,
  actor: string,
  clock: Clock,
): Promise<{ subscription: Subscription; secret: string }> {
  checkSubscription(s);
  if (await store.events.getSubscription(s.name))
    throw new FerryError('conflict', `subscription "${s.name}" exists; pick another name`);
  const now = clock.now();
  const secret = newSigningSecret();
  const name = secretName(s.name, now);
  await secrets.set(name, secret, actor);
  const subscription = await store.transaction(async (tx) => {
    const sub = await tx.events.insertSubscription({
      name: s.name,
      kind: 'webhook',
      url: s.url,
      types: s.types,
      payload: s.payload,
      secretName: name,
      now,
    });
    await audited(
      tx,
      actor,
      'events.subscribe',
      s.name,
      null,
      { url: s.url, types: s.types, payload: s.payload },
      now,
    );
    return sub;
  });
  return { subscription, secret };
}

/**
 * Replaces a subscription's signing secret. For `overlapMs` (default one day) deliveries carry two
 * signatures, the new and the old, so the subscriber can switch without refusing a delivery.
 */
export async function rotateSecret(
  store: Store,
  secrets: SecretKeeper,
  subName: string,
  actor: string,
  clock: Clock,
  overlapMs = 86_400_000,
): Promise<{ secret: string; previousUntil: number }> {
  const sub = await mustGet(store, subName);
  if (sub.kind !== 'webhook')
    throw new FerryError('bad_request', `subscription "${subName}" is not a webhook`);
  const now = clock.now();
  const secret = newSigningSecret();
  const name = secretName(sub.name, now);
  await secrets.set(name, secret, actor);
  const previousUntil = now + overlapMs;
  await store.transaction(async (tx) => {
    await tx.events.updateSubscription(
      sub.id,
      { secretName: name, previousSecretName: sub.secretName, previousUntil },
      now,
    );
    await audited(
      tx,
      actor,
      'events.rotate-secret',
      sub.name,
      { secret: sub.secretName },
      { secret: name, previousUntil },
      now,
    );
  });
  return { secret, previousUntil };
}

/** Enables or disables a subscription by hand (enabling clears its failure clock). Audited. */
export async function setEnabled(
  store: Store,
  subName: string,
  enabled: boolean,
  actor: string,
  clock: Clock,
): Promise<Subscription> {
  const sub = await mustGet(store, subName);
  const now = clock.now();
  await store.transaction(async (tx) => {
    await tx.events.updateSubscription(
      sub.id,
      enabled
        ? { enabled: true, disabledReason: null, failingSince: null }
        : { enabled: false, disabledReason: `disabled by ${actor}` },
      now,
    );
    await audited(
      tx,
      actor,
      enabled ? 'events.enable' : 'events.disable',
      sub.name,
      { enabled: sub.enabled },
      { enabled },
      now,
    );
  });
  return (await store.events.getSubscription(sub.id))!;
}

export async function mustGet(store: Store, name: string): Promise<Subscription> {
  const sub = await store.events.getSubscription(name);
  if (!sub)
    throw new FerryError('not_found', `no event subscription "${name}"; see: ferry events subscriptions`);
  return sub;
}
