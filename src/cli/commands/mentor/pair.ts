/** What `mentor add` and `mentor end` share: the two people found as `trainee` finds them, one change, one line. */
import type { WriteEnvironment } from '../../../db/batches.js';
import type { TraineeHit } from '../../../register/search.js';
import { chooseTrainee } from '../../choose.js';
import type { CommandContext } from '../../context.js';
import { withDatabase, writeEnvironment } from '../../database.js';

export async function changePair(
  context: CommandContext,
  queries: { mentor: string; mentee: string },
  change: (
    env: WriteEnvironment,
    mentor: TraineeHit,
    mentee: TraineeHit,
  ) => Promise<{ batchId: number | null }>,
  said: (names: { mentor: string; mentee: string; batch: number }) => string,
): Promise<void> {
  await withDatabase(context, 'write', async (db) => {
    const mentor = await chooseTrainee(context, db, queries.mentor);
    const mentee = await chooseTrainee(context, db, queries.mentee);
    const { batchId } = await change(writeEnvironment(context, db), mentor, mentee);
    const line = said({ mentor: mentor.name, mentee: mentee.name, batch: batchId ?? 0 });
    context.io.stdout.write(`${context.color.green(line)}\n`);
  });
}
