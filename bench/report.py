"""Print the results table of one or more `bench.run --json` files, e.g. for the README:

    .venv/bin/python -m bench.report results/*.json
"""
import json
import sys

from .run import table


def main(paths):
    results = []
    for path in paths:
        with open(path) as handle:
            report = json.load(handle)
        results += [(r.get("case", "?"), r) for r in report["results"]]
    print(table(results))


if __name__ == "__main__":
    main(sys.argv[1:])
