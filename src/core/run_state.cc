#include "bundlectl/core/run_state.h"

#include <array>
#include <utility>

namespace bundlectl::core {
namespace {

// One table per enum: the conversions in both directions read the same rows, so a spelling
// cannot differ between printing and parsing.
template <typename Enum, std::size_t N>
using Names = std::array<std::pair<Enum, std::string_view>, N>;

constexpr Names<LifeCycleState, 9> k_life_cycle_names = {{
    {LifeCycleState::Pending, "PENDING"},
    {LifeCycleState::Queued, "QUEUED"},
    {LifeCycleState::Running, "RUNNING"},
    {LifeCycleState::Terminating, "TERMINATING"},
    {LifeCycleState::Terminated, "TERMINATED"},
    {LifeCycleState::Skipped, "SKIPPED"},
    {LifeCycleState::InternalError, "INTERNAL_ERROR"},
    {LifeCycleState::Blocked, "BLOCKED"},
    {LifeCycleState::WaitingForRetry, "WAITING_FOR_RETRY"},
}};

constexpr Names<ResultState, 10> k_result_names = {{
    {ResultState::Success, "SUCCESS"},
    {ResultState::Failed, "FAILED"},
    {ResultState::Timedout, "TIMEDOUT"},
    {ResultState::Canceled, "CANCELED"},
    {ResultState::Excluded, "EXCLUDED"},
    {ResultState::SuccessWithFailures, "SUCCESS_WITH_FAILURES"},
    {ResultState::UpstreamFailed, "UPSTREAM_FAILED"},
    {ResultState::UpstreamCanceled, "UPSTREAM_CANCELED"},
    {ResultState::MaximumConcurrentRunsReached, "MAXIMUM_CONCURRENT_RUNS_REACHED"},
    {ResultState::Disabled, "DISABLED"},
}};

constexpr Names<RunStatusState, 7> k_status_names = {{
    {RunStatusState::Blocked, "BLOCKED"},
    {RunStatusState::Pending, "PENDING"},
    {RunStatusState::Queued, "QUEUED"},
    {RunStatusState::Running, "RUNNING"},
    {RunStatusState::Terminating, "TERMINATING"},
    {RunStatusState::Terminated, "TERMINATED"},
    {RunStatusState::Waiting, "WAITING"},
}};

constexpr Names<TerminationCode, 11> k_code_names = {{
    {TerminationCode::Success, "SUCCESS"},
    {TerminationCode::UserCanceled, "USER_CANCELED"},
    {TerminationCode::Canceled, "CANCELED"},
    {TerminationCode::Skipped, "SKIPPED"},
    {TerminationCode::RunExecutionError, "RUN_EXECUTION_ERROR"},
    {TerminationCode::UpstreamFailed, "UPSTREAM_FAILED"},
    {TerminationCode::UpstreamCanceled, "UPSTREAM_CANCELED"},
    {TerminationCode::InternalError, "INTERNAL_ERROR"},
    {TerminationCode::MaxConcurrentRunsExceeded, "MAX_CONCURRENT_RUNS_EXCEEDED"},
    {TerminationCode::Timeout, "TIMEOUT"},
    {TerminationCode::Disabled, "DISABLED"},
}};

constexpr Names<TerminationType, 4> k_type_names = {{
    {TerminationType::Success, "SUCCESS"},
    {TerminationType::InternalError, "INTERNAL_ERROR"},
    {TerminationType::ClientError, "CLIENT_ERROR"},
    {TerminationType::CloudFailure, "CLOUD_FAILURE"},
}};

template <typename Enum, std::size_t N>
std::string_view name_of(const Names<Enum, N>& names, Enum value) {
  for (const auto& [candidate, name] : names) {
    if (candidate == value) return name;
  }
  return "UNKNOWN";
}

template <typename Enum, std::size_t N>
std::optional<Enum> value_of(const Names<Enum, N>& names, std::string_view text) {
  for (const auto& [value, name] : names) {
    if (name == text) return value;
  }
  return std::nullopt;
}

}  // namespace

std::string_view to_string(LifeCycleState state) { return name_of(k_life_cycle_names, state); }
std::string_view to_string(ResultState state) { return name_of(k_result_names, state); }
std::string_view to_string(RunStatusState state) { return name_of(k_status_names, state); }
std::string_view to_string(TerminationCode code) { return name_of(k_code_names, code); }
std::string_view to_string(TerminationType type) { return name_of(k_type_names, type); }

std::optional<LifeCycleState> parse_life_cycle_state(std::string_view text) {
  return value_of(k_life_cycle_names, text);
}
std::optional<ResultState> parse_result_state(std::string_view text) {
  return value_of(k_result_names, text);
}
std::optional<RunStatusState> parse_run_status_state(std::string_view text) {
  return value_of(k_status_names, text);
}
std::optional<TerminationCode> parse_termination_code(std::string_view text) {
  return value_of(k_code_names, text);
}
std::optional<TerminationType> parse_termination_type(std::string_view text) {
  return value_of(k_type_names, text);
}

bool is_final(LifeCycleState state) {
  return state == LifeCycleState::Terminated || state == LifeCycleState::Skipped ||
         state == LifeCycleState::InternalError;
}

RunStatusState status_state_for(LifeCycleState state) {
  switch (state) {
    case LifeCycleState::Pending: return RunStatusState::Pending;
    case LifeCycleState::Queued: return RunStatusState::Queued;
    case LifeCycleState::Running: return RunStatusState::Running;
    case LifeCycleState::Terminating: return RunStatusState::Terminating;
    case LifeCycleState::Blocked: return RunStatusState::Blocked;
    case LifeCycleState::WaitingForRetry: return RunStatusState::Waiting;
    case LifeCycleState::Terminated:
    case LifeCycleState::Skipped:
    case LifeCycleState::InternalError: return RunStatusState::Terminated;
  }
  return RunStatusState::Terminated;
}

TerminationCode termination_code_for(ResultState result) {
  switch (result) {
    case ResultState::Success:
    case ResultState::SuccessWithFailures: return TerminationCode::Success;
    case ResultState::Failed: return TerminationCode::RunExecutionError;
    case ResultState::Timedout: return TerminationCode::Timeout;
    case ResultState::Canceled: return TerminationCode::Canceled;
    case ResultState::Excluded: return TerminationCode::Skipped;
    case ResultState::UpstreamFailed: return TerminationCode::UpstreamFailed;
    case ResultState::UpstreamCanceled: return TerminationCode::UpstreamCanceled;
    case ResultState::MaximumConcurrentRunsReached:
      return TerminationCode::MaxConcurrentRunsExceeded;
    case ResultState::Disabled: return TerminationCode::Disabled;
  }
  return TerminationCode::InternalError;
}

TerminationType termination_type_for(TerminationCode code) {
  switch (code) {
    case TerminationCode::Success:
    case TerminationCode::UserCanceled:
    case TerminationCode::Canceled:
    case TerminationCode::Skipped:
    case TerminationCode::Disabled: return TerminationType::Success;
    case TerminationCode::InternalError: return TerminationType::InternalError;
    default: return TerminationType::ClientError;
  }
}

}  // namespace bundlectl::core
