"""Placeholder for orders_stream_consumer of the food orders stream.

The real script takes the flags the job passes (servers, topic, paths).
"""
import sys

print("orders_stream_consumer", sys.argv[1:])
