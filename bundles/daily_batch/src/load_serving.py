# Databricks notebook source
# load_serving step of the daily batch pipeline.
dbutils.widgets.text("catalog", "main")
dbutils.widgets.text("schema", "daily_batch")
print("load_serving", dbutils.widgets.get("catalog"), dbutils.widgets.get("schema"))
