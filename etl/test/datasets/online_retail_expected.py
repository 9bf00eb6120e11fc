#!/usr/bin/env python3
"""Independent figures for the online-retail preset, computed from the raw file with the
Python standard library only (no Storelens code), from the rules in the preset's documentation:

- a line whose invoice starts with C is a cancellation; A is a bad-debt adjustment (rejected);
- a non-cancellation line with quantity <= 0 is a stock write-off (rejected);
- every other line of a non-cancellation invoice is an order line; its invoice is an order;
- a cancellation line (with a customer) cancels the customer's latest purchase of the same
  stock code at or before its time; lines with no such purchase are refunds of sales not in
  the file, recorded under their own C invoice.
Usage: online_retail_expected.py path/to/online_retail.csv.gz  (prints JSON)
"""
import bisect
import csv
import gzip
import json
import sys
from collections import defaultdict
from decimal import Decimal

def main(path):
    with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    customers = set()
    items = 0
    rejected = {"bad_debt": 0, "write_off": 0}
    sale_invoices = set()
    sale_total = defaultdict(Decimal)
    sale_lines = defaultdict(list)  # (customer, code) -> [(ts, invoice)]
    cancels = []
    cancel_invoices = set()
    for r in rows:
        inv, code, cust = r["InvoiceNo"].strip(), r["StockCode"].strip(), r["CustomerID"].strip()
        cust = cust[:-2] if cust.endswith(".0") else cust
        qty, price, ts = int(r["Quantity"]), Decimal(r["UnitPrice"]), r["InvoiceDate"].strip()
        if cust:
            customers.add(cust)
        if inv.startswith("A"):
            rejected["bad_debt"] += 1
            continue
        if inv.startswith("C"):
            cancel_invoices.add(inv)
            cancels.append((cust, code, ts, inv, -qty * price))
            continue
        if qty <= 0:
            rejected["write_off"] += 1
            continue
        items += 1
        sale_invoices.add(inv)
        sale_total[inv] += qty * price
        if cust:
            sale_lines[(cust, code)].append((ts, inv))
    for key in sale_lines:
        sale_lines[key].sort()
    refunds = defaultdict(Decimal)
    unmatched = defaultdict(Decimal)
    matched_lines = 0
    for cust, code, ts, cinv, amount in cancels:
        candidates = sale_lines.get((cust, code), []) if cust else []
        i = bisect.bisect_right([t for t, _ in candidates], ts)
        if i == 0:
            unmatched[cinv] += amount
        else:
            refunds[candidates[i - 1][1]] += amount
            matched_lines += 1
    fully = sum(1 for inv, amount in refunds.items() if amount >= sale_total[inv])
    print(json.dumps({
        "lines": len(rows),
        "order_items": items,
        "rejected": rejected,
        "orders": len(sale_invoices),
        "cancellation_invoices": len(cancel_invoices),
        "cancellation_lines": len(cancels),
        "cancellation_lines_matched": matched_lines,
        "refunded_orders": len(refunds),
        "refunded_orders_fully": fully,
        "refund_amount_matched": str(sum(refunds.values(), Decimal(0)).quantize(Decimal("0.01"))),
        "refund_only_records": len(unmatched),
        "refund_amount_unmatched": str(sum(unmatched.values(), Decimal(0)).quantize(Decimal("0.01"))),
        "customers": len(customers),
        "sales_amount": str(sum(sale_total.values(), Decimal(0)).quantize(Decimal("0.01"))),
    }, indent=2))

if __name__ == "__main__":
    main(sys.argv[1])
