/**
 * The vocabulary of the English (and some Russian) date rules, as data: month and weekday names,
 * number words, ordinals, units, parts of the day, seasons, approximators, time zones and their
 * offsets, and the regular-expression pieces the rules of rules/*.ts are written with
 * (compiled by engine.ts with flags "iu"). Words only, no logic: a rule family names these.
 */

export const MONTHS: Record<string, number> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8,
  september: 9, october: 10, november: 11, december: 12,
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};
export const RU_MONTHS: Record<string, number> = {
  январ: 1, феврал: 2, март: 3, апрел: 4, ма: 5, июн: 6, июл: 7, август: 8, сентябр: 9, октябр: 10, ноябр: 11, декабр: 12,
};
export const WEEKDAYS: Record<string, number> = {
  monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6, sunday: 7,
  mon: 1, tue: 2, tues: 2, wed: 3, thu: 4, thur: 4, thurs: 4, fri: 5, sat: 6, sun: 7,
};
export const SMALL: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, a: 1, an: 1, single: 1,
};
export const TENS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
export const ORDINALS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, '1st': 1, '2nd': 2, '3rd': 3, '4th': 4, final: 4, last: 4,
};

/** The ordinal words of centuries, "first" to "twenty-second" (index + 1 is the century). */
export const CENTURY_WORDS: readonly string[] = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth', 'twentieth', 'twenty-first', 'twenty-second'];
/** The ordinal of a century, in digits or a word ("20th", "twentieth"). */
export const CENTURY_ORDINAL = `(?:\\d{1,2}(?:st|nd|rd|th)|${CENTURY_WORDS.join('|')})`;

// ---------------------------------------------------------------------------
// Regex building blocks (compiled with flags "iu"; case is checked in builders where it matters)

export const MONTH_FULL = 'january|february|march|april|may|june|july|august|september|october|november|december';
export const MONTH_ABBR = 'jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec';
export const MONTH = `(?:${MONTH_FULL}|(?:${MONTH_ABBR})\\.?)`;
export const WEEKDAY = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)';
export const DAY = '(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?';
export const YEAR4 = '(?:1[0-9]\\d\\d|20\\d\\d|21\\d\\d)';
export const YEAR = `(?:${YEAR4}|['’]\\d\\d)`;
export const NUM_WORD = '(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)';
export const NUM_EXACT = `(?:\\d{1,3} 1/2|\\d{1,4}(?:[.,]\\d+)?|(?:a |one )?(?:hundred|dozen)|a couple of|a couple|${NUM_WORD}|an?|half an?|a half)(?: and a half)?`;
export const NUM_VAGUE = '(?:several|a few|few|many|some|a number of|numerous|dozens of|hundreds of|countless|multiple)';
export const UNIT = '(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|fortnights?|months?|quarters?|years?|yrs?|decades?|centuries|century|millenni(?:um|a))';
export const UNIT_SG = '(?:second|minute|hour|day|week|month|quarter|year|decade|century)';
export const POD = '(?:morning|afternoon|evening|night)';
export const SEASON = '(?:spring|summer|autumn|fall|winter)';
export const APPROX = '(?:about|around|some|nearly|almost|approximately|roughly|(?:no|not) (?:more|less|fewer) than|more than|over|less than|under|at least|up to|at most|just over|just under|well over|barely|fewer than)';
export const ZONE = '(?:UTC|GMT|CET|CEST|EET|EEST|WET|WEST|BST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|MSK|IST|JST|KST|HKT|SGT|AEST|AEDT|ALMT|AQTT|Z)';
export const AMPM = '(?:a\\.m\\.|p\\.m\\.|am|pm)';
export const RU_MONTH_GEN = '(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)';
export const RU_MONTH_ANY = '(?:январ[ьяе]|феврал[ьяе]|март[ае]?|апрел[ьяе]|ма[йяе]|июн[ьяе]|июл[ьяе]|август[ае]?|сентябр[ьяе]|октябр[ьяе]|ноябр[ьяе]|декабр[ьяе])';

export const ZONE_OFFSETS: Record<string, string> = {
  UTC: 'Z', GMT: 'Z', Z: 'Z', CET: '+01:00', CEST: '+02:00', EET: '+02:00', EEST: '+03:00', WET: 'Z', WEST: '+01:00',
  BST: '+01:00', EST: '-05:00', EDT: '-04:00', CST: '-06:00', CDT: '-05:00', MST: '-07:00', MDT: '-06:00',
  PST: '-08:00', PDT: '-07:00', MSK: '+03:00', IST: '+05:30', JST: '+09:00', KST: '+09:00', HKT: '+08:00',
  SGT: '+08:00', AEST: '+10:00', AEDT: '+11:00', ALMT: '+06:00', AQTT: '+05:00',
};
