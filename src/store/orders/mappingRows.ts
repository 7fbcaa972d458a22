export interface MappingVersion {
  /** Global id: every processed record names the mapping version (this id) it used. */
  id: number;
  kind: string;
  scope: string;
  key: string;
  /** Null: this version removed the mapping. */
  value: string | null;
  version: number;
  createdAt: number;
  createdBy: string;
}

export type Row = {
  id: number;
  kind: string;
  scope: string;
  key: string;
  value: string | null;
  version: number;
  created_at: number;
  created_by: string;
};
export const toVersion = (r: Row): MappingVersion => ({
  id: Number(r.id),
  kind: r.kind,
  scope: r.scope,
  key: r.key,
  value: r.value,
  version: Number(r.version),
  createdAt: Number(r.created_at),
  createdBy: r.created_by,
});
