"""Placeholder for extract_events of the movie recommender.

The real step exits non-zero on failure, which fails the task (and retries it twice).
"""
import sys

print("extract_events", sys.argv[1:])
