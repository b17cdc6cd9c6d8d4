/**
 * A checklist to tick at the door, filtered as you type: with 55 names on a class's roster, finding 欧阳小明 by
 * scrolling is slow, typing `oy` or `欧阳` is not. Built on inquirer's own prompt core, so it answers the same
 * keys, themes and Ctrl-C as the other questions.
 *
 * Keys: type to filter (name, pinyin initials or spelling, unit); ↑↓ move; space ticks or unticks; ⏎ with a filter
 * typed ticks the highlighted person and clears the filter; ⏎ with none ends the list.
 */
import {
  createPrompt,
  isDownKey,
  isEnterKey,
  isSpaceKey,
  isUpKey,
  makeTheme,
  useKeypress,
  useMemo,
  usePagination,
  usePrefix,
  useState,
  type Theme,
} from '@inquirer/core';

export interface ChecklistItem<T> {
  name: string;
  value: T;
  checked?: boolean;
}

export interface ChecklistConfig<T> {
  message: string;
  choices: readonly ChecklistItem<T>[];
  /** Whether an item shows under the typed filter (already trimmed and lower-cased). */
  matches: (item: ChecklistItem<T>, filter: string) => boolean;
  pageSize?: number;
  /** A name typed that matches no one, entered: someone who came though not on the list (a walk-in). */
  onWalkIn?: (typed: string) => void;
  /** Told the ticks after every key, so a list closed by Ctrl-C can be opened again as it was. */
  onChange?: (ticked: readonly boolean[]) => void;
  theme?: {
    icon?: Partial<ChecklistTheme['icon']>;
    style?: Partial<ChecklistTheme['style']>;
    noMatch?: string;
    walkInHint?: string;
    walkIns?: (names: readonly string[]) => string;
    filterHint?: string;
  };
}

export interface ChecklistTheme {
  icon: { checked: string; unchecked: string; cursor: string };
  style: {
    keysHelpTip: (keys: [string, string][]) => string;
    renderSelectedChoices: (selected: readonly unknown[], all: readonly unknown[]) => string;
    filter: (text: string) => string;
  };
  /** Said when the filter matches no one. */
  noMatch: string;
  /** Said when the filter matches no one and ⏎ adds what was typed as a walk-in. */
  walkInHint: string;
  /** The walk-ins entered so far, under the list. */
  walkIns: (names: readonly string[]) => string;
  /** What to type, shown where the filter goes while it is empty. */
  filterHint: string;
}

const checklistTheme: ChecklistTheme = {
  icon: { checked: '◉', unchecked: '◯', cursor: '❯' },
  style: {
    keysHelpTip: (keys) => keys.map(([key, action]) => `${key} ${action}`).join(' • '),
    renderSelectedChoices: (selected, all) => `${selected.length} of ${all.length}`,
    filter: (text) => text,
  },
  noMatch: 'no one matches',
  walkInHint: 'no one on the list: ⏎ adds them as come without being on it',
  walkIns: (names) => `came, not on the list: ${names.join(', ')}`,
  filterHint: 'type to filter',
};

type Checklist = <T>(
  config: ChecklistConfig<T>,
  context?: Parameters<ReturnType<typeof createPrompt>>[1],
) => Promise<T[]>;

export const checklist = createPrompt(<T>(config: ChecklistConfig<T>, done: (value: T[]) => void) => {
  const theme = makeTheme<ChecklistTheme>(checklistTheme, config.theme) as Theme<ChecklistTheme>;
  const [status, setStatus] = useState<'idle' | 'done'>('idle');
  const prefix = usePrefix({ status, theme });
  const [ticked, setTicked] = useState<readonly boolean[]>(
    config.choices.map((choice) => Boolean(choice.checked)),
  );
  config.onChange?.(ticked);
  const [filter, setFilter] = useState('');
  const [active, setActive] = useState(0);
  const [walkIns, setWalkIns] = useState<readonly string[]>([]);
  const shown = useMemo(() => {
    const text = filter.trim().toLowerCase();
    return config.choices
      .map((choice, index) => ({ choice, index }))
      .filter(({ choice }) => text === '' || config.matches(choice, text));
  }, [filter]);
  const current = shown[Math.min(active, shown.length - 1)];
  const toggle = (index: number) => setTicked(ticked.map((value, at) => (at === index ? !value : value)));

  useKeypress((key, rl) => {
    if (status !== 'idle') return;
    if (isEnterKey(key)) {
      if (filter.trim() === '') {
        setStatus('done');
        done(config.choices.filter((_, index) => ticked[index]).map((choice) => choice.value));
        return;
      }
      // The person typed a name and pressed ⏎: that person came. The line is empty again (readline cleared it).
      if (current) setTicked(ticked.map((value, at) => (at === current.index ? true : value)));
      else if (config.onWalkIn) {
        // No one on the list: someone who came without being on it, looked up in the register afterwards.
        config.onWalkIn(filter.trim());
        setWalkIns([...walkIns, filter.trim()]);
      }
      setFilter('');
      setActive(0);
    } else if (isUpKey(key) || isDownKey(key)) {
      // ↑↓ move; they are no part of the filter.
      rl.clearLine(0);
      rl.write(filter);
      if (shown.length > 0)
        setActive(
          (Math.min(active, shown.length - 1) + (isUpKey(key) ? shown.length - 1 : 1)) % shown.length,
        );
    } else if (isSpaceKey(key)) {
      // Space ticks; a name holds no space, so it is no part of the filter either.
      rl.clearLine(0);
      rl.write(filter);
      if (current) toggle(current.index);
    } else if (rl.line !== filter) {
      setFilter(rl.line);
      setActive(0);
    }
  });

  return screen({ config, theme, prefix, status, ticked, filter, shown, active, walkIns });
}) as unknown as Checklist;

/** What the prompt shows: the answer once done; else the filter line, the page of names and the keys. */
function screen<T>(state: {
  config: ChecklistConfig<T>;
  theme: Theme<ChecklistTheme>;
  prefix: string;
  status: 'idle' | 'done';
  ticked: readonly boolean[];
  filter: string;
  shown: { choice: ChecklistConfig<T>['choices'][number]; index: number }[];
  active: number;
  walkIns: readonly string[];
}): string | [string, string] {
  const { config, theme, prefix, status, ticked, filter, shown, active, walkIns } = state;
  const message = theme.style.message(config.message, status);
  if (status === 'done') {
    const selected = config.choices.filter((_, index) => ticked[index]);
    return [prefix, message, theme.style.answer(theme.style.renderSelectedChoices(selected, config.choices))]
      .filter(Boolean)
      .join(' ');
  }
  const page = usePagination({
    items: shown,
    active: Math.min(active, Math.max(shown.length - 1, 0)),
    renderItem({ item, isActive }) {
      const box = ticked[item.index] ? theme.icon.checked : theme.icon.unchecked;
      const line = `${isActive ? theme.icon.cursor : ' '}${box} ${item.choice.name}`;
      return isActive ? theme.style.highlight(line) : line;
    },
    pageSize: config.pageSize ?? 15,
    loop: false,
  });
  const header = [prefix, message, filter ? theme.style.filter(filter) : theme.style.help(theme.filterHint)]
    .filter(Boolean)
    .join(' ');
  const walkInPossible = shown.length === 0 && config.onWalkIn !== undefined;
  const body = [
    shown.length > 0 ? page : theme.style.error(walkInPossible ? theme.walkInHint : theme.noMatch),
    ...(walkIns.length > 0 ? [theme.style.help(theme.walkIns(walkIns))] : []),
    ' ',
    theme.style.keysHelpTip([
      ['↑↓', 'navigate'],
      ['space', 'select'],
      ['⏎', walkInPossible ? 'walkIn' : filter ? 'tick' : 'submit'],
    ]),
  ].join('\n');
  return [header, body];
}
