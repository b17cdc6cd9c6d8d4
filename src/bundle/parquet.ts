/**
 * Past one machine (docs/bundles.md): the facts of checked bundles as Parquet files, one folder a table and one
 * partition a district and period (`enrolments/district=宝山区/period=2026Q3/part-0.parquet`), so a national office
 * reads them with the engine it runs (DuckDB, Spark, Trino) and docs/rollup.sql's queries run on them unchanged.
 * Written by hyparquet-writer (pure JavaScript: nothing native in peixun's install). The folder appears whole or
 * not at all: written aside, then put in place.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parquetWriteFile } from 'hyparquet-writer';
import type { BundleHeader, BundleRows } from './read.js';

type ColumnType = 'INT32' | 'DOUBLE' | 'STRING';

interface Table<Row> {
  name: string;
  rows: (bundle: BundleRows) => readonly Row[];
  columns: readonly { name: string; type: ColumnType; value: (row: Row) => string | number | null }[];
}

/** The tables as docs/rollup.sql's city tables have them; `district` and `period` come from the partition. */
const TABLES = [
  {
    name: 'units',
    rows: (bundle) => bundle.units,
    columns: [
      { name: 'id', type: 'INT32', value: (row) => row.id },
      { name: 'parent_id', type: 'INT32', value: (row) => row.parentId },
      { name: 'level', type: 'INT32', value: (row) => row.level },
      { name: 'name', type: 'STRING', value: (row) => row.name },
      { name: 'path', type: 'STRING', value: (row) => row.path },
    ],
  } satisfies Table<BundleRows['units'][number]>,
  {
    name: 'classes',
    rows: (bundle) => bundle.classes,
    columns: [
      { name: 'id', type: 'INT32', value: (row) => row.id },
      { name: 'code', type: 'STRING', value: (row) => row.code },
      { name: 'type', type: 'STRING', value: (row) => row.type },
      { name: 'organiser_unit_id', type: 'INT32', value: (row) => row.organiserUnitId },
      { name: 'planned_hours', type: 'DOUBLE', value: (row) => row.plannedHours },
      { name: 'sessions', type: 'INT32', value: (row) => row.sessions },
      { name: 'last_session', type: 'STRING', value: (row) => row.lastSession },
    ],
  } satisfies Table<BundleRows['classes'][number]>,
  {
    name: 'enrolments',
    rows: (bundle) => bundle.enrolments,
    columns: [
      { name: 'id', type: 'INT32', value: (row) => row.id },
      { name: 'class_id', type: 'INT32', value: (row) => row.classId },
      { name: 'person', type: 'STRING', value: (row) => row.person },
      { name: 'person_kind', type: 'STRING', value: (row) => row.personKind },
      { name: 'unit_id', type: 'INT32', value: (row) => row.unitId },
      { name: 'category', type: 'STRING', value: (row) => row.category },
      { name: 'records', type: 'INT32', value: (row) => row.records },
      { name: 'attended', type: 'INT32', value: (row) => row.attended },
      { name: 'hours', type: 'DOUBLE', value: (row) => row.hours },
      { name: 'unhoured', type: 'INT32', value: (row) => row.unhoured },
      // A format-1 bundle knows no online hours: null, never 0.
      { name: 'online_hours', type: 'DOUBLE', value: (row) => row.onlineHours },
    ],
  } satisfies Table<BundleRows['enrolments'][number]>,
  {
    name: 'enrolment_courses',
    rows: (bundle) => bundle.enrolmentCourses,
    columns: [
      { name: 'enrolment_id', type: 'INT32', value: (row) => row.enrolmentId },
      { name: 'course_id', type: 'INT32', value: (row) => row.courseId },
    ],
  } satisfies Table<BundleRows['enrolmentCourses'][number]>,
  {
    name: 'courses',
    rows: (bundle) => bundle.courses,
    columns: [
      { name: 'id', type: 'INT32', value: (row) => row.id },
      { name: 'code', type: 'STRING', value: (row) => row.code },
      { name: 'name', type: 'STRING', value: (row) => row.name },
    ],
  } satisfies Table<BundleRows['courses'][number]>,
  {
    name: 'projects',
    rows: (bundle) => bundle.projects,
    columns: [
      { name: 'unit_id', type: 'INT32', value: (row) => row.unitId },
      { name: 'source_class_id', type: 'INT32', value: (row) => row.sourceClassId },
    ],
  } satisfies Table<BundleRows['projects'][number]>,
  {
    name: 'registered',
    rows: (bundle) => bundle.registered,
    columns: [
      { name: 'unit_id', type: 'INT32', value: (row) => row.unitId },
      { name: 'category', type: 'STRING', value: (row) => row.category },
      { name: 'trainees', type: 'INT32', value: (row) => row.count },
    ],
  } satisfies Table<BundleRows['registered'][number]>,
  {
    name: 'mentorships',
    rows: (bundle) => bundle.mentorships,
    columns: [
      { name: 'id', type: 'INT32', value: (row) => row.id },
      { name: 'unit_id', type: 'INT32', value: (row) => row.unitId },
      { name: 'category', type: 'STRING', value: (row) => row.category },
    ],
  } satisfies Table<BundleRows['mentorships'][number]>,
  {
    name: 'platform',
    rows: (bundle) => bundle.platform,
    columns: [
      { name: 'unit_id', type: 'INT32', value: (row) => row.unitId },
      { name: 'category', type: 'STRING', value: (row) => row.category },
      { name: 'hours', type: 'DOUBLE', value: (row) => row.hours },
    ],
  } satisfies Table<BundleRows['platform'][number]>,
] as const;

/** The tables a Parquet folder holds, each a folder of partitions. */
export const PARQUET_TABLES: readonly string[] = TABLES.map((table) => table.name);

/**
 * Writes checked bundles' rows into `folder` (which must not exist, or is replaced with `replace`), one partition a
 * bundle: made in a folder beside it, then renamed into place, so a failure leaves nothing behind.
 */
export class ParquetFolder {
  private readonly building: string;

  constructor(private readonly folder: string) {
    this.building = join(dirname(folder), `.${basename(folder)}.${process.pid}.partial`);
    rmSync(this.building, { recursive: true, force: true });
    mkdirSync(this.building, { recursive: true });
  }

  /** One bundle's rows, under its district and period. */
  add(header: BundleHeader, rows: BundleRows): void {
    for (const table of TABLES as readonly Table<unknown>[]) {
      const partition = join(
        this.building,
        table.name,
        `district=${header.district}`,
        `period=${header.period.label}`,
      );
      mkdirSync(partition, { recursive: true });
      const data = table.rows(rows);
      parquetWriteFile({
        filename: join(partition, 'part-0.parquet'),
        columnData: table.columns.map((column) => ({
          name: column.name,
          type: column.type,
          data: data.map((row) => column.value(row)),
        })),
      });
    }
  }

  /** Puts the folder in place, replacing one there before. */
  finish(): void {
    if (existsSync(this.folder)) rmSync(this.folder, { recursive: true, force: true });
    renameSync(this.building, this.folder);
  }

  /** Takes the half-made folder away (a bundle refused after others were written). */
  abandon(): void {
    rmSync(this.building, { recursive: true, force: true });
  }
}
