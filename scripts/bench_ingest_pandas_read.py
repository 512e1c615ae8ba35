#!/usr/bin/env python3
"""pandas read_csv on the assessments file of `outcomes-benchmark ingest`, timed inside Python (interpreter start
and import excluded), with the time column parsed (ISO 8601). Prints `pandas_read <seconds>`."""
import sys
import time

import pandas as pd

start = time.perf_counter()
frame = pd.read_csv(sys.argv[1], dtype={"patient_id": "string", "instrument": "string"})
frame["time"] = pd.to_datetime(frame["time"], format="ISO8601")
elapsed = time.perf_counter() - start
print(f"version {pd.__version__}")
print(f"pandas_read {elapsed:.3f}")
