// What the workspace APIs (workspace/* and workspace-files/*) share about the object tree:
// path rules, folders, the object info they answer with, and which files are notebooks.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "emulator/api_context.h"

namespace bundlectl::emulator {

// `path` with repeated and trailing slashes dropped. "." and ".." segments are refused
// (400) rather than resolved: stored literally they named objects no other path could reach.
// "/Workspace/x" is "/x", as on Databricks.
std::string normalized_workspace_path(const std::string& path);
std::string parent_of(const std::string& path);
bool is_directory(ApiContext& context, const std::string& path);
// mkdir -p; a file or notebook in the way is 400 RESOURCE_ALREADY_EXISTS.
void make_directories(ApiContext& context, const std::string& path);
nlohmann::json object_info(const WorkspaceObject& object);

// Stores an imported file or notebook at object.path, as both import routes do: "/" and a
// missing parent folder are refused (the caller makes folders), an existing folder always is,
// and an existing object is refused by `refuse_existing` (which throws) unless `overwrite`;
// a replaced object keeps its id and creation time.
void store_import(ApiContext& context, WorkspaceObject object, bool overwrite,
                  const std::function<void(const WorkspaceObject&)>& refuse_existing);

struct NotebookSource {
  std::string language;  // PYTHON, SCALA, SQL, R; empty when the file is not a notebook
  std::string path;      // where the workspace keeps it: the path without its extension
};

// Whether a file's bytes make it a notebook, as the workspace decides on import: the
// extension names the language and the first line is that language's
// "Databricks notebook source" comment; a .ipynb is a notebook when it is a Jupyter document.
NotebookSource detect_notebook(const std::string& path, const std::string& content);

// A zip of the folder's notebooks as source files (format SOURCE), or of its notebooks and
// files (AUTO); paths inside are relative to the folder. 400 for another format, and
// MAX_NOTEBOOK_SIZE_EXCEEDED past 10 MiB of content.
std::string export_folder(ApiContext& context, const std::string& path, const std::string& format);

}  // namespace bundlectl::emulator
