/**
 * A meeting app's participant list as the sign-in sheet of an online session (formats.md, "Meeting exports"):
 * every join of a file is kept, and at its end each person's joins, merged and clipped to the session's window,
 * make their sign-in; people on the class's roster who never joined are absent. The rule is domain/online.ts's.
 */
import type { ClassRow } from '../db/classes.js';
import type { RowWriter } from '../db/rows.js';
import type { SessionRow } from '../db/sessions.js';
import type { TraineeKey } from '../db/trainees.js';
import type { AttendanceStatus, Slot } from '../domain/attendance.js';
import { nameKey } from '../domain/names.js';
import { onlinePresence, type Interval } from '../domain/online.js';
import { PeixunError, problem } from '../errors.js';
import { peopleInEntry } from './appNames.js';
import { classFromTitle, enrolmentFor, type AttendanceTally, type SignInContext } from './attendance.js';
import {
  cleanText,
  clockMinutes,
  parseDuration,
  parseIdNumber,
  parseMoment,
  parsePhone,
  slotFromClock,
  wallDay,
  wallMinutes,
  type Cell,
  type Problem,
} from './normalise.js';
import {
  ABSORBED,
  signatureOf,
  type DataRow,
  type DerivedRecord,
  type FileContext,
  type FileNotes,
  type KindHandler,
  type PreparedRow,
  type RowReport,
} from './rows.js';
import { optionalField } from './trainees.js';

export interface OnlineDefaults {
  classCode?: string;
  date?: string;
  slot?: Slot;
  addUnknown: boolean;
  lateGraceMinutes: number;
  /** Of the window, the share that is presence (config online-present-ratio). */
  presentRatio: number;
}

/** What the register answers a meeting list besides its sign-in context. */
export interface OnlineLookups {
  /** The trainee a nickname was tied to (`peixun alias add`). */
  alias(nickname: string): number | undefined;
  /** Every class's sessions on a day. */
  sessionsOn(date: string): SessionRow[];
}

/** What a meeting list says of one person of its session, for the result. */
export interface MeetingPerson {
  name: string;
  minutes: number;
  status: AttendanceStatus;
}

/** A meeting list's session as its result tells it. */
export interface MeetingNote {
  session: string;
  /** `09:00–11:30`, and whether it is the timetable's or the meeting's own. */
  window: string;
  windowFrom: 'timetable' | 'meeting' | 'joins';
  people: MeetingPerson[];
  /** Names on the list that name no trainee (rejected, or added with --add-unknown). */
  unplaced: string[];
  /** Hosts that are no trainee: left out. */
  hosts: string[];
  /** Paper sign-ins of the session the list left as they were (a later statement of theirs stands). */
  kept: number;
  /** People on the class's roster who never joined: absent. */
  absentees: number;
}

declare module './rows.js' {
  interface FileNotes {
    meeting?: MeetingNote;
  }
}

interface Join {
  row: number;
  cells: Cell[];
  shown: string;
  host: boolean;
  phone?: string;
  idNumber?: string;
  /** The unit a list gives beside the name (钉钉's 部门): tells namesakes apart. */
  unit?: string;
  /** A join with its times; a row of a summary with only a duration has none. */
  interval?: Interval;
  /** Minutes the row gives: a summary's without the times, or beside them its time in, which may be less. */
  duration?: number;
}

/**
 * A summary row's first join to last leave, when its own duration says the person was in for less of it (left
 * and came back: 09:00 to 11:00, 累计参会时长 60 minutes): that many minutes from their join, or from the window's
 * start when they joined before it. A minute's difference is the app's rounding, not an absence.
 */
function withinDuration(interval: Interval, duration: number | undefined, window: Interval): Interval {
  if (duration === undefined || duration >= interval.to - interval.from - 1) return interval;
  const from = Math.max(interval.from, Math.min(window.from, interval.to));
  return { from: interval.from, to: Math.min(interval.to, from + duration) };
}

interface MeetingMeta {
  subject: string;
  start?: number;
  end?: number;
}

const META_LABELS: readonly [
  keyof MeetingMeta | 'actualStart' | 'actualEnd' | 'scheduledStart' | 'scheduledEnd' | 'span',
  RegExp,
][] = [
  ['subject', /^(?:会议主题|会议名称|直播主题|主题)$/],
  ['actualStart', /^实际开始时间$/],
  ['actualEnd', /^实际结束时间$/],
  ['start', /^(?:开始时间|会议开始时间)$/],
  ['end', /^(?:结束时间|会议结束时间)$/],
  ['scheduledStart', /^预定开始时间$/],
  ['scheduledEnd', /^预定结束时间$/],
  // Both ends in one cell (钉钉, 企业微信): `2023-06-12 09:00 至 11:00`, `2023/6/12 09:00~2023/6/12 11:00`.
  ['span', /^(?:会议时间|直播时间|会议时段)$/],
];

/** A meeting's start and end written in one cell, the end's day the start's when the end is a time alone. */
function meetingSpan(cell: Cell | undefined): { start?: number; end?: number } {
  if (cell === undefined || cell === null) return {};
  const halves = /^(.*?\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)\s*(?:至|到|~|～|—|–|-)\s*(.+)$/.exec(
    cleanText(cell),
  );
  if (!halves) return {};
  const start = parseMoment(halves[1] ?? '');
  if (!start.ok) return {};
  const end = parseMoment(halves[2] ?? '', wallDay(start.value).day);
  return end.ok && end.value >= start.value ? { start: start.value, end: end.value } : {};
}

/** 会议主题, and when the meeting began and ended, from the rows above the header (label and value cells). */
function meetingMeta(above: readonly Cell[][]): MeetingMeta {
  const found: Partial<Record<(typeof META_LABELS)[number][0], Cell>> = {};
  for (const cells of above) {
    for (const [index, cell] of cells.entries()) {
      const text = cleanText(cell);
      const labelled = /^([^:：]+?)\s*[:：]\s*(.*)$/.exec(text);
      const label = labelled ? (labelled[1] ?? '') : text;
      for (const [key, pattern] of META_LABELS) {
        if (!pattern.test(label) || found[key] !== undefined) continue;
        const inline = labelled?.[2];
        found[key] = inline
          ? inline
          : (cells.slice(index + 1).find((next) => cleanText(next) !== '') ?? null);
      }
    }
  }
  const moment = (cell: Cell | undefined) => {
    if (cell === undefined || cell === null) return undefined;
    const parsed = parseMoment(cell);
    return parsed.ok ? parsed.value : undefined;
  };
  const span = meetingSpan(found.span);
  return {
    subject: cleanText(found.subject ?? null),
    start: moment(found.actualStart) ?? moment(found.start) ?? span.start ?? moment(found.scheduledStart),
    end: moment(found.actualEnd) ?? moment(found.end) ?? span.end ?? moment(found.scheduledEnd),
  };
}

/**
 * Minutes from a duration column whose header gives a plain number's unit (`参会时长（秒）`: `perNumber` 1/60); a
 * clock (`0:45:12`) or words (`45分12秒`) say their own.
 */
function durationIn(row: DataRow, report: RowReport, field: string, perNumber: number): number | undefined {
  if (row.text(field) === '') return undefined;
  return optionalField(row, report, field, (cell) => {
    const number =
      typeof cell === 'number'
        ? cell
        : /^\d+(?:\.\d+)?$/.test(row.text(field))
          ? Number(row.text(field))
          : undefined;
    return parseDuration(number === undefined ? cell : number * perNumber);
  });
}

const HOST_ROLES = /主持人|host/i;

const clock = (minutes: number) => {
  const { minutesOfDay } = wallDay(minutes);
  const whole = Math.round(minutesOfDay);
  return `${String(Math.floor(whole / 60)).padStart(2, '0')}:${String(whole % 60).padStart(2, '0')}`;
};

export function meetingHandler(
  context: SignInContext,
  lookups: OnlineLookups,
  defaults: OnlineDefaults,
  writer: RowWriter,
  tally: AttendanceTally,
): KindHandler {
  return new MeetingList(context, lookups, defaults, writer, tally);
}

/** One meeting list after another: each file's joins are held until its end, then made into sign-ins. */
class MeetingList implements KindHandler {
  private readonly optionClass: ClassRow | undefined;
  private file = '';
  private header: FileContext['header'] | undefined;
  private meta: MeetingMeta = { subject: '' };
  private joins: Join[] = [];

  constructor(
    private readonly context: SignInContext,
    private readonly lookups: OnlineLookups,
    private readonly defaults: OnlineDefaults,
    private readonly writer: RowWriter,
    private readonly tally: AttendanceTally,
  ) {
    this.optionClass = defaults.classCode ? context.classes.named(defaults.classCode) : undefined;
    if (defaults.classCode && !this.optionClass)
      throw new PeixunError(problem('classOptionUnknown', { code: defaults.classCode }));
  }

  beginFile(given: FileContext): FileNotes {
    this.file = given.file;
    this.header = given.header;
    this.meta = meetingMeta(given.header.above);
    this.joins = [];
    return {};
  }

  prepare(row: DataRow, report: RowReport): PreparedRow | undefined | typeof ABSORBED {
    const shown = row.written('name');
    if (shown === '') return report.problem('name', problem('required'));
    const day =
      this.defaults.date ?? (this.meta.start === undefined ? undefined : wallDay(this.meta.start).day);
    const moment = (field: string) =>
      row.text(field) === '' && !(row.cell(field) instanceof Date)
        ? undefined
        : optionalField(row, report, field, (cell) => parseMoment(cell, day));
    const joined = moment('joinedAt');
    const left = moment('leftAt');
    const duration =
      durationIn(row, report, 'duration', 1) ??
      durationIn(row, report, 'durationSeconds', 1 / 60) ??
      durationIn(row, report, 'durationHours', 60);
    const phone = optionalField(row, report, 'phone', parsePhone);
    const idNumber =
      row.text('idNumber') === '' ? undefined : optionalField(row, report, 'idNumber', parseIdNumber);
    if (report.failed) return undefined;
    let interval: Interval | undefined;
    if (joined !== undefined && left !== undefined) {
      if (left < joined) return report.problem('leftAt', problem('leftBeforeJoined'));
      interval = { from: joined, to: left };
    } else if (joined !== undefined && duration !== undefined)
      interval = { from: joined, to: joined + duration };
    if (!interval && duration === undefined) return report.problem('joinedAt', problem('required'));
    this.joins.push({
      row: row.row,
      cells: row.cells,
      shown,
      host: HOST_ROLES.test(row.text('role')),
      ...(phone ? { phone } : {}),
      ...(idNumber ? { idNumber } : {}),
      ...(row.text('unit') ? { unit: row.text('unit') } : {}),
      ...(interval ? { interval } : {}),
      ...(duration !== undefined ? { duration } : {}),
    });
    return ABSORBED;
  }

  finish(): void {
    this.context.attendance.write();
  }

  endFile() {
    if (this.joins.length === 0 || !this.header) return { records: [] };
    const session = this.sessionOf();
    const records: DerivedRecord[] = [];
    const note: MeetingNote = {
      session: `${session.klass.code} ${session.date} ${session.slot}`.trim(),
      window: `${clock(session.window.from)}–${clock(session.window.to)}`,
      windowFrom: session.windowFrom,
      people: [],
      unplaced: [],
      hosts: [],
      kept: 0,
      absentees: 0,
    };
    // Each person's joins, however many entries and devices they came in on.
    const byTrainee = new Map<number, { trainee: TraineeKey; joins: Join[] }>();
    for (const join of this.joins) {
      const found = this.placed(join, session.klass);
      if ('trainees' in found) {
        for (const trainee of found.trainees) {
          const entry = byTrainee.get(trainee.id) ?? { trainee, joins: [] };
          entry.joins.push(join);
          byTrainee.set(trainee.id, entry);
        }
        continue;
      }
      if (join.host) {
        if (!note.hosts.includes(join.shown)) note.hosts.push(join.shown);
        continue;
      }
      if (note.unplaced.includes(join.shown)) continue;
      note.unplaced.push(join.shown);
      records.push({
        row: join.row,
        cells: join.cells,
        prepare: (report) =>
          this.defaults.addUnknown && found.problem.code === 'traineeUnknownName'
            ? this.signIn(report, this.added(join), [join], session, note)
            : report.problem('name', found.problem),
      });
    }
    for (const { trainee, joins: own } of byTrainee.values())
      records.push({
        row: Math.min(...own.map((join) => join.row)),
        cells: own[0]?.cells,
        prepare: (report) => this.signIn(report, trainee, own, session, note),
      });
    // The class's roster: who never joined is absent (unless a sheet of the session says otherwise).
    for (const traineeId of this.context.attendance.enrolledIn(session.klass.id)) {
      if (byTrainee.has(traineeId)) continue;
      const trainee = this.context.trainees.byId(traineeId);
      if (!trainee) continue;
      records.push({
        row: this.header.row,
        cells: undefined,
        prepare: (report) => this.signIn(report, trainee, [], session, note),
      });
    }
    return { records, notes: { meeting: note } };
  }

  /** The list's session: its class, day, slot and window (formats.md). */
  private sessionOf() {
    const start =
      this.meta.start ??
      Math.min(...this.joins.flatMap((join) => (join.interval ? [join.interval.from] : [])));
    const startKnown = Number.isFinite(start);
    const date = this.defaults.date ?? (startKnown ? wallDay(start).day : undefined);
    if (!date) throw new PeixunError(problem('meetingNoDay', { file: this.file }));
    const holds = (candidate: SessionRow) =>
      startKnown &&
      candidate.start_time !== null &&
      candidate.end_time !== null &&
      start >= wallMinutes(candidate.date, clockMinutes(candidate.start_time)) - 30 &&
      start <= wallMinutes(candidate.date, clockMinutes(candidate.end_time));
    let klass: ClassRow | undefined = this.optionClass;
    if (!klass) {
      const titled = classFromTitle(
        `${this.meta.subject}\n${this.header?.titleText ?? ''}`,
        this.context.classes.all(),
      );
      if (titled.length === 1) klass = titled[0];
    }
    if (!klass) {
      const timed = [
        ...new Set(
          this.lookups
            .sessionsOn(date)
            .filter(holds)
            .map((session) => session.class_id),
        ),
      ];
      if (timed.length === 1) klass = this.context.classes.byId(timed[0] ?? 0);
    }
    if (!klass)
      throw new PeixunError(
        problem('meetingNoClass', { file: this.file, subject: this.meta.subject || '—' }),
      );
    const ofDay = this.context.sessions.all(klass.id).filter((candidate) => candidate.date === date);
    const slot: Slot =
      this.defaults.slot ??
      ((ofDay.find(holds) ?? (ofDay.length === 1 ? ofDay[0] : undefined))?.slot as Slot | undefined) ??
      (startKnown ? slotFromClock(clock(start)) : '');
    const recorded = this.context.sessions.find(klass.id, date, slot);
    const timetable =
      recorded?.start_time && recorded.end_time
        ? {
            from: wallMinutes(date, clockMinutes(recorded.start_time)),
            to: wallMinutes(date, clockMinutes(recorded.end_time)),
          }
        : undefined;
    const timed = this.joins.flatMap((join) => (join.interval ? [join.interval] : []));
    const meetingWindow =
      this.meta.start !== undefined && this.meta.end !== undefined && this.meta.end > this.meta.start
        ? { from: this.meta.start, to: this.meta.end }
        : undefined;
    const joinsWindow =
      timed.length > 0
        ? { from: Math.min(...timed.map((join) => join.from)), to: Math.max(...timed.map((join) => join.to)) }
        : undefined;
    const window = timetable ?? meetingWindow ?? joinsWindow;
    if (!window) throw new PeixunError(problem('meetingNoWindow', { file: this.file }));
    const windowFrom = timetable ? 'timetable' : meetingWindow ? 'meeting' : 'joins';
    return { klass, date, slot, window, windowFrom } as const;
  }

  /** The trainees an entry names, or why it names none. */
  private placed(join: Join, klass: ClassRow): { trainees: TraineeKey[] } | { problem: Problem } {
    if (join.idNumber) {
      const trainee = this.context.trainees.withIdNumber(join.idNumber);
      return trainee
        ? { trainees: [trainee] }
        : { problem: { code: 'traineeUnknownId', params: { value: join.idNumber } } };
    }
    const aliased = this.lookups.alias(join.shown);
    const byAlias = aliased === undefined ? undefined : this.context.trainees.byId(aliased);
    if (byAlias) return { trainees: [byAlias] };
    const enrolled = new Set(this.context.attendance.enrolledIn(klass.id));
    const trainees: TraineeKey[] = [];
    for (const readings of peopleInEntry(join.shown)) {
      let ambiguous: TraineeKey[] | undefined;
      let found: TraineeKey | undefined;
      for (const reading of readings) {
        const aliasId = this.lookups.alias(reading.name);
        let candidates = aliasId === undefined ? this.context.trainees.named(reading.name) : [];
        if (aliasId !== undefined) {
          const trainee = this.context.trainees.byId(aliasId);
          if (trainee) candidates = [trainee];
        }
        const beside = reading.besides ?? join.unit;
        if (beside && candidates.length > 1) {
          const besides = nameKey(beside);
          const inUnit = candidates.filter((candidate) =>
            this.unitNames(candidate.unit_id).some((unit) => unit.includes(besides)),
          );
          if (inUnit.length > 0) candidates = inUnit;
        }
        if (candidates.length > 1) {
          const onRoster = candidates.filter((candidate) => enrolled.has(candidate.id));
          if (onRoster.length > 0) candidates = onRoster;
        }
        if (candidates.length > 1 && join.phone) {
          const digits = (text: string | null) => text?.replace(/\D/g, '').slice(-11) ?? '';
          const withPhone = candidates.filter(
            (candidate) => digits(this.context.trainees.row(candidate).phone) === digits(join.phone ?? null),
          );
          if (withPhone.length > 0) candidates = withPhone;
        }
        if (candidates.length === 1) {
          found = candidates[0];
          break;
        }
        if (candidates.length > 1) ambiguous ??= candidates;
      }
      if (found) trainees.push(found);
      else if (ambiguous)
        return {
          problem: {
            code: 'traineeAmbiguous',
            params: { name: join.shown, candidates: ambiguous.map((candidate) => candidate.name).join('; ') },
          },
        };
      else return { problem: { code: 'traineeUnknownName', params: { name: join.shown } } };
    }
    return trainees.length > 0
      ? { trainees }
      : { problem: { code: 'traineeUnknownName', params: { name: join.shown } } };
  }

  /** The names of a unit and the units above it, by their key. */
  private unitNames(unitId: number | null): string[] {
    const names: string[] = [];
    for (let unit = this.context.unitOf(unitId); unit; unit = this.context.unitOf(unit.parentId))
      names.push(nameKey(unit.name));
    return names;
  }

  /** `--add-unknown`: a trainee of the name the list shows (its display name, without a nickname). */
  private added(join: Join): TraineeKey {
    this.tally.addedTrainees++;
    const name = peopleInEntry(join.shown)[0]?.[0]?.name ?? join.shown;
    return this.context.trainees.insert(this.writer, {
      id_number: null,
      name,
      gender: null,
      birth_date: null,
      phone: join.phone ?? null,
      unit_id: null,
      position: null,
      category: '其他',
      left_on: null,
    });
  }

  /** One person's sign-in of the session, from their this.joins (none: absent). */
  private signIn(
    report: RowReport,
    trainee: TraineeKey,
    own: readonly Join[],
    session: ReturnType<typeof this.sessionOf>,
    note: MeetingNote,
  ): PreparedRow | undefined {
    void report;
    const recorded = this.context.sessions.find(session.klass.id, session.date, session.slot);
    const length = session.window.to - session.window.from;
    const intervals = own.flatMap((join) => {
      if (join.interval) return [withinDuration(join.interval, join.duration, session.window)];
      // A summary's duration without times: from the window's start, and never late.
      const minutes = Math.min(join.duration ?? 0, length);
      return [{ from: session.window.from, to: session.window.from + minutes }];
    });
    const presence = onlinePresence(intervals, session.window, {
      ratio: this.defaults.presentRatio,
      graceMinutes: this.defaults.lateGraceMinutes,
      sessionHours: recorded?.hours ?? Math.round((length / 60) * 10) / 10,
    });
    const enrolled = this.context.attendance.enrolment(session.klass.id, trainee.id);
    const existing =
      enrolled === undefined || !recorded ? undefined : this.context.attendance.record(enrolled, recorded.id);
    // A sheet's line for the person stands: a meeting list never overrides a sign-in it did not write, so that
    // the list and a paper 补签 sheet give the same figures in either order.
    const keeps = existing !== undefined && existing.minutes === null;
    const absentee = own.length === 0;
    if (absentee && existing) return undefined === existing ? undefined : this.unchanged(existing.id);
    const values = {
      status: presence.status,
      hours: presence.hours,
      minutes: absentee ? null : presence.minutes,
    };
    return {
      existingId: existing?.id,
      signature: signatureOf([values.status, values.hours, values.minutes]),
      write: () => {
        if (!absentee)
          note.people.push({ name: trainee.name, minutes: presence.minutes, status: presence.status });
        else note.absentees++;
        const sessionRow = this.sessionFor(session, recorded);
        if (keeps && existing) {
          note.kept++;
          return { outcome: 'unchanged', id: existing.id };
        }
        if (existing) {
          if (
            existing.status === values.status &&
            existing.hours === values.hours &&
            existing.minutes === values.minutes
          )
            return { outcome: 'unchanged', id: existing.id };
          this.context.attendance.updateRecord(this.writer, existing, values);
          return { outcome: 'updated', id: existing.id };
        }
        const enrolment = enrolmentFor(this.context, this.writer, session.klass, trainee, enrolled);
        const id = this.context.attendance.insertRecord(this.writer, {
          enrolment_id: enrolment,
          session_id: sessionRow.id,
          ...values,
        });
        return { outcome: 'inserted', id };
      },
    };
  }

  /** A record that stays as it is (a roster absentee the session has a line for already). */
  private unchanged(id: number): PreparedRow {
    return { existingId: id, signature: signatureOf(['kept']), write: () => ({ outcome: 'unchanged', id }) };
  }

  /** The session, opened by the list when no timetable or sheet made it, and marked 线上. */
  private sessionFor(
    session: ReturnType<typeof this.sessionOf>,
    recorded: SessionRow | undefined,
  ): SessionRow {
    const label = `${session.klass.code} ${session.date} ${session.slot}`.trim();
    if (!recorded) {
      const opened = this.context.sessions.insert(this.writer, {
        class_id: session.klass.id,
        date: session.date,
        slot: session.slot,
        online: 1,
        start_time: clock(session.window.from),
        end_time: clock(session.window.to),
      });
      this.tally.openedSessions.push(label);
      return opened;
    }
    if (recorded.online !== 1) {
      this.context.sessions.update(this.writer, recorded, { online: 1 });
      this.tally.sessionChanges.push({
        file: this.file,
        session: label,
        field: 'online',
        from: '线下',
        to: '线上',
      });
      recorded.online = 1;
    }
    return recorded;
  }
}
