# Writes OUTPUT, a C++ source holding every JSON file given in INPUTS (a ;-list) as a raw
# string literal, so the binary carries the schemas of resources/schemas/ wherever it runs.
# Run by the build (see CMakeLists.txt) whenever one of the files changes.
set(body "")
foreach(input IN LISTS INPUTS)
  get_filename_component(name "${input}" NAME)
  file(READ "${input}" text)
  string(FIND "${text}" ")bundlectl_json\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${input} contains the raw-string delimiter )bundlectl_json\"")
  endif()
  string(APPEND body "    {\"${name}\", R\"bundlectl_json(${text})bundlectl_json\"},\n")
endforeach()
file(WRITE "${OUTPUT}"
  "// Generated from resources/schemas/*.json by cmake/embed_schemas.cmake; do not edit.\n"
  "#include \"validate/schema_files.h\"\n\n"
  "namespace bundlectl::validate {\n\n"
  "const std::vector<SchemaFile>& schema_files() {\n"
  "  static const std::vector<SchemaFile> files = {\n${body}  };\n"
  "  return files;\n}\n\n"
  "}  // namespace bundlectl::validate\n")
