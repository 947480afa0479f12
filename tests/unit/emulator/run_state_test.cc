#include "bundlectl/core/run_state.h"

#include <gtest/gtest.h>

namespace bundlectl::core {
namespace {

TEST(RunStateTest, EveryLifeCycleStateRoundTripsThroughItsApiSpelling) {
  for (LifeCycleState state :
       {LifeCycleState::Pending, LifeCycleState::Queued, LifeCycleState::Running,
        LifeCycleState::Terminating, LifeCycleState::Terminated, LifeCycleState::Skipped,
        LifeCycleState::InternalError, LifeCycleState::Blocked, LifeCycleState::WaitingForRetry}) {
    EXPECT_EQ(parse_life_cycle_state(to_string(state)), state) << to_string(state);
  }
  EXPECT_EQ(to_string(LifeCycleState::WaitingForRetry), "WAITING_FOR_RETRY");
  EXPECT_EQ(parse_life_cycle_state("running"), std::nullopt);
}

TEST(RunStateTest, ResultStatesAndCodesUseTheApisSpelling) {
  EXPECT_EQ(to_string(ResultState::UpstreamFailed), "UPSTREAM_FAILED");
  EXPECT_EQ(parse_result_state("MAXIMUM_CONCURRENT_RUNS_REACHED"),
            ResultState::MaximumConcurrentRunsReached);
  EXPECT_EQ(parse_run_status_state("WAITING"), RunStatusState::Waiting);
  EXPECT_EQ(parse_termination_code("USER_CANCELED"), TerminationCode::UserCanceled);
  EXPECT_EQ(parse_termination_type("CLOUD_FAILURE"), TerminationType::CloudFailure);
}

TEST(RunStateTest, FinalStatesAndTheirTwoPointTwoStatus) {
  EXPECT_TRUE(is_final(LifeCycleState::Terminated));
  EXPECT_TRUE(is_final(LifeCycleState::Skipped));
  EXPECT_TRUE(is_final(LifeCycleState::InternalError));
  EXPECT_FALSE(is_final(LifeCycleState::Terminating));
  EXPECT_EQ(status_state_for(LifeCycleState::WaitingForRetry), RunStatusState::Waiting);
  EXPECT_EQ(status_state_for(LifeCycleState::Skipped), RunStatusState::Terminated);
  EXPECT_EQ(termination_code_for(ResultState::Timedout), TerminationCode::Timeout);
  EXPECT_EQ(termination_type_for(TerminationCode::Success), TerminationType::Success);
  EXPECT_EQ(termination_type_for(TerminationCode::RunExecutionError), TerminationType::ClientError);
}

}  // namespace
}  // namespace bundlectl::core
