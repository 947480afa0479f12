// libcurl, opened on first use instead of linked.
//
// Linking it makes every start of bundlectl load its whole dependency tree (two TLS stacks,
// Kerberos, LDAP, SSH, IDN, ...): about 10 ms of loading, relocation and constructors, which
// is a third of what a pull-request `validate` may take and is wasted when the command never
// touches the network. Only the functions the transport calls are looked up.
#pragma once

#include <curl/curl.h>

namespace bundlectl::api {

struct CurlLibrary {
  CURLcode (*global_init)(long);
  CURL* (*easy_init)();
  void (*easy_reset)(CURL*);
  CURLcode (*easy_setopt)(CURL*, CURLoption, ...);
  CURLcode (*easy_perform)(CURL*);
  CURLcode (*easy_getinfo)(CURL*, CURLINFO, ...);
  void (*easy_cleanup)(CURL*);
  const char* (*easy_strerror)(CURLcode);
  curl_slist* (*slist_append)(curl_slist*, const char*);
  void (*slist_free_all)(curl_slist*);
};

inline constexpr const char* k_libcurl_soname = "libcurl.so.4";

// The process-wide libcurl: opened and globally initialised once, from any thread. Throws
// core::Failure naming the library and what the loader said when it cannot be used.
const CurlLibrary& curl_library();

// Opens `file` and looks every function up, without initialising it: the part of
// curl_library() that tests can point at a library that does not exist.
CurlLibrary open_curl_library(const char* file);

}  // namespace bundlectl::api
