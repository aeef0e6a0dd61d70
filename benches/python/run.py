"""Runs one baseline on one dataset, end to end from the CSV files to the result files,
and prints its time and peak memory as JSON.

    python run.py pandas|polars|desier-py interactivity|usage DATA_DIR OUT_DIR

The time covers reading the inputs, computing and writing `municipalities.csv` and
`aggregates.csv`; importing the library and starting Python are left out (in the
baseline's favour). `desier-py` is desier through its Python package (the file paths
given to `desier.interactivity` / `desier.usage`, the result's DataFrames written with
pandas)."""

import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))


def main():
    impl, index, data, out = sys.argv[1:5]
    if impl == "pandas":
        import pandas_impl as m
    elif impl == "polars":
        import polars_impl as m
    else:
        import desier_py_impl as m
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    municipalities, aggregates = getattr(m, index)(Path(data))
    m.write_csv(municipalities, out / "municipalities.csv")
    m.write_csv(aggregates, out / "aggregates.csv")
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "peak_kb": peak}))


if __name__ == "__main__":
    main()
