# Placeholder: the gold tables of the main pipeline.
import dlt
