import { describe, expect, it } from 'vitest';
import { INTAKE_LANE, orderRef, orderingKey } from './deps.js';
import { intakeJob } from './jobs.js';
import { normaliseShopifyTask } from './normaliseTask.js';

describe('intakeJob', () => {
  it('names the task and lane the normalise task serves, ordered behind the same order', () => {
    const job = intakeJob({ inboxId: 7, channel: 'eu', topic: 'orders/create', channelOrderId: '5512' });
    expect(job).toEqual({
      lane: INTAKE_LANE,
      task: normaliseShopifyTask.name,
      payload: { inboxId: 7, channel: 'eu', topic: 'orders/create' },
      orderingKey: orderingKey(orderRef('eu', '5512')),
    });
    expect(normaliseShopifyTask.lane).toBe(job.lane);
  });

  it('carries the delivery trace when there is one', () => {
    const trace = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    expect(
      intakeJob({ inboxId: 1, channel: 'eu', topic: 'orders/updated', channelOrderId: '1', trace }).trace,
    ).toBe(trace);
  });
});
