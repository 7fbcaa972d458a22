import type { WarehousePort } from './port.js';

/** Wraps one call to a partner (a span, a timed count). */
export type WarehouseCallObserver = <T>(
  partner: string,
  operation: string,
  fn: () => Promise<T>,
) => Promise<T>;

/**
 * The port with its calls to the warehouse (release, cancel, collect) observed as `wms:<id>`;
 * reading a stored message is local work and is not.
 */
export function observedWarehouse(port: WarehousePort, observe: WarehouseCallObserver): WarehousePort {
  const partner = `wms:${port.id}`;
  return {
    id: port.id,
    kind: port.kind,
    release: (req) => observe(partner, 'release', () => port.release(req)),
    cancel: (ref, reason) => observe(partner, 'cancel', () => port.cancel(ref, reason)),
    collect: () => observe(partner, 'collect', () => port.collect()),
    receive: (msg) => port.receive(msg),
    close: () => port.close(),
  };
}
