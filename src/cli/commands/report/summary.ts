/** What the quarterly and annual summaries share: grouping (a cross table too), level, threshold, output. */
import { Option, type Command, type OptionValues } from '@commander-js/extra-typings';
import { UsageError } from '../../../errors.js';
import type { MessageKey, Translator } from '../../../i18n/index.js';
import { CROSS_FIGURES, CROSS_GROUPINGS, type CrossFigure } from '../../../stats/cross.js';
import { GROUPINGS, type Grouping } from '../../../stats/summary.js';
import type { Period } from '../../../domain/periods.js';
import type { LevelName } from '../../../db/units.js';
import { choiceParser, groupingOf, ratioOption, withGrouping, withPeriod } from '../../options.js';
import { withReportOutput } from '../../output.js';

/** The words the tables show for a figure or a grouping, which `--figure` and `--then` take too. */
export const FIGURE_LABELS = Object.fromEntries(
  CROSS_FIGURES.map((figure) => [figure, `figure.${figure}`]),
) as Record<CrossFigure, MessageKey>;
export const GROUPING_LABELS = Object.fromEntries(
  [...GROUPINGS, 'district'].map((by) => [by, `by.${by}`]),
) as Record<Grouping, MessageKey>;

/** A summary's options after its own (year, quarter): period, grouping, threshold, output. */
export function withSummaryOptions<Args extends unknown[], Opts extends OptionValues>(
  t: Translator,
  command: Command<Args, Opts>,
) {
  return withReportOutput(
    t,
    withGrouping(t, withPeriod(t, command), GROUPINGS)
      .addOption(
        new Option('--then <grouping>', t('optThen'))
          .choices(CROSS_GROUPINGS)
          .argParser(choiceParser(t, '--then', CROSS_GROUPINGS, GROUPING_LABELS)),
      )
      .addOption(
        new Option('--figure <figure>', t('optFigure'))
          .choices(CROSS_FIGURES)
          .argParser(choiceParser(t, '--figure', CROSS_FIGURES, FIGURE_LABELS)),
      )
      .addOption(ratioOption(t))
      .option('--against-plan', t('optAgainstPlan'))
      .option('--unit <unit>', t('optReportUnit'))
      .option('--hide-empty', t('optHideEmpty')),
  );
}

/** The grouping of a summary, or the pair of a cross table, checked against the level before anything is read. */
export function summaryRequest(
  t: Translator,
  period: Period,
  options: {
    by?: { by: Grouping; level?: LevelName; then?: Grouping };
    level?: LevelName;
    then?: Grouping;
    figure?: CrossFigure;
    completionThreshold: number;
    againstPlan?: boolean;
    unit?: string;
    hideEmpty?: boolean;
  },
  /** What a cross table may pair: a roll-up adds the district. */
  pairable: readonly Grouping[] = CROSS_GROUPINGS,
) {
  const { by, level, then: thenFromBy } = groupingOf(options);
  const then = options.then ?? thenFromBy;
  if (options.then && thenFromBy) throw new UsageError(t('crossTwice'));
  const unitLike = (grouping?: Grouping) => grouping === 'unit' || grouping === 'organiser';
  if (level && !unitLike(by) && !unitLike(then)) throw new UsageError(t('levelNeedsUnit'));
  if (level === 'community' && (by === 'organiser' || then === 'organiser'))
    throw new UsageError(t('organiserLevel'));
  if (options.figure && !then) throw new UsageError(t('figureNeedsThen'));
  if (then) {
    if (!by) throw new UsageError(t('thenNeedsBy'));
    if (!pairable.includes(by) || !pairable.includes(then))
      throw new UsageError(t('crossGroupings', { choices: pairable.join(' | ') }));
    if (by === then) throw new UsageError(t('crossSame'));
  }
  return {
    period,
    by,
    level,
    ...(then ? { then, figure: options.figure ?? ('participantTimes' as const) } : {}),
    ...(options.againstPlan ? { againstPlan: true } : {}),
    ...(options.unit !== undefined ? { unit: options.unit } : {}),
    ...(options.hideEmpty ? { hideEmpty: true } : {}),
    completionThreshold: options.completionThreshold,
  };
}
