// The notebooks and files that the small bundles of the unit tests name. A bundle loads only
// when the local notebooks and files it names exist, as with the Databricks CLI.
#pragma once

#include "support/temp_dir.h"

namespace bundlectl::testing {

inline void write_stand_in_sources(const TempDir& dir) {
  dir.write("nb.py", "# Databricks notebook source\n");
  for (const char* file : {"main.py", "a.py", "train.py"}) dir.write(file, "print(1)\n");
  dir.write("q.sql", "select 1\n");
}

}  // namespace bundlectl::testing
