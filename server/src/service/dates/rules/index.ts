/**
 * All the date rules, in the order the engine tries them (engine.ts). Each family file holds
 * its rules as data and marks them with its family; ORDER lists every rule by name, in the
 * order the single list of normalize.ts had before the split (issue 15), because the order
 * decides the result in two places:
 * - normalizeCore (normalize(), hover, date.value-mismatch, "mod target"'s inner expression):
 *   the first rule whose expression matches the whole expression and builds a value wins, so
 *   two rules that both read an expression give the value of the one listed first;
 * - matchAt / longestMatchAt (findDates, pre-annotation): the longest match wins, and among
 *   matches of the same length the rule listed first.
 * Putting the families one after the other changes results (README.md, "Rule order"), so a new
 * rule goes into its family file AND into ORDER, where it has to be tried; a rule missing here
 * is tried after all the others (a unit test fails until it is listed).
 */
import type { Rule, RuleFamily } from '../ctx';
import { ABSOLUTE_RULES } from './absolute';
import { RELATIVE_RULES } from './relative';
import { DURATION_RULES } from './durations';
import { SET_RULES } from './sets';
import { TIME_RULES } from './times';
import { MOD_RANGE_RULES } from './modsRanges';

/** The rules of each family, as their files list them. */
export const FAMILIES: ReadonlyArray<{ family: RuleFamily; rules: readonly Rule[] }> = [
  { family: 'absolute', rules: ABSOLUTE_RULES },
  { family: 'relative', rules: RELATIVE_RULES },
  { family: 'durations', rules: DURATION_RULES },
  { family: 'sets', rules: SET_RULES },
  { family: 'times', rules: TIME_RULES },
  { family: 'mods+ranges', rules: MOD_RANGE_RULES },
];

/** Every rule by name, in matching order (the family of each in the comment). */
export const ORDER: readonly string[] = [
  'wd? d month year', // absolute
  'wd? month d year', // absolute
  'iso date', // absolute
  'numeric date', // absolute
  'us numeric date', // absolute
  'week of date', // absolute
  'wd? month d', // absolute
  'wd? d month', // absolute
  'month year', // absolute
  'month rel year', // relative
  'month of rel year', // relative
  'rel month', // relative
  'month', // absolute
  'mod target', // mods+ranges
  'half of a decade', // mods+ranges
  'year range', // mods+ranges
  'year', // absolute
  'decade', // absolute
  'decade word', // absolute
  'spelled year', // absolute
  'century', // absolute
  'quarter', // absolute
  'Qn year', // absolute
  'season', // absolute
  'day word', // relative
  'tonight', // times
  'holiday', // absolute
  'weekday', // relative
  'that unit', // relative
  'next day', // relative
  'anchored weekday', // relative
  'day before date', // relative
  'ordinal day', // relative
  'rel unit', // relative
  'the weekend', // relative
  'the full year', // relative
  'year end', // mods+ranges
  'the year ended', // durations
  'the year', // relative
  'the unit', // relative
  'ago', // relative
  'in N units', // relative
  'sets: N times a unit', // sets
  'sets: every unit', // sets
  'sets: annually', // sets
  'annual', // sets
  'reporting period', // relative
  'year-ago', // relative
  'same period last year', // relative
  'week of month', // mods+ranges
  'months of a year', // mods+ranges
  'amount before a range', // mods+ranges
  'adjectival duration', // durations
  'duration', // durations
  'vague plural duration', // durations
  'decade(s) a century', // durations
  'half hour', // durations
  'clock time', // times
  'hour ampm', // times
  'hour in the pod', // times
  'mod pod', // times
  'noon', // times
  'present ref', // relative
  'current', // relative
  'past ref', // relative
  'past ref (normalize only)', // relative
  'future ref', // relative
  'future ref adj', // relative
  'ru d month year', // absolute
  'ru month year', // absolute
  'ru year', // absolute
  'ru day word', // relative
  'ru rel unit', // relative
  'ru duration', // durations
];

function inOrder(): Rule[] {
  const byName = new Map<string, Rule>();
  for (const f of FAMILIES) for (const r of f.rules) if (!byName.has(r.name)) byName.set(r.name, r);
  const out: Rule[] = [];
  for (const name of ORDER) {
    const r = byName.get(name);
    if (!r) continue;
    out.push(r);
    byName.delete(name);
  }
  for (const r of byName.values()) out.push(r); // not in ORDER yet: last
  return out;
}

/** The rules in matching order. */
export const RULES: Rule[] = inOrder();
