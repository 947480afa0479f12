// bundlectl reads YAML with libyaml, the parser the Databricks CLI's YAML library descends
// from, plus checks of its own before and after (control characters, nesting, keys, tags).
// This test mutates bundle files many times over and checks that, on syntax, bundlectl's
// reader refuses exactly the texts libyaml's parser refuses: the checks of its own refuse
// nothing YAML allows, and nothing libyaml refuses gets through.
#include <gtest/gtest.h>
#include <yaml.h>

#include <random>
#include <set>
#include <string>
#include <string_view>

#include "config/yaml_reader.h"

namespace bundlectl::config {
namespace {

enum class Verdict { accepted, refused, several_documents };

Verdict libyaml_verdict(const std::string& text) {
  yaml_parser_t parser;
  yaml_parser_initialize(&parser);
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()),
                               text.size());
  Verdict verdict = Verdict::accepted;
  int documents = 0;
  std::set<std::string> anchors;
  for (bool done = false; !done;) {
    yaml_event_t event;
    if (!yaml_parser_parse(&parser, &event)) {
      verdict = Verdict::refused;
      break;
    }
    if (event.type == YAML_DOCUMENT_START_EVENT) ++documents;
    // libyaml's parser leaves aliases to its callers; YAML libraries built on it refuse an
    // alias to an anchor not defined before it.
    const unsigned char* anchor =
        event.type == YAML_SCALAR_EVENT           ? event.data.scalar.anchor
        : event.type == YAML_SEQUENCE_START_EVENT ? event.data.sequence_start.anchor
        : event.type == YAML_MAPPING_START_EVENT  ? event.data.mapping_start.anchor
                                                  : nullptr;
    if (anchor) anchors.insert(reinterpret_cast<const char*>(anchor));
    if (event.type == YAML_ALIAS_EVENT &&
        !anchors.count(reinterpret_cast<const char*>(event.data.alias.anchor))) {
      verdict = Verdict::refused;
    }
    done = event.type == YAML_STREAM_END_EVENT;
    yaml_event_delete(&event);
  }
  yaml_parser_delete(&parser);
  if (verdict == Verdict::accepted && documents > 1) return Verdict::several_documents;
  return verdict;
}

// What bundlectl's reader said about the syntax; errors about meaning (a key that is not a
// string, a tag the CLI does not know, an alias to nothing) are not libyaml's to judge.
struct ReaderVerdict {
  bool syntax_refused = false;
  bool meaning_refused = false;
  std::string message;
};

ReaderVerdict reader_verdict(const std::string& text) {
  core::SourceFiles files;
  core::Diagnostics diagnostics;
  YamlDocument document = read_yaml(text, files.add("databricks.yml"), files, diagnostics, {});
  ReaderVerdict verdict;
  for (const core::Diagnostic& d : diagnostics) {
    if (d.severity != core::Severity::Error) continue;
    verdict.message = d.summary;
    for (std::string_view meaning :
         {"invalid key tag", "unknown tag", "invalid int value", "invalid float value",
          "invalid bool value", "invalid timestamp value", "map merge requires",
          "key is not a scalar", "unknown anchor", "duplicate YAML merge key", "NUL character"}) {
      if (d.summary.rfind(meaning, 0) == 0 ||
          d.summary.find(std::string(meaning)) != std::string::npos) {
        verdict.meaning_refused = true;
      }
    }
    if (!verdict.meaning_refused) verdict.syntax_refused = true;
    break;
  }
  if (!document.ok && !verdict.meaning_refused) verdict.syntax_refused = true;
  return verdict;
}

// Bundle files of the usual shapes: nested mappings, lists of mappings, flow collections,
// quoted and block scalars, anchors, comments.
const char* const k_seeds[] = {
    R"(bundle:
  name: nightly_etl # the bundle
include:
  - resources/*.yml
variables:
  catalog:
    description: "Catalog of the tables"
    default: main
  cluster:
    type: complex
    default: {spark_version: 15.4.x-scala2.12, num_workers: 2}
targets:
  dev:
    mode: development
    default: true
  prod:
    workspace:
      host: https://example.cloud.databricks.com
)",
    R"(defaults: &defaults
  max_retries: 2
  timeout_seconds: 3600
resources:
  jobs:
    etl:
      name: 'Nightly ETL'
      schedule:
        quartz_cron_expression: "0 0 2 * * ?"
        timezone_id: Europe/Amsterdam
      tasks:
        - task_key: extract
          <<: *defaults
          notebook_task:
            notebook_path: ../src/extract.ipynb
            base_parameters: {date: "{{job.start_time.iso_date}}"}
        - task_key: load
          depends_on: [{task_key: extract}]
          spark_python_task:
            python_file: ../src/load.py
            parameters: ["--mode", full]
)",
    R"(resources:
  pipelines:
    orders:
      name: orders_dlt
      configuration:
        source: |
          /Volumes/main/raw/orders
          second line
        note: >
          folded text
          continues here
      libraries:
        - glob:
            include: ../src/orders/**
      clusters:
        - label: default
          autoscale: {min_workers: 1, max_workers: 4}
)",
};

// Inserted or removed at random places.
const char* const k_insertions[] = {":",  " ",  "-",  "\"", "'",    "{",    "}", "[",
                                    "]",  "#",  "&",  "*",  "|",    ">",    ",", "?",
                                    "\n", "  ", ": ", "- ", "%",    "@",    "`", "\\",
                                    "x",  "0",  "~",  "\t", "\n  ", "\n- ", "!", "!!int "};

TEST(YamlLibyamlAgreementTest, MutatedBundleFilesAreRefusedExactlyWhenLibyamlRefusesThem) {
  std::mt19937 random(20261205);
  int compared = 0;
  for (const char* seed : k_seeds) {
    for (int round = 0; round < 400; ++round) {
      std::string text = seed;
      for (int edits = 1 + static_cast<int>(random() % 2); edits > 0; --edits) {
        std::size_t at = random() % (text.size() + 1);
        if (random() % 10 < 4 && at < text.size()) {
          text.erase(at, 1);
        } else {
          const std::string insertion = k_insertions[random() % std::size(k_insertions)];
          text.insert(at, insertion);
        }
      }
      Verdict reference = libyaml_verdict(text);
      if (reference == Verdict::several_documents) continue;  // bundlectl refuses those on purpose
      ReaderVerdict ours = reader_verdict(text);
      if (ours.meaning_refused) continue;
      ++compared;
      EXPECT_EQ(ours.syntax_refused, reference == Verdict::refused)
          << (reference == Verdict::refused
                  ? "libyaml refuses, bundlectl reads:\n"
                  : "libyaml reads, bundlectl refuses (" + ours.message + "):\n")
          << text;
    }
  }
  EXPECT_GT(compared, 1000);  // the comparison itself must not be skipped away
}

}  // namespace
}  // namespace bundlectl::config
