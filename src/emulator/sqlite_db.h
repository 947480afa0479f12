// Move-only RAII owners for a SQLite connection and its prepared statements.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>

namespace bundlectl::emulator {

class Statement {
 public:
  Statement(sqlite3* db, const char* sql);
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Binds are 1-based, like SQLite's own; every bind returns *this so calls chain.
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, const std::string& value);
  Statement& bind_null(int index);
  // Steps once: true while a row is available, false when done. Throws on error.
  bool step();
  // Steps to the end (for statements that return no rows) and resets.
  void run();
  // Clears bindings and rewinds, so a cached statement can be reused.
  void reset();

  std::int64_t column_int(int index) const;
  std::string column_text(int index) const;
  bool column_is_null(int index) const;

 private:
  sqlite3* m_db;
  sqlite3_stmt* m_stmt = nullptr;
};

class Database {
 public:
  // Opens (creating if needed) `path`; ":memory:" for a private in-memory database.
  explicit Database(const std::string& path);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void exec(const char* sql);
  Statement prepare(const char* sql) { return Statement(m_db, sql); }
  sqlite3* handle() const { return m_db; }
  std::int64_t changes() const { return sqlite3_changes64(m_db); }

 private:
  sqlite3* m_db = nullptr;
};

// Groups statements into one transaction; rolls back unless commit() was reached.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Database& m_db;
  bool m_done = false;
};

}  // namespace bundlectl::emulator
