// The `sync` section as the Databricks CLI settles it before anything reads it: its paths and
// patterns made relative to the bundle root (they are written relative to the file that holds
// them), and `sync.paths` defaulting to the bundle root itself.
#include <filesystem>

#include "config/steps.h"

namespace bundlectl::config {

namespace fs = std::filesystem;
using core::Value;

void rewrite_sync_paths(Bundle& bundle, core::Diagnostics&) {
  Value* sync = bundle.config.find("sync");
  if (!sync || !sync->is_mapping()) return;
  fs::path root = bundle.root.lexically_normal();
  for (const char* field : {"paths", "include", "exclude"}) {
    Value* list = sync->find(field);
    if (!list || !list->is_sequence()) continue;
    for (Value& entry : list->items()) {
      if (!entry.is_string() || !entry.location().known()) continue;
      fs::path folder = fs::path(bundle.files.path(entry.location().file)).parent_path();
      fs::path from_root = folder.lexically_normal().lexically_relative(root);
      std::string joined = (from_root / entry.as_string()).lexically_normal().generic_string();
      // A trailing "/" of a folder pattern is cleaned away, as Go's filepath.Join does.
      while (joined.size() > 1 && joined.back() == '/') joined.pop_back();
      entry.as_string() = joined.empty() ? "." : joined;
    }
  }
}

void default_sync_paths(Bundle& bundle, core::Diagnostics&) {
  Value* sync = bundle.config.find("sync");
  if (sync && sync->is_mapping()) {
    if (const Value* paths = sync->find("paths"); paths && !paths->is_null()) return;
  } else {
    sync = &bundle.config.set("sync", Value::mapping());
  }
  Value paths = Value::sequence();
  paths.items().push_back(Value::string("."));
  sync->set("paths", std::move(paths));
}

}  // namespace bundlectl::config
