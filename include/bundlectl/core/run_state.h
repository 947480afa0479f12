// The run-state vocabulary of the Jobs API, shared by the emulator's run engine, the API
// client and the `runs` commands, so every layer spells a state the same way.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace bundlectl::core {

// `state.life_cycle_state` of a run or task run (Jobs API 2.1 and 2.2).
enum class LifeCycleState {
  Pending,
  Queued,
  Running,
  Terminating,
  Terminated,
  Skipped,
  InternalError,
  Blocked,
  WaitingForRetry,
};

// `state.result_state`: present once a run has ended.
enum class ResultState {
  Success,
  Failed,
  Timedout,
  Canceled,
  Excluded,
  SuccessWithFailures,
  UpstreamFailed,
  UpstreamCanceled,
  MaximumConcurrentRunsReached,
  Disabled,
};

// `status.state` of the 2.2 API (a coarser life cycle that replaces `state`).
enum class RunStatusState { Blocked, Pending, Queued, Running, Terminating, Terminated, Waiting };

// `status.termination_details.code` (a subset: the codes the emulator and client act on).
enum class TerminationCode {
  Success,
  UserCanceled,
  Canceled,
  Skipped,
  RunExecutionError,
  UpstreamFailed,
  UpstreamCanceled,
  InternalError,
  MaxConcurrentRunsExceeded,
  Timeout,
  Disabled,
};

// `status.termination_details.type`.
enum class TerminationType { Success, InternalError, ClientError, CloudFailure };

std::string_view to_string(LifeCycleState state);
std::string_view to_string(ResultState state);
std::string_view to_string(RunStatusState state);
std::string_view to_string(TerminationCode code);
std::string_view to_string(TerminationType type);

// Parse the API's spelling; nullopt for anything unknown (callers decide how to report it).
std::optional<LifeCycleState> parse_life_cycle_state(std::string_view text);
std::optional<ResultState> parse_result_state(std::string_view text);
std::optional<RunStatusState> parse_run_status_state(std::string_view text);
std::optional<TerminationCode> parse_termination_code(std::string_view text);
std::optional<TerminationType> parse_termination_type(std::string_view text);

// True once a run in `state` can no longer change by itself: waiters stop here.
bool is_final(LifeCycleState state);

// The 2.2 `status.state` that corresponds to a 2.1 life cycle state.
RunStatusState status_state_for(LifeCycleState state);

// The termination code and type a finished run reports for its result state.
TerminationCode termination_code_for(ResultState result);
TerminationType termination_type_for(TerminationCode code);

}  // namespace bundlectl::core
