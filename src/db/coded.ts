/** Tables whose records people name by a code (classes, courses, projects, plans), held in memory while a command runs. */
import { codeKey } from '../domain/names.js';
import type { ChangeTable } from './changes.js';
import type { Db } from './handle.js';
import type { RowWriter, StoredRow } from './rows.js';

export class CodedStore<Row extends StoredRow & { code: string; name: string }> {
  private readonly byCode = new Map<string, Row>();

  constructor(
    db: Db,
    private readonly table: ChangeTable & ('classes' | 'courses' | 'projects' | 'plans'),
  ) {
    for (const row of db.prepare(`SELECT * FROM ${table} ORDER BY id`).all() as Row[])
      this.byCode.set(row.code, row);
  }

  withCode(code: string): Row | undefined {
    return this.byCode.get(code);
  }

  byId(id: number): Row | undefined {
    for (const row of this.byCode.values()) if (row.id === id) return row;
    return undefined;
  }

  /**
   * As a sheet names a record: its code, else the one code of the same {@link codeKey} (`px2023-001` typed for
   * `PX2023-001`); two such codes name neither.
   */
  named(code: string): Row | undefined {
    return this.byCode.get(code) ?? singleOrNone(this.sharingKey(code));
  }

  /**
   * The record a file's row with this code is about: its code, else the one record of the same key (the row's
   * `k1` updates `K1`); where several share the key, none, and they are listed for the refusal.
   */
  recordFor(code: string): { row: Row | undefined; clash: Row[] } {
    const exact = this.byCode.get(code);
    if (exact) return { row: exact, clash: [] };
    const sharing = this.sharingKey(code);
    return sharing.length > 1 ? { row: undefined, clash: sharing } : { row: sharing[0], clash: [] };
  }

  private sharingKey(code: string): Row[] {
    if (!this.byFoldedCode) {
      this.byFoldedCode = new Map();
      for (const row of this.byCode.values()) {
        const folded = codeKey(row.code);
        this.byFoldedCode.set(folded, [...(this.byFoldedCode.get(folded) ?? []), row]);
      }
    }
    return this.byFoldedCode.get(codeKey(code)) ?? [];
  }

  /** The records by their code's key, made when a sheet first names one otherwise; a new record joins it. */
  private byFoldedCode: Map<string, Row[]> | undefined;

  /** By code (as {@link named}), else by a name no other record has. */
  withCodeOrName(text: string): Row | undefined {
    const key = text.normalize('NFKC');
    return this.named(text) ?? singleOrNone(this.all().filter((row) => row.name.normalize('NFKC') === key));
  }

  all(): Row[] {
    return [...this.byCode.values()];
  }

  insert(writer: RowWriter, values: Omit<Row, 'id' | 'batch_id'>): Row {
    const id = writer.insert(this.table, { ...values });
    const row = { ...values, id, batch_id: writer.batchId } as Row;
    this.byCode.set(row.code, row);
    // Kept up to date, not made again: a list of 7,500 new classes asks it for each code before writing it.
    if (this.byFoldedCode) {
      const folded = codeKey(row.code);
      this.byFoldedCode.set(folded, [...(this.byFoldedCode.get(folded) ?? []), row]);
    }
    return row;
  }

  update(writer: RowWriter, row: Row, changes: Partial<Omit<Row, 'id' | 'batch_id'>>): void {
    writer.update(this.table, row, changes);
  }
}

function singleOrNone<T>(rows: T[]): T | undefined {
  return rows.length === 1 ? rows[0] : undefined;
}
