// Steps that read files: the root file, then every file its `include` patterns match.
#include <algorithm>
#include <atomic>
#include <exception>
#include <optional>
#include <thread>

#include "bundlectl/util/file_read.h"
#include "bundlectl/util/strings.h"
#include "config/anchor_holders.h"
#include "config/bundle_root.h"
#include "config/glob.h"
#include "config/merge.h"
#include "config/steps.h"
#include "config/yaml_reader.h"

namespace bundlectl::config {

namespace fs = std::filesystem;
using core::Path;
using core::Value;

namespace {

struct ParsedFile {
  YamlDocument document;
  core::Diagnostics diagnostics;
};

// Below this many bytes of YAML (a few milliseconds of parsing), starting threads costs more
// than it saves, and the checks' warm-up (validate::WarmUp) has the other core.
constexpr std::uintmax_t k_bytes_worth_a_thread = 64 * 1024;

std::uintmax_t total_size(const std::vector<std::uint32_t>& ids, const Bundle& bundle) {
  std::uintmax_t total = 0;
  for (std::uint32_t id : ids) {
    std::error_code error;
    std::uintmax_t size = fs::file_size(bundle.files.path(id), error);
    if (!error) total += size;
  }
  return total;
}

// Reads and parses files on all cores: YAML parsing dominates the load time of big bundles.
// `named_at` holds, per file, where the bundle names it (an include entry), if anywhere.
std::vector<ParsedFile> parse_files(const std::vector<std::uint32_t>& ids, const Bundle& bundle,
                                    const std::vector<core::Location>& named_at = {}) {
  std::vector<ParsedFile> parsed(ids.size());
  auto work = [&](std::size_t index) {
    const std::string& path = bundle.files.path(ids[index]);
    util::FileText file = util::read_input_file(path);
    if (!file.text) {
      std::vector<core::SourceLocation> where;
      if (index < named_at.size() && named_at[index].known()) {
        where.push_back(bundle.files.describe(named_at[index]));
      }
      parsed[index].diagnostics.error(util::cannot_read(bundle.display_path(path), file), where);
      parsed[index].document.ok = false;
      return;
    }
    parsed[index].document =
        read_yaml(*file.text, ids[index], bundle.files, parsed[index].diagnostics);
    drop_anchor_holders(parsed[index].document.root, *file.text);
    // Here, on the parsing threads, as it walks every value: types as the file was written.
    normalise_file_types(bundle, parsed[index].document.root, parsed[index].diagnostics);
  };
  std::size_t workers =
      std::min<std::size_t>(ids.size(), std::max(1u, std::thread::hardware_concurrency()));
  if (workers > 1 && total_size(ids, bundle) < k_bytes_worth_a_thread) workers = 1;
  std::atomic<std::size_t> next{0};
  // An exception must not escape a thread (that aborts): it is rethrown after the joins.
  std::vector<std::exception_ptr> failed(ids.size());
  auto drain = [&] {
    for (std::size_t i; (i = next++) < ids.size();) {
      try {
        work(i);
      } catch (...) {
        failed[i] = std::current_exception();
      }
    }
  };
  std::vector<std::thread> threads;
  for (std::size_t w = 1; w < workers; ++w) threads.emplace_back(drain);
  drain();
  for (auto& thread : threads) thread.join();
  for (const std::exception_ptr& failure : failed) {
    if (failure) std::rethrow_exception(failure);
  }
  return parsed;
}

// The first glob character of the bundle root's path, if any: the Databricks CLI joins the
// root to every include pattern before globbing, so it refuses such a root outright.
std::optional<char> glob_character_in(const std::string& root) {
  for (char c : {'*', '?', '[', ']', '^'}) {
    if (root.find(c) != std::string::npos) return c;
  }
  return std::nullopt;
}

}  // namespace

void merge_included(Bundle& bundle, Value included, core::Diagnostics& diagnostics) {
  Value* resources = bundle.config.find("resources");
  const Value* incoming = included.find("resources");
  if (resources && resources->is_mapping() && incoming && incoming->is_mapping()) {
    for (const core::MapEntry& type : incoming->entries()) {
      const Value* existing_type = resources->find(type.key);
      if (!existing_type || !type.value.is_mapping()) continue;
      for (const core::MapEntry& resource : type.value.entries()) {
        const core::MapEntry* existing = existing_type->find_entry(resource.key);
        if (!existing) continue;
        diagnostics.error("multiple resources have been defined with the same key: " + resource.key,
                          {bundle.files.describe(resource.key_location),
                           bundle.files.describe(existing->key_location)},
                          {Path().key("resources").key(type.key).key(resource.key)});
      }
    }
  }
  merge_into(bundle.config, std::move(included));
}

namespace {

// Where a file's anchors are, for the steps that tell anchor holders from unknown fields.
void keep_anchored(Bundle& bundle, const YamlDocument& document) {
  bundle.anchored.insert(bundle.anchored.end(), document.anchored.begin(), document.anchored.end());
}

}  // namespace

void load_root_file(Bundle& bundle, core::Diagnostics& diagnostics) {
  std::uint32_t id = bundle.files.add(bundle.root_file.string());
  std::vector<ParsedFile> parsed = parse_files({id}, bundle);
  diagnostics.append(parsed[0].diagnostics);
  if (!parsed[0].document.ok) return;
  keep_anchored(bundle, parsed[0].document);
  Value root = std::move(parsed[0].document.root);
  if (root.is_null()) root = Value::mapping(core::Location{id, 1, 1});
  if (!root.is_mapping()) {
    diagnostics.error(std::string("the root of a bundle file must be a map, not a ") +
                          core::kind_name(root.kind()),
                      {bundle.files.describe(root.location())});
    return;
  }
  bundle.config = std::move(root);
}

void load_includes(Bundle& bundle, core::Diagnostics& diagnostics) {
  if (std::optional<char> glob = glob_character_in(bundle.root.string())) {
    diagnostics.error("Bundle root path contains glob pattern characters", {}, {},
                      "The path to the bundle root " + bundle.root.string() +
                          " contains glob pattern character \"" + std::string(1, *glob) +
                          "\". Please remove the character from this path to use bundle "
                          "commands.");
    return;
  }
  const Value* include = bundle.config.find("include");
  if (!include || include->is_null()) return;
  if (!include->is_sequence()) {
    diagnostics.error(std::string("include must be a list of file patterns, not a ") +
                          core::kind_name(include->kind()),
                      locations_of(*include, bundle.files), {Path().key("include")});
    return;
  }
  std::vector<fs::path> files;
  std::vector<core::Location> named_at;  // the include entry that first matched each file
  for (std::size_t i = 0; i < include->items().size(); ++i) {
    const Value& pattern = include->items()[i];
    Path where = Path().key("include").index(i);
    if (!pattern.is_string() || pattern.as_string().empty()) {
      diagnostics.error("an include entry must be a file path or glob pattern",
                        {bundle.files.describe(pattern.location())}, {where});
      continue;
    }
    const std::string& text = pattern.as_string();
    if (fs::path(text).is_absolute()) {
      diagnostics.error(text + ": includes must be relative paths",
                        {bundle.files.describe(pattern.location())}, {where});
      continue;
    }
    GlobMatches globbed = glob_files(bundle.root, text, k_max_glob_entries, DoubleStar::OneFolder);
    if (globbed.walk_limit_reached) {
      diagnostics.error("include pattern " + util::quoted(text) + " visits more than " +
                            std::to_string(k_max_glob_entries) + " folder entries",
                        {bundle.files.describe(pattern.location())}, {where},
                        "Start the pattern in the folder that holds the files, not above it.");
      continue;
    }
    const std::vector<fs::path>& matches = globbed.paths;
    // A literal path that is missing is a mistake; a pattern that matches nothing is
    // common in templates ("resources/*.yml" before the first resource) and the Databricks
    // CLI accepts it silently, as plain validate must.
    if (matches.empty() && !has_wildcard(text)) {
      diagnostics.error(text + " defined in 'include' section does not match any files",
                        {bundle.files.describe(pattern.location())}, {where});
    }
    for (const fs::path& match : matches) {
      std::string extension = match.extension().string();
      if (extension != ".yml" && extension != ".yaml" && extension != ".json") {
        // The Databricks CLI's words, which point at sync.include for files meant to sync.
        diagnostics.error(
            "Files in the 'include' configuration section must be YAML or JSON "
            "files.",
            {bundle.files.describe(pattern.location())}, {},
            "The file " + bundle.display_path(match) +
                " in the 'include' configuration section is not a YAML or JSON "
                "file, and only such files are supported. To include files to "
                "sync, specify them in the 'sync.include' configuration section "
                "instead.");
        continue;
      }
      if (match == bundle.root_file) continue;
      if (std::find(files.begin(), files.end(), match) == files.end()) {
        files.push_back(match);
        named_at.push_back(pattern.location());
      }
    }
  }
  if (diagnostics.has_errors()) return;

  std::vector<std::uint32_t> ids;
  for (const fs::path& file : files) ids.push_back(bundle.files.add(file.string()));
  std::vector<ParsedFile> parsed = parse_files(ids, bundle, named_at);
  for (std::size_t i = 0; i < parsed.size(); ++i) {
    diagnostics.append(parsed[i].diagnostics);
    YamlDocument& document = parsed[i].document;
    if (!document.ok || document.empty) continue;
    keep_anchored(bundle, document);
    if (!document.root.is_mapping()) {
      diagnostics.error(std::string("the root of a bundle file must be a map, not a ") +
                            core::kind_name(document.root.kind()),
                        {bundle.files.describe(document.root.location())});
      continue;
    }
    if (const Value* nested = document.root.find("include")) {
      // As the Databricks CLI: an empty list is silently ignored, entries are warned about.
      if (!nested->is_null() && !(nested->is_sequence() && nested->items().empty())) {
        diagnostics.warning("Include section is defined outside root file",
                            locations_of(*nested, bundle.files), {Path().key("include")},
                            "An include section is defined in a file that is not "
                            "databricks.yml.\nOnly includes defined in databricks.yml are "
                            "applied.");
      }
      document.root.erase("include");
    }
    merge_included(bundle, std::move(document.root), diagnostics);
  }
}

}  // namespace bundlectl::config
