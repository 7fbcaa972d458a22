/**
 * `ferry events …`: subscriptions to Ferry's canonical events, the outbox and the delivery log,
 * resending one event and recovering what an endpoint missed.
 */
import type { Command } from '@commander-js/extra-typings';
import { systemClock } from '../../core/clock.js';
import { FerryError } from '../../core/errors.js';
import { LaneRegistry, Queue } from '../../engine/index.js';
import { eventsLane } from '../../app/events.js';
import {
  addSubscription,
  recoverSince,
  resendEvent,
  rotateSecret,
  setEnabled,
} from '../../flows/events-out/index.js';
import { SecretService, loadKeyRing } from '../../ops/secrets/index.js';
import type { RuntimeOptions } from '../../ops/config/index.js';
import type { Store } from '../../store/index.js';
import { cliActor, configFrom, iso, parseSince, printTable, withStore } from '../shared.js';

function secrets(store: Store, rt: RuntimeOptions, keyring: string | undefined): SecretService {
  return new SecretService(
    store,
    loadKeyRing({ ...(keyring ? { file: keyring } : {}), env: rt.env }),
    systemClock,
  );
}

function queue(store: Store, rt: RuntimeOptions): Queue {
  return new Queue(store, new LaneRegistry([eventsLane(configFrom(rt))]), systemClock);
}

const db = ['--db <location>', 'store location (env FERRY_DB)'] as const;
const keyring = ['--keyring <file>', 'key ring JSON file (signing secrets are kept encrypted)'] as const;

export function registerEventsCommands(program: Command): void {
  const ev = program
    .command('events')
    .description(
      'canonical events out (CloudEvents 1.0): webhook subscriptions, the outbox, the delivery log, resend and recover',
    );
  ev.command('subscribe')
    .description('add a webhook subscription; prints its signing secret once (Standard Webhooks, whsec_…)')
    .argument('<name>', 'a short name: lower-case letters, digits and -')
    .requiredOption('--url <url>', 'the endpoint Ferry POSTs each event to')
    .option('--types <list>', 'comma-separated event types (default: all)')
    .option(
      '--thin',
      'send only what names the subject (the subscriber reads the rest); default full records',
    )
    .option(...keyring)
    .option(...db)
    .action(async (name, flags) => {
      await withStore(flags, async (store, rt) => {
        const types = flags.types
          ? flags.types
              .split(',')
              .map((t) => t.trim())
              .filter(Boolean)
          : [];
        const { subscription, secret } = await addSubscription(
          store,
          secrets(store, rt, flags.keyring),
          { name, url: flags.url, types, payload: flags.thin ? 'thin' : 'full' },
          cliActor(),
          systemClock,
        );
        console.log(
          `ferry: subscription ${subscription.name} → ${subscription.url} (${types.join(', ') || 'all types'}, ${subscription.payload})`,
        );
        console.log(`signing secret (shown once; verify webhook-signature with it): ${secret}`);
      });
    });
  ev.command('subscriptions')
    .description('every subscription with its state')
    .option(...db)
    .action(async (flags) => {
      await withStore(flags, async (store) => {
        printTable(
          (await store.events.listSubscriptions()).map((s) => ({
            name: s.name,
            kind: s.kind,
            url: s.url ?? '',
            types: s.types.join(',') || 'all',
            payload: s.payload,
            enabled: s.enabled ? 'yes' : `no: ${s.disabledReason ?? ''}`,
            failing_since: iso(s.failingSince),
          })),
        );
      });
    });
  ev.command('rotate-secret')
    .description('new signing secret; for --overlap-hours both are signed with, so the subscriber can switch')
    .argument('<name>')
    .option('--overlap-hours <n>', 'hours deliveries carry both signatures', '24')
    .option(...keyring)
    .option(...db)
    .action(async (name, flags) => {
      await withStore(flags, async (store, rt) => {
        const r = await rotateSecret(
          store,
          secrets(store, rt, flags.keyring),
          name,
          cliActor(),
          systemClock,
          Number(flags.overlapHours) * 3_600_000,
        );
        console.log(`ferry: new signing secret for ${name} (shown once): ${r.secret}`);
        console.log(`the previous one is signed with too until ${iso(r.previousUntil)}`);
      });
    });
  for (const [cmd, on] of [
    ['enable', true],
    ['disable', false],
  ] as const)
    ev.command(cmd)
      .description(
        on ? 'enable a subscription (clears its failure clock)' : 'stop delivering to a subscription',
      )
      .argument('<name>')
      .option(...db)
      .action(async (name, flags) => {
        await withStore(flags, async (store) => {
          const s = await setEnabled(store, name, on, cliActor(), systemClock);
          console.log(`ferry: ${s.name} ${s.enabled ? 'enabled' : 'disabled'}`);
        });
      });
  ev.command('ls')
    .description('events in the outbox, oldest first')
    .option('--since <time>', 'ISO time or a duration back (30m, 2h, 1d)')
    .option('--types <list>', 'comma-separated event types')
    .option('--limit <n>', 'at most this many', '50')
    .option(...db)
    .action(async (flags) => {
      await withStore(flags, async (store) => {
        const list = await store.events.listEvents({
          limit: Number(flags.limit),
          ...(flags.since ? { since: parseSince(flags.since) } : {}),
          ...(flags.types ? { types: flags.types.split(',') } : {}),
        });
        printTable(list.map((e) => ({ id: e.id, type: e.type, subject: e.subject, time: iso(e.time) })));
      });
    });
  ev.command('deliveries')
    .description('the delivery log, newest first: every attempt with its answer')
    .option('--subscription <name>')
    .option('--event <id>')
    .option('--limit <n>', 'at most this many', '50')
    .option(...db)
    .action(async (flags) => {
      await withStore(flags, async (store) => {
        const sub = flags.subscription ? await store.events.getSubscription(flags.subscription) : null;
        if (flags.subscription && !sub)
          throw new FerryError('not_found', `no event subscription "${flags.subscription}"`);
        const rows = await store.events.listDeliveries({
          limit: Number(flags.limit),
          ...(sub ? { subscriptionId: sub.id } : {}),
          ...(flags.event ? { eventId: flags.event } : {}),
        });
        printTable(
          rows.map((d) => ({
            at: iso(d.at),
            subscription: d.subscriptionId,
            event: d.eventId,
            attempt: d.attempt,
            ok: d.ok ? 'yes' : 'no',
            status: d.status ?? '',
            error: d.error ?? '',
            ms: d.durationMs,
          })),
        );
      });
    });
  ev.command('resend')
    .description('send one event again (to one subscription, or to every one that wants its type)')
    .argument('<event-id>')
    .option('--subscription <name>')
    .option(...db)
    .action(async (id, flags) => {
      await withStore(flags, async (store, rt) => {
        const r = await resendEvent(store, queue(store, rt), id, flags.subscription, cliActor(), systemClock);
        console.log(`ferry: event ${id} queued for ${r.jobs} subscription(s)`);
      });
    });
  ev.command('recover')
    .description(
      'send again everything a subscription has not received since a time (failed, or missed while disabled)',
    )
    .argument('<subscription>')
    .requiredOption('--since <time>', 'ISO time or a duration back (30m, 2h, 1d)')
    .option(...db)
    .action(async (name, flags) => {
      await withStore(flags, async (store, rt) => {
        const r = await recoverSince(
          store,
          queue(store, rt),
          name,
          parseSince(flags.since),
          cliActor(),
          systemClock,
          (done, total) => process.stderr.write(`\rqueued ${done}/${total}`),
        );
        if (r.events) process.stderr.write('\n');
        console.log(`ferry: ${r.events} event(s) queued again for ${name}`);
      });
    });
}
