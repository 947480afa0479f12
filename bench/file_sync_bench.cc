// The file sync against the embedded emulator over loopback HTTP: a generated bundle of N
// files, timed through selection + hashing, a first sync (everything uploaded), a no-op
// sync and a one-file change, with the number of requests each made (from the emulator's
// request log).
//
// Usage: file_sync_bench [--files 1000] [--bytes 2048] [--concurrency 10]
//                        [--latency-ms 0] [--rate 1000]
// --rate is the client's request rate limit (the default client's is 15/s, like the SDKs').
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "bundlectl/api/curl_transport.h"
#include "bundlectl/api/workspace.h"
#include "bundlectl/config/load.h"
#include "bundlectl/deploy/file_sync.h"
#include "bundlectl/emulator/embedded_emulator.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace bundlectl;

struct Options {
  int files = 1000;
  int bytes = 2048;
  int concurrency = 10;
  int latency_ms = 0;
  double rate = 1000;
};

Options parse_options(int argc, char** argv) {
  Options options;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    int value = std::stoi(argv[i + 1]);
    if (flag == "--files")
      options.files = std::min(value, 100'000);
    else if (flag == "--bytes")
      options.bytes = std::min(value, 1 << 20);
    else if (flag == "--concurrency")
      options.concurrency = value;
    else if (flag == "--latency-ms")
      options.latency_ms = value;
    else if (flag == "--rate")
      options.rate = value;
    else
      throw std::invalid_argument("unknown flag " + flag);
  }
  return options;
}

void write(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << text;
}

fs::path generate(const Options& options) {
  fs::path root = fs::temp_directory_path() / ("file_sync_bench_" + std::to_string(::getpid()));
  fs::remove_all(root);
  write(root / "databricks.yml",
        "bundle:\n  name: bench\nworkspace:\n  root_path: "
        "/Users/emulator-user@example.com/.bundle/bench\n");
  write(root / ".gitignore", "*.log\n");
  for (int i = 0; i < options.files; ++i) {
    std::string body(static_cast<std::size_t>(options.bytes), static_cast<char>('a' + i % 26));
    write(root / ("src/m" + std::to_string(i % 20)) / ("f" + std::to_string(i) + ".py"),
          "# " + std::to_string(i) + "\n" + body);
    if (i % 10 == 0) write(root / ("logs/run" + std::to_string(i) + ".log"), body);
  }
  return root;
}

config::Bundle load(const fs::path& root) {
  config::LoadOptions options;
  options.chdir = root;
  options.user = "emulator-user@example.com";
  config::LoadResult result = config::load_bundle(options);
  if (!result.complete) throw std::runtime_error("the generated bundle did not load");
  return std::move(result.bundle);
}

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// Requests the emulator answered after `since` (its request log), and the new cursor.
std::pair<std::size_t, std::uint64_t> requests_since(const emulator::EmbeddedEmulator& emulator,
                                                     std::uint64_t since) {
  api::CurlTransport transport;
  api::HttpRequest request;
  request.url = emulator.base_url() + "/api/2.0/emulator/requests?since=" + std::to_string(since);
  request.headers.set("Authorization", "Bearer " + emulator.token());
  api::HttpOutcome outcome = transport.send(request);
  const auto* response = std::get_if<api::HttpResponse>(&outcome);
  if (!response || response->status != 200) throw std::runtime_error("no request log");
  nlohmann::json log = nlohmann::json::parse(response->body);
  return {log["requests"].size(), log["last_seq"].get<std::uint64_t>()};
}

}  // namespace

int main(int argc, char** argv) try {
  Options options = parse_options(argc, argv);
  fs::path root = generate(options);
  emulator::ServerOptions server;
  server.db_path = (root.parent_path() / (root.filename().string() + ".db")).string();
  fs::remove(server.db_path);
  server.latency_ms = options.latency_ms;
  emulator::EmbeddedEmulator emulator;
  emulator.start(server);

  api::AuthConfig config;
  config.host = {emulator.base_url(), "bench"};
  config.auth_type = {api::k_auth_pat, "bench"};
  config.token = {api::Secret(emulator.token()), "bench"};
  api::WorkspaceOptions workspace_options;
  workspace_options.rate_limit = options.rate;
  std::unique_ptr<api::Workspace> workspace = api::make_workspace(config, workspace_options);

  config::Bundle bundle = load(root);
  auto start = Clock::now();
  deploy::FileHashes local = deploy::local_files(bundle);
  std::printf("selection + SHA-256 of %zu files (%d bytes each): %.1f ms\n", local.size(),
              options.bytes, ms_since(start));

  std::uint64_t cursor = requests_since(emulator, 0).second;
  auto calls = [&] {
    auto [count, last] = requests_since(emulator, cursor);
    cursor = last;
    return count;
  };
  deploy::SyncOptions sync;
  sync.concurrency = static_cast<std::size_t>(options.concurrency);
  start = Clock::now();
  deploy::SyncResult first = deploy::sync_files(*workspace, bundle, {}, sync);
  double took = ms_since(start);
  std::printf(
      "first sync: %zu uploaded in %.1f ms, %zu requests (concurrency %d, latency %d ms, rate "
      "%.0f/s)\n",
      first.uploaded, took, calls(), options.concurrency, options.latency_ms, options.rate);
  start = Clock::now();
  deploy::SyncResult again = deploy::sync_files(*workspace, bundle, first.files, sync);
  took = ms_since(start);
  std::printf("no-op sync: %zu uploaded, %zu unchanged in %.1f ms, %zu requests\n", again.uploaded,
              again.unchanged, took, calls());
  write(root / "src/m0/f0.py", "# changed\n");
  start = Clock::now();
  deploy::SyncResult one = deploy::sync_files(*workspace, bundle, again.files, sync);
  took = ms_since(start);
  std::printf("one change: %zu uploaded in %.1f ms, %zu requests\n", one.uploaded, took, calls());
  emulator.stop();
  fs::remove_all(root);
  fs::remove(server.db_path);
  return 0;
} catch (const std::exception& error) {
  std::fprintf(stderr, "file_sync_bench: %s\n", error.what());
  return 1;
}
