import { describe, expect, it } from 'vitest';
import { acceptOrderTask } from './acceptTask.js';
import { INTAKE_LANE, orderRef, orderingKey, type IntakeDeps } from './deps.js';
import { acceptJob, intakeJob } from './jobs.js';
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

describe('acceptJob', () => {
  it('names the task the accept task serves, once per order, behind the order', () => {
    const task = acceptOrderTask({} as IntakeDeps);
    expect(acceptJob('eu-5512')).toEqual({
      lane: task.lane,
      task: task.name,
      payload: { ref: 'eu-5512' },
      orderingKey: orderingKey('eu-5512'),
      idempotencyKey: 'accept:eu-5512:1',
    });
  });
});
