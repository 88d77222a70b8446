#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Independent reference figures for tst_reports (issue 5): computed straight
from the CSV files of tests/data/crm-sample with Python's csv module, never
through Fieldbook's SQL. Prints one JSON object:

  won_lost:   {agent login: {"won", "lost", "won_amount_cents"}}
  open_deals: {agent login: deals at Prospecting or Engaging}
  avg_days_by_product: {product name: mean days engage -> close of Won/Lost
                        deals with both dates, rounded to 2 places}
  monthly_won_cents: {"YYYY-MM" of close_date: amount won in cents}

Usage: reports_reference.py SAMPLE_DIR
"""
import csv
import datetime
import json
import sys
from collections import defaultdict


def login(name):
    return ".".join(part.lower() for part in name.split())


def read(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def main(sample):
    agents = {r["sales_agent"] for r in read(sample + "/sales_teams.csv")}
    products = {r["product"].replace(" ", "").lower(): r["product"]
                for r in read(sample + "/products.csv")}
    won_lost = defaultdict(lambda: {"won": 0, "lost": 0, "won_amount_cents": 0})
    open_deals = defaultdict(int)
    days = defaultdict(list)
    monthly = defaultdict(int)
    for r in read(sample + "/sales_pipeline.csv"):
        if r["sales_agent"] not in agents:
            continue
        who = login(r["sales_agent"])
        stage = r["deal_stage"]
        cents = round(float(r["close_value"]) * 100) if r["close_value"] else 0
        if stage in ("Prospecting", "Engaging"):
            open_deals[who] += 1
            continue
        if stage not in ("Won", "Lost"):
            continue
        won_lost[who]["won" if stage == "Won" else "lost"] += 1
        if stage == "Won":
            won_lost[who]["won_amount_cents"] += cents
            if r["close_date"]:
                monthly[r["close_date"][:7]] += cents
        if r["engage_date"] and r["close_date"]:
            engage = datetime.date.fromisoformat(r["engage_date"])
            close = datetime.date.fromisoformat(r["close_date"])
            product = products.get(r["product"].replace(" ", "").lower(), r["product"])
            days[product].append((close - engage).days)
    print(json.dumps({
        "won_lost": won_lost,
        "open_deals": open_deals,
        "avg_days_by_product": {p: round(sum(v) / len(v), 2) for p, v in days.items()},
        "monthly_won_cents": monthly,
    }, sort_keys=True))


if __name__ == "__main__":
    main(sys.argv[1])
