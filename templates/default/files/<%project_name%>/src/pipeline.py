# The pipeline's source: one table, refreshed by the job after its notebook ran.
import dlt
from pyspark.sql import functions as F


@dlt.table(comment="The days <%project_name%> has processed")
def processed_days():
    return spark.range(1).select(F.current_date().alias("day"))
