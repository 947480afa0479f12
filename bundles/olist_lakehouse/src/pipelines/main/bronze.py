# Placeholder: the bronze tables of the main pipeline.
import dlt
