// What a single query line costs the event loop, for adversarial lines: one summary line per scenario.
//
//   node dist/scripts/bench-budget.js [filter]     (scenarios whose name holds filter; all when none)
//
// Each line is searched (searchIndex: terms, filters, ranking, did-you-mean)
// uncached, RUNS times; the figures are CPU time (process.cpuUsage), which a
// busy shared machine inflates less than wall time: the worst run (what
// stalls the other clients) and the best (what the query itself costs). Queries over the budget print
// the refusal instead, with what deciding it cost.
import { CharIndex } from '../src/index/charIndex.js';
import { filterNamesOf } from '../src/query/filters.js';
import { parseQuery } from '../src/query/parse.js';
import { DEFAULT_SETTINGS, type SearchSettings } from '../src/query/settings.js';
import { QueryTooCostly } from '../src/search/budget.js';
import { searchIndex } from '../src/search/search.js';
import { DEFAULT_LIMITS } from '../src/server/limits.js';

const RUNS = Number(process.env.RUNS ?? 3);
/** BUDGET=off measures with no budget at all (the figures before it). */
const BUDGET = process.env.BUDGET === 'off' ? undefined : DEFAULT_LIMITS;

const letters = 'abcdefghijklmnopqrstuvwxyz';
const repeat = (word: string, times: number) => Array.from({ length: times }, () => word).join(' ');
const distinct = (make: (k: number) => string, times: number) => Array.from({ length: times }, (_, k) => make(k)).join(' ');
const spelled = (k: number) => letters[k % 26] + letters[Math.floor(k / 26) % 26] + letters[Math.floor(k / 676) % 26];

const SCENARIOS: [string, string, SearchSettings?][] = [
  ['ordinary: cat face', 'cat face'],
  ['ordinary: cjk', 'cjk'],
  ['ordinary: greek small letter alpha', 'greek small letter alpha'],
  ['ordinary: hamb*', 'hamb*'],
  ['ordinary: "grinning face"', '"grinning face"'],
  ['ordinary: block:arrows', 'block:arrows'],
  ['ordinary: U+2600..U+26FF', 'U+2600..U+26FF'],
  ['ordinary: emoji', 'emoji'],
  ['ordinary: arrow -double', 'arrow -double'],
  ['ordinary: cat fase (did you mean)', 'cat fase'],
  ['ordinary: kat fase (did you mean)', 'kat fase'],
  ['ordinary: letter', 'letter'],
  ['ordinary: small letter with', 'small letter with'],
  ['ordinary: "latin small letter"', '"latin small letter"'],
  ['ordinary: "cjk unified"', '"cjk unified"'],
  ['ordinary: a*', 'a*'],
  ['ordinary: s*', 's*'],
  ['ordinary: gc:L', 'gc:L'],
  ['ordinary: U+0000..U+10FFFF', 'U+0000..U+10FFFF'],
  ['`a* ` x330 + unseen word', `${repeat('a*', 330)} zqxwv`],
  ['`"a b"` x170', repeat('"a b"', 170)],
  ['300 valid words', repeat('letter', 300)],
  ['300 distinct valid words', Array.from({ length: 300 }, (_, k) => ['latin', 'small', 'letter', 'with', 'capital', 'sign'][k % 6]).join(' ')],
  ['distinct prefixes a* b* … z*', distinct((k) => `${letters[k]}*`, 26)],
  ['4 single-letter prefixes', 's* l* c* a*'],
  ['8 single-letter prefixes', 's* l* c* a* m* e* t* r*'],
  ['2 single-letter prefixes', 's* l*'],
  ['1 prefix + unseen word', 's* zqxwv'],
  ['-a* -b* … -z* beside letter', `letter ${distinct((k) => `-${letters[k]}*`, 26)}`],
  ['200 excluded words beside letter', `letter ${distinct((k) => `-${spelled(k)}`, 200)}`],
  ['100 excluded phrases beside letter', `letter ${repeat('-"small letter"', 1)} ${distinct((k) => `-"${spelled(k)} letter"`, 100)}`],
  ['250 unseen distinct words', distinct(spelled, 250)],
  ['30 unseen distinct words', distinct(spelled, 30)],
  ['8 unseen words (did you mean)', 'kat fase smilling hart gren arow lettr smal'],
  ['distinct phrases x40', distinct((k) => `"${['latin', 'small', 'letter', 'with', 'capital'][k % 5]} ${['letter', 'small', 'with', 'a', 'sign'][k % 5]}"`, 40)],
  ['phrase "a b c d e f g h"', '"a b c d e f g h"'],
  ['phrase "letter letter" x8', repeat('"letter small"', 8)],
  ['long phrase of common words', `"${repeat('letter', 60)}"`],
  ['filters: every block', filterEveryBlock()],
  ['filters: many gc/script/age combos', 'letter gc:L gc:Lu gc:Ll script:latin script:greek script:cyrillic age:1.1 age:3.0 -emoji -gc:Lo'],
  ['many ranges', distinct((k) => `U+${(k * 0x1000).toString(16).toUpperCase().padStart(4, '0')}..U+${(k * 0x1000 + 0xfff).toString(16).toUpperCase().padStart(4, '0')}`, 60)],
  ['many ranges beside a word', `letter ${distinct((k) => `U+${(k * 0x400).toString(16).toUpperCase().padStart(4, '0')}..U+${(k * 0x400 + 0x3ff).toString(16).toUpperCase().padStart(4, '0')}`, 60)}`],
  ['a* under /sort cp', 'a* s* l*', { ...DEFAULT_SETTINGS, sort: 'cp' }],
  ['a* with /lang ru', 'a* s*', { ...DEFAULT_SETTINGS, lang: 'ru' }],
  ['unseen words under /match names', distinct(spelled, 40), { ...DEFAULT_SETTINGS, match: 'names' }],
];

function filterEveryBlock(): string {
  return Array.from({ length: 120 }, (_, k) => `-blk:${['arrows', 'emoticons', 'dingbats', 'misc_symbols'][k % 4]}`).join(' ') + ' letter';
}

const index = CharIndex.load();
const names = filterNamesOf(index.header);
const wanted = process.argv[2];
let worstAccepted = { name: '', ms: 0 };
for (const [name, line, settings = DEFAULT_SETTINGS] of SCENARIOS) {
  if (wanted && !name.includes(wanted)) continue;
  const query = parseQuery(line, names);
  if (query.kind !== 'search') {
    console.log(`${name.padEnd(40)} not a search (${query.kind}${query.kind === 'invalid' ? `: ${query.reason}` : ''})`);
    continue;
  }
  const times: number[] = [];
  let outcome = '';
  for (let run = 0; run < RUNS; run++) {
    const started = process.cpuUsage();
    try {
      const result = searchIndex(index, query, settings, BUDGET);
      outcome = `${result.total.toLocaleString('en-US')} matches`;
    } catch (error) {
      if (!(error instanceof QueryTooCostly)) throw error;
      outcome = `refused: ${error.message}`;
    }
    const used = process.cpuUsage(started);
    times.push((used.user + used.system) / 1000);
  }
  const worst = Math.max(...times);
  const best = Math.min(...times);
  if (!outcome.startsWith('refused') && worst > worstAccepted.ms) worstAccepted = { name, ms: worst };
  console.log(`${name.padEnd(40)} ${worst.toFixed(1).padStart(7)} ms worst, ${best.toFixed(1).padStart(7)} ms best  (${line.length} chars) ${outcome}`);
}
console.log(`worst accepted: ${worstAccepted.ms.toFixed(1)} ms (${worstAccepted.name})`);
