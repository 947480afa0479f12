// Finds the one object of a workspace that a `lookup` variable names, as the Databricks CLI
// finds it: which list API each kind asks, which field holds the name, which id it resolves
// to (a service principal resolves to its application id), and the CLI's words when no
// object or several objects carry the name.
#pragma once

#include <stdexcept>
#include <string>

#include "bundlectl/api/workspace.h"

namespace bundlectl::cli {

// No object, or more than one, is named so; what() is the Databricks CLI's message.
class NamedObjectError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The id of the object of `kind` ("cluster", "warehouse", ...) named exactly `name`. Throws
// NamedObjectError, and lets the API's own errors (ApiError, NetworkError, AuthError) through.
// An unknown kind is a NamedObjectError too.
std::string find_named_object(api::Workspace& workspace, const std::string& kind,
                              const std::string& name);

}  // namespace bundlectl::cli
