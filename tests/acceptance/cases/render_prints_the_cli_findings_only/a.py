# Databricks notebook source
print("a")
