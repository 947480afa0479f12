// `bundlectl render --eject DIR`: the bundle with its resource templates expanded into plain
// YAML files, so that the Databricks CLI deploys it unchanged. Adopting bundlectl's templates
// is never a lock-in.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "bundlectl/config/bundle.h"

namespace bundlectl::render {

struct EjectResult {
  std::vector<std::filesystem::path> written;  // the generated files, relative to DIR
};

// Copies the bundle's folder to `out` (which must not exist or be empty; .git, .bundlectl
// and .databricks are left out), writes each rendered instance beside its template as
// `<template name>.<instance>.yml`, removes the `templates` sections from the files that
// declared them, and lists the generated files in the root file's `include`. `bundle` is a
// bundle whose files were loaded (config::load_files). Throws core::Failure.
EjectResult eject_bundle(const config::Bundle& bundle, const std::filesystem::path& out);

}  // namespace bundlectl::render
