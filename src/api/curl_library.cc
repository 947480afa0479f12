#include "api/curl_library.h"

#include <dlfcn.h>

#include <string>

#include "bundlectl/core/exit_code.h"
#include "bundlectl/util/loader_error.h"

namespace bundlectl::api {
namespace {

template <typename Function>
void look_up(void* library, const char* name, Function& function) {
  void* symbol = dlsym(library, name);
  if (symbol == nullptr)
    throw core::Failure(std::string("libcurl has no ") + name + ": " + util::last_loader_error());
  function = reinterpret_cast<Function>(symbol);
}

}  // namespace

CurlLibrary open_curl_library(const char* file) {
  // Never closed: curl keeps global state (TLS, DNS caches) for the life of the process.
  void* library = dlopen(file, RTLD_NOW | RTLD_LOCAL);
  if (library == nullptr) {
    throw core::Failure(std::string("cannot load ") + file +
                        ", which bundlectl needs to reach a workspace (on Debian it comes with "
                        "the libcurl4 package): " +
                        util::last_loader_error());
  }
  CurlLibrary curl{};
  look_up(library, "curl_global_init", curl.global_init);
  look_up(library, "curl_easy_init", curl.easy_init);
  look_up(library, "curl_easy_reset", curl.easy_reset);
  look_up(library, "curl_easy_setopt", curl.easy_setopt);
  look_up(library, "curl_easy_perform", curl.easy_perform);
  look_up(library, "curl_easy_getinfo", curl.easy_getinfo);
  look_up(library, "curl_easy_cleanup", curl.easy_cleanup);
  look_up(library, "curl_easy_strerror", curl.easy_strerror);
  look_up(library, "curl_slist_append", curl.slist_append);
  look_up(library, "curl_slist_free_all", curl.slist_free_all);
  return curl;
}

const CurlLibrary& curl_library() {
  // A function-local static is initialised once even when threads race here; a failure
  // throws out and the next call tries again.
  static const CurlLibrary curl = [] {
    CurlLibrary opened = open_curl_library(k_libcurl_soname);
    if (CURLcode code = opened.global_init(CURL_GLOBAL_DEFAULT); code != CURLE_OK) {
      throw core::Failure(std::string("libcurl failed to initialise: ") +
                          opened.easy_strerror(code));
    }
    return opened;
  }();
  return curl;
}

}  // namespace bundlectl::api
