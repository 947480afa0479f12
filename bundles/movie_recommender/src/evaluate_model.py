"""Placeholder for evaluate_model of the movie recommender.

The real step scores the new model on the held-out set and publishes its metrics as task
values, which the deploy gate's condition tasks compare with the thresholds.
"""
from databricks.sdk.runtime import dbutils

metrics = {"auc": 0.0, "ndcg_at_10": 0.0, "hit_rate_at_10": 0.0}  # computed by the real code
for name, value in metrics.items():
    dbutils.jobs.taskValues.set(key=name, value=value)
