#include "emulator/run_rules.h"

#include <algorithm>
#include <cstdlib>

namespace bundlectl::emulator {
namespace {

using core::ResultState;

std::optional<double> as_number(const std::string& text) {
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  double value = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

std::optional<RunIf> parse_run_if(const std::string& text) {
  if (text.empty() || text == "ALL_SUCCESS") return RunIf::AllSuccess;
  if (text == "AT_LEAST_ONE_SUCCESS") return RunIf::AtLeastOneSuccess;
  if (text == "NONE_FAILED") return RunIf::NoneFailed;
  if (text == "ALL_DONE") return RunIf::AllDone;
  if (text == "AT_LEAST_ONE_FAILED") return RunIf::AtLeastOneFailed;
  if (text == "ALL_FAILED") return RunIf::AllFailed;
  return std::nullopt;
}

bool counts_as_success(ResultState result) {
  return result == ResultState::Success || result == ResultState::Excluded ||
         result == ResultState::Disabled || result == ResultState::SuccessWithFailures;
}

bool counts_as_failure(ResultState result) {
  return result == ResultState::Failed || result == ResultState::Timedout ||
         result == ResultState::UpstreamFailed;
}

bool counts_as_canceled(ResultState result) {
  return result == ResultState::Canceled || result == ResultState::UpstreamCanceled;
}

std::optional<ResultState> skip_result(RunIf run_if, const std::vector<Upstream>& upstreams) {
  std::size_t total = upstreams.size();
  std::size_t excluded = 0;
  std::size_t succeeded = 0;
  std::size_t failed = 0;
  std::size_t canceled = 0;
  bool branch_missed = false;
  for (const Upstream& up : upstreams) {
    if (up.branch_not_taken || up.result == ResultState::Excluded) ++excluded;
    branch_missed = branch_missed || up.branch_not_taken;
    if (up.branch_not_taken || counts_as_success(up.result)) ++succeeded;
    if (!up.branch_not_taken && counts_as_failure(up.result)) ++failed;
    if (!up.branch_not_taken && counts_as_canceled(up.result)) ++canceled;
  }
  // "If all task dependencies are excluded, the task is also excluded, regardless of its
  // Run if condition." A task on a branch its condition did not take is excluded too.
  if (total > 0 && excluded == total) return ResultState::Excluded;
  if (branch_missed && run_if == RunIf::AllSuccess) return ResultState::Excluded;
  // The success conditions mark an unmet task "Upstream failed" (upstream canceled when a
  // cancellation, not a failure, is why); the failure-handling ones mark it "Excluded".
  ResultState upstream_bad =
      failed > 0 || canceled == 0 ? ResultState::UpstreamFailed : ResultState::UpstreamCanceled;
  switch (run_if) {
    case RunIf::AllSuccess:
      return succeeded == total ? std::nullopt : std::optional<ResultState>(upstream_bad);
    case RunIf::AtLeastOneSuccess:
      return succeeded > 0 ? std::nullopt : std::optional<ResultState>(upstream_bad);
    case RunIf::NoneFailed:
      return failed == 0 && canceled == 0 ? std::nullopt : std::optional<ResultState>(upstream_bad);
    case RunIf::AllDone: return std::nullopt;
    // A cancellation propagates downstream, "and tasks with a Run if condition that handles
    // failures run".
    case RunIf::AtLeastOneFailed:
      return failed + canceled > 0 ? std::nullopt
                                   : std::optional<ResultState>(ResultState::Excluded);
    case RunIf::AllFailed:
      return failed + canceled == total ? std::nullopt
                                        : std::optional<ResultState>(ResultState::Excluded);
  }
  return std::nullopt;
}

std::optional<bool> evaluate_condition(const std::string& op, const std::string& left,
                                       const std::string& right, std::string& problem) {
  if (op == "EQUAL_TO") return left == right;
  if (op == "NOT_EQUAL") return left != right;
  bool order = op == "GREATER_THAN" || op == "GREATER_THAN_OR_EQUAL" || op == "LESS_THAN" ||
               op == "LESS_THAN_OR_EQUAL";
  if (!order) {
    problem = "Unknown condition operator '" + op + "'.";
    return std::nullopt;
  }
  std::optional<double> a = as_number(left);
  std::optional<double> b = as_number(right);
  if (!a || !b) {
    problem = "Cannot compare '" + left + "' and '" + right + "' with " + op +
              ": both operands must be numbers.";
    return std::nullopt;
  }
  if (op == "GREATER_THAN") return *a > *b;
  if (op == "GREATER_THAN_OR_EQUAL") return *a >= *b;
  if (op == "LESS_THAN") return *a < *b;
  return *a <= *b;
}

ResultState run_result(const std::vector<EndedTask>& tasks) {
  bool all_succeeded = std::all_of(tasks.begin(), tasks.end(), [](const EndedTask& task) {
    return counts_as_success(task.result) && task.result != ResultState::SuccessWithFailures;
  });
  if (all_succeeded) return ResultState::Success;
  bool leaf_failed = std::any_of(tasks.begin(), tasks.end(), [](const EndedTask& task) {
    return task.leaf && counts_as_failure(task.result);
  });
  bool leaf_canceled = std::any_of(tasks.begin(), tasks.end(), [](const EndedTask& task) {
    return task.leaf && counts_as_canceled(task.result);
  });
  if (leaf_failed) return ResultState::Failed;
  return leaf_canceled ? ResultState::Canceled : ResultState::SuccessWithFailures;
}

}  // namespace bundlectl::emulator
