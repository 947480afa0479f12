"""Placeholder for the ingestion step of the recommendations batch.

The real code reads --mode (and the dates or window it is given) and exits non-zero on
failure, which fails the task and stops the steps after it.
"""
import argparse

parser = argparse.ArgumentParser()
parser.add_argument("--mode", required=True)
parser.add_argument("--event-date", default="")
parser.add_argument("--trigger-date", default="")
parser.add_argument("--window-days", type=int, default=7)
args = parser.parse_args()
print(f"ingestion: mode={args.mode}")
