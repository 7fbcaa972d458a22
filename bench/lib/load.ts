/**
 * Load generator, run in its own process so it does not share the server's event loop:
 * posts one body N times over C keep-alive connections, each with its own event id, and prints
 * {"count","seconds","p50Ms","p99Ms","errors"} as JSON.
 *
 * argv: url count connections bodyFile headersJson
 */
import { readFileSync } from 'node:fs';
import { Pool } from 'undici';

const [url, countArg, connArg, bodyFile, headersJson] = process.argv.slice(2);
const count = Number(countArg);
const connections = Number(connArg);
const body = readFileSync(bodyFile!);
const headers = JSON.parse(headersJson!) as Record<string, string>;
const u = new URL(url!);
const pool = new Pool(u.origin, { connections, pipelining: 1 });
const latencies: number[] = [];
let next = 0;
let errors = 0;
const t0 = performance.now();
await Promise.all(
  Array.from({ length: connections }, async () => {
    while (next < count) {
      const i = next++;
      const start = performance.now();
      const res = await pool.request({
        path: u.pathname,
        method: 'POST',
        body,
        headers: {
          ...headers,
          'x-shopify-event-id': `bench-${process.pid}-${i}`,
          'x-shopify-webhook-id': `wh-${i}`,
        },
      });
      await res.body.dump();
      if (res.statusCode !== 200) errors++;
      latencies.push(performance.now() - start);
    }
  }),
);
const seconds = (performance.now() - t0) / 1000;
await pool.close();
latencies.sort((a, b) => a - b);
const pct = (p: number) =>
  Number((latencies[Math.floor((p / 100) * (latencies.length - 1))] ?? 0).toFixed(2));
console.log(JSON.stringify({ count, seconds, p50Ms: pct(50), p99Ms: pct(99), errors }));
