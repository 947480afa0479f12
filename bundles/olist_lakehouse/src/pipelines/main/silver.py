# Placeholder: the silver tables of the main pipeline.
import dlt
