#!/usr/bin/env python3
"""Prints a Stryker --mutate argument naming a uniform random sample of code lines (fixed seed) of the given files."""
import random, re, sys
seed, count, files = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
candidates = []
in_block_comment = False
for path in files:
    for number, line in enumerate(open(path), 1):
        text = line.strip()
        if in_block_comment:
            in_block_comment = '*/' not in text
            continue
        if text.startswith('/*'):
            in_block_comment = '*/' not in text
            continue
        if not text or text.startswith('//') or re.match(r'^(import|export \{|export \* from|\} from)', text):
            continue
        candidates.append((path, number))
random.Random(seed).shuffle(candidates)
print(len(candidates), file=sys.stderr)
print(','.join(f'{p}:{n}-{n}' for p, n in sorted(candidates[:count])))
