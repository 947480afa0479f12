// The validate phase: what a resolved target must satisfy beyond loading. The JSON Schemas of
// the bundle format, the semantic checks a schema cannot express (task graphs, schedules,
// dynamic references, paths, permissions) and the environment policies of targets/.
//
// Checks only read the bundle; each reports every finding it makes, with the locations of
// the values involved, and they run concurrently.
#pragma once

#include <filesystem>
#include <thread>
#include <vector>

#include "bundlectl/config/bundle.h"
#include "bundlectl/core/diagnostic.h"

namespace bundlectl::validate {

struct Options {
  // --policy FILE...: the policies to apply instead of the ones chosen by the target's name.
  std::vector<std::filesystem::path> policy_files;
  // --policies: the built-in environment policy of targets/ chosen by the target's name or
  // mode. Off by default, so that plain validate finds what the Databricks CLI finds; a
  // bundle's own .bundlectl/policies/ file applies without it (the bundle asked for it).
  bool builtin_policies = false;
};

// Runs every check on a target that loaded completely. The findings are not sorted.
core::Diagnostics run_checks(const config::Bundle& bundle, const Options& options);

// Prepares on another core what the checks need whatever the bundle (the compiled schemas of
// the root and of jobs: about 7 ms), so that it overlaps with loading the bundle
// instead of following it. Create one before loading; it waits for its thread when destroyed.
class WarmUp {
 public:
  WarmUp();
  ~WarmUp();
  WarmUp(const WarmUp&) = delete;
  WarmUp& operator=(const WarmUp&) = delete;

 private:
  std::thread m_thread;
};

}  // namespace bundlectl::validate
