import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigMap, Service } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { Job } from 'kubernetes-models/batch/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import type { IPodSpec } from 'kubernetes-models/v1';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/ops/config/index.js';
import { ROOT } from '../package/install.js';

const DIR = join(ROOT, 'deploy', 'kubernetes');

/** The Kubernetes API objects the manifests may hold, each validated against its OpenAPI schema. */
const MODELS: Record<string, new (o: never) => { validate(): void }> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'batch/v1/Job': Job,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
};

interface Obj {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
}

const kustomization = parseAllDocuments(readFileSync(join(DIR, 'kustomization.yaml'), 'utf8'))[0]!.toJS() as {
  resources: string[];
};
const objects: Obj[] = kustomization.resources.flatMap((f) =>
  parseAllDocuments(readFileSync(join(DIR, f), 'utf8')).map((d) => {
    expect(d.errors, f).toEqual([]);
    return d.toJS() as Obj;
  }),
);
const byKind = (kind: string) => objects.filter((o) => o.kind === kind);
const named = (kind: string, name: string) =>
  objects.find((o) => o.kind === kind && o.metadata.name === name)!;
const podSpec = (o: Obj) => (o.spec as { template: { spec: IPodSpec } }).template.spec;

describe('Kubernetes manifests', () => {
  it('kustomization lists every manifest in the folder', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml');
    expect([...kustomization.resources].sort()).toEqual(files.sort());
  });

  it('are valid Kubernetes API objects (offline, against the API schemas)', () => {
    for (const o of objects) {
      const Model = MODELS[`${o.apiVersion}/${o.kind}`];
      expect(Model, `${o.apiVersion} ${o.kind} ${o.metadata.name}`).toBeDefined();
      expect(() => new Model!(o as never).validate(), `${o.kind} ${o.metadata.name}`).not.toThrow();
    }
  });

  it('has Deployments for serve and the workers, a migrate Job, a Service and disruption budgets', () => {
    const args = (o: Obj) => podSpec(o).containers[0]!.args;
    expect(args(named('Deployment', 'ferry-serve'))).toEqual(['serve', '--lanes', 'intake']);
    expect(args(named('Deployment', 'ferry-worker'))?.[0]).toBe('worker');
    // The lanes whose holds live in one process run in exactly one pod, replaced, never doubled.
    const inventory = named('Deployment', 'ferry-inventory');
    expect(args(inventory)).toEqual(['worker', '--lanes', 'orders,inventory']);
    expect(inventory.spec).toMatchObject({ replicas: 1, strategy: { type: 'Recreate' } });
    expect(args(named('Job', 'ferry-migrate'))).toEqual(['migrate']);
    // Every lane is served somewhere.
    const served = byKind('Deployment').flatMap((d) => args(d)![2]!.split(','));
    for (const lane of ['intake', 'orders', 'fulfilment', 'shipments', 'inventory', 'batch', 'maintenance'])
      expect(served).toContain(lane);
    const svc = named('Service', 'ferry').spec as { selector: Record<string, string> };
    expect(svc.selector).toEqual(named('Deployment', 'ferry-serve').metadata.labels);
    expect(byKind('PodDisruptionBudget').length).toBeGreaterThanOrEqual(1);
  });

  it('probes serve on /livez and /readyz, and bounds every container', () => {
    const serve = podSpec(named('Deployment', 'ferry-serve')).containers[0]!;
    expect(serve.livenessProbe?.httpGet?.path).toBe('/livez');
    expect(serve.readinessProbe?.httpGet?.path).toBe('/readyz');
    for (const o of [...byKind('Deployment'), ...byKind('Job')])
      for (const c of podSpec(o).containers) {
        expect(c.resources?.limits?.memory, o.metadata.name).toBeDefined();
        expect(c.resources?.limits?.cpu, o.metadata.name).toBeDefined();
        expect(c.resources?.requests?.memory, o.metadata.name).toBeDefined();
      }
  });

  it('runs non-root on a read-only root filesystem, with secrets as mounted files', () => {
    for (const o of [...byKind('Deployment'), ...byKind('Job')]) {
      const pod = podSpec(o);
      expect(pod.securityContext, o.metadata.name).toMatchObject({ runAsNonRoot: true, runAsUser: 10001 });
      for (const c of pod.containers) {
        expect(c.securityContext, o.metadata.name).toMatchObject({
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
          capabilities: { drop: ['ALL'] },
        });
        // No secret in the environment: values are files; variables only name them.
        for (const e of c.env ?? []) {
          expect(e.valueFrom?.secretKeyRef, `${o.metadata.name} ${e.name}`).toBeUndefined();
          expect(e.value ?? '', `${o.metadata.name} ${e.name}`).not.toMatch(/:\/\/[^/]*:[^/]*@/);
        }
        expect(c.envFrom ?? []).toEqual([]);
        const secretVolume = pod.volumes!.find((v) => v.secret)!;
        const mount = c.volumeMounts!.find((m) => m.name === secretVolume.name)!;
        expect(mount.readOnly).toBe(true);
        expect(c.env!.find((e) => e.name === 'FERRY_DB_FILE')!.value).toMatch(
          new RegExp(`^${mount.mountPath}/`),
        );
      }
    }
  });

  it('configures Ferry with a file serve accepts, listening beyond the pod', () => {
    const text = named('ConfigMap', 'ferry-config').data!['ferry.config.yaml']!;
    const config = validateConfig(parseAllDocuments(text)[0]!.toJS(), 'ferry-config');
    expect(config.http.host).toBe('0.0.0.0');
    const compose = parseAllDocuments(
      readFileSync(join(ROOT, 'deploy', 'ferry.config.yaml'), 'utf8'),
    )[0]!.toJS();
    expect(validateConfig(compose, 'deploy/ferry.config.yaml')).toEqual(config);
  });
});
