/** HTTP side of the simulated WMS: create, read and cancel orders, list events (node:http). */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { WmsOrderInput } from '../../connectors/wms-rest/index.js';
import type { SimWmsOrder, WmsState } from './state.js';

/** Faults the next requests get instead of being processed (status, and whether the work happens first). */
export interface WmsFault {
  readonly status: number;
  /** Process the request, then answer with the fault (a lost answer). */
  readonly afterWork?: boolean;
  /** Only requests starting with this `METHOD /path` get the fault, e.g. `POST /v1/orders`. */
  readonly match?: string;
}

export interface WmsServerContext {
  readonly state: WmsState;
  readonly token: string | undefined;
  readonly faults: WmsFault[];
  readonly now: () => string;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

const view = (o: SimWmsOrder) => ({
  id: o.id,
  reference: o.input.reference,
  status: o.status,
  created_at: o.createdAt,
});

function create(ctx: WmsServerContext, raw: string): [number, unknown] {
  const parsed = WmsOrderInput.safeParse(JSON.parse(raw || 'null'));
  if (!parsed.success) return [422, { error: 'invalid_order', message: parsed.error.message }];
  const known = ctx.state.orders.get(parsed.data.reference);
  if (known) {
    ctx.state.duplicateCreates += 1;
    return [200, view(known)];
  }
  const order: SimWmsOrder = {
    id: ctx.state.nextId('WO'),
    input: parsed.data,
    status: 'received',
    createdAt: ctx.now(),
    shipped: new Map(),
    shipments: 0,
  };
  ctx.state.orders.set(order.input.reference, order);
  return [201, view(order)];
}

function cancel(ctx: WmsServerContext, ref: string): [number, unknown] {
  const o = ctx.state.orders.get(ref);
  if (!o) return [404, { error: 'not_found' }];
  if (o.status === 'shipped' || o.status === 'partially_shipped') return [409, { error: 'already_shipped' }];
  o.status = 'cancelled';
  return [200, view(o)];
}

async function route(ctx: WmsServerContext, req: IncomingMessage): Promise<[number, unknown]> {
  if (ctx.token && req.headers.authorization !== `Bearer ${ctx.token}`)
    return [401, { error: 'unauthorized' }];
  const url = new URL(req.url ?? '/', 'http://wms');
  const body = await readBody(req);
  if (req.method === 'POST' && url.pathname === '/v1/orders') return create(ctx, body);
  const m = /^\/v1\/orders\/([^/]+)(\/cancel)?$/.exec(url.pathname);
  if (m && req.method === 'POST' && m[2]) return cancel(ctx, decodeURIComponent(m[1]!));
  if (m && req.method === 'GET') {
    const o = ctx.state.orders.get(decodeURIComponent(m[1]!));
    return o ? [200, view(o)] : [404, { error: 'not_found' }];
  }
  if (req.method === 'GET' && url.pathname === '/v1/events') {
    return [200, ctx.state.page(url.searchParams.get('after'), Number(url.searchParams.get('limit') ?? 100))];
  }
  return [404, { error: 'no_route' }];
}

/** Starts the HTTP server on 127.0.0.1:0. */
export async function startWmsServer(ctx: WmsServerContext): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const at = ctx.faults.findIndex((f) => !f.match || `${req.method} ${req.url}`.startsWith(f.match));
    const fault = at >= 0 ? ctx.faults.splice(at, 1)[0] : undefined;
    if (fault && !fault.afterWork) return send(res, fault.status, { error: 'injected' });
    route(ctx, req).then(
      ([status, body]) => (fault ? send(res, fault.status, { error: 'injected' }) : send(res, status, body)),
      (e: unknown) => send(res, 500, { error: String(e) }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address() as { port: number };
  return { server, url: `http://127.0.0.1:${addr.port}` };
}
