// The deployment state while a deploy runs: changed by the calls in flight, written locally
// after each change, pushed to the workspace now and then and at the end.
#include <algorithm>

#include "bundlectl/deploy/apply.h"

namespace bundlectl::deploy {
namespace {

std::string resource_text(const ResourceState& resource) {
  return resource_to_json(resource).dump();
}

// The state's JSON as state_to_json gives it, with the resources spliced in from `texts`.
std::string compose(const DeploymentState& state, const std::map<std::string, std::string>& texts) {
  DeploymentState head;  // every field but the resources
  head.bundle = state.bundle;
  head.target = state.target;
  head.workspace = state.workspace;
  head.lineage = state.lineage;
  head.serial = state.serial;
  head.files = state.files;
  head.deploy_in_progress = state.deploy_in_progress;
  nlohmann::json json = state_to_json(head);
  json.erase("resources");
  std::string text = json.dump();
  text.pop_back();  // the closing brace: the resources follow
  text += ",\"resources\":{";
  bool first = true;
  for (const auto& [address, resource] : texts) {
    if (!first) text += ',';
    first = false;
    text += nlohmann::json(address).dump() + ':' + resource;
  }
  text += "}}\n";
  return text;
}

}  // namespace

StateRecorder::StateRecorder(DeploymentState state, std::filesystem::path local_file,
                             api::Workspace* workspace, std::string state_path)
    : m_state(std::move(state)),
      m_local_file(std::move(local_file)),
      m_workspace(workspace),
      m_state_path(std::move(state_path)) {
  for (const auto& [address, resource] : m_state.resources) {
    m_resource_text[address] = resource_text(resource);
  }
}

void StateRecorder::save_locked(std::unique_lock<std::mutex>& lock) {
  ++m_state.serial;
  const std::int64_t mine = ++m_changes;
  while (m_written < mine) {
    if (m_writing) {
      m_written_cv.wait(lock);
      continue;
    }
    m_writing = true;
    const std::string text = compose(m_state, m_resource_text);
    const std::int64_t covered = m_changes;
    lock.unlock();
    try {
      write_local_state_text(m_local_file, text);
    } catch (...) {
      lock.lock();
      m_writing = false;
      m_written_cv.notify_all();
      throw;
    }
    lock.lock();
    m_writing = false;
    m_written = std::max(m_written, covered);
    m_written_cv.notify_all();
  }
}

void StateRecorder::record(const std::string& address, ResourceState resource) {
  std::string text = resource_text(resource);
  std::unique_lock<std::mutex> lock(m_mutex);
  m_resource_text[address] = std::move(text);
  m_state.resources[address] = std::move(resource);
  save_locked(lock);
}

void StateRecorder::forget(const std::string& address) {
  std::unique_lock<std::mutex> lock(m_mutex);
  m_resource_text.erase(address);
  m_state.resources.erase(address);
  save_locked(lock);
}

void StateRecorder::set_files(const std::string& path, const std::string& hash) {
  std::unique_lock<std::mutex> lock(m_mutex);
  if (hash.empty()) {
    m_state.files.erase(path);
  } else {
    m_state.files[path] = hash;
  }
  save_locked(lock);
}

void StateRecorder::set_in_progress(bool in_progress) {
  std::unique_lock<std::mutex> lock(m_mutex);
  m_state.deploy_in_progress = in_progress;
  save_locked(lock);
}

std::string StateRecorder::id_of(const std::string& address) const {
  std::lock_guard<std::mutex> guard(m_mutex);
  const auto found = m_state.resources.find(address);
  return found == m_state.resources.end() ? "" : found->second.id;
}

DeploymentState StateRecorder::snapshot() const {
  std::lock_guard<std::mutex> guard(m_mutex);
  return m_state;
}

void StateRecorder::push() {
  std::lock_guard<std::mutex> pushing(m_push_mutex);
  const DeploymentState state = snapshot();
  m_last_push = std::chrono::steady_clock::now();
  if (m_workspace == nullptr) return;
  write_remote_state(*m_workspace, m_state_path, state);
  m_pushed_serial = state.serial;
}

void StateRecorder::push_if_due(std::chrono::milliseconds interval) {
  {
    std::lock_guard<std::mutex> pushing(m_push_mutex);
    if (std::chrono::steady_clock::now() - m_last_push < interval) return;
  }
  std::int64_t serial = 0;
  {
    std::lock_guard<std::mutex> guard(m_mutex);
    serial = m_state.serial;
  }
  if (serial != m_pushed_serial) push();
}

}  // namespace bundlectl::deploy
