/**
 * The 3PL simulator (PROTOCOLS.md §7.3): collects 940s from its inbound folder (served over SFTP
 * or used as a plain folder), answers each interchange with a 997, and emits 945s, 846s and 944s
 * on demand or after a delay, with knobs for duplicates and malformed files.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../core/clock.js';
import { systemClock } from '../../core/clock.js';
import type {
  EdiIssue,
  FunctionalAck,
  IsaHeader,
  InboundFile,
  IntakeVerdict,
  OutboundInterchange,
  TradingPartner,
  X12Transport,
} from '../../connectors/x12/index.js';
import {
  InMemoryAckLedger,
  InMemoryControlNumberStore,
  acceptedSets,
  acknowledge,
  allIssues,
  compilePartner,
  interchangeKey,
  openFolderTransport,
  parse940,
  parse997,
  parseInterchange,
} from '../../connectors/x12/index.js';
import { startSftpServer } from './sftp-server.js';
import type { RunningSftpServer } from './sftp-server.js';
import type { FerryEndpoint, ReceivedAck, ReceivedFile, SimKnobs, X12ThreePlOptions } from './options.js';
import { DEFAULT_KNOBS, FERRY_DIRS, SIM_DIRS } from './options.js';
import { Emitters } from './emitters.js';

const DEFAULT_PARTNER = (): TradingPartner =>
  compilePartner({
    id: 'ferry',
    warehouse: 'WH01',
    ours: { qualifier: 'ZZ', id: '3PLID', groupId: '3PLID' },
    theirs: { qualifier: 'ZZ', id: 'DISTID', groupId: 'DISTID' },
    separators: { lineSuffix: '\n' },
  });

/** An issue when the ISA is not from the partner to us, as configured; undefined when it is. */
function misaddressed(h: IsaHeader, p: TradingPartner): EdiIssue | undefined {
  const from = `${h.senderQualifier}:${h.senderId}`;
  const to = `${h.receiverQualifier}:${h.receiverId}`;
  const want = { from: `${p.theirs.qualifier}:${p.theirs.id}`, to: `${p.ours.qualifier}:${p.ours.id}` };
  if (from === want.from && to === want.to) return undefined;
  return {
    level: 'interchange',
    code: 'isa_element',
    segmentId: 'ISA',
    message: `ISA05-08 say ${from} → ${to}; the trading partner agreement is ${want.from} → ${want.to}`,
    expected: `${want.from} → ${want.to}`,
    found: `${from} → ${to}`,
  };
}

/** Start with `X12ThreePl.start(options)`; always `stop()` in teardown. */
export class X12ThreePl extends Emitters {
  readonly received: ReceivedFile[] = [];
  readonly acks: ReceivedAck[] = [];
  readonly #seen = new Set<string>();
  readonly #withheld: OutboundInterchange[] = [];
  readonly #ledger = new InMemoryAckLedger();
  readonly #timers = new Set<NodeJS.Timeout>();
  #ticking: Promise<void> = Promise.resolve();

  private constructor(
    readonly root: string,
    readonly endpoint: FerryEndpoint,
    transport: X12Transport,
    partner: TradingPartner,
    clock: Clock,
    knobs: SimKnobs,
    private readonly ownsRoot: boolean,
    private readonly server: RunningSftpServer | undefined,
  ) {
    super(transport, partner, clock, knobs, new InMemoryControlNumberStore());
  }

  /** Creates the folders, starts the SFTP server if asked, and the poll timer if asked. */
  static async start(options: X12ThreePlOptions = {}): Promise<X12ThreePl> {
    const root = options.root ?? (await mkdtemp(join(tmpdir(), 'ferry-3pl-')));
    const transport = await openFolderTransport({ root, dirs: SIM_DIRS });
    await openFolderTransport({ root, dirs: FERRY_DIRS });
    const server = options.sftp ? await startSftpServer({ root, ...options.sftp }) : undefined;
    const sftp =
      server && options.sftp
        ? {
            host: server.host,
            port: server.port,
            username: options.sftp.username,
            password: options.sftp.password,
            root: '/',
            dirs: FERRY_DIRS,
          }
        : undefined;
    const endpoint: FerryEndpoint = { folder: { root, dirs: FERRY_DIRS }, ...(sftp ? { sftp } : {}) };
    const knobs = { ...DEFAULT_KNOBS, ...options.knobs };
    const sim = new X12ThreePl(
      root,
      endpoint,
      transport,
      options.partner ?? DEFAULT_PARTNER(),
      options.clock ?? systemClock,
      knobs,
      options.root === undefined,
      server,
    );
    if (options.pollIntervalMs !== undefined) {
      const timer = setInterval(() => void sim.tick(), options.pollIntervalMs);
      sim.#timers.add(timer);
    }
    return sim;
  }

  /** Sends the 997s held back while `withholdAcks` was on (a translator catching up); returns how many. */
  async releaseWithheldAcks(): Promise<number> {
    const held = this.#withheld.splice(0);
    for (const ack of held) await this.emitText('997', ack.text, ack.controlNumber);
    return held.length;
  }

  /** Changes knobs while running. */
  configure(knobs: Partial<SimKnobs>): void {
    Object.assign(this.knobs, knobs);
  }

  /** Collects waiting files once; concurrent calls queue behind each other. */
  tick(): Promise<void> {
    this.#ticking = this.#ticking.then(async () => {
      await this.transport.poll((file) => this.#intake(file));
    });
    return this.#ticking;
  }

  /** Stops timers, waits for the current tick, closes the SFTP server, removes a temp root. */
  async stop(): Promise<void> {
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
    await this.#ticking.catch(() => undefined);
    await this.settled();
    await this.server?.close();
    await this.transport.close();
    if (this.ownsRoot) await rm(this.root, { recursive: true, force: true });
  }

  protected override later(ms: number, work: () => Promise<unknown>): void {
    if (ms <= 0) return void this.track(work());
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      this.track(work());
    }, ms);
    this.#timers.add(timer);
  }

  async #intake(file: InboundFile): Promise<IntakeVerdict> {
    const key = interchangeKey(file.text);
    if (this.#seen.has(key.dedupeKey)) {
      this.received.push({
        name: file.name,
        controlNumber: key.controlNumber,
        duplicate: true,
        issues: [],
        acceptedSets: [],
      });
      return 'processed';
    }
    this.#seen.add(key.dedupeKey);
    const result = parseInterchange(file.text);
    if (result.kind === 'unreadable') {
      this.received.push({
        name: file.name,
        controlNumber: '',
        duplicate: false,
        issues: result.issues,
        acceptedSets: [],
      });
      return 'error';
    }
    const ic = result.interchange;
    const stranger = misaddressed(ic.header, this.partner);
    if (stranger) {
      // A translator drops an interchange that is not between the agreed trading partners.
      this.received.push({
        name: file.name,
        controlNumber: ic.header.controlNumber,
        duplicate: false,
        issues: [stranger],
        acceptedSets: [],
      });
      return 'error';
    }
    const accepted = acceptedSets(ic);
    // The 997 goes out before any 945 the sets may trigger, as a real 3PL's translator acks first.
    const ack = await acknowledge(ic, this.partner, this.numbers, this.clock);
    if (ack && this.knobs.withholdAcks) this.#withheld.push(ack);
    else if (ack && this.knobs.ackDelayMs > 0)
      this.later(this.knobs.ackDelayMs, () => this.emitText('997', ack.text, ack.controlNumber));
    else if (ack) await this.emitText('997', ack.text, ack.controlNumber);
    for (const { set } of accepted) {
      if (set.id === '940') this.accept940(parse940(set));
      if (set.id === '997') await this.#apply997(parse997(set));
    }
    const issues = allIssues(ic);
    const acceptedIds = accepted.map(({ set }) => `${set.id}:${set.controlNumber}`);
    this.received.push({
      name: file.name,
      controlNumber: ic.header.controlNumber,
      duplicate: false,
      issues,
      acceptedSets: acceptedIds,
    });
    return issues.length === 0 ? 'processed' : 'error';
  }

  async #apply997(ack: FunctionalAck): Promise<void> {
    const match = await this.#ledger.applyAck(this.partner.id, ack);
    this.acks.push({ ack, matchedInterchange: match?.group.interchangeControl });
  }

  protected override async recordSent(sent: OutboundInterchange): Promise<void> {
    await this.#ledger.recordSent(sent.groups);
  }

  /** Groups the simulator sent that Ferry has not acknowledged by `nowMs`. */
  unacknowledged(nowMs: number): Promise<readonly { interchangeControl: string; functionalId: string }[]> {
    return this.#ledger.overdue(nowMs);
  }
}
