// Reads the branch, commit and origin of the git checkout that holds the bundle, straight
// from .git (no git process: validate must stay fast and work where git is not installed).
#include "bundlectl/util/file_read.h"
#include "bundlectl/util/strings.h"
#include "config/steps.h"

namespace bundlectl::config {

namespace fs = std::filesystem;
using core::Value;

namespace {

// The lines of a file of .git, or none when it is missing or not a plain file of sane size.
std::vector<std::string> lines_of(const fs::path& file) {
  std::optional<std::string> text = util::read_input_file(file).text;
  return text ? util::split(*text, '\n') : std::vector<std::string>{};
}

std::string first_line(const fs::path& file) {
  std::vector<std::string> lines = lines_of(file);
  return lines.empty() ? "" : util::trim(lines.front());
}

// The .git folder for a work tree: a folder, or a file "gitdir: <path>" (worktrees, submodules).
fs::path git_dir_of(const fs::path& top) {
  fs::path dot_git = top / ".git";
  std::error_code error;
  if (fs::is_directory(dot_git, error)) return dot_git;
  if (fs::is_regular_file(dot_git, error)) {
    std::string line = first_line(dot_git);
    if (util::starts_with(line, "gitdir:")) {
      fs::path target = util::trim(line.substr(7));
      return target.is_absolute() ? target : (top / target).lexically_normal();
    }
  }
  return {};
}

std::string resolve_ref(const fs::path& git_dir, const fs::path& common_dir,
                        const std::string& ref) {
  for (const fs::path& dir : {git_dir, common_dir}) {
    std::string loose = first_line(dir / ref);
    if (!loose.empty()) return loose;
  }
  for (const std::string& line : lines_of(common_dir / "packed-refs")) {
    if (line.size() > 41 && line[40] == ' ' && line.substr(41) == ref) return line.substr(0, 40);
  }
  return "";
}

std::string origin_url(const fs::path& common_dir) {
  bool in_origin = false;
  for (const std::string& line : lines_of(common_dir / "config")) {
    std::string text = util::trim(line);
    if (!text.empty() && text[0] == '[') {
      in_origin = text == "[remote \"origin\"]";
    } else if (in_origin && util::starts_with(text, "url")) {
      std::size_t equals = text.find('=');
      if (equals != std::string::npos) return util::trim(text.substr(equals + 1));
    }
  }
  return "";
}

bool is_unset(const Value* value) {
  return !value || value->is_null() || (value->is_string() && value->as_string().empty());
}

void set_unless_present(Value& git, const char* key, const std::string& value) {
  if (!is_unset(git.find(key))) return;
  if (value.empty()) {
    git.erase(key);
  } else {
    git.set(key, Value::string(value));
  }
}

}  // namespace

void load_git_details(Bundle& bundle, core::Diagnostics&) {
  for (fs::path folder = bundle.root; !folder.empty(); folder = folder.parent_path()) {
    fs::path git_dir = git_dir_of(folder);
    if (!git_dir.empty()) {
      fs::path common_dir = git_dir;
      std::string common = first_line(git_dir / "commondir");
      if (!common.empty()) common_dir = (git_dir / common).lexically_normal();
      std::string head = first_line(git_dir / "HEAD");
      bundle.git.found = true;
      bundle.git.top_level = folder;
      if (util::starts_with(head, "ref:")) {
        std::string ref = util::trim(head.substr(4));
        bundle.git.branch = util::starts_with(ref, "refs/heads/") ? ref.substr(11) : ref;
        bundle.git.commit = resolve_ref(git_dir, common_dir, ref);
      } else {
        bundle.git.commit = head;
      }
      bundle.git.origin_url = origin_url(common_dir);
      break;
    }
    if (folder == folder.parent_path()) break;
  }
  Value* section = bundle.config.find("bundle");
  if (!section) section = &bundle.config.set("bundle", Value::mapping());
  Value* git = section->find("git");
  if (!git || !git->is_mapping()) git = &section->set("git", Value::mapping());
  // As the CLI prints them: what the checkout says where the bundle does not say otherwise,
  // the checkout's own branch beside it, and no key for what is not known (a reference to one
  // is "", see references.cc). Outside a repository the bundle is at the root of what it syncs.
  set_unless_present(*git, "branch", bundle.git.branch);
  set_unless_present(*git, "commit", bundle.git.commit);
  set_unless_present(*git, "origin_url", bundle.git.origin_url);
  if (!bundle.git.branch.empty()) git->set("actual_branch", Value::string(bundle.git.branch));
  git->set("bundle_root_path",
           Value::string(bundle.git.found
                             ? bundle.root.lexically_relative(bundle.git.top_level).generic_string()
                             : "."));
}

void resolve_current_user(Bundle& bundle, core::Diagnostics& diagnostics) {
  std::string why = "no workspace is configured and neither --user nor DATABRICKS_USER is set";
  if (bundle.options.workspace) {
    std::string error;
    if (auto user = bundle.options.workspace->current_user(error)) {
      bundle.user = *user;
    } else {
      why = "the workspace did not say who the current user is: " + error;
    }
  }
  if (!bundle.user) {
    std::string name = bundle.options.user;
    if (name.empty()) name = bundle.options.environment("DATABRICKS_USER").value_or("");
    if (!name.empty()) bundle.user = CurrentUser{name, short_name_of(name), name, "", {}};
  }
  if (!bundle.user) {
    bundle.unresolvable_prefixes.push_back("workspace.current_user");
    (void)diagnostics;
    bundle.user_unknown_reason = why;
    return;
  }
  Value* workspace = bundle.config.find("workspace");
  if (!workspace || !workspace->is_mapping())
    workspace = &bundle.config.set("workspace", Value::mapping());
  // What the workspace sent about the user, plus the two names derived from it; a user named
  // with --user has only a user name.
  Value user = bundle.user->reported.is_mapping() ? bundle.user->reported : Value::mapping();
  user.set("userName", Value::string(bundle.user->user_name));
  if (!bundle.user->id.empty()) user.set("id", Value::string(bundle.user->id));
  user.set("short_name", Value::string(bundle.user->short_name));
  user.set("domain_friendly_name", Value::string(domain_friendly_name_of(bundle.user->short_name)));
  workspace->set("current_user", std::move(user));
}

}  // namespace bundlectl::config
