// Loading a bundle: from files on disk to the fully resolved tree of one target.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "bundlectl/config/bundle.h"
#include "bundlectl/core/diagnostic.h"

namespace bundlectl::config {

// One named step of a phase. It reads and writes the bundle and reports all of its findings.
struct Step {
  const char* name;
  std::function<void(Bundle&, core::Diagnostics&)> apply;
};

// Runs the steps in order; stops after the first step that reports an error.
// Returns false when a step failed.
bool run_steps(const std::vector<Step>& steps, Bundle& bundle, core::Diagnostics& diagnostics);

struct LoadResult {
  Bundle bundle;
  core::Diagnostics diagnostics;
  bool complete = false;  // every step ran; the tree is the resolved target
};

// Finds the bundle root, reads every file, selects the target and resolves it.
LoadResult load_bundle(const LoadOptions& options);

// Reads the files of a bundle (root, includes) without choosing a target.
LoadResult load_files(const LoadOptions& options);

// Resolves one target of a bundle whose files are loaded; `files` is left untouched.
LoadResult load_target(const LoadResult& files, const std::string& target);

// The same, consuming the loaded files: for commands that resolve one target only.
LoadResult load_target(LoadResult&& files, const std::string& target);

// The selected target's `bundle` and `workspace` sections merged over the root's, nothing
// resolved: what a command reads to find the workspace it will load the target with, at a
// fraction of the cost of a whole load.
LoadResult load_target_settings(const LoadResult& files);

// The names of the targets a loaded bundle defines ("default" when it defines none).
std::vector<std::string> target_names_of(const Bundle& bundle);

// The steps after files are read: target selection and everything that follows it.
// Exposed so that `validate --all-targets` can run it once per target on one loaded tree.
const std::vector<Step>& target_steps();
const std::vector<Step>& file_steps();

}  // namespace bundlectl::config
