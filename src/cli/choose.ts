/** Naming a trainee at the command line: one text, and on a terminal a choice among the candidates. */
import type { Db } from '../db/handle.js';
import { shownData } from '../i18n/index.js';
import { AmbiguousTraineeError, describeHit, resolveTrainee, type TraineeHit } from '../register/search.js';
import type { CommandContext } from './context.js';
import { prompterFor } from './prompts.js';

/** The trainee a text names; on a terminal, an ambiguous text offers its candidates to choose from. */
export async function chooseTrainee(context: CommandContext, db: Db, text: string): Promise<TraineeHit> {
  try {
    return resolveTrainee(db, text);
  } catch (error) {
    if (!(error instanceof AmbiguousTraineeError)) throw error;
    const prompter = await prompterFor(context);
    if (!prompter) throw error;
    return prompter.select(
      context.t('chooseTrainee', { query: shownData(text) }),
      error.candidates.map((hit) => ({ name: describeHit(hit), value: hit })),
    );
  }
}
