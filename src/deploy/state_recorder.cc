// The deployment state while a deploy runs: changed by the calls in flight, written locally
// after each change, pushed to the workspace now and then and at the end.
#include <algorithm>

#include "bundlectl/deploy/apply.h"

namespace bundlectl::deploy {

StateRecorder::StateRecorder(DeploymentState state, std::filesystem::path local_file,
                             api::Workspace* workspace, std::string state_path)
    : m_state(std::move(state)),
      m_local_file(std::move(local_file)),
      m_workspace(workspace),
      m_state_path(std::move(state_path)) {}

void StateRecorder::save_locked(std::unique_lock<std::mutex>& lock) {
  ++m_state.serial;
  const std::int64_t mine = ++m_changes;
  while (m_written < mine) {
    if (m_writing) {
      m_written_cv.wait(lock);
      continue;
    }
    m_writing = true;
    const DeploymentState snapshot = m_state;
    const std::int64_t covered = m_changes;
    lock.unlock();
    try {
      write_local_state(m_local_file, snapshot);
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
  std::unique_lock<std::mutex> lock(m_mutex);
  m_state.resources[address] = std::move(resource);
  save_locked(lock);
}

void StateRecorder::forget(const std::string& address) {
  std::unique_lock<std::mutex> lock(m_mutex);
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
