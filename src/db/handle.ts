/**
 * The register's connection as every query takes it. Its own module, below open.ts, so that the migrations
 * open.ts runs can name it without importing what imports them.
 */
import type Database from 'better-sqlite3';

export type Db = Database.Database;
