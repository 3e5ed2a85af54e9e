"""Reads one CSV with pandas.read_csv (whole file, the way users would) and prints JSON
figures: rows, seconds (wall), cpuSeconds (this process, the read only), peak RSS in bytes.
Called by scripts/bench/core.ts: pandas' C tokenizer, the floor a pandas job starts from."""
import json
import resource
import sys
import time

import pandas as pd

path, sep = sys.argv[1], sys.argv[2]
wall, cpu = time.perf_counter(), time.process_time()
frame = pd.read_csv(path, sep=sep, encoding="utf-8-sig", low_memory=False)
cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"rows": int(len(frame)), "seconds": wall, "cpuSeconds": cpu, "peakRss": peak}))
