# Databricks notebook source
