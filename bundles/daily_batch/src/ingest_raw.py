# Databricks notebook source
# ingest_raw step of the daily batch pipeline.
dbutils.widgets.text("catalog", "main")
dbutils.widgets.text("schema", "daily_batch")
print("ingest_raw", dbutils.widgets.get("catalog"), dbutils.widgets.get("schema"))
