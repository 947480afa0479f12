// The dynamic loader's message for the dlopen() or dlsym() that just failed.
#pragma once

#include <dlfcn.h>

#include <string>

namespace bundlectl::util {

inline std::string last_loader_error() {
  const char* message = dlerror();
  return message != nullptr ? message : "unknown error";
}

}  // namespace bundlectl::util
