"""The book's charindex (Fluent Python 2e, mojifinder) over the relevance queries.

Reads {"queries": [...], "items": [[code point, ...], ...]} as JSON on stdin; writes
{"rankings": [[[code point], ...] per query], "known": [bool per item], "unicode": version}.
InvertedIndex.search returns a set; the book prints it sorted, so results are in
code point order. Names come from this Python's unicodedata.
"""
import json
import sys
import unicodedata

sys.path.insert(0, sys.argv[1])
from charindex import InvertedIndex  # noqa: E402

request = json.load(sys.stdin)
index = InvertedIndex()
rankings = [[[ord(char)] for char in sorted(index.search(query))] for query in request['queries']]
known = [len(item) == 1 and item[0] >= 32 and unicodedata.name(chr(item[0]), '') != '' for item in request['items']]
json.dump({'rankings': rankings, 'known': known, 'unicode': unicodedata.unidata_version}, sys.stdout)
