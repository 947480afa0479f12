// yaml_parse_bench: how fast bundle files are read, and why bundlectl parses with libyaml.
//
//   yaml_parse_bench [DIR] [--runs 5]
//
// DIR (default bench/out/big, written by validate_bench) is read into memory once; then, per
// run and on one thread, every .yml file is parsed three ways: yaml-cpp's parser with events
// that do nothing, libyaml's parser with events that do nothing, and bundlectl's reader
// (libyaml plus the tree with the Databricks CLI's rules). Prints the median seconds and MB/s.
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>
#include <yaml.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "config/yaml_reader.h"

namespace {

namespace fs = std::filesystem;

struct IgnoreEvents : YAML::EventHandler {
  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

bool parse_with_yaml_cpp(const std::string& text) {
  std::istringstream stream(text);
  IgnoreEvents events;
  try {
    YAML::Parser parser(stream);
    while (parser.HandleNextDocument(events)) {
    }
    return true;
  } catch (const YAML::Exception&) {
    return false;
  }
}

bool parse_with_libyaml(const std::string& text) {
  yaml_parser_t parser;
  yaml_parser_initialize(&parser);
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()),
                               text.size());
  bool ok = true;
  for (bool done = false; !done;) {
    yaml_event_t event;
    if (!yaml_parser_parse(&parser, &event)) {
      ok = false;
      break;
    }
    done = event.type == YAML_STREAM_END_EVENT;
    yaml_event_delete(&event);
  }
  yaml_parser_delete(&parser);
  return ok;
}

bool read_with_bundlectl(const std::string& text) {
  bundlectl::core::SourceFiles files;
  bundlectl::core::Diagnostics diagnostics;
  auto document =
      bundlectl::config::read_yaml(text, files.add("bundle.yml"), files, diagnostics, {});
  return document.ok;
}

double median_seconds(const std::vector<std::string>& texts, int runs,
                      const std::function<bool(const std::string&)>& parse) {
  std::vector<double> seconds;
  for (int run = 0; run < runs; ++run) {
    auto start = std::chrono::steady_clock::now();
    for (const std::string& text : texts) {
      if (!parse(text)) {
        std::cerr << "a file failed to parse\n";
        std::exit(1);
      }
    }
    seconds.push_back(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(seconds.begin(), seconds.end());
  return seconds[seconds.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  fs::path dir = "bench/out/big";
  int runs = 5;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--runs" && i + 1 < argc) {
      runs = std::max(1, std::atoi(argv[++i]));
    } else {
      dir = arg;
    }
  }
  std::vector<std::string> texts;
  std::size_t bytes = 0;
  if (!fs::is_directory(dir)) {
    std::cerr << dir << " is not a folder (run validate_bench first, or pass one)\n";
    return 2;
  }
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".yml") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    bytes += text.str().size();
    texts.push_back(text.str());
  }
  std::printf("%zu files, %.1f MB, median of %d runs, one thread\n", texts.size(), bytes / 1e6,
              runs);
  const struct {
    const char* name;
    std::function<bool(const std::string&)> parse;
  } parsers[] = {{"yaml-cpp events", parse_with_yaml_cpp},
                 {"libyaml events", parse_with_libyaml},
                 {"bundlectl read_yaml (libyaml + tree)", read_with_bundlectl}};
  for (const auto& parser : parsers) {
    double seconds = median_seconds(texts, runs, parser.parse);
    std::printf("%-38s %7.3f s %8.1f MB/s\n", parser.name, seconds, bytes / 1e6 / seconds);
  }
  return 0;
}
