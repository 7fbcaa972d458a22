/**
 * The two sides of the PROTOCOLS.md §3.11 examples as partner configs: Ferry (DISTID) talking to a
 * 3PL (3PLID), and the 3PL's mirror view, which the simulator uses.
 */
import type { TradingPartner } from '../partner.js';
import { compilePartner } from '../partner.js';

/** Ferry's configuration of the 3PL of the golden files. */
export function goldenThreePl(overrides: Partial<TradingPartner> = {}): TradingPartner {
  return compilePartner({
    id: 'acme-3pl',
    warehouse: 'WH01',
    ours: { qualifier: 'ZZ', id: 'DISTID', groupId: 'DISTID' },
    theirs: { qualifier: 'ZZ', id: '3PLID', groupId: '3PLID' },
    separators: { lineSuffix: '\n' },
    ...overrides,
  });
}

/** The 3PL's configuration of Ferry (the mirror image), for the simulator. */
export function goldenDistributor(overrides: Partial<TradingPartner> = {}): TradingPartner {
  return compilePartner({
    id: 'distributor',
    warehouse: 'WH01',
    ours: { qualifier: 'ZZ', id: '3PLID', groupId: '3PLID' },
    theirs: { qualifier: 'ZZ', id: 'DISTID', groupId: 'DISTID' },
    separators: { lineSuffix: '\n' },
    ...overrides,
  });
}
