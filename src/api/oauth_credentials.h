// OAuth token providers, built by make_credentials (credentials.cc).
#pragma once

#include <memory>

#include "bundlectl/api/credentials.h"

namespace bundlectl::api {

std::unique_ptr<Credentials> make_m2m_credentials(const AuthConfig& config,
                                                  const RetryingSender& sender,
                                                  std::shared_ptr<Redactor> redactor);

std::unique_ptr<Credentials> make_github_oidc_credentials(const AuthConfig& config,
                                                          const RetryingSender& sender,
                                                          std::shared_ptr<Redactor> redactor);

}  // namespace bundlectl::api
