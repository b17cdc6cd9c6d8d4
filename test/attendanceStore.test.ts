/**
 * An import writes enrolments fifty to a statement (src/db/attendance.ts): what is still queued is found as if it
 * were written, also for a class that left the store's cache of recent classes and came back, and a class the
 * queue holds nothing of leaves the queue to fill (a statement of fifty, not a few statements of ten and one).
 */
import { describe, expect, it } from 'vitest';
import { AttendanceStore } from '../src/db/attendance.js';
import { createBatch } from '../src/db/batches.js';
import { ChangeRecorder } from '../src/db/changes.js';
import { RowWriter } from '../src/db/rows.js';
import { smallInMemory } from './helpers.js';

describe('queued enrolments', () => {
  it('are found after their class left the cache, and other classes do not write them early', async () => {
    const db = await smallInMemory(new Date('2024-01-01T00:00:00Z'));
    const batchId = createBatch(db, {
      kind: 'attendance',
      files: [],
      createdAt: '2024-01-02T00:00:00Z',
      osUser: 'test',
      host: 'test',
    });
    const writer = new RowWriter(db, new ChangeRecorder(db, batchId), batchId);
    const classId = db.prepare('SELECT MIN(id) FROM classes').pluck().get() as number;
    const traineeId = db.prepare('SELECT MIN(id) FROM trainees').pluck().get() as number;
    const written = () => db.prepare('SELECT COUNT(*) FROM enrolments').pluck().get() as number;
    const store = new AttendanceStore(db);
    const id = store.enrol(writer, {
      class_id: classId,
      trainee_id: traineeId,
      unit_id: null,
      category: '社区工作者',
    });
    // 256 classes asked about after it (the cache holds 256): the first has left the cache, its enrolment queued.
    for (let other = 1; other <= 256; other++)
      expect(store.enrolment(classId + other, traineeId)).toBeUndefined();
    expect(written()).toBe(0);
    expect(store.enrolment(classId, traineeId)).toBe(id);
    expect(store.enrolledIn(classId)).toEqual([traineeId]);
    expect(written()).toBe(1);
  });
});
