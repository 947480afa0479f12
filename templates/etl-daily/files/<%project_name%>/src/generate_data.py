# Databricks notebook source
# Generates the day's input data for the pipelines.
catalog = dbutils.widgets.get("catalog")
run_date = dbutils.widgets.get("run_date")
print(f"generating data for {run_date} in {catalog}")
