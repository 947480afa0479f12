# Databricks notebook source
# Trains a new model version on the feature tables.
print("training <%project_name%>")
