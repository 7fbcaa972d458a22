import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** The console's build (`npm run build:console`), beside src/ in a checkout and dist/ in the package. */
export const CONSOLE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'console', 'dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Only this origin's scripts, styles and API; no framing. The build has no inline script, so none
 * is allowed: injected markup in a payload shown on a page cannot run.
 */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

export interface ConsoleOptions {
  /** Folder of the built console. Default CONSOLE_DIR. */
  dir?: string;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function send(
  reply: FastifyReply,
  path: string,
  cache: string,
  extra: Record<string, string> = {},
): FastifyReply {
  return reply
    .headers(extra)
    .header('content-type', TYPES[extname(path)] ?? 'application/octet-stream')
    .header('cache-control', cache)
    .header('x-content-type-options', 'nosniff')
    .send(createReadStream(path));
}

/**
 * Serves the console's static files under /console, and its page for every other /console path
 * (the console routes in the browser). Hashed assets are cached for good; the page never, so a
 * new build is picked up on the next load. Without a build, /console says how to make one.
 */
export function registerConsole(app: FastifyInstance, o: ConsoleOptions = {}): void {
  const dir = o.dir ?? CONSOLE_DIR;
  const page = join(dir, 'index.html');
  app.get('/console', { schema: { hide: true } }, (_req, reply) => reply.redirect('/console/', 301));
  app.get<{ Params: { '*': string } }>('/console/*', { schema: { hide: true } }, async (req, reply) => {
    const rel = normalize(req.params['*']).replace(/^([/\\])+/, '');
    const file = join(dir, rel);
    // `..` in the path never leaves the build folder.
    if (rel && !rel.startsWith('..') && file.startsWith(dir + sep) && (await isFile(file)))
      return send(
        reply,
        file,
        rel.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    if (!(await isFile(page)))
      return reply
        .status(503)
        .header('content-type', 'text/plain; charset=utf-8')
        .send('The console is not built in this installation: run `npm run build:console`, then reload.\n');
    // An asset that is not there is a 404, not the page: a stale tab must not parse HTML as script.
    if (rel.startsWith('assets/'))
      return reply.status(404).send({ error: 'not_found', message: `no ${rel}` });
    return send(reply, page, 'no-cache', {
      'content-security-policy': CSP,
      'referrer-policy': 'no-referrer',
    });
  });
}
