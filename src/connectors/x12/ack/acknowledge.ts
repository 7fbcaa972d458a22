/** Answers an inbound interchange with one 997 group per functional group received. */
import type { Clock } from '../../../core/clock.js';
import type { ParsedInterchange } from '../edi/index.js';
import type { ControlNumberStore } from '../control/index.js';
import type { OutboundInterchange } from '../outbound.js';
import { buildOutbound } from '../outbound.js';
import type { TradingPartner } from '../partner.js';
import { FUNCTIONAL_IDS } from '../partner.js';
import { build997Body } from './build997.js';

/**
 * Builds the 997 interchange for `inbound`, or undefined when there is nothing to acknowledge
 * (no groups, or only 997 groups: acknowledgments are not acknowledged).
 */
export async function acknowledge(
  inbound: ParsedInterchange,
  partner: TradingPartner,
  numbers: ControlNumberStore,
  clock: Clock,
): Promise<OutboundInterchange | undefined> {
  const groups = inbound.groups.filter((g) => g.header.functionalId !== FUNCTIONAL_IDS['997']);
  if (groups.length === 0) return undefined;
  return buildOutbound(
    partner,
    numbers,
    clock,
    groups.map((g) => ({ id: '997', body: build997Body(g) })),
  );
}
