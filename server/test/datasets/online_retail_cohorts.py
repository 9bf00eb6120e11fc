#!/usr/bin/env python3
"""Monthly first-purchase cohorts of the UCI Online Retail file, straight from the raw file.

A purchase is a sales invoice (not starting with C or A) with at least one line of positive
quantity, by a customer (CustomerID present); its month is the month of InvoiceDate (UK local
time, as written). Prints {cohort month: [size, customers buying in month +1, +2, ...]}.
Run: python3 online_retail_cohorts.py online_retail.csv.gz PERIODS
"""
import csv
import gzip
import json
import sys
from collections import defaultdict


def main(path, periods):
    months = defaultdict(set)
    with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            inv, cust = r["InvoiceNo"].strip(), r["CustomerID"].strip()
            cust = cust[:-2] if cust.endswith(".0") else cust
            if not cust or inv.startswith(("A", "C")) or int(r["Quantity"]) <= 0:
                continue
            y, m = int(r["InvoiceDate"][:4]), int(r["InvoiceDate"][5:7])
            months[cust].add(y * 12 + m - 1)
    cohorts = defaultdict(lambda: [0] * (periods + 1))
    for cust, ms in months.items():
        first = min(ms)
        row = cohorts[first]
        for k in range(periods + 1):
            if first + k in ms:
                row[k] += 1
    out = {f"{c // 12}-{c % 12 + 1:02d}-01": row for c, row in sorted(cohorts.items())}
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
