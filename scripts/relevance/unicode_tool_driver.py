"""Debian's `unicode` tool over the relevance queries, as a shell user runs it: `unicode WORDS`.

Loads /usr/bin/unicode as a module and calls its own argument handling (process(), which
guesses each argument's type: a word of 4+ letters starts a regular expression over the
lines of UnicodeData.txt, the following words joined by '.*'; shorter words are described
character by character). Results in the tool's order. The data file is read once and
served from memory to every query; the matching is the tool's.
Reads {"queries": [...], "items": [...]} on stdin; writes {"rankings", "known", "unicode"}.
"""
import importlib.machinery
import importlib.util
import io
import json
import sys

loader = importlib.machinery.SourceFileLoader('unicode_tool', sys.argv[1])
spec = importlib.util.spec_from_loader('unicode_tool', loader)
tool = importlib.util.module_from_spec(spec)
loader.exec_module(tool)
tool.do_init()

data_file = next(name for name in tool.UnicodeDataFileNames if tool.OpenGzip(name) is not None)
handle = tool.OpenGzip(data_file)
lines = list(handle)
handle.close()
tool.OpenGzip = lambda name: iter_lines() if name == data_file else None


class iter_lines:
    def __init__(self):
        self.lines = iter(lines)

    def __iter__(self):
        return self.lines

    def close(self):
        pass


known_code_points = set()
first = None
for line in lines:
    fields = line.split(';')
    code_point = int(fields[0], 16)
    if fields[1].endswith(', First>'):
        first = code_point
    elif fields[1].endswith(', Last>') and first is not None:
        known_code_points.update(range(first, code_point + 1))
    else:
        known_code_points.add(code_point)

request = json.load(sys.stdin)
rankings = []
for query in request['queries']:
    try:
        chars = tool.process(query.split(), None)
    except Exception:  # an argument the tool cannot handle (bad regular expression): it finds nothing
        chars = []
    rankings.append([[ord(char)] for char in chars])
known = [len(item) == 1 and item[0] in known_code_points for item in request['items']]
json.dump({'rankings': rankings, 'known': known, 'unicode': data_file}, sys.stdout)
