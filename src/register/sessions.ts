/**
 * A class's sessions at the terminal (`peixun session list|edit`): the timetable as the register holds it, and
 * corrections of one session's teacher, venue, mode, times or hours, each one batch, undone like an import.
 */
import { classById, CourseStore } from '../db/classes.js';
import type { Db } from '../db/handle.js';
import { changedColumns } from '../db/rows.js';
import { sessionListing, SessionStore, type SessionListing, type SessionRow } from '../db/sessions.js';
import { dynamicProblem, PeixunError, problem } from '../errors.js';
import { cleanText, parseClock, parseHours, parseMode, parseSlot, writtenText } from '../import/normalise.js';
import { type Slot, MAX_SESSION_HOURS } from '../domain/attendance.js';
import { sessionDate } from '../import/sessions.js';
import { inEditBatch, type EditEnvironment } from './batch.js';
import { findClass } from './classes.js';
import { OptionChecks } from './options.js';

export interface SessionFilter {
  code?: string;
  from?: string;
  to?: string;
}

/** Sessions of one class, or of all classes within the dates; planned (not held yet) ones among them. */
export function listSessions(db: Db, filter: SessionFilter): SessionListing[] {
  const classId = filter.code === undefined ? undefined : findClass(db, filter.code).id;
  return sessionListing(db, { classId, from: filter.from, to: filter.to });
}

/** What `session edit` may change; an empty text clears a value (a teacher or venue then is the course's or class's). */
export interface SessionInput {
  teacher?: string;
  venue?: string;
  mode?: string;
  course?: string;
  start?: string;
  end?: string;
  hours?: string;
  /** Another slot for the session (`--to-slot`): one recorded without a slot that a later sheet gives one. */
  slot?: string;
}

/** The session a correction is for: the class's session on that date (ISO), and slot where the date has several. */
export function findSession(db: Db, code: string, date: string, slot: Slot | undefined): SessionRow {
  const klass = findClass(db, code);
  const dated = sessionDate(klass, date);
  if (!dated.ok) throw new PeixunError(dynamicProblem(dated.problem.code, dated.problem.params));
  const sessions = new SessionStore(db);
  if (slot !== undefined) {
    const found = sessions.find(klass.id, dated.value, slot);
    if (found) return found;
  } else {
    const onDate = [...sessions.slotsOn(klass.id, dated.value)];
    if (onDate.length === 1) return sessions.find(klass.id, dated.value, onDate[0] ?? '') as SessionRow;
    if (onDate.length > 1)
      throw new PeixunError(problem('slotWhich', { date: dated.value, slots: onDate.sort().join(', ') }));
  }
  throw new PeixunError(
    problem('sessionNotFound', { code: klass.code, session: `${dated.value} ${slot ?? ''}`.trim() }),
  );
}

export async function editSession(env: EditEnvironment, session: SessionRow, input: SessionInput) {
  const { db } = env;
  const klass = classById(db, session.class_id)?.code ?? `#${session.class_id}`;
  const label = `${klass} ${session.date} ${session.slot}`.trim();
  return inEditBatch(env, 'session edit', label, (writer) => {
    const checks = new OptionChecks();
    const cleared = (value: string | undefined) => value !== undefined && cleanText(value) === '';
    const wanted: Partial<SessionRow> = {};
    if (input.teacher !== undefined)
      wanted.teacher = cleared(input.teacher) ? null : writtenText(input.teacher);
    if (input.venue !== undefined) wanted.venue = cleared(input.venue) ? null : writtenText(input.venue);
    const mode = checks.parse('--mode', input.mode, parseMode);
    if (mode !== undefined) wanted.online = mode;
    const start = checks.parse('--start', input.start, parseClock);
    const end = checks.parse('--end', input.end, parseClock);
    if (input.start !== undefined) wanted.start_time = start ?? null;
    if (input.end !== undefined) wanted.end_time = end ?? null;
    const hours = checks.parse('--hours', input.hours, (text) => parseHours(text, MAX_SESSION_HOURS));
    if (input.hours !== undefined) wanted.hours = hours ?? null;
    if (input.course !== undefined) {
      const text = cleanText(input.course);
      const course = text ? new CourseStore(db).withCodeOrName(text) : undefined;
      if (text && !course) checks.note('--course', problem('courseUnknown', { value: text }));
      wanted.course_id = course ? course.id : null;
    }
    // '' is a slot here (no slot), not an absent option.
    const slot = cleared(input.slot) ? '' : checks.parse('--to-slot', input.slot, parseSlot);
    if (slot !== undefined && slot !== session.slot) {
      const taken = new SessionStore(db).find(session.class_id, session.date, slot);
      if (taken)
        checks.note('--to-slot', problem('sessionSlotTaken', { date: session.date, slot: slot || '—' }));
      else wanted.slot = slot;
    }
    const startNow = wanted.start_time !== undefined ? wanted.start_time : session.start_time;
    const endNow = wanted.end_time !== undefined ? wanted.end_time : session.end_time;
    if (startNow && endNow && endNow <= startNow)
      checks.note('--end', problem('clockRangeOrder', { value: `${startNow}-${endNow}` }));
    checks.done();
    const changes = changedColumns(session, wanted);
    if (Object.keys(changes).length > 0) writer.update('sessions', session, changes);
    return { value: { label, changes }, changed: Object.keys(changes).length };
  });
}
