// What the loader asks of a workspace (the current user, ids of named objects), answered by
// the REST client. Every failure becomes the error string: loading never throws because a
// workspace is unreachable or refuses, and after the first failure to reach it the lookup
// stops trying, so that one dead host costs one short timeout, not one per question.
#pragma once

#include <mutex>
#include <optional>
#include <string>

#include "bundlectl/api/workspace.h"
#include "bundlectl/config/bundle.h"

namespace bundlectl::cli {

class ApiWorkspaceLookup : public config::WorkspaceLookup {
 public:
  // `workspace` is not owned and must outlive the lookup.
  explicit ApiWorkspaceLookup(api::Workspace& workspace) : m_workspace(workspace) {}

  std::optional<config::CurrentUser> current_user(std::string& error) override;
  // Any kind find_named_object knows (named_objects.h), with the Databricks CLI's errors.
  std::optional<std::string> resolve(const std::string& kind, const std::string& name,
                                     std::string& error) override;
  std::optional<std::string> unusable() const override;

 private:
  api::Workspace& m_workspace;
  std::optional<config::CurrentUser> m_user;  // asked once
  // Set after a network or credentials failure: later calls fail. resolve() may be called
  // from several threads at once; m_mutex guards this.
  std::string m_unreachable;
  mutable std::mutex m_mutex;
};

// A lookup that answers every question with the same error: the workspace is configured but
// cannot be used (credentials that contradict each other, ...).
class FailedWorkspaceLookup : public config::WorkspaceLookup {
 public:
  explicit FailedWorkspaceLookup(std::string error) : m_error(std::move(error)) {}
  std::optional<config::CurrentUser> current_user(std::string& error) override {
    error = m_error;
    return std::nullopt;
  }
  std::optional<std::string> resolve(const std::string&, const std::string&,
                                     std::string& error) override {
    error = m_error;
    return std::nullopt;
  }
  std::optional<std::string> unusable() const override { return m_error; }

 private:
  std::string m_error;
};

}  // namespace bundlectl::cli
