// Move-only owners of libcurl's C handles.
#pragma once

#include <memory>
#include <string>

#include "api/curl_library.h"

namespace bundlectl::api {

struct CurlEasyDeleter {
  void operator()(CURL* handle) const { curl_library().easy_cleanup(handle); }
};
using CurlEasy = std::unique_ptr<CURL, CurlEasyDeleter>;

struct CurlListDeleter {
  void operator()(curl_slist* list) const { curl_library().slist_free_all(list); }
};

// A curl_slist that grows by append and frees itself.
class CurlList {
 public:
  void append(const std::string& line) {
    curl_slist* grown = curl_library().slist_append(m_list.get(), line.c_str());
    if (grown != nullptr) {
      m_list.release();
      m_list.reset(grown);
    }
  }
  curl_slist* get() const { return m_list.get(); }

 private:
  std::unique_ptr<curl_slist, CurlListDeleter> m_list;
};

}  // namespace bundlectl::api
