"""Placeholder for compute_features of the movie recommender.

The real step exits non-zero on failure, which fails the task (and retries it twice).
"""
import sys

print("compute_features", sys.argv[1:])
