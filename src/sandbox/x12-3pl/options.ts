/** Options, knobs and observable state of the 3PL simulator. */
import type { Clock } from '../../core/clock.js';
import type { EdiIssue, FunctionalAck, TradingPartner, TransportDirs } from '../../connectors/x12/index.js';
import type { MalformKind } from './malform.js';
import type { ShipPlan } from './shipping.js';

/** Behaviour switches, changeable while running (`sim.configure`). */
export interface SimKnobs {
  /** Delay before each 997 is written, ms; default 0 (on the same tick). */
  ackDelayMs: number;
  /** Hold every 997 back until `releaseWithheldAcks()` (a translator that is down); default false. */
  withholdAcks: boolean;
  /** When set, every accepted 940 is shipped automatically after this many ms with `autoShipPlan`. */
  shipDelayMs: number | undefined;
  autoShipPlan: ShipPlan;
  /** Write every outbound file twice (same ISA13, second name suffixed `.dup`). */
  duplicates: boolean;
  /** Corrupt the next outbound interchange this way, then reset to undefined. */
  malformNext: MalformKind | undefined;
}

/** Simulator options. */
export interface X12ThreePlOptions {
  /** Folder to work in; a temp folder (removed on stop) when absent. */
  readonly root?: string;
  /** Serve the folder over SFTP on 127.0.0.1:0 with these credentials; folder only when absent. */
  readonly sftp?: { readonly username: string; readonly password?: string; readonly publicKey?: string };
  /** The 3PL's own partner config (its view of Ferry); default: 3PLID ↔ DISTID as in PROTOCOLS.md §3.11. */
  readonly partner?: TradingPartner;
  readonly clock?: Clock;
  /** Poll the inbound folder every this many ms; manual `tick()` only when absent. */
  readonly pollIntervalMs?: number;
  readonly knobs?: Partial<SimKnobs>;
}

/** Where Ferry connects: the dirs are Ferry's view (its outbox is the 3PL's inbound folder). */
export interface FerryEndpoint {
  readonly folder: { readonly root: string; readonly dirs: TransportDirs };
  readonly sftp?: {
    readonly host: string;
    readonly port: number;
    readonly username: string;
    readonly password?: string;
    readonly root: string;
    readonly dirs: TransportDirs;
  };
}

/** A file the simulator collected. */
export interface ReceivedFile {
  readonly name: string;
  readonly controlNumber: string;
  readonly duplicate: boolean;
  readonly issues: readonly EdiIssue[];
  /** `ST01:ST02` of accepted sets. */
  readonly acceptedSets: readonly string[];
}

/** A file the simulator wrote. */
export interface EmittedFile {
  readonly name: string;
  readonly kind: '997' | '945' | '846' | '944';
  readonly controlNumber: string;
  readonly text: string;
  readonly malformed?: MalformKind;
  readonly duplicate: boolean;
}

/** A 997 Ferry sent for something the simulator emitted. */
export interface ReceivedAck {
  readonly ack: FunctionalAck;
  /** ISA13 of the simulator's interchange it acknowledges, when matched. */
  readonly matchedInterchange?: string;
}

/** Folder layout on the 3PL side: Ferry writes to `inbound`, reads `outbound`. */
export const SIM_DIRS: TransportDirs = {
  inbox: 'inbound',
  processed: 'archive',
  error: 'rejected',
  outbox: 'outbound',
};
/** The same layout from Ferry's side. */
export const FERRY_DIRS: TransportDirs = {
  inbox: 'outbound',
  processed: 'ferry-processed',
  error: 'ferry-error',
  outbox: 'inbound',
};

export const DEFAULT_KNOBS: SimKnobs = {
  ackDelayMs: 0,
  withholdAcks: false,
  shipDelayMs: undefined,
  autoShipPlan: {},
  duplicates: false,
  malformNext: undefined,
};
