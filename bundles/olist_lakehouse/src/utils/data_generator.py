# Databricks notebook source
# Generates the day's synthetic orders and CDC events under /Volumes/<catalog>/raw/olist.
catalog = dbutils.widgets.get("catalog")
print(f"generating data for {catalog}")
