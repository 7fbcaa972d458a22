/** How an adapter hands a collected inbound message to the inbox (stored with its processing job). */
import type { SignatureResult } from '../../../store/index.js';

/** A message to store durably before it is acknowledged or moved. */
export interface IntakeMessage {
  readonly kind: string;
  readonly body: Buffer;
  readonly headers: Record<string, string>;
  readonly dedupeKey: string;
  readonly signature: SignatureResult;
}

/** Stores the message and enqueues its processing; resolves once durable. */
export type WarehouseIntake = (msg: IntakeMessage) => Promise<'accepted' | 'duplicate'>;
