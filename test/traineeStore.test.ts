/**
 * The trainee store answers a small import from the register's indexes and a large one from everyone read in once
 * (src/db/trainees.ts). Both must give the same answers, whatever the import did before the reading: the same
 * random operations run on three copies of one register, answered by indexes only, read in at once, and read in
 * after two lookups (mid-way, over trainees the import added and changed).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBatch } from '../src/db/batches.js';
import { ChangeRecorder } from '../src/db/changes.js';
import { RowWriter } from '../src/db/rows.js';
import { TraineeStore, type TraineeKey } from '../src/db/trainees.js';
import { idCheckCharacter } from '../src/domain/identity.js';
import { inMemoryCopy, smallInMemory } from './helpers.js';

// test/fixtures/small's people (张三 … 孙九) and two who are not there.
const ID_NUMBERS = ['310113198001010013', '31011319851212002X', '310113199005050033'].concat(
  ['3101131990010100', '3101131991020200'].map((base) => {
    const withSequence = `${base}5`;
    return withSequence + idCheckCharacter(withSequence);
  }),
);
const NAMES = ['张三', '李四', '王五', '赵六', '新人', '张 三', 'ＡＢ'];

const operation = fc.oneof(
  fc.record({ kind: fc.constant('byId' as const), id: fc.constantFrom(...ID_NUMBERS) }),
  // How a sign-in sheet asks once everyone may be read in: the held answer, else the lookup.
  fc.record({ kind: fc.constant('heldById' as const), id: fc.constantFrom(...ID_NUMBERS) }),
  fc.record({ kind: fc.constant('named' as const), name: fc.constantFrom(...NAMES) }),
  fc.record({ kind: fc.constant('withoutId' as const), name: fc.constantFrom(...NAMES) }),
  fc.record({
    kind: fc.constant('insert' as const),
    name: fc.constantFrom(...NAMES),
    id: fc.option(fc.constantFrom(...ID_NUMBERS), { nil: null }),
  }),
  fc.record({
    kind: fc.constant('rename' as const),
    id: fc.constantFrom(...ID_NUMBERS),
    name: fc.constantFrom(...NAMES),
  }),
  fc.record({
    kind: fc.constant('move' as const),
    id: fc.constantFrom(...ID_NUMBERS),
    category: fc.constantFrom('社区工作者', '社区志愿者'),
  }),
  fc.record({ kind: fc.constant('group' as const), id: fc.constantFrom(...ID_NUMBERS) }),
);

let image: Buffer | undefined;

/**
 * The small fixture's register, and a store over it answering by indexes for `lookups` lookups; reading everyone in
 * two at a time, so that the pages of the reading meet between people as they do on a city's register.
 */
async function storeOver(lookups: number) {
  image ??= (await smallInMemory(new Date('2024-01-01T00:00:00Z'))).serialize();
  const db = inMemoryCopy(image);
  const batchId = createBatch(db, {
    kind: 'trainees',
    files: [],
    createdAt: '2024-01-02T00:00:00Z',
    osUser: 'test',
    host: 'test',
  });
  const writer = new RowWriter(db, new ChangeRecorder(db, batchId), batchId);
  const store = new TraineeStore(db, '2024-01-02', { lookupsBeforeHolding: lookups, holdingPage: 2 });
  return { db, writer, store };
}

const shown = (key: TraineeKey | undefined) => key && { ...key };

describe('the trainee store', () => {
  it('answers alike from the indexes and from everyone read in, before and after the import changed them', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { maxLength: 12 }), async (operations) => {
        const stores = await Promise.all([storeOver(Infinity), storeOver(0), storeOver(2)]);
        try {
          for (const step of operations) {
            const answers = stores.map(({ store, writer }) => {
              switch (step.kind) {
                case 'byId':
                  return shown(store.withIdNumber(step.id));
                case 'heldById':
                  return shown(store.heldWithIdNumber(step.id) ?? store.withIdNumber(step.id));
                case 'named':
                  return store.named(step.name).map(shown);
                case 'withoutId':
                  return store.namedWithoutIdNumber(step.name).map(shown);
                case 'insert': {
                  // A number the register holds already is no new trainee: the import would have matched it.
                  if (step.id && store.withIdNumber(step.id)) return 'held';
                  const values = {
                    id_number: step.id,
                    name: step.name,
                    gender: null,
                    birth_date: null,
                    phone: null,
                    unit_id: null,
                    position: null,
                    category: '其他',
                    left_on: null,
                  };
                  return shown(store.insert(writer, values));
                }
                case 'rename': {
                  const key = store.withIdNumber(step.id);
                  return key ? store.update(writer, key, { name: step.name }) : 'none';
                }
                case 'move': {
                  const key = store.withIdNumber(step.id);
                  return key ? store.update(writer, key, { category: step.category }) : 'none';
                }
                case 'group': {
                  const key = store.withIdNumber(step.id);
                  return key ? store.groupAt(key, '2024-06-01') : 'none';
                }
              }
            });
            expect(answers[1], JSON.stringify(step)).toEqual(answers[0]);
            expect(answers[2], JSON.stringify(step)).toEqual(answers[0]);
          }
        } finally {
          for (const { db } of stores) db.close();
        }
      }),
      { numRuns: 60 },
    );
  });

  it('a person whose history moved before the import counts under the group of each date, read in or not', async () => {
    // 张三 (the small fixture's 社区工作者) is 社区志愿者 from 2024-01-02: one batch writes it, and later stores
    // are asked for a class of 2023-06-01 (before: 社区工作者) and one of 2024-06-01 (after: 社区志愿者).
    const { db, writer, store } = await storeOver(Infinity);
    try {
      const zhang = store.withIdNumber('310113198001010013');
      if (!zhang) throw new Error('the fixture holds 张三');
      const before = store.groupAt(zhang, '2023-06-01').category;
      store.update(writer, zhang, { category: before === '社区志愿者' ? '社区工作者' : '社区志愿者' });
      store.write();
      const after = before === '社区志愿者' ? '社区工作者' : '社区志愿者';
      for (const lookups of [Infinity, 0]) {
        const later = new TraineeStore(db, '2024-03-01', { lookupsBeforeHolding: lookups, holdingPage: 2 });
        const key = later.withIdNumber('310113198001010013');
        if (!key) throw new Error('张三 is still there');
        expect(later.groupAt(key, '2023-06-01').category, `lookups ${lookups}`).toBe(before);
        expect(later.groupAt(key, '2024-06-01').category, `lookups ${lookups}`).toBe(after);
      }
    } finally {
      db.close();
    }
  });

  it('finds by name form those a batch before wrote otherwise (ＡＢ, 张 三) and those without an ID number', async () => {
    // An earlier batch adds ＡＢ (full-width), 张 三 (a space) and 新人 (no ID number); a later store, which has read
    // nobody in, finds ＡＢ as AB, both 张三 of the fixture and 张 三 as 张三, and 新人 among those without a number.
    const { db, writer, store } = await storeOver(Infinity);
    try {
      const person = {
        gender: null,
        birth_date: null,
        phone: null,
        unit_id: null,
        position: null,
        left_on: null,
      };
      const category = '其他';
      const ab = store.insert(writer, { ...person, category, name: 'ＡＢ', id_number: '310113199001010053' });
      const spaced = store.insert(writer, { ...person, category, name: '张 三', id_number: null });
      const newcomer = store.insert(writer, { ...person, category, name: '新人', id_number: null });
      store.write();
      const later = new TraineeStore(db, '2024-03-01');
      expect(later.named('AB').map((key) => key.id)).toEqual([ab.id]);
      const zhang = later.withIdNumber('310113198001010013');
      expect(later.named('张三').map((key) => key.id)).toEqual([zhang?.id, spaced.id]);
      expect(later.namedWithoutIdNumber('新人').map((key) => key.id)).toEqual([newcomer.id]);
      expect(later.namedWithoutIdNumber('张三').map((key) => key.id)).toEqual([spaced.id]);
    } finally {
      db.close();
    }
  });
});
