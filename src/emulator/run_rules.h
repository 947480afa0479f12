// The pure decisions of Databricks run semantics, apart from time: whether a task runs given
// how its upstream tasks ended (`run_if`), how a condition_task compares its operands, and
// which result a whole run ends with. The Jobs documentation ("Run tasks conditionally",
// "If/else task") is the specification; each rule cites the sentence it follows.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bundlectl/core/run_state.h"

namespace bundlectl::emulator {

enum class RunIf {
  AllSuccess,
  AtLeastOneSuccess,
  NoneFailed,
  AllDone,
  AtLeastOneFailed,
  AllFailed
};

// Parses the API's spelling; nullopt for anything else. An absent run_if is ALL_SUCCESS.
std::optional<RunIf> parse_run_if(const std::string& text);

// How one upstream dependency looks to its downstream task.
struct Upstream {
  core::ResultState result = core::ResultState::Success;
  // True when the dependency names a condition_task `outcome` the condition did not take:
  // the branch this task is on was not chosen.
  bool branch_not_taken = false;
};

// The task runs (nullopt) or is skipped with the returned result state (UPSTREAM_FAILED,
// UPSTREAM_CANCELED or EXCLUDED).
std::optional<core::ResultState> skip_result(RunIf run_if, const std::vector<Upstream>& upstreams);

// True for the results a downstream task counts as success: excluded and disabled tasks
// "are treated as successful".
bool counts_as_success(core::ResultState result);
bool counts_as_failure(core::ResultState result);
bool counts_as_canceled(core::ResultState result);

// condition_task: EQUAL_TO and NOT_EQUAL compare strings; the order operators compare numbers
// ("12.0 >= 12" is true, "12.0 == 12" is false). Returns nullopt with `problem` set when an
// operator is unknown or an order operand is not a number.
std::optional<bool> evaluate_condition(const std::string& op, const std::string& left,
                                       const std::string& right, std::string& problem);

// One ended task as the run's result rule sees it.
struct EndedTask {
  core::ResultState result = core::ResultState::Success;
  bool leaf = false;  // no task of the run depends on it
};

// SUCCESS when every task succeeded, FAILED when a leaf task failed, CANCELED when a leaf
// was canceled (a canceled task run), otherwise SUCCESS_WITH_FAILURES ("some tasks failed but
// all leaf tasks succeeded").
core::ResultState run_result(const std::vector<EndedTask>& tasks);

}  // namespace bundlectl::emulator
