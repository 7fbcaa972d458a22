/**
 * Where a phase's time went, read from the machine: CPU seconds of the Odoo process (with its
 * prefork workers) and of the PostgreSQL backends serving its database (/proc), Odoo's own log
 * (requests with their SQL and Python seconds, serialization retries with their sleeps), Ferry's
 * CPU and the load average.
 * Everything is optional: without `--odoo-pid` / `--odoo-log` those parts are null.
 */
import { closeSync, openSync, readFileSync, readSync, readdirSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';

/** Linux clock ticks per second (USER_HZ), 100 on every mainstream architecture. */
const TICKS = 100;

function cpuTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
  } catch {
    return 0;
  }
}

/** CPU ticks of `pid` and its children: Odoo's prefork workers (`--workers N`) are its children. */
function treeTicks(pid: number): number {
  let sum = cpuTicks(pid);
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d) || Number(d) === pid) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) sum += cpuTicks(Number(d));
    } catch {
      // the process ended while we looked
    }
  }
  return sum;
}

/** PostgreSQL backends whose title names the database (`postgres: 15/main: user db host(port) state`). */
function pgBackendTicks(db: string): number {
  let sum = 0;
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8');
      if (/^postgres: (?:\S+: )?\S+ (\S+) /.exec(cmd)?.[1] === db) sum += cpuTicks(Number(d));
    } catch {
      // the process ended while we looked
    }
  }
  return sum;
}

function readFrom(path: string, offset: number): string {
  const fd = openSync(path, 'r');
  try {
    const size = statSync(path).size;
    const buf = Buffer.alloc(Math.max(0, size - offset));
    readSync(fd, buf, 0, buf.length, offset);
    return buf.toString('utf8');
  } finally {
    closeSync(fd);
  }
}

export interface OdooLogSummary {
  requests: number;
  /** SQL queries Odoo reports for those requests, summed: compare phases per order, not per call. */
  queries: number;
  /** Seconds Odoo reports spent in SQL, and in the rest of the request (Python), summed. */
  sqlSec: number;
  otherSec: number;
  /** `… tries left, try again in N sec` lines: serialization failures, deadlocks, lock waits Odoo retried. */
  retries: number;
  retrySleepSec: number;
}

/** Odoo's log lines for `db` (werkzeug: `… 200 - <queries> <sql s> <other s>`). */
export function summariseOdooLog(text: string, db: string): OdooLogSummary {
  const out: OdooLogSummary = {
    requests: 0,
    queries: 0,
    sqlSec: 0,
    otherSec: 0,
    retries: 0,
    retrySleepSec: 0,
  };
  for (const line of text.split('\n')) {
    if (line.split(' ')[4] !== db) continue;
    const req = /" \d{3} - (\d+) ([\d.]+) ([\d.]+)$/.exec(line);
    if (req) {
      out.requests += 1;
      out.queries += Number(req[1]);
      out.sqlSec += Number(req[2]);
      out.otherSec += Number(req[3]);
      continue;
    }
    const retry = /tries left, try again in ([\d.]+) sec/.exec(line);
    if (retry) {
      out.retries += 1;
      out.retrySleepSec += Number(retry[1]);
    }
  }
  return out;
}

export interface PhaseUsage {
  seconds: number;
  odooCpuSec: number | null;
  pgCpuSec: number | null;
  ferryCpuSec: number;
  shopCpuSec: number | null;
  odooLog: OdooLogSummary | null;
  load: [number, number, number];
}

export interface UsageProbe {
  /** Starts measuring a phase; the returned function ends it. */
  start(): () => PhaseUsage;
}

export function usageProbe(o: {
  db: string;
  odooPid?: number;
  odooLog?: string;
  shopPid?: () => number | undefined;
}): UsageProbe {
  const r2 = (n: number) => Math.round(n * 100) / 100;
  return {
    start() {
      const t0 = performance.now();
      const odoo0 = o.odooPid ? treeTicks(o.odooPid) : 0;
      const pg0 = pgBackendTicks(o.db);
      const ferry0 = process.cpuUsage();
      const shopPid = o.shopPid?.();
      const shop0 = shopPid ? cpuTicks(shopPid) : 0;
      const log0 = o.odooLog ? statSync(o.odooLog).size : 0;
      return () => {
        const ferry = process.cpuUsage(ferry0);
        const log = o.odooLog ? summariseOdooLog(readFrom(o.odooLog, log0), o.db) : null;
        return {
          seconds: r2((performance.now() - t0) / 1000),
          odooCpuSec: o.odooPid ? r2((treeTicks(o.odooPid) - odoo0) / TICKS) : null,
          pgCpuSec: r2((pgBackendTicks(o.db) - pg0) / TICKS),
          ferryCpuSec: r2((ferry.user + ferry.system) / 1e6),
          shopCpuSec: shopPid ? r2((cpuTicks(shopPid) - shop0) / TICKS) : null,
          odooLog: log
            ? {
                ...log,
                sqlSec: r2(log.sqlSec),
                otherSec: r2(log.otherSec),
                retrySleepSec: r2(log.retrySleepSec),
              }
            : null,
          load: loadavg().map(r2) as [number, number, number],
        };
      };
    },
  };
}
