/**
 * The warehouse port over EDI X12 (issue 5): 940 out, 945/846/944/997 in, a 997 for every inbound
 * group. Every interchange is stored before it is sent and a retry re-sends the stored bytes, so
 * the ISA13 stays the same and the 3PL recognises the repeat instead of shipping twice.
 */
import type { Clock } from '../../core/clock.js';
import { FerryError, Impact } from '../../core/errors.js';
import type { FulfilmentRequest } from '../../core/model.js';
import type {
  InboundFile,
  IsaHeader,
  IntakeVerdict,
  OutboundInterchange,
  OutboundSet,
  TradingPartner,
  X12Transport,
} from './index.js';
import {
  acknowledge,
  build940,
  buildOutbound,
  envelopeFailure,
  fulfilmentToWarehouseOrder,
  interchangeKey,
  parseInterchange,
} from './index.js';
import type {
  InboundMessage,
  ReleaseReceipt,
  WarehouseEvent,
  WarehouseIntake,
  WarehousePort,
} from '../../core/warehouse.js';
import type { X12Storage } from './storage.js';
import { StoreAckLedger, StoreControlNumbers } from './x12Store.js';
import { interchangeEvents } from './x12Inbound.js';

/** Options of the X12 warehouse adapter. */
export interface X12WarehouseOptions {
  readonly id: string;
  readonly partner: TradingPartner;
  /** Opens the transport on first use (SFTP connects lazily so start-up never waits on the 3PL). */
  readonly openTransport: () => Promise<X12Transport>;
  /** Where control numbers, sent interchanges and the 997 ledger are kept. */
  readonly store: X12Storage;
  readonly clock: Clock;
  readonly intake: WarehouseIntake;
  /** N1*DE depositor written on 940s. */
  readonly depositor?: { readonly name: string; readonly code: string };
  /** 846 location codes → Ferry locations. */
  readonly locations: Readonly<Record<string, string>>;
  readonly defaultLocation: string;
}

/** An error when the ISA is not from the partner to us as configured (ISA05-08); undefined when it is. */
function misaddressed(h: IsaHeader, p: TradingPartner): FerryError | undefined {
  const from = `${h.senderQualifier}:${h.senderId}`;
  const to = `${h.receiverQualifier}:${h.receiverId}`;
  const want = { from: `${p.theirs.qualifier}:${p.theirs.id}`, to: `${p.ours.qualifier}:${p.ours.id}` };
  if (from === want.from && to === want.to) return undefined;
  return new FerryError(
    'payload_invalid',
    `interchange ${h.controlNumber} is from ${from} to ${to}; warehouse ${p.id} is configured as ${want.from} to ${want.to} (x12.theirs / x12.ours)`,
    {
      impact: Impact.blocksShipment,
      partner: p.id,
      entities: { isa13: h.controlNumber, sender: from, receiver: to },
    },
  );
}

/** Creates the adapter; nothing is opened until first use. */
export function x12Warehouse(o: X12WarehouseOptions): WarehousePort {
  const numbers = new StoreControlNumbers(o.store);
  const ledger = new StoreAckLedger(o.store, () => o.clock.now());
  let transport: Promise<X12Transport> | undefined;
  const open = (): Promise<X12Transport> => {
    transport ??= o.openTransport().catch((e: unknown) => {
      transport = undefined;
      throw e;
    });
    return transport;
  };

  /** Builds (once per purpose), stores, then sends; a repeat sends the stored bytes again. */
  const send = async (purpose: string, kind: string, build: () => Promise<OutboundInterchange>) => {
    let stored = await o.store.interchanges.getOutbound(o.partner.id, purpose);
    if (!stored) {
      const out = await build();
      await o.store.interchanges.insertOutbound({
        partner: o.partner.id,
        purpose,
        controlNumber: out.controlNumber,
        content: out.text,
        groups: out.groups,
        now: o.clock.now(),
      });
      await ledger.recordSent(out.groups);
      stored = await o.store.interchanges.getOutbound(o.partner.id, purpose);
    }
    const row = stored!;
    await (await open()).send(`${kind}-${row.controlNumber}.edi`, row.content);
    if (row.sentAt === null) await o.store.interchanges.markOutboundSent(row.id, o.clock.now());
    return row;
  };

  const outbound = (sets: OutboundSet[]) => () => buildOutbound(o.partner, numbers, o.clock, sets);

  return {
    id: o.id,
    kind: 'x12',
    async release(req: FulfilmentRequest): Promise<ReleaseReceipt> {
      const order = fulfilmentToWarehouseOrder(req, o.depositor ? { depositor: o.depositor } : {});
      const row = await send(
        `release:${req.orderRef}`,
        '940',
        outbound([{ id: '940', body: build940(order) }]),
      );
      const groups = row.groups as { sentAtMs: number; ackDueAtMs?: number }[];
      return { externalRef: row.controlNumber, acknowledged: false, ackDueAtMs: groups[0]?.ackDueAtMs };
    },
    async cancel(orderRef: string): Promise<void> {
      // W0501 F names the order by W0502 as the original did; the depositor (N1*DE) says whose.
      const parties = o.depositor
        ? [{ role: 'DE', name: o.depositor.name, idQualifier: 'ZZ', id: o.depositor.code }]
        : [];
      const body = build940({ purpose: 'F', orderRef, parties, lines: [] });
      await send(`cancel:${orderRef}`, '940', outbound([{ id: '940', body }]));
    },
    async collect(): Promise<number> {
      let fresh = 0;
      const intake = async (file: InboundFile): Promise<IntakeVerdict> => {
        const key = interchangeKey(file.text);
        const r = await o.intake({
          kind: 'x12',
          body: file.bytes,
          headers: { file: file.name, isa13: key.controlNumber, sender: key.sender },
          dedupeKey: `${o.id}:${key.dedupeKey}`,
          signature: 'unsigned',
        });
        if (r === 'accepted') fresh++;
        // Stored either way; a file whose envelope is broken or is not between us and this
        // partner goes to error/ for people to see.
        const parsed = parseInterchange(file.text);
        const bad =
          envelopeFailure(parsed) ??
          (parsed.kind === 'unreadable' ? undefined : misaddressed(parsed.interchange.header, o.partner));
        return bad ? 'error' : 'processed';
      };
      const result = await (await open()).poll(intake);
      if (result.failed.length > 0) throw result.failed[0]!.error;
      return fresh;
    },
    async receive(msg: InboundMessage): Promise<WarehouseEvent[]> {
      const result = parseInterchange(msg.body.toString('utf8'));
      const failure = envelopeFailure(result, o.partner.id);
      const problems: WarehouseEvent[] = failure ? [{ kind: 'problem', error: failure }] : [];
      if (result.kind === 'unreadable') return problems;
      const ic = result.interchange;
      const stranger = misaddressed(ic.header, o.partner);
      // Not between the agreed partners (a file left in the wrong folder, a wrong ISA id): nothing
      // in it is ours to act on or acknowledge, and a person must see it.
      if (stranger) return [...problems, { kind: 'problem', error: stranger }];
      // 997s are not acknowledged themselves; everything else gets one per group, rejects included.
      if (ic.groups.some((g) => g.header.functionalId !== 'FA')) {
        await send(`ack:${msg.inboxId}`, '997', async () => {
          const ack = await acknowledge(ic, o.partner, numbers, o.clock);
          if (!ack) throw new FerryError('unclassified', 'no 997 built for an interchange with groups');
          return ack;
        });
      }
      const events = await interchangeEvents(ic, {
        warehouse: o.id,
        partnerId: o.partner.id,
        ledger,
        locations: o.locations,
        defaultLocation: o.defaultLocation,
      });
      return [...problems, ...events];
    },
    async close(): Promise<void> {
      if (transport) await (await transport.catch(() => undefined))?.close();
    },
  };
}
