# Databricks notebook source
# Promotes the evaluated model version to the serving alias.
print("deploying <%project_name%>")
