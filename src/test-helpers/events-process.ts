/**
 * A Ferry worker that only delivers events, for the JetStream crash test: it starts through the
 * same startFerry path as `ferry worker`, with `events.nats` from its arguments.
 *
 * Usage: node --import tsx events-process.ts <FERRY_DB> <nats url> <stream> <subject prefix>
 */
import { startFerry } from '../app/index.js';
import { validateConfig } from '../ops/config/index.js';
import { createLogger } from '../ops/logging/index.js';

const [db, url, stream, subjectPrefix] = process.argv.slice(2);
if (!db || !url || !stream || !subjectPrefix)
  throw new Error('usage: events-process.ts <FERRY_DB> <nats url> <stream> <subject prefix>');

const config = validateConfig({
  lanes: [
    {
      name: 'events',
      concurrency: 2,
      batchSize: 50,
      leaseMs: 1000,
      maxAttempts: 8,
      backoff: { baseMs: 50, capMs: 200 },
    },
  ],
  events: { relayEveryMs: 20, nats: { url, stream, subjectPrefix } },
});
const app = await startFerry({
  db,
  config,
  mode: 'worker',
  lanes: ['events'],
  logger: createLogger({ level: 'warn' }),
});
process.stdout.write('ready\n');
const stop = (): void => void app.stop(5000).then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
