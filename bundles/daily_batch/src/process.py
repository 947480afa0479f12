# Databricks notebook source
# process step of the daily batch pipeline.
dbutils.widgets.text("catalog", "main")
dbutils.widgets.text("schema", "daily_batch")
print("process", dbutils.widgets.get("catalog"), dbutils.widgets.get("schema"))
