/**
 * `POST /webhooks/wms/:warehouse`: a JSON WMS event. The HMAC signature is checked over the raw
 * bytes before anything is parsed; the event is stored, with its processing job, before the 200.
 * The dedupe key is the WMS's event id, the same one the polling fallback uses.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../../core/clock.js';
import { verifyWmsWebhook, WMS_HEADERS } from '../../connectors/wms-rest/index.js';
import { wmsEventKey } from '../../connectors/wms-rest/restWarehouse.js';
import type { InboxService } from '../../engine/index.js';
import { inboundJob } from '../../flows/fulfilment/index.js';
import type { Tracer } from '../../ops/tracing/index.js';
import { inWebhookSpan } from './traced.js';
import { notJson, notUtf8 } from './body.js';

export interface WmsWebhookDeps {
  inbox: InboxService;
  clock: Clock;
  /** Webhook secret per REST warehouse id. */
  secrets: ReadonlyMap<string, string>;
  bodyLimitBytes: number;
  /** Starts each delivery's trace. Default none. */
  tracer?: Tracer;
}

const Refusal = {
  type: 'object',
  additionalProperties: true,
  properties: { error: { type: 'string' }, message: { type: 'string' }, inboxId: { type: 'integer' } },
} as const;

/** For the OpenAPI description; the body is read raw (the signature covers its exact bytes). */
const SCHEMA = {
  tags: ['webhooks'],
  summary: 'JSON WMS event (shipment, inventory); HMAC-signed with a timestamp, stored before the answer',
  security: [],
  response: {
    200: {
      type: 'object',
      additionalProperties: true,
      properties: { status: { type: 'string' }, inboxId: { type: 'integer' } },
    },
    400: Refusal,
    401: Refusal,
    404: Refusal,
    413: Refusal,
    415: Refusal,
  },
};

function kept(req: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const h of [...Object.values(WMS_HEADERS), 'content-type']) {
    const v = req.headers[h];
    if (typeof v === 'string') out[h] = v;
  }
  return out;
}

async function receive(
  req: FastifyRequest<{ Params: { warehouse: string } }>,
  reply: FastifyReply,
  deps: WmsWebhookDeps,
  trace: string | undefined,
): Promise<FastifyReply> {
  const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const warehouse = req.params.warehouse;
  const source = `wms:${warehouse}`;
  const headers = kept(req);
  const topic = headers[WMS_HEADERS.topic] ?? 'unknown';
  const secret = deps.secrets.get(warehouse);
  const refuse = async (
    status: number,
    error: string,
    reason: string,
    signature: 'valid' | 'invalid' | 'unsigned',
  ) => {
    const r = await deps.inbox.reject({ source, kind: topic, headers, body, signature }, reason);
    return reply.status(status).send({ error, message: reason, inboxId: r.inboxId });
  };
  if (!secret)
    return refuse(
      404,
      'unknown_warehouse',
      `no JSON WMS warehouse "${warehouse}" takes webhooks`,
      'unsigned',
    );
  const v = verifyWmsWebhook({ headers: req.headers, rawBody: body, secret, nowMs: deps.clock.now() });
  if (!v.ok)
    return refuse(
      v.status,
      v.status === 401 ? 'bad_signature' : 'bad_request',
      v.reason,
      v.status === 401 ? 'invalid' : 'unsigned',
    );
  const mediaProblem = notJson(req.headers['content-type']);
  if (mediaProblem) return refuse(415, 'unsupported_media_type', mediaProblem, 'valid');
  const encodingProblem = notUtf8(body);
  if (encodingProblem) return refuse(400, 'bad_encoding', encodingProblem, 'valid');
  const r = await deps.inbox.accept(
    {
      source,
      kind: v.topic,
      headers,
      body,
      signature: 'valid',
      dedupeKey: wmsEventKey(warehouse, v.eventId),
    },
    (inboxId) => ({ ...inboundJob(warehouse, inboxId), ...(trace ? { trace } : {}) }),
  );
  return reply.status(200).send({ status: r.status, inboxId: r.inboxId });
}

/** Registers the WMS webhook route in its own scope (raw-body parser). */
export function registerWmsWebhooks(app: FastifyInstance, deps: WmsWebhookDeps): void {
  void app.register((scope, _opts, done) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: deps.bodyLimitBytes }, (_req, b, cb) =>
      cb(null, b),
    );
    // A body over the limit never reaches the route; it is stored (empty) with the reason all the
    // same, so the refusal shows in the inbox beside every other one.
    scope.setErrorHandler(async (err, req, reply) => {
      if ((err as { code?: string }).code !== 'FST_ERR_CTP_BODY_TOO_LARGE') throw err;
      const warehouse = (req.params as { warehouse?: string }).warehouse ?? 'unknown';
      const headers = kept(req);
      const reason = `body larger than ${deps.bodyLimitBytes} bytes`;
      const r = await deps.inbox.reject(
        {
          source: `wms:${warehouse}`,
          kind: headers[WMS_HEADERS.topic] ?? 'unknown',
          headers,
          body: Buffer.alloc(0),
          signature: 'unsigned',
        },
        reason,
      );
      return reply.status(413).send({ error: 'payload_too_large', message: reason, inboxId: r.inboxId });
    });
    scope.post<{ Params: { warehouse: string } }>(
      '/webhooks/wms/:warehouse',
      { schema: SCHEMA },
      (req, reply) =>
        inWebhookSpan(
          deps.tracer,
          `webhook wms ${String(req.headers[WMS_HEADERS.topic] ?? 'unknown')}`,
          { 'ferry.warehouse': req.params.warehouse, 'http.route': '/webhooks/wms/:warehouse' },
          reply,
          (trace) => receive(req, reply, deps, trace),
        ),
    );
    done();
  });
}
