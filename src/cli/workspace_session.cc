#include "cli/workspace_session.h"

#include <spdlog/spdlog.h>

#include "bundlectl/api/api_error.h"
#include "bundlectl/config/load.h"
#include "bundlectl/core/exit_code.h"
#include "cli/workspace_lookup.h"
#include "config/bundle_root.h"

namespace bundlectl::cli {
namespace {

std::string text_at(const core::Value& root, std::initializer_list<std::string_view> keys) {
  const core::Value* value = root.at(keys);
  return value && value->is_scalar() ? value->scalar_text() : "";
}

api::TransportOptions quick_transport(const api::AuthConfig& config, const api::EnvLookup& env) {
  api::TransportOptions options;
  options.connect_timeout = k_quick_connect_timeout;
  options.request_timeout = k_quick_request_timeout;
  options.ca_bundle = config.ca_bundle.value;
  options.proxies = api::proxy_settings_from_env(env);
  options.user_agent = std::string("bundlectl/") + BUNDLECTL_VERSION;
  return options;
}

api::RetryPolicy quick_retry() {
  api::RetryPolicy policy;
  policy.max_attempts = k_quick_max_attempts;
  policy.initial_backoff = std::chrono::milliseconds(200);
  policy.max_backoff = std::chrono::milliseconds(1'000);
  policy.total_budget = k_quick_retry_budget;
  return policy;
}

}  // namespace

TargetWorkspace target_workspace(const config::LoadOptions& options) {
  config::LoadOptions plain = options;
  plain.workspace = nullptr;
  return target_workspace(config::load_files(plain));
}

TargetWorkspace target_workspace(const config::LoadResult& files) {
  config::LoadResult result = config::load_target_settings(files);
  TargetWorkspace target;
  target.host = text_at(result.bundle.config, {"workspace", "host"});
  target.profile = text_at(result.bundle.config, {"workspace", "profile"});
  // An unresolved reference is not a host.
  if (target.host.find("${") != std::string::npos) target.host.clear();
  if (target.profile.find("${") != std::string::npos) target.profile.clear();
  return target;
}

api::AuthConfig emulator_auth(const emulator::EmbeddedEmulator& running) {
  api::AuthConfig config;
  config.host = {running.base_url(), "--emulator"};
  config.auth_type = {api::k_auth_pat, "--emulator"};
  config.token = {api::Secret(running.token()), "--emulator"};
  return config;
}

SessionInputs session_inputs(const BundleFlags& flags, const config::LoadResult* files) {
  SessionInputs inputs;
  inputs.emulator = flags.emulator;
  inputs.bundle = load_options(flags);
  if (!inputs.emulator) {
    TargetWorkspace target = files ? target_workspace(*files) : target_workspace(inputs.bundle);
    inputs.auth.target_host = target.host;
    inputs.auth.target_profile = target.profile;
  }
  return inputs;
}

WorkspaceSession::WorkspaceSession(const SessionInputs& inputs) {
  if (inputs.emulator) {
    start_emulator(inputs.bundle, inputs.auth.env);
  } else {
    try {
      m_auth = api::resolve_auth(inputs.auth);
    } catch (const api::AuthError& e) {
      m_note = e.what();
      m_lookup = std::make_unique<FailedWorkspaceLookup>(m_note);
      return;
    }
    m_note = m_auth.problem();
    if (!m_note.empty()) return;  // nothing (usable) configured: no workspace, as without one
  }
  api::WorkspaceOptions options;
  if (inputs.quick) {
    m_transport = std::make_unique<api::CurlTransport>(quick_transport(m_auth, inputs.auth.env));
    options.transport = m_transport.get();
    options.retry = quick_retry();
  }
  try {
    m_workspace = api::make_workspace(m_auth, options);
  } catch (const std::exception& e) {
    m_note = e.what();
    m_lookup = std::make_unique<FailedWorkspaceLookup>(m_note);
    return;
  }
  m_lookup = std::make_unique<ApiWorkspaceLookup>(*m_workspace);
  spdlog::debug("workspace: {} ({})", m_auth.host.value, m_auth.host.source);
}

WorkspaceSession::~WorkspaceSession() {
  // The client goes before the server it talks to.
  m_lookup.reset();
  m_workspace.reset();
  m_transport.reset();
  if (m_emulator) m_emulator->stop();
}

void WorkspaceSession::start_emulator(const config::LoadOptions& bundle,
                                      const api::EnvLookup& env) {
  config::RootSearch root = config::find_bundle_root(bundle);
  if (!root.error.empty()) throw core::Failure("--emulator needs a bundle: " + root.error);
  emulator::ServerOptions options;
  options.db_path = emulator::default_emulator_db(root.root_file.parent_path().string());
  options.threads = k_embedded_emulator_threads;
  // The same variable `emulator serve` reads, so a served and an embedded emulator can share
  // one token; otherwise a fresh random one.
  options.token = env("BUNDLECTL_EMULATOR_TOKEN").value_or("");
  // As docs/emulator.md says: a command with --emulator takes its scenario from here too.
  options.scenario_file = env("BUNDLECTL_EMULATOR_SCENARIO").value_or("");
  m_emulator = std::make_unique<emulator::EmbeddedEmulator>();
  m_emulator->start(options);
  spdlog::debug("emulated workspace at {} on {}", m_emulator->base_url(), options.db_path);
  m_auth = emulator_auth(*m_emulator);
  // The workspace's request rate limit protects a shared service; the emulator in this very
  // process has none to protect, so a big deploy to it is not held to 15 requests a second.
  m_auth.rate_limit = {env("DATABRICKS_RATE_LIMIT").value_or("10000"), "--emulator"};
}

}  // namespace bundlectl::cli
