/** What the quarterly and annual summaries share: grouping, level, completion threshold, output. */
import type { Command, OptionValues } from '@commander-js/extra-typings';
import { UsageError } from '../../../errors.js';
import type { Translator } from '../../../i18n/index.js';
import { GROUPINGS, type Grouping } from '../../../stats/summary.js';
import type { Period } from '../../../stats/period.js';
import type { LevelName } from '../../../db/units.js';
import { groupingOf, ratioOption, withGrouping, withPeriod } from '../../options.js';
import { withReportOutput } from '../../output.js';
import { DEFAULT_COMPLETION_THRESHOLD } from '../../../stats/summary.js';

/** A summary's options after its own (year, quarter): period, grouping, threshold, output. */
export function withSummaryOptions<Args extends unknown[], Opts extends OptionValues>(
  t: Translator,
  command: Command<Args, Opts>,
) {
  return withReportOutput(t, withGrouping(t, withPeriod(t, command), GROUPINGS).addOption(ratioOption(t)));
}

/** The grouping of a summary, checked against the level before anything is read. */
export function summaryRequest(
  t: Translator,
  period: Period,
  options: { by?: { by: Grouping; level?: LevelName }; level?: LevelName; completionThreshold?: number },
) {
  const { by, level } = groupingOf(options);
  if (level && by !== 'unit' && by !== 'organiser') throw new UsageError(t('levelNeedsUnit'));
  if (level === 'community' && by === 'organiser') throw new UsageError(t('organiserLevel'));
  return {
    period,
    by,
    level,
    completionThreshold: options.completionThreshold ?? DEFAULT_COMPLETION_THRESHOLD,
  };
}
