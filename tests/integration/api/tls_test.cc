// TLS against a real HTTPS server on loopback with a certificate made for the test: trusted
// through a custom CA bundle, refused without it.
#include <gtest/gtest.h>

#include "bundlectl/api/curl_transport.h"
#include "integration/api/loopback_server.h"
#include "support/subprocess.h"
#include "support/temp_dir.h"

namespace bundlectl::api {
namespace {

using bundlectl::testing::run_process;
using bundlectl::testing::TempDir;

class TlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_cert = (m_dir.path() / "cert.pem").string();
    m_key = (m_dir.path() / "key.pem").string();
    auto made = run_process({"openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                             m_key, "-out", m_cert, "-days", "1", "-subj", "/CN=127.0.0.1",
                             "-addext", "subjectAltName=IP:127.0.0.1"});
    ASSERT_EQ(made.exit_code, 0) << made.err;
    m_server = std::make_unique<httplib::SSLServer>(m_cert.c_str(), m_key.c_str());
    ASSERT_TRUE(m_server->is_valid());
    m_server->Get("/api/2.0/preview/scim/v2/Me",
                  [](const httplib::Request&, httplib::Response& res) {
                    res.set_content(R"({"userName":"tls@example.com"})", "application/json");
                  });
    m_port = m_server->bind_to_any_port("127.0.0.1");
    m_thread = std::thread([this] { m_server->listen_after_bind(); });
    while (!m_server->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  void TearDown() override {
    if (m_thread.joinable()) {
      m_server->stop();
      m_thread.join();
    }
  }
  HttpRequest me() const {
    HttpRequest request;
    request.url = "https://127.0.0.1:" + std::to_string(m_port) + "/api/2.0/preview/scim/v2/Me";
    return request;
  }

  TempDir m_dir;
  std::string m_cert;
  std::string m_key;
  std::unique_ptr<httplib::SSLServer> m_server;
  std::thread m_thread;
  int m_port = 0;
};

TEST_F(TlsTest, CustomCaBundleMakesTheServerTrusted) {
  TransportOptions options;
  options.ca_bundle = m_cert;
  HttpOutcome outcome = CurlTransport(options).send(me());
  ASSERT_TRUE(std::holds_alternative<HttpResponse>(outcome))
      << std::get<TransportError>(outcome).message;
  EXPECT_EQ(std::get<HttpResponse>(outcome).body, R"({"userName":"tls@example.com"})");
}

TEST_F(TlsTest, UntrustedCertificateIsRefused) {
  HttpOutcome outcome = CurlTransport().send(me());
  ASSERT_TRUE(std::holds_alternative<TransportError>(outcome));
  EXPECT_EQ(std::get<TransportError>(outcome).kind, TransportErrorKind::Tls);
}

}  // namespace
}  // namespace bundlectl::api
