/**
 * The year's duty (statistics.md, "The year's duty"): each trainee's hours of a year against what their category
 * must reach. 集中培训 (sessions, offline and online) and 网络学习 (an online platform's hours) add up to the total
 * the yearly requirement is compared with; a requirement of 网络学习 alone, where set, is compared with those.
 */

/** The township-level minimum of the 2023 cadre-training regulation: 90 hours a year. */
export const DEFAULT_REQUIRED_HOURS = 90;

export interface YearHours {
  /** 集中培训: credited hours of attended sessions in classes starting in the year. */
  central: number;
  /** 网络学习: hours learnt on the online platform, completed in the year. */
  online: number;
}

export interface Requirement {
  total: number;
  /** Of 网络学习 alone; null where none is set. */
  online: number | null;
}

export interface Duty {
  total: number;
  /** Hours short of the total requirement; 0 when met. */
  short: number;
  /** Hours of 网络学习 short of its requirement; null where there is none. Never added to `short`. */
  shortOnline: number | null;
  met: boolean;
}

const round = (hours: number) => Math.round(hours * 1e6) / 1e6;

export function yearDuty(hours: YearHours, requirement: Requirement): Duty {
  const total = round(hours.central + hours.online);
  const short = round(Math.max(0, requirement.total - total));
  const shortOnline =
    requirement.online === null ? null : round(Math.max(0, requirement.online - hours.online));
  return { total, short, shortOnline, met: short === 0 && (shortOnline ?? 0) === 0 };
}
