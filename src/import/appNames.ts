/**
 * Names as meeting apps and sign-in forms show them (formats.md, "Meeting exports"): `显示名(昵称)` in either
 * bracket width, two people on one device (`甲&乙`), full-width letters, `_`/`-`/spaces, a unit written before or
 * after the name (`高境一村-张三`, `张三-高境一村`). What to try, in order, for each person an entry stands for.
 */

/** One way to read a person's name off an entry: the name, and what else the entry says (a unit). */
export interface NameReading {
  name: string;
  /** The rest of the entry beside the name (`高境一村` of `高境一村-张三`), to tell namesakes apart. */
  besides?: string;
}

/** The people an entry stands for, each with the readings of their name to try, most likely first. */
export function peopleInEntry(shown: string): NameReading[][] {
  const text = shown.normalize('NFKC').trim();
  return text
    .split(/\s*&\s*/)
    .filter((part) => part !== '')
    .map(readingsOf);
}

function readingsOf(entry: string): NameReading[] {
  // `显示名(昵称)`: the display name first, then the nickname.
  const bracket = /^(.*?)\s*\(([^()]*)\)\s*$/.exec(entry);
  const names = bracket ? [bracket[1] ?? '', bracket[2] ?? ''] : [entry];
  const readings: NameReading[] = [];
  const add = (reading: NameReading) => {
    const name = reading.name.trim();
    if (name !== '' && !readings.some((known) => known.name === name && known.besides === reading.besides))
      readings.push({ ...reading, name });
  };
  for (const name of names) {
    add({ name });
    // A unit before or after the name, set off by `-`, `_`, `—` or spaces: each part may be the name.
    const parts = name.split(/[\s_\-—–]+/).filter((part) => part !== '');
    if (parts.length > 1) {
      add({ name: parts.join('') });
      for (const [index, part] of parts.entries())
        add({ name: part, besides: parts.filter((_, other) => other !== index).join('') });
    }
  }
  return readings;
}
