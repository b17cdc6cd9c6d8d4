/** `unit rename|move|merge|remove`: each one batch, undone with `peixun imports undo`, saying what it moved. */
import { Command } from '@commander-js/extra-typings';
import type { MessageKey } from '../../../i18n/index.js';
import { mergeUnits, moveUnit, removeUnit, renameUnit, type UnitChange } from '../../../register/units.js';
import { unitChangeLines } from '../../../report/listings.js';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { watchingFiled, withDatabase, writeEnvironment } from '../../database.js';
import type { EditEnvironment } from '../../../register/batch.js';

type Change = (env: EditEnvironment) => Promise<{ value: UnitChange; batchId: number | null }>;

async function changeUnits(context: CommandContext, done: MessageKey, change: Change): Promise<void> {
  const { t, io } = context;
  await withDatabase(context, 'write', async (db) => {
    const { value, batchId } = await watchingFiled(context, db, () => change(writeEnvironment(context, db)));
    if (batchId === null) {
      io.stdout.write(`${t('nothingToChange')}\n`);
      return;
    }
    io.stdout.write(
      `${context.color.green(t.dynamic(done, { unit: value.unit, to: value.to ?? '', batch: batchId }))}\n`,
    );
    for (const line of unitChangeLines(value, t)) io.stdout.write(`  ${line}\n`);
  });
}

export const rename = (cli: Cli) =>
  cli.leaf(
    new Command('rename')
      .description(cli.t('cmdUnitRename'))
      .argument('<unit>', cli.t('argUnit'))
      .argument('<name>', cli.t('argUnitName')),
    ['peixun unit rename 高境一材居委 高境一村居委'],
    (context, _options, unit: string, name: string) =>
      changeUnits(context, 'unitRenamed', (env) => renameUnit(env, unit, name)),
  );

export const move = (cli: Cli) =>
  cli.leaf(
    new Command('move')
      .description(cli.t('cmdUnitMove'))
      .argument('<unit>', cli.t('argUnit'))
      .argument('<parent>', cli.t('argUnitParent')),
    ['peixun unit move 高境镇 宝山区', 'peixun unit move 天平村 宝山区/罗店镇'],
    (context, _options, unit: string, parent: string) =>
      changeUnits(context, 'unitMovedTo', (env) => moveUnit(env, unit, parent)),
  );

export const merge = (cli: Cli) =>
  cli.leaf(
    new Command('merge')
      .description(cli.t('cmdUnitMerge'))
      .argument('<unit>', cli.t('argUnitFrom'))
      .argument('<into>', cli.t('argUnitInto')),
    ['peixun unit merge 高境镇 宝山区/高境镇', 'peixun unit merge 宝山区/高境镇/高境一材居委 高境一村居委'],
    (context, _options, unit: string, into: string) =>
      changeUnits(context, 'unitMerged', (env) => mergeUnits(env, unit, into)),
  );

export const remove = (cli: Cli) =>
  cli.leaf(
    new Command('remove').description(cli.t('cmdUnitRemove')).argument('<unit>', cli.t('argUnit')),
    ['peixun unit remove 宝山区/高境镇/测试居委'],
    (context, _options, unit: string) => changeUnits(context, 'unitRemoved', (env) => removeUnit(env, unit)),
  );
