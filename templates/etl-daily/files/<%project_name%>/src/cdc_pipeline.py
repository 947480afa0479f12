# The change-data-capture pipeline: applies changes to the customer table.
import dlt


@dlt.table(comment="Customer changes, latest first")
def customer_changes():
    return spark.range(10).withColumnRenamed("id", "customer_id")
