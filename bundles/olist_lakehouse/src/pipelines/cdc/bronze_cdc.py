# Placeholder: the bronze_cdc tables of the CDC pipeline.
import dlt
