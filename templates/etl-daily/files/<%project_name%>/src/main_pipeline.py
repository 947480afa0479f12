# The main pipeline: bronze to gold tables.
import dlt


@dlt.table(comment="Raw events as they arrived")
def bronze_events():
    return spark.range(10).withColumnRenamed("id", "event_id")
