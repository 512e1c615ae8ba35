#!/usr/bin/env python3
"""Reads and validates the assessments of a benchmark dataset folder with pandas, for comparison with
`outcomes-benchmark ingest`: same file, same rules (known patient, instrument, date, item ranges,
PHQ-9 item_10 blank, total range, total = item sum when all items present, blank total needs all items).
Prints `pandas seconds=<s>` and the peak resident memory."""
import resource
import sys
import time

import numpy as np
import pandas as pd


def main(folder: str) -> None:
    start = time.perf_counter()
    patients = pd.read_csv(f"{folder}/patients.csv", dtype={"patient_id": "string"})
    items = [f"item_{i}" for i in range(1, 11)]
    dtypes = {"patient_id": "string", "time": "string", "instrument": "string", "total": "float64"}
    dtypes.update({item: "float64" for item in items})
    frame = pd.read_csv(f"{folder}/assessments.csv", dtype=dtypes)
    rows_read = len(frame)

    times = pd.to_datetime(frame["time"], format="ISO8601", errors="coerce")
    instrument = frame["instrument"].str.upper().str.replace("_", "-").str.replace(" ", "-")
    instrument = instrument.replace({"PHQ9": "PHQ-9"})
    is_phq = instrument == "PHQ-9"
    is_madrs = instrument == "MADRS"
    scores = frame[items].to_numpy()
    maximum = np.where(is_phq.to_numpy(), 3, 6)[:, None]
    counted = np.ones((rows_read, 10), dtype=bool)
    counted[is_phq.to_numpy(), 9] = False
    present = ~np.isnan(scores)
    out_of_range = (present & ((scores < 0) | (scores > maximum) | (scores != np.floor(scores)))).any(axis=1)
    phq_item10 = is_phq.to_numpy() & present[:, 9]
    complete = (present | ~counted).all(axis=1)
    item_sum = np.where(present & counted, scores, 0).sum(axis=1)
    total = frame["total"].to_numpy()
    max_total = np.where(is_phq.to_numpy(), 27, 60)
    has_total = ~np.isnan(total)
    bad_total = has_total & ((total < 0) | (total > max_total) | (complete & (total != item_sum)))
    no_total_incomplete = ~has_total & ~complete
    unknown = ~frame["patient_id"].isin(patients["patient_id"]).to_numpy()
    rejected = (unknown | times.isna().to_numpy() | ~(is_phq | is_madrs).to_numpy() | out_of_range
                | phq_item10 | bad_total | no_total_incomplete)
    accepted = frame.loc[~rejected].copy()
    accepted["total"] = np.where(has_total, total, item_sum)[~rejected]
    accepted["time"] = times[~rejected]
    elapsed = time.perf_counter() - start

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"pandas {pd.__version__}: rows read {rows_read}, accepted {len(accepted)}, rejected {int(rejected.sum())}")
    print(f"pandas seconds={elapsed:.3f}")
    print(f"pandas: {rows_read / elapsed:.0f} rows/s; frame {frame.memory_usage(deep=True).sum() / 1e6:.1f} MB; "
          f"peak RSS {peak:.1f} MB")


if __name__ == "__main__":
    main(sys.argv[1])
