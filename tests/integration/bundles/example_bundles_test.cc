// Each example bundle of bundles/ behaves on the emulator as the system it replaces did:
// the happy path, a failure that stops what follows, a retry that recovers, the branches.
#include <chrono>
#include <thread>

#include "support/example_bundle_fixture.h"

namespace bundlectl::testing {
namespace {

using Results = std::map<std::string, std::string>;

// recommendations_batch: the cron scripts stopped at the first failing step.
TEST_F(ExampleBundleTest, RecommendationsInitialLoadRunsItsThreeStepsInOrder) {
  deploy("recommendations_batch");
  RunOutcome outcome = run("initial_load");
  EXPECT_EQ(outcome.exit_code, 0) << outcome.err;
  EXPECT_EQ(outcome.run["result"], "SUCCESS");
  EXPECT_EQ(task_results(outcome.run),
            (Results{{"ingestion", "SUCCESS"}, {"processing", "SUCCESS"}, {"loader", "SUCCESS"}}));
}

TEST_F(ExampleBundleTest, RecommendationsFailedProcessingStopsTheLoader) {
  deploy("recommendations_batch");
  RunOutcome outcome =
      run("daily_pipeline", "processing_fails", {"--params", "processing_window_days=3"});
  EXPECT_EQ(outcome.exit_code, 4) << outcome.err;
  EXPECT_EQ(outcome.run["result"], "FAILED");
  EXPECT_EQ(
      task_results(outcome.run),
      (Results{{"ingestion", "SUCCESS"}, {"processing", "FAILED"}, {"loader", "UPSTREAM_FAILED"}}));
}

// domain_ingestion: the hourly DAG and the monitoring DAG.
TEST_F(ExampleBundleTest, DomainIngestionStopsWhenKafkaIsDown) {
  deploy("domain_ingestion");
  RunOutcome outcome = run("domain_ingestion", "kafka_down");
  EXPECT_EQ(outcome.exit_code, 4) << outcome.err;
  EXPECT_EQ(task_results(outcome.run), (Results{{"check_kafka_health", "FAILED"},
                                                {"run_full_ingestion", "UPSTREAM_FAILED"},
                                                {"send_success_notification", "UPSTREAM_FAILED"}}));
}

TEST_F(ExampleBundleTest, DomainIngestionRetryRecovers) {
  deploy("domain_ingestion");
  RunOutcome outcome = run("domain_ingestion", "ingestion_retry");
  EXPECT_EQ(outcome.exit_code, 0) << outcome.err;
  EXPECT_EQ(attempt_of(outcome.run, "run_full_ingestion"), 1);
  EXPECT_EQ(task_results(outcome.run)["send_success_notification"], "SUCCESS");
}

TEST_F(ExampleBundleTest, MonitoringCollectsMetricsAndSendsNoAlertWhenAllIsFresh) {
  deploy("domain_ingestion");
  RunOutcome outcome = run("monitoring", "all_fresh");
  EXPECT_EQ(outcome.exit_code, 0) << outcome.err;
  Results results = task_results(outcome.run);
  EXPECT_EQ(results["collect_metrics"], "SUCCESS");
  EXPECT_EQ(results["alert_on_failure"], "EXCLUDED");
}

TEST_F(ExampleBundleTest, MonitoringAlertsWhenACheckFailsAndStillCollectsMetrics) {
  deploy("domain_ingestion");
  RunOutcome outcome = run("monitoring", "kafka_down");
  Results results = task_results(outcome.run);
  EXPECT_EQ(results["check_kafka"], "FAILED");
  EXPECT_EQ(results["check_spark"], "SUCCESS");
  EXPECT_EQ(results["check_gold_freshness"], "SUCCESS");
  EXPECT_EQ(results["collect_metrics"], "SUCCESS");
  EXPECT_EQ(results["alert_on_failure"], "SUCCESS");
  // A check failed: the run is not a plain success, so `run` exits 4 for the on-call.
  EXPECT_NE(outcome.run["result"], "SUCCESS");
  EXPECT_EQ(outcome.exit_code, 4);
}

// movie_recommender: the Sunday training branch and the deploy gate.
TEST_F(ExampleBundleTest, MovieRecommenderOnSundayTrainsAndDeploysAGoodModel) {
  deploy("movie_recommender");
  RunOutcome outcome = run("movie_recommender", "gate_passes", {"--params", "run_weekday=7"});
  EXPECT_EQ(outcome.exit_code, 0) << outcome.err;
  Results results = task_results(outcome.run);
  EXPECT_EQ(results["train_model"], "SUCCESS");
  EXPECT_EQ(results["hit_rate_gate"], "SUCCESS");
  EXPECT_EQ(results["deploy_model"], "SUCCESS");
  EXPECT_EQ(results["skip_deploy"], "EXCLUDED");
  EXPECT_EQ(results["alert_success"], "SUCCESS");
  EXPECT_EQ(results["alert_failure"], "EXCLUDED");
}

TEST_F(ExampleBundleTest, MovieRecommenderSkipsTheDeployOfAModelBelowAThreshold) {
  deploy("movie_recommender");
  RunOutcome outcome = run("movie_recommender", "gate_fails", {"--params", "run_weekday=7"});
  EXPECT_EQ(outcome.exit_code, 0) << outcome.err;
  Results results = task_results(outcome.run);
  EXPECT_EQ(results["auc_gate"], "SUCCESS");
  EXPECT_EQ(results["ndcg_gate"], "SUCCESS");  // it ran; its outcome was false
  EXPECT_EQ(results["hit_rate_gate"], "EXCLUDED");
  EXPECT_EQ(results["deploy_model"], "EXCLUDED");
  EXPECT_EQ(results["skip_deploy"], "SUCCESS");
  EXPECT_EQ(results["alert_success"], "SUCCESS");
}

TEST_F(ExampleBundleTest, MovieRecommenderOnAWeekdayDoesNotTrain) {
  deploy("movie_recommender");
  RunOutcome outcome = run("movie_recommender", "gate_passes", {"--params", "run_weekday=3"});
  EXPECT_EQ(outcome.exit_code, 0) << outcome.err;
  Results results = task_results(outcome.run);
  EXPECT_EQ(results["compute_features"], "SUCCESS");
  EXPECT_EQ(results["train_model"], "EXCLUDED");
  EXPECT_EQ(results["evaluate_model"], "EXCLUDED");
  EXPECT_EQ(results["deploy_model"], "EXCLUDED");
  EXPECT_EQ(results["alert_success"], "SUCCESS");
}

TEST_F(ExampleBundleTest, MovieRecommenderRetriesExtractionTwice) {
  deploy("movie_recommender");
  RunOutcome outcome = run("movie_recommender", "extract_recovers", {"--params", "run_weekday=7"});
  EXPECT_EQ(outcome.exit_code, 0) << outcome.err;
  EXPECT_EQ(attempt_of(outcome.run, "extract_events"), 2);
  EXPECT_EQ(task_results(outcome.run)["deploy_model"], "SUCCESS");
}

TEST_F(ExampleBundleTest, MovieRecommenderAlertsOnAFailureAfterItsRetries) {
  deploy("movie_recommender");
  RunOutcome outcome = run("movie_recommender", "features_fail");
  EXPECT_EQ(outcome.exit_code, 4) << outcome.err;
  Results results = task_results(outcome.run);
  EXPECT_EQ(attempt_of(outcome.run, "compute_features"), 2);
  EXPECT_EQ(results["compute_features"], "FAILED");
  EXPECT_EQ(results["is_training_day"], "UPSTREAM_FAILED");
  EXPECT_EQ(results["alert_failure"], "SUCCESS");
  EXPECT_NE(results["alert_success"], "SUCCESS");
}

// olist_lakehouse: data generation, then both pipelines in parallel.
TEST_F(ExampleBundleTest, OlistDailyJobRunsBothPipelinesAfterAGeneratorRetry) {
  deploy("olist_lakehouse");
  RunOutcome outcome = run("olist_daily_job", "generate_retry");
  EXPECT_EQ(outcome.exit_code, 0) << outcome.err;
  EXPECT_EQ(attempt_of(outcome.run, "generate_data"), 1);
  EXPECT_EQ(task_results(outcome.run), (Results{{"generate_data", "SUCCESS"},
                                                {"run_main_pipeline", "SUCCESS"},
                                                {"run_cdc_pipeline", "SUCCESS"}}));
}

TEST_F(ExampleBundleTest, OlistPipelinesDoNotStartWhenGenerationFails) {
  deploy("olist_lakehouse");
  RunOutcome outcome = run("olist_daily_job", "generate_fails");
  EXPECT_EQ(outcome.exit_code, 4) << outcome.err;
  EXPECT_EQ(task_results(outcome.run), (Results{{"generate_data", "FAILED"},
                                                {"run_main_pipeline", "UPSTREAM_FAILED"},
                                                {"run_cdc_pipeline", "UPSTREAM_FAILED"}}));
}

// food_orders_streaming: compose restarted the consumer (restart: unless-stopped); the
// continuous job starts the next run when one ends, failed or not.
TEST_F(ExampleBundleTest, StreamingConsumerIsRestartedWhenItsRunEnds) {
  deploy("food_orders_streaming", "staging");
  const std::map<std::string, std::string> scenario = {
      {"BUNDLECTL_EMULATOR_SCENARIO", m_bundle + "/tests/scenarios/consumer_ends.yml"}};
  nlohmann::json runs;
  std::size_t ended = 0;
  for (int poll = 0; poll < 60 && ended < 2; ++poll) {
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
    ProcessResult listed = bundlectl({"runs", "list", "orders_consumer", "-o", "json"}, scenario);
    ASSERT_EQ(listed.exit_code, 0) << listed.err;
    runs = nlohmann::json::parse(listed.out)["runs"];
    ended = 0;
    for (const nlohmann::json& run : runs) ended += run["result"] == "FAILED" ? 1 : 0;
  }
  EXPECT_GE(ended, 2u) << runs.dump(1);
  EXPECT_GT(runs.size(), ended) << "no run follows the last one that ended: " << runs.dump(1);
}

TEST_F(ExampleBundleTest, StreamingJobsStayPausedInDev) {
  deploy("food_orders_streaming", "dev");
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  ProcessResult listed = bundlectl({"runs", "list", "orders_consumer", "-o", "json"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_EQ(nlohmann::json::parse(listed.out)["runs"], nlohmann::json::array());
}

}  // namespace
}  // namespace bundlectl::testing
