/** Rows an import writes many to a statement, for the tables it writes a row at a time by the hundred thousand. */
import type { Statement } from 'better-sqlite3';
import type { Db } from './handle.js';

export type QueuedTable = 'enrolments' | 'attendance' | 'trainees' | 'trainee_history';

/** Rows to a statement: a statement costs SQLite more than a row does (a third of a large import's writing). */
const ROWS_PER_STATEMENT = 50;
const STATEMENT_SIZES = [ROWS_PER_STATEMENT, 10, 1] as const;

/**
 * Rows of one table written many to a statement. Each row's id is known when it is queued: SQLite gives a new
 * row max(id) + 1, and nothing else inserts into the table while rows are queued (whoever else writes it
 * writes the queue first); each write checks that it was so.
 */
export class QueuedRows {
  /** The queued rows' values, row after row, in the order of `columns`; reused from one statement to the next. */
  private readonly values: unknown[];
  private count = 0;
  private nextId: number | undefined;
  private firstFree: Statement | undefined;
  private readonly statements = new Map<number, Statement>();

  constructor(
    private readonly db: Db,
    private readonly table: QueuedTable,
    private readonly columns: readonly string[],
  ) {
    this.values = new Array<unknown>(ROWS_PER_STATEMENT * columns.length);
  }

  get size(): number {
    return this.count;
  }

  /** As many rows as a statement takes: time to write them. */
  get full(): boolean {
    return this.count >= ROWS_PER_STATEMENT;
  }

  /** Queues a row (its values in the order of `columns`) and returns the id it will have. */
  add(values: readonly unknown[]): number {
    this.firstFree ??= this.db.prepare(`SELECT IFNULL(MAX(id), 0) + 1 FROM ${this.table}`).pluck();
    this.nextId ??= this.firstFree.get() as number;
    const width = this.columns.length;
    for (let column = 0; column < width; column++) this.values[this.count * width + column] = values[column];
    this.count++;
    return this.nextId++;
  }

  /** The value of a column of the queued row at `index`. */
  value(index: number, column: number): unknown {
    return this.values[index * this.columns.length + column];
  }

  /** Whether a queued row has this value in this column. */
  holds(column: number, value: unknown): boolean {
    for (let index = 0; index < this.count; index++) if (this.value(index, column) === value) return true;
    return false;
  }

  /** The id the queued row at `index` will have. */
  idOf(index: number): number {
    return (this.nextId ?? 0) - this.count + index;
  }

  write(): void {
    if (this.count === 0) return;
    const width = this.columns.length;
    let written = 0;
    let last = 0;
    // Whole statements of 50, 10 or 1 rows: three statements a table, however the queue was cut short.
    for (const rows of STATEMENT_SIZES) {
      while (this.count - written >= rows) {
        const values =
          rows === ROWS_PER_STATEMENT
            ? this.values
            : this.values.slice(written * width, (written + rows) * width);
        last = Number(this.statement(rows).run(values).lastInsertRowid);
        written += rows;
      }
    }
    // Ids were promised when the rows were queued; a register where they differ is a defect to stop at.
    const promised = (this.nextId ?? 0) - 1;
    if (last !== promised) throw new Error(`${this.table}: row ${last} written, ${promised} promised`);
    this.count = 0;
    // Read again for the next row: between two queues another writer may have added rows (a history statement).
    this.nextId = undefined;
  }

  private statement(rows: number): Statement {
    let statement = this.statements.get(rows);
    if (!statement) {
      const row = `(${this.columns.map(() => '?').join(', ')})`;
      // OR FAIL: a row that breaks a rule stops the statement and the command, whose transaction is then rolled
      // back whole. Unlike the default (take the statement back), it needs no statement journal, which with
      // the references of sign-ins, enrolments, trainees and their history deferred to the commit (migrations 16
      // and 17) SQLite then does without.
      statement = this.db.prepare(
        `INSERT OR FAIL INTO ${this.table} (${this.columns.join(', ')}) VALUES ${Array.from({ length: rows }, () => row).join(', ')}`,
      );
      this.statements.set(rows, statement);
    }
    return statement;
  }
}
