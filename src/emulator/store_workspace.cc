// The Store's workspace tree, permissions and OAuth tokens (the jobs side is in store.cc).
#include "emulator/store.h"

namespace bundlectl::emulator {
namespace {

using nlohmann::json;

WorkspaceObject read_object(const Statement& stmt) {
  WorkspaceObject object;
  object.path = stmt.column_text(0);
  object.object_type = stmt.column_text(1);
  object.object_id = stmt.column_int(2);
  object.language = stmt.column_text(3);
  object.content = stmt.column_text(4);
  object.created_at = stmt.column_int(5);
  object.modified_at = stmt.column_int(6);
  return object;
}

constexpr const char* k_object_columns =
    "path, object_type, object_id, language, content, created_at, modified_at";

// Escapes LIKE wildcards so a path with % or _ matches only itself.
std::string like_prefix(const std::string& path) {
  std::string out;
  for (char c : path) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + "/%";
}

}  // namespace

std::optional<WorkspaceObject> Store::object(const std::string& path) {
  std::string sql =
      std::string("SELECT ") + k_object_columns + " FROM workspace_objects WHERE path = ?";
  Statement stmt = m_db.prepare(sql.c_str());
  stmt.bind(1, path);
  if (!stmt.step()) return std::nullopt;
  return read_object(stmt);
}

void Store::put_object(const WorkspaceObject& object) {
  Statement stmt = m_db.prepare(
      "INSERT INTO workspace_objects (path, object_type, object_id, language, content, "
      "created_at, modified_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (path) DO UPDATE SET "
      "object_type = excluded.object_type, language = excluded.language, "
      "content = excluded.content, modified_at = excluded.modified_at");
  stmt.bind(1, object.path).bind(2, object.object_type).bind(3, object.object_id);
  stmt.bind(4, object.language).bind(5, object.content).bind(6, object.created_at);
  stmt.bind(7, object.modified_at).run();
}

std::vector<WorkspaceObject> Store::children(const std::string& path) {
  // Direct children only: below `path/` and with no further slash.
  std::string sql = std::string("SELECT ") + k_object_columns +
                    " FROM workspace_objects WHERE path LIKE ? ESCAPE '\\' "
                    "AND instr(substr(path, ?), '/') = 0 ORDER BY path";
  Statement stmt = m_db.prepare(sql.c_str());
  std::string base = path == "/" ? "" : path;
  stmt.bind(1, like_prefix(base)).bind(2, static_cast<std::int64_t>(base.size() + 2));
  std::vector<WorkspaceObject> out;
  while (stmt.step()) out.push_back(read_object(stmt));
  return out;
}

std::size_t Store::delete_tree(const std::string& path) {
  Statement stmt =
      m_db.prepare("DELETE FROM workspace_objects WHERE path = ? OR path LIKE ? ESCAPE '\\'");
  stmt.bind(1, path).bind(2, like_prefix(path)).run();
  return static_cast<std::size_t>(m_db.changes());
}

std::optional<json> Store::permissions(const std::string& object_key) {
  Statement stmt = m_db.prepare("SELECT doc FROM permissions WHERE object_key = ?");
  stmt.bind(1, object_key);
  if (!stmt.step()) return std::nullopt;
  return json::parse(stmt.column_text(0));
}

void Store::put_permissions(const std::string& object_key, const json& doc) {
  m_db.prepare("INSERT OR REPLACE INTO permissions (object_key, doc) VALUES (?, ?)")
      .bind(1, object_key)
      .bind(2, doc.dump())
      .run();
}

void Store::add_access_token(const std::string& token_hash, std::int64_t expires_ms) {
  m_db.prepare("INSERT OR REPLACE INTO access_tokens (token_hash, expires) VALUES (?, ?)")
      .bind(1, token_hash)
      .bind(2, expires_ms)
      .run();
}

bool Store::access_token_valid(const std::string& token_hash, std::int64_t now_ms) {
  Statement stmt = m_db.prepare("SELECT expires FROM access_tokens WHERE token_hash = ?");
  stmt.bind(1, token_hash);
  return stmt.step() && stmt.column_int(0) > now_ms;
}

}  // namespace bundlectl::emulator
