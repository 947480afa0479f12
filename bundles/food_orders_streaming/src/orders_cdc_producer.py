"""Placeholder for orders_cdc_producer of the food orders stream.

The real script takes the flags the job passes (servers, topic, paths).
"""
import sys

print("orders_cdc_producer", sys.argv[1:])
