/**
 * The simulator's core, independent of HTTP: users, the ORM over an in-memory database, one
 * call → one transaction, call counters. server.ts puts both protocols in front of it.
 */
import { systemClock } from '../../core/clock.js';
import type { Clock } from '../../core/clock.js';
import { Db } from './db.js';
import { resolveMethod } from './dispatch.js';
import type { Access } from './dispatch.js';
import { allModels } from './models/index.js';
import { Orm } from './orm.js';
import type { App, MethodDef } from './schema.js';
import { seedBase } from './seed.js';
import { ExceptionName, SimError } from './types.js';
import type { Context, Env, OdooVersion } from './types.js';

export interface SimUser {
  uid: number;
  login: string;
  password: string;
  apiKeys: string[];
  access: Access;
}

export interface SimCoreOptions {
  version: OdooVersion;
  /** Database name; default `ferry`. */
  db?: string;
  /** Installed apps; default sale, stock, account and delivery (base is always there). */
  apps?: readonly App[];
  clock?: Clock;
  /** API key of the admin user (uid 2, login `admin`, password `admin`); default `sim-admin-key`. */
  adminKey?: string;
}

export interface Invocation {
  uid: number;
  model: string;
  method: string;
  /** Positional arguments after ids are already mapped to names by the protocol layer. */
  ids: number[];
  params: Record<string, unknown>;
  context: Context;
}

export class SimCore {
  readonly version: OdooVersion;
  readonly dbName: string;
  readonly clock: Clock;
  readonly db: Db;
  readonly orm: Orm;
  readonly users: SimUser[] = [];
  /** Calls per `model.method`, counted when they reach the ORM (after authentication). */
  readonly calls = new Map<string, number>();
  /** Milliseconds a guarded method waits between its check and its commit. */
  pauseMs = 0;

  constructor(opts: SimCoreOptions) {
    this.version = opts.version;
    this.dbName = opts.db ?? 'ferry';
    this.clock = opts.clock ?? systemClock;
    this.db = new Db(this.clock);
    const apps = new Set<App>([
      'base',
      ...(opts.apps ?? (['sale', 'stock', 'account', 'delivery'] as const)),
    ]);
    this.orm = new Orm(apps, this.version);
    this.orm.register(allModels);
    this.users.push({
      uid: 2,
      login: 'admin',
      password: 'admin',
      apiKeys: [opts.adminKey ?? 'sim-admin-key'],
      access: 'all',
    });
    seedBase(this, [...apps]);
  }

  env(uid: number, context: Context = {}): Env {
    const ms = this.pauseMs;
    return {
      db: this.db,
      version: this.version,
      uid,
      ctx: context,
      clock: this.clock,
      pause: () => (ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve()),
    };
  }

  /** uid for a login and a password or API key, or false (authenticate answers false, ODOO.md §1). */
  authenticate(login: string, secret: string): number | false {
    const u = this.users.find(
      (x) => x.login === login && (x.password === secret || x.apiKeys.includes(secret)),
    );
    return u ? u.uid : false;
  }

  userByKey(key: string): SimUser | undefined {
    return this.users.find((u) => u.apiKeys.includes(key));
  }

  checkUid(uid: number, secret: string): SimUser {
    const u = this.users.find((x) => x.uid === uid && (x.password === secret || x.apiKeys.includes(secret)));
    if (!u) throw new SimError(ExceptionName.accessDenied, 'Access Denied');
    return u;
  }

  checkDb(name: string): void {
    if (name !== this.dbName) {
      throw new SimError(
        ExceptionName.operationalError,
        `connection to server at "127.0.0.1", port 5432 failed: FATAL:  database "${name}" does not exist\n`,
      );
    }
  }

  resolve(uid: number, model: string, method: string): MethodDef {
    const user = this.users.find((u) => u.uid === uid);
    return resolveMethod(this.env(uid), this.orm, model, method, user?.access ?? {});
  }

  /** Runs one resolved call as one transaction; guarded methods may wait before it. */
  async invoke(def: MethodDef, inv: Invocation): Promise<unknown> {
    const key = `${inv.model}.${inv.method}`;
    this.calls.set(key, (this.calls.get(key) ?? 0) + 1);
    const env = this.env(inv.uid, inv.context);
    const release = def.guard ? await def.guard(env, inv.ids) : undefined;
    try {
      return this.db.transaction(() => def.run(env, inv.ids, { ...inv.params, __model: inv.model }));
    } finally {
      release?.();
    }
  }

  /** Runs a call as the admin without the HTTP layer (seeding, tests). */
  async call(
    model: string,
    method: string,
    ids: number[],
    params: Record<string, unknown>,
    context: Context = {},
  ): Promise<unknown> {
    const def = this.resolve(2, model, method);
    return this.invoke(def, { uid: 2, model, method, ids, params, context });
  }

  /** The same, synchronous, for seeds (no guard, no counting). */
  callSync(
    model: string,
    method: string,
    ids: number[],
    params: Record<string, unknown>,
    context: Context = {},
  ): unknown {
    const def = this.resolve(2, model, method);
    const env = this.env(2, context);
    return this.db.transaction(() => def.run(env, ids, { ...params, __model: model }));
  }
}
