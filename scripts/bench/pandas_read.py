"""Reads one CSV with pandas.read_csv (whole file, the way users would) and prints JSON
figures: rows, seconds, peak RSS in bytes. Called by scripts/bench/core.ts."""
import json
import resource
import sys
import time

import pandas as pd

path, sep = sys.argv[1], sys.argv[2]
start = time.perf_counter()
frame = pd.read_csv(path, sep=sep, encoding="utf-8-sig", low_memory=False)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"rows": int(len(frame)), "seconds": seconds, "peakRss": peak}))
