// The workspace paths (`workspace.root_path`, `file_path`, ...) already start with /Workspace,
// so a value written as "/Workspace/${workspace.file_path}/x" would become
// "/Workspace/Workspace/...". As the Databricks CLI does right after it fills those paths,
// every string of the configuration that holds such a prefix is rewritten without it, with a
// warning at the value that says what to write instead.
#include <string>
#include <utility>

#include "config/steps.h"

namespace bundlectl::config {

namespace {

using core::Value;

struct Rewrite {
  const char* pattern;
  const char* replacement;
};

// In the CLI's order: each workspace path with "/Workspace/" and with "/Workspace" before it.
constexpr Rewrite k_rewrites[] = {
    {"/Workspace/${workspace.root_path}", "${workspace.root_path}"},
    {"/Workspace${workspace.root_path}", "${workspace.root_path}"},
    {"/Workspace/${workspace.file_path}", "${workspace.file_path}"},
    {"/Workspace${workspace.file_path}", "${workspace.file_path}"},
    {"/Workspace/${workspace.artifact_path}", "${workspace.artifact_path}"},
    {"/Workspace${workspace.artifact_path}", "${workspace.artifact_path}"},
    {"/Workspace/${workspace.state_path}", "${workspace.state_path}"},
    {"/Workspace${workspace.state_path}", "${workspace.state_path}"},
    {"/Workspace/${workspace.resource_path}", "${workspace.resource_path}"},
    {"/Workspace${workspace.resource_path}", "${workspace.resource_path}"},
};

constexpr const char* k_detail =
    "For more information, please refer to: "
    "https://docs.databricks.com/en/release-notes/dev-tools/bundles.html#workspace-paths";

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

// Go's %q of a string without control characters or quotes: in double quotes.
std::string go_quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

class PrefixRewriter {
 public:
  PrefixRewriter(const Bundle& bundle, core::Diagnostics& diagnostics)
      : m_bundle(bundle), m_diagnostics(diagnostics) {}

  void visit(Value& value, const core::Path& path) {
    if (value.is_mapping()) {
      for (core::MapEntry& entry : value.entries()) visit(entry.value, path.key(entry.key));
    } else if (value.is_sequence()) {
      for (std::size_t i = 0; i < value.items().size(); ++i) {
        visit(value.items()[i], path.index(i));
      }
    } else if (value.is_string() && value.as_string().find("/Workspace") != std::string::npos) {
      rewrite(value, path);
    }
  }

 private:
  void rewrite(Value& value, const core::Path& path) {
    const std::string written = value.as_string();
    std::string text = written;
    for (const Rewrite& r : k_rewrites) {
      if (text.find(r.pattern) == std::string::npos) continue;
      replace_all(text, r.pattern, r.replacement);
      m_diagnostics.warning("substring " + go_quoted(r.pattern) + " found in " +
                                go_quoted(written) + ". Please update this to " + go_quoted(text) +
                                ".",
                            core::locations_of(value, m_bundle.files), {path}, k_detail);
    }
    if (text != written) value.as_string() = std::move(text);
  }

  const Bundle& m_bundle;
  core::Diagnostics& m_diagnostics;
};

}  // namespace

void rewrite_workspace_prefix(Bundle& bundle, core::Diagnostics& diagnostics) {
  PrefixRewriter rewriter(bundle, diagnostics);
  rewriter.visit(bundle.config, core::Path());
}

}  // namespace bundlectl::config
