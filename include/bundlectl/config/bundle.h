// The bundle being loaded: its files, its configuration tree and what loading learned.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "bundlectl/core/location.h"
#include "bundlectl/core/value.h"

namespace bundlectl::config {

struct CurrentUser {
  std::string user_name;   // jane.doe@example.com
  std::string short_name;  // jane_doe
  std::string display_name;
  std::string id;
  // The fields of the user the workspace sent (userName, id, displayName, emails, groups, ...),
  // as workspace.current_user shows them; null when the user was only named (--user).
  core::Value reported;
};

// The short name Databricks derives from a user: the part before '@' of the user name (of the
// display name for a service principal that has one), lower-cased, every run of characters
// that are not letters or digits turned into one '_', with none at either end.
std::string short_name_of(const std::string& user_name, const std::string& display_name = "");

// The short name as a DNS label: every character but an ASCII letter or digit turned into '-',
// lower-cased (workspace.current_user.domain_friendly_name).
std::string domain_friendly_name_of(const std::string& short_name);

// Whether a user name is a service principal's: an application id, which is a UUID.
bool is_service_principal_name(const std::string& user_name);

// What only a workspace can answer. Loading works without one: answers it cannot get are
// reported as warnings, never as fatal errors, so that validate runs without credentials.
class WorkspaceLookup {
 public:
  virtual ~WorkspaceLookup() = default;
  virtual std::optional<CurrentUser> current_user(std::string& error) = 0;
  // The id of the object a `lookup` variable names: kind is "cluster", "job", "warehouse", ...
  virtual std::optional<std::string> resolve(const std::string& kind, const std::string& name,
                                             std::string& error) = 0;
  // Why the workspace cannot answer anything (unreachable, unusable credentials), once a
  // question has shown it; nullopt while it answers. Lets the loader report it only once.
  virtual std::optional<std::string> unusable() const { return std::nullopt; }
};

using EnvironmentLookup = std::function<std::optional<std::string>(const std::string& name)>;

// The process environment, read at call time.
EnvironmentLookup process_environment();

struct LoadOptions {
  std::filesystem::path chdir;              // -C/--chdir; empty: search upward
  std::filesystem::path working_directory;  // where the upward search starts; empty: cwd
  std::string target;                       // -t/--target
  std::vector<std::string> variables;       // --var name=value, in command-line order
  std::string user;                         // --user: the current user without a workspace
  EnvironmentLookup environment = process_environment();
  WorkspaceLookup* workspace = nullptr;  // not owned; nullptr when none is configured
};

struct GitInfo {
  bool found = false;
  std::filesystem::path top_level;
  std::string branch;
  std::string commit;
  std::string origin_url;
};

// One instance of a resource template as the loader rendered it (`render --eject` writes
// these out as plain files).
struct RenderedTemplate {
  std::filesystem::path template_file;  // the .mustache file
  std::string instance;                 // how diagnostics name it: "source=orders"
  std::string text;                     // the YAML it rendered
};

struct Bundle {
  std::filesystem::path root;  // the folder that holds the root file
  std::filesystem::path root_file;
  core::SourceFiles files;               // names for the file indexes in every Location
  core::Value config;                    // the tree every step reads and writes
  std::vector<core::Location> anchored;  // nodes written with a YAML anchor (&name)
  std::string target;                    // the selected target, once chosen
  std::vector<std::string> target_names;
  std::vector<std::string> variable_names;  // declared at the root, in order
  std::optional<CurrentUser> user;
  GitInfo git;
  // References that only a workspace could resolve ("var.cluster_id" of an unresolved
  // lookup, "workspace.current_user"): left as written and reported once, never errors.
  std::vector<std::string> unresolvable_prefixes;
  std::string user_unknown_reason;  // why workspace.current_user is not known, when it is not
  LoadOptions options;
  std::vector<RenderedTemplate> rendered_templates;
  // The files that declared a `templates` section (the root file or includes).
  std::vector<std::filesystem::path> template_declarations;

  // A file name relative to the bundle root, for messages.
  std::string display_path(const std::filesystem::path& file) const;
};

}  // namespace bundlectl::config
