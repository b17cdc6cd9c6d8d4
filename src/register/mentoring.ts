/** Mentoring pairs (带教, 以老带新): an experienced trainee paired with a newer one, each change one batch. */
import { openMentorship, overlappingMentorship } from '../db/mentorships.js';
import { PeixunError, problem } from '../errors.js';
import { inEditBatch, type EditEnvironment } from './batch.js';
import { describeHit, type TraineeHit } from './search.js';

export async function addMentorship(
  env: EditEnvironment,
  mentor: TraineeHit,
  mentee: TraineeHit,
  from: string,
  to: string | null,
) {
  if (mentor.id === mentee.id) throw new PeixunError(problem('mentorSelf'));
  if (to !== null && to < from) throw new PeixunError(problem('mentorEndBeforeStart', { from, to }));
  const clash = overlappingMentorship(env.db, mentor.id, mentee.id, from, to);
  if (clash) {
    throw new PeixunError(
      problem('mentorPaired', {
        mentor: mentor.name,
        mentee: mentee.name,
        from: clash.from_date,
        to: clash.to_date ?? '…',
      }),
    );
  }
  return inEditBatch(env, 'mentor add', `${describeHit(mentor)} → ${describeHit(mentee)}`, (writer) => {
    writer.insert('mentorships', {
      mentor_id: mentor.id,
      mentee_id: mentee.id,
      from_date: from,
      to_date: to,
    });
    return { value: undefined, changed: 1 };
  });
}

/** The open pair of these two ends on a day (its last day of mentoring). */
export async function endMentorship(
  env: EditEnvironment,
  mentor: TraineeHit,
  mentee: TraineeHit,
  to: string,
) {
  const pair = openMentorship(env.db, mentor.id, mentee.id);
  if (!pair) throw new PeixunError(problem('mentorNoOpenPair', { mentor: mentor.name, mentee: mentee.name }));
  if (to < pair.from_date)
    throw new PeixunError(problem('mentorEndBeforeStart', { from: pair.from_date, to }));
  return inEditBatch(env, 'mentor end', `${describeHit(mentor)} → ${describeHit(mentee)}`, (writer) => {
    writer.update('mentorships', pair, { to_date: to });
    return { value: undefined, changed: 1 };
  });
}
