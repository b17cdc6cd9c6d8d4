/**
 * How the venues were used (实训课堂, 会客厅, 党群服务站, 线上): sessions held and attendances (到场人次: attended
 * records of those sessions) by venue, quarter by quarter, and by venue type. A session's venue is its own (a
 * timetable's or a sign-in sheet's 地点), else its class's 地点; both are matched to the venues' list by name. A session with more
 * people present than its venue holds is a warning.
 */
import type { Db } from '../db/handle.js';
import { UnitStore } from '../db/units.js';
import { everyVenue, venueKey } from '../db/venues.js';
import { problem, type Problem } from '../errors.js';
import { attendedSql } from '../domain/attendance.js';
import { chineseOrder } from '../order.js';
import { quartersWithin, type Period } from '../domain/periods.js';

export interface VenueUse {
  sessions: number;
  attendances: number;
  /** Sessions in each quarter of the period, in order. */
  byQuarter: number[];
  /**
   * Sessions after the period's last day, of its classes (a class counts by its start date, its later sessions
   * with it): the quarters and these add up to `sessions`.
   */
  afterPeriod: number;
}

export interface VenueLine extends VenueUse {
  /** Null: sessions that name no venue. */
  name: string | null;
  type: string | null;
  unit: string;
  capacity: number | null;
  registered: boolean;
  /** The most people present at one of its sessions. */
  busiest: number;
}

export interface VenuesReport {
  report: 'venues';
  period: Period;
  quarters: string[];
  venues: VenueLine[];
  types: ({ type: string | null; venues: number } & VenueUse)[];
  total: VenueUse;
  warnings: Problem[];
}

export function venueReport(db: Db, period: Period): VenuesReport {
  const quarters = quartersWithin(period);
  const { venues, crowded } = venueLines(db, quarters, heldSessions(db, period));
  const added = (group: readonly VenueLine[]): VenueUse => ({
    sessions: group.reduce((sum, line) => sum + line.sessions, 0),
    attendances: group.reduce((sum, line) => sum + line.attendances, 0),
    byQuarter: quarters.map((_, index) => group.reduce((sum, line) => sum + (line.byQuarter[index] ?? 0), 0)),
    afterPeriod: group.reduce((sum, line) => sum + line.afterPeriod, 0),
  });
  const typeNames = [...new Set(venues.map((line) => line.type))].sort((a, b) =>
    a === null ? 1 : b === null ? -1 : chineseOrder(a, b),
  );
  const warnings: Problem[] =
    crowded.length > 0
      ? [
          problem('warnOverCapacity', {
            count: crowded.length,
            sessions:
              crowded.slice(0, 20).join(', ') + (crowded.length > 20 ? ` … (+${crowded.length - 20})` : ''),
          }),
        ]
      : [];
  return {
    report: 'venues',
    period,
    quarters: quarters.map((quarter) => quarter.label),
    venues,
    types: typeNames.map((type) => {
      const group = venues.filter((line) => line.type === type);
      return { type, venues: group.filter((line) => line.name !== null).length, ...added(group) };
    }),
    total: added(venues),
    warnings,
  };
}

interface HeldSession {
  code: string;
  date: string;
  slot: string;
  venue: string | null;
  present: number;
}

/** The sessions held of the period's classes, each at its own venue (else its class's), with who was there. */
function heldSessions(db: Db, period: Period): HeldSession[] {
  return db
    .prepare(
      `SELECT c.code, s.date, s.slot, COALESCE(NULLIF(s.venue, ''), NULLIF(c.venue, '')) AS venue,
              SUM(${attendedSql('a.status')}) AS present
       FROM classes c
       CROSS JOIN enrolments e ON e.class_id = c.id
       JOIN attendance a ON a.enrolment_id = e.id
       JOIN sessions s ON s.id = a.session_id
       WHERE c.start_date BETWEEN ? AND ? AND IFNULL(c.status, '') <> 'cancelled'
       GROUP BY s.id ORDER BY s.date, c.code, s.slot`,
    )
    .all(period.from, period.to) as HeldSession[];
}

/**
 * A line a venue (every registered one, used or not, and one for sessions at none), busiest first; and the
 * sessions that had more people than their venue holds.
 */
function venueLines(
  db: Db,
  quarters: readonly Period[],
  sessions: readonly HeldSession[],
): { venues: VenueLine[]; crowded: string[] } {
  const quarterOf = (date: string) =>
    quarters.findIndex((quarter) => quarter.from <= date && date <= quarter.to);
  const units = new UnitStore(db);
  const registered = new Map(everyVenue(db).map((row) => [venueKey(row.name), row]));
  const lines = new Map<string, VenueLine>();
  const NONE = '\u0000none';
  const lineOf = (name: string | null): VenueLine => {
    const key = name === null ? NONE : venueKey(name);
    let line = lines.get(key);
    if (!line) {
      const row = name === null ? undefined : registered.get(key);
      line = {
        name: row?.name ?? name,
        type: row?.type ?? null,
        unit: row ? units.path(row.unit_id) : '',
        capacity: row?.capacity ?? null,
        registered: row !== undefined,
        sessions: 0,
        attendances: 0,
        byQuarter: quarters.map(() => 0),
        afterPeriod: 0,
        busiest: 0,
      };
      lines.set(key, line);
    }
    return line;
  };
  for (const row of registered.values()) lineOf(row.name);
  const crowded: string[] = [];
  for (const session of sessions) {
    const line = lineOf(session.venue);
    line.sessions++;
    line.attendances += session.present;
    line.busiest = Math.max(line.busiest, session.present);
    const quarter = quarterOf(session.date);
    if (quarter >= 0) line.byQuarter[quarter] = (line.byQuarter[quarter] ?? 0) + 1;
    else line.afterPeriod++;
    if (line.capacity !== null && session.present > line.capacity) {
      crowded.push(
        `${session.code} ${session.date} ${session.slot}`.trim() +
          ` @${line.name} ${session.present}/${line.capacity}`,
      );
    }
  }
  const venues = [...lines.values()].sort(
    (a, b) =>
      Number(a.name === null) - Number(b.name === null) ||
      b.sessions - a.sessions ||
      chineseOrder(a.name ?? '', b.name ?? ''),
  );
  return { venues, crowded };
}
