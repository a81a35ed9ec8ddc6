/** Which languages an HTTP search counts: `lang=`, else the browser's Accept-Language. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ErrorReply, SearchPage } from '../src/http/wire.js';
import { acceptedLanguages, languagePreference } from '../src/http/languages.js';
import { getJson, httpServerForThisFile } from './support/http.js';

const KNOWN = ['en', 'en-GB', 'de', 'de-CH', 'pt', 'pt-PT', 'ru', 'af'];

test('Accept-Language: tags by descending q, q=0 and * left out, malformed parts ignored', () => {
  assert.deepEqual(acceptedLanguages('de-CH, fr;q=0.9, en;q=0.8, *;q=0.5'), ['de-CH', 'fr', 'en']);
  assert.deepEqual(acceptedLanguages('ru;q=0.5, uk'), ['uk', 'ru']);
  assert.deepEqual(acceptedLanguages('af;q=0, <script>, pt-PT'), ['pt-PT']);
  assert.deepEqual(acceptedLanguages(''), []);
});

test('the languages of a request: lang= first, else Accept-Language, as the index spells them; English always counts anyway', () => {
  assert.deepEqual(languagePreference('RU,pt_pt', undefined, KNOWN), { languages: ['ru', 'pt-PT'] });
  assert.deepEqual(languagePreference('all', 'de', KNOWN), { languages: 'all' });
  assert.deepEqual(languagePreference('en', 'de', KNOWN), { languages: [] });
  assert.deepEqual(languagePreference('xx', undefined, KNOWN), { invalid: 'xx' });
  assert.deepEqual(languagePreference(null, 'de-AT, en-US;q=0.8, xx', KNOWN), { languages: ['de'] });
  assert.deepEqual(languagePreference(null, undefined, KNOWN), { languages: [] });
});

const served = httpServerForThisFile();

function search(query: string, headers: Record<string, string> = {}) {
  return getJson<SearchPage & ErrorReply>(`${served.base}/api/search?${query}`, { headers });
}

test('over HTTP, a German browser finds ⭐ by Stern among its first answers, and the same English query is English', async () => {
  // `rook` is English: no Afrikaans 🚬 unless the request asks for Afrikaans or every language.
  const english = await search('q=rook');
  assert.equal(english.status, 200);
  assert.equal(english.headers.get('vary'), 'Accept-Language');
  assert.ok(english.body.items.every((item) => item.via !== 'cldr:af'));
  const afrikaans = await search('q=rook', { 'Accept-Language': 'af' });
  assert.ok(afrikaans.body.items.some((item) => item.via === 'cldr:af' && item.cp === 'U+1F6AC'));
  const all = await search('q=rook&lang=all', { 'Accept-Language': 'de' });
  assert.equal(all.headers.get('vary'), null);
  assert.ok(all.body.items.some((item) => item.cp === 'U+1F6AC'));
  // The browser's language also names the characters in it.
  const german = await search('q=cat', { 'Accept-Language': 'de-DE,de;q=0.9' });
  assert.equal(german.body.items[0].cp, 'U+1F408');
  assert.equal(german.body.items[0].localName, 'Katze');
});

test('lang= names no language the index has: 400 with the reason', async () => {
  const { status, body } = await search('q=cat&lang=xx');
  assert.equal(status, 400);
  assert.equal(body.error, 'invalid lang');
  assert.match(body.message, /no CLDR annotations in 'xx'/);
});
