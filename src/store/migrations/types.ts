/** A numbered, append-only schema change with its statements per dialect. */
export interface Migration {
  version: number;
  name: string;
  sqlite: string[];
  postgres: string[];
}
