/**
 * Every `/command` a connection can send, parsed in one place into a typed
 * command, or into the refusal that says what was wrong. Pure: the session
 * acts on the command; the index supplies the language tags for `/lang`.
 *
 *   /help [syntax|filters|commands]  an overview, or one part of the help
 *   /quit, /exit               end the session
 *   /more                      the next page of the last reply
 *   /page N | off              N matches per page (alone: show)
 *   /format text | json        the reply format (alone: show)
 *   /t                         terminal mode on (telnet: window size, pager, columns, colour)
 *   /terminal on | off         the same, or back to plain lines (alone: show)
 *   /color on | off | auto     colour in terminal mode (alone: show)
 *   /match, /sort, /lang, /tone  search settings (see settings.ts; alone: show)
 *   /info X                    everything about one character or sequence (see charArgument.ts)
 */
import { parseCharArgument } from './charArgument.js';
import { skinToneNamed } from './filters.js';
import { describeSetting, MATCH_MODES, SKIN_TONES, SORT_ORDERS, withSetting, type MatchMode, type SearchSettings, type SortOrder } from './settings.js';

export type FormatName = 'text' | 'json';
/** `/color`: auto follows the terminal type telnet reported. */
export type ColourMode = 'on' | 'off' | 'auto';
const COLOUR_MODES: readonly ColourMode[] = ['on', 'off', 'auto'];

/** What `/help` can show: the overview (alone), or one part of it. */
export type HelpTopic = 'overview' | 'syntax' | 'filters' | 'commands';
const HELP_PARTS: readonly HelpTopic[] = ['syntax', 'filters', 'commands'];

/** A command's value is absent when it was given alone: the session then shows the setting. */
export type Command =
  | { name: 'help'; topic: HelpTopic }
  | { name: 'quit' }
  | { name: 'more' }
  | { name: 'page'; size?: number }
  | { name: 'format'; format?: FormatName }
  | { name: 'info'; codePoints: number[] }
  | { name: 'terminal'; on?: boolean }
  | { name: 'color'; mode?: ColourMode }
  | SettingCommand;

export type SettingCommand =
  | { name: 'match'; mode?: MatchMode }
  | { name: 'sort'; order?: SortOrder }
  /** [] is English alone; 'all' every language. */
  | { name: 'lang'; languages?: readonly string[] | 'all' }
  /** null shows every skin-tone variant. */
  | { name: 'tone'; tone?: number | null };

/** Why a command line was refused; the same shapes as the protocol's refusals. */
export type CommandError =
  | { error: 'unknown command'; command: string }
  | { error: 'invalid argument'; command: string; argument: string; expected: string }
  | { error: 'missing argument'; command: string; expected: string }
  | { error: 'invalid setting'; reason: string };

export type ParsedCommand = { command: Command } | CommandError;

const LANG_OFF = new Set(['off', 'none', '-']);
const PAGE_SIZE = /^\d{1,9}$/;

/** Parses a line that starts with `/`. `languages` are the CLDR tags the index carries. */
export function parseCommand(line: string, languages: readonly string[]): ParsedCommand {
  const [word, ...values] = line.trim().split(/\s+/);
  const name = word.toLowerCase();
  const value = values[0];
  const wanted = value?.toLowerCase();
  const oneValue = (command: Command): ParsedCommand =>
    values.length > 1 ? { error: 'invalid setting', reason: `${name} takes one value; /help lists them` } : { command };

  switch (name) {
    case '/help': {
      if (wanted === undefined) return { command: { name: 'help', topic: 'overview' } };
      const topic = HELP_PARTS.find((part) => part === wanted);
      if (!topic) return { error: 'invalid argument', command: '/help', argument: values.join(' '), expected: 'syntax, filters or commands' };
      return oneValue({ name: 'help', topic });
    }
    case '/quit':
    case '/exit':
      return { command: { name: 'quit' } };
    case '/more':
      return { command: { name: 'more' } };
    case '/page': {
      if (wanted === undefined) return { command: { name: 'page' } };
      const size = wanted === 'off' ? 0 : PAGE_SIZE.test(wanted) ? Number(wanted) : NaN;
      if (Number.isNaN(size)) return { error: 'invalid argument', command: '/page', argument: values.join(' '), expected: 'a number of matches per page, or off' };
      return oneValue({ name: 'page', size });
    }
    case '/format':
      if (wanted === undefined) return { command: { name: 'format' } };
      if (wanted !== 'text' && wanted !== 'json') return { error: 'invalid argument', command: '/format', argument: values.join(' '), expected: 'text or json' };
      return oneValue({ name: 'format', format: wanted });
    case '/t':
      return values.length > 0 ? { error: 'invalid argument', command: '/t', argument: values.join(' '), expected: 'nothing (/terminal off leaves terminal mode)' } : { command: { name: 'terminal', on: true } };
    case '/terminal':
      if (wanted === undefined) return { command: { name: 'terminal' } };
      if (wanted !== 'on' && wanted !== 'off') return { error: 'invalid argument', command: '/terminal', argument: values.join(' '), expected: 'on or off' };
      return oneValue({ name: 'terminal', on: wanted === 'on' });
    case '/color':
    case '/colour': {
      if (wanted === undefined) return { command: { name: 'color' } };
      const mode = COLOUR_MODES.find((candidate) => candidate === wanted);
      if (!mode) return { error: 'invalid argument', command: '/color', argument: values.join(' '), expected: 'on, off or auto' };
      return oneValue({ name: 'color', mode });
    }
    case '/match':
      if (wanted === undefined) return { command: { name: 'match' } };
      if (!(wanted in MATCH_MODES)) return { error: 'invalid setting', reason: values.length > 1 ? `${name} takes one value; /help lists them` : `/match takes 'all' or 'names', not '${value}'` };
      return oneValue({ name: 'match', mode: wanted as MatchMode });
    case '/sort':
      if (wanted === undefined) return { command: { name: 'sort' } };
      if (!(wanted in SORT_ORDERS)) return { error: 'invalid setting', reason: values.length > 1 ? `${name} takes one value; /help lists them` : `/sort takes 'rank' or 'cp', not '${value}'` };
      return oneValue({ name: 'sort', order: wanted as SortOrder });
    case '/lang': {
      if (wanted === undefined) return { command: { name: 'lang' } };
      const asked = values.flatMap((value) => value.split(',')).filter((tag) => tag !== '');
      if (asked.length === 1 && asked[0].toLowerCase() === 'all') return { command: { name: 'lang', languages: 'all' } };
      const tags: string[] = [];
      for (const tag of asked) {
        const loose = tag.toLowerCase().replaceAll('_', '-');
        if (LANG_OFF.has(loose) || loose === 'en') continue;
        const known = languages.find((candidate) => candidate.toLowerCase() === loose);
        if (!known) return { error: 'invalid setting', reason: `no CLDR annotations in '${tag}'; try a language tag such as ru, ja, es, pt-PT (${languages.length} languages), or all` };
        if (!tags.includes(known)) tags.push(known);
      }
      return { command: { name: 'lang', languages: tags } };
    }
    case '/tone': {
      if (wanted === undefined) return { command: { name: 'tone' } };
      if (wanted === 'all' || wanted === 'off') return oneValue({ name: 'tone', tone: null });
      const tone = skinToneNamed(values.join(' '));
      if (tone < 0) return { error: 'invalid setting', reason: `/tone takes all, ${SKIN_TONES.join(', ')}; not '${values.join(' ')}'` };
      return { command: { name: 'tone', tone } };
    }
    case '/info': {
      const argument = parseCharArgument(values);
      if ('codePoints' in argument) return { command: { name: 'info', codePoints: argument.codePoints } };
      if (argument.argument === null) return { error: 'missing argument', command: '/info', expected: argument.expected };
      return { error: 'invalid argument', command: '/info', argument: argument.argument, expected: argument.expected };
    }
    default:
      return { error: 'unknown command', command: word };
  }
}

export function isSettingCommand(command: Command): command is SettingCommand {
  return command.name === 'match' || command.name === 'sort' || command.name === 'lang' || command.name === 'tone';
}

/**
 * `/match`, `/sort`, `/lang` or `/tone` as one step: the new settings and the sentence
 * that says them; null when `line` is another command.
 */
export function applySettingCommand(line: string, settings: SearchSettings, languages: readonly string[]): { settings: SearchSettings; reply: string } | { error: string } | null {
  const parsed = parseCommand(line, languages);
  if ('error' in parsed) {
    if (parsed.error === 'invalid setting') return { error: parsed.reason };
    return null;
  }
  if (!isSettingCommand(parsed.command)) return null;
  const next = withSetting(settings, parsed.command);
  return { settings: next, reply: describeSetting(parsed.command.name, next) };
}
