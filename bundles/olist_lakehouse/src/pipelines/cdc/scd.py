# Placeholder: the scd tables of the CDC pipeline.
import dlt
