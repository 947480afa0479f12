# Databricks notebook source
# The job's first task. Its parameters arrive as widgets.
catalog = dbutils.widgets.get("catalog")
schema = dbutils.widgets.get("schema")
run_date = dbutils.widgets.get("run_date")
print(f"<%project_name%>: processing {run_date} into {catalog}.{schema}")
