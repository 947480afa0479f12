# Databricks notebook source
# Refreshes the feature tables for the run date.
catalog = dbutils.widgets.get("catalog")
schema = dbutils.widgets.get("schema")
print(f"features for {dbutils.widgets.get('run_date')} in {catalog}.{schema}")
