// CurlTransport against real servers on loopback: answers, keep-alive, gzip, proxies and the
// ways a network fails (refused, dropped, too slow), each kept apart from HTTP statuses.
#include "bundlectl/api/curl_transport.h"

#include <gtest/gtest.h>

#include "integration/api/loopback_server.h"

namespace bundlectl::api {
namespace {

using testing::DroppingServer;
using testing::LoopbackServer;
using namespace std::chrono_literals;

HttpRequest get(const std::string& url) {
  HttpRequest request;
  request.url = url;
  return request;
}

TEST(CurlTransportTest, ReturnsStatusHeadersAndBodyAndSendsHeaders) {
  LoopbackServer server;
  std::string seen_auth, seen_encoding, seen_agent;
  server.server().Post("/api/echo", [&](const httplib::Request& req, httplib::Response& res) {
    seen_auth = req.get_header_value("Authorization");
    seen_encoding = req.get_header_value("Accept-Encoding");
    seen_agent = req.get_header_value("User-Agent");
    res.status = 409;
    res.set_header("X-Request-Id", "r-1");
    res.set_content(req.body, "application/json");
  });
  server.start();
  CurlTransport transport;
  HttpRequest request = get(server.url() + "/api/echo");
  request.method = Method::Post;
  request.headers.set("Authorization", "Bearer abc");
  request.body = R"({"x":1})";
  HttpOutcome outcome = transport.send(request);
  ASSERT_TRUE(std::holds_alternative<HttpResponse>(outcome));
  const auto& response = std::get<HttpResponse>(outcome);
  EXPECT_EQ(response.status, 409);  // an HTTP error is a response, not a transport error
  EXPECT_EQ(response.body, R"({"x":1})");
  EXPECT_EQ(*response.headers.find("x-request-id"), "r-1");
  EXPECT_EQ(seen_auth, "Bearer abc");
  EXPECT_NE(seen_encoding.find("gzip"), std::string::npos);
  EXPECT_EQ(seen_agent, "bundlectl");
}

TEST(CurlTransportTest, CompressedAnswersArriveDecoded) {
  LoopbackServer server;
  std::string big(20000, 'a');
  server.server().Get("/big", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content("{\"a\":\"" + big + "\"}", "application/json");  // httplib compresses it
  });
  server.start();
  CurlTransport transport;
  auto response = std::get<HttpResponse>(transport.send(get(server.url() + "/big")));
  ASSERT_NE(response.headers.find("content-encoding"), nullptr);
  // httplib picks brotli when curl offers it, gzip otherwise; both must be decoded.
  EXPECT_TRUE(*response.headers.find("content-encoding") == "gzip" ||
              *response.headers.find("content-encoding") == "br");
  EXPECT_EQ(response.body, "{\"a\":\"" + big + "\"}");
}

TEST(CurlTransportTest, SequentialRequestsReuseOneConnection) {
  LoopbackServer server;
  server.server().Get("/ping", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("{}", "application/json");
  });
  server.start();
  CurlTransport transport;
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(std::get<HttpResponse>(transport.send(get(server.url() + "/ping"))).status, 200);
  }
  EXPECT_EQ(transport.connections_opened(), 1);
}

TEST(CurlTransportTest, RefusedConnectionFailsBeforeSending) {
  CurlTransport transport;
  HttpOutcome outcome =
      transport.send(get("http://127.0.0.1:" + std::to_string(testing::closed_port()) + "/x"));
  ASSERT_TRUE(std::holds_alternative<TransportError>(outcome));
  EXPECT_EQ(std::get<TransportError>(outcome).kind, TransportErrorKind::Connect);
  EXPECT_FALSE(std::get<TransportError>(outcome).request_sent);
}

TEST(CurlTransportTest, ConnectionClosedWithoutAnAnswerIsConnectionLost) {
  DroppingServer server(1, "{}");
  HttpOutcome outcome = CurlTransport().send(get(server.url() + "/x"));
  ASSERT_TRUE(std::holds_alternative<TransportError>(outcome));
  EXPECT_EQ(std::get<TransportError>(outcome).kind, TransportErrorKind::ConnectionLost);
  EXPECT_TRUE(std::get<TransportError>(outcome).request_sent);
}

TEST(CurlTransportTest, SlowAnswerTimesOutAfterTheRequestWasSent) {
  LoopbackServer server;
  server.server().Get("/slow", [](const httplib::Request&, httplib::Response& res) {
    std::this_thread::sleep_for(800ms);
    res.set_content("{}", "application/json");
  });
  server.start();
  TransportOptions options;
  options.request_timeout = 200ms;
  CurlTransport transport(options);
  auto start = std::chrono::steady_clock::now();
  HttpOutcome outcome = transport.send(get(server.url() + "/slow"));
  EXPECT_LT(std::chrono::steady_clock::now() - start, 700ms);
  ASSERT_TRUE(std::holds_alternative<TransportError>(outcome));
  EXPECT_EQ(std::get<TransportError>(outcome).kind, TransportErrorKind::Timeout);
  EXPECT_TRUE(std::get<TransportError>(outcome).request_sent);
}

// A server answering /declared with a Content-Length, /chunked without one (so only the
// bytes received can be counted) and /compressible as text httplib compresses.
class OversizedAnswers {
 public:
  explicit OversizedAnswers(std::size_t size) : m_body(size, 'a') {
    m_server.server().Get("/declared", [this](const httplib::Request&, httplib::Response& res) {
      res.set_content(m_body, "application/octet-stream");
    });
    m_server.server().Get("/chunked", [this](const httplib::Request&, httplib::Response& res) {
      res.set_chunked_content_provider("application/octet-stream",
                                       [this](std::size_t offset, httplib::DataSink& sink) {
                                         if (offset >= m_body.size()) {
                                           sink.done();
                                           return true;
                                         }
                                         return sink.write(m_body.data() + offset, 100);
                                       });
    });
    m_server.server().Get("/compressible", [this](const httplib::Request&, httplib::Response& res) {
      res.set_content(m_body, "text/plain");
    });
    m_server.start();
  }
  std::string url(const std::string& path) const { return m_server.url() + path; }

 private:
  std::string m_body;
  LoopbackServer m_server;
};

TEST(CurlTransportTest, AnswersOverTheResponseLimitAreAbortedWithAnErrorSayingSo) {
  OversizedAnswers server(5000);
  TransportOptions options;
  options.max_response_bytes = 1000;
  CurlTransport transport(options);
  for (const char* path : {"/declared", "/chunked", "/compressible"}) {
    HttpOutcome outcome = transport.send(get(server.url(path)));
    ASSERT_TRUE(std::holds_alternative<TransportError>(outcome)) << path;
    EXPECT_EQ(std::get<TransportError>(outcome).kind, TransportErrorKind::Other) << path;
    EXPECT_EQ(std::get<TransportError>(outcome).message,
              "the response body exceeds the client's limit of 1000 bytes; the transfer was "
              "aborted")
        << path;
  }
}

TEST(CurlTransportTest, AnswersUpToTheResponseLimitArriveWhole) {
  OversizedAnswers server(1000);
  TransportOptions options;
  options.max_response_bytes = 1000;
  CurlTransport transport(options);
  for (const char* path : {"/declared", "/chunked", "/compressible"}) {
    HttpOutcome outcome = transport.send(get(server.url(path)));
    ASSERT_TRUE(std::holds_alternative<HttpResponse>(outcome)) << path;
    EXPECT_EQ(std::get<HttpResponse>(outcome).body, std::string(1000, 'a')) << path;
  }
  EXPECT_EQ(k_default_max_response_bytes, std::size_t{256} * 1024 * 1024);
}

TEST(CurlTransportTest, HttpProxyFromTheEnvironmentCarriesTheRequest) {
  LoopbackServer proxy;
  std::string seen_target;
  proxy.server().Get(".*", [&](const httplib::Request& req, httplib::Response& res) {
    seen_target = req.target;
    res.set_content(R"({"via":"proxy"})", "application/json");
  });
  proxy.start();
  TransportOptions options;
  options.proxies = proxy_settings_from_env(map_env({{"HTTP_PROXY", proxy.url()}}));
  CurlTransport transport(options);
  auto response = std::get<HttpResponse>(transport.send(get("http://workspace.invalid/api/x")));
  EXPECT_EQ(response.body, R"({"via":"proxy"})");
  EXPECT_EQ(seen_target, "http://workspace.invalid/api/x");
}

TEST(ProxySettingsTest, SchemeDecidesTheProxyAndNoProxyBypassesIt) {
  ProxySettings proxies = proxy_settings_from_env(map_env({{"https_proxy", "http://lower:1"},
                                                           {"HTTPS_PROXY", "http://upper:1"},
                                                           {"HTTP_PROXY", "http://plain:1"},
                                                           {"NO_PROXY", "internal.test,.corp"}}));
  EXPECT_EQ(proxy_for("https://x.cloud.databricks.com/api", proxies), "http://lower:1");
  EXPECT_EQ(proxy_for("http://x.test/api", proxies), "http://plain:1");
  EXPECT_EQ(proxy_for("https://internal.test/api", proxies), "");
  EXPECT_EQ(proxy_for("https://ws.corp:443/api", proxies), "");
  EXPECT_EQ(proxy_for("https://ws.corp.example/api", proxies), "http://lower:1");
}

TEST(CurlTransportTest, TlsIsVerifiedAgainstTheCaBundle) {
  // A TLS handshake with a plain-HTTP server fails as a TLS error, proving TLS is attempted;
  // a CA bundle that does not exist is refused before any connection.
  LoopbackServer server;
  server.server().Get("/x", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("{}", "application/json");
  });
  server.start();
  TransportOptions options;
  options.ca_bundle = "/nonexistent/ca.pem";
  HttpOutcome outcome =
      CurlTransport(options).send(get("https://127.0.0.1:" + std::to_string(server.port()) + "/x"));
  ASSERT_TRUE(std::holds_alternative<TransportError>(outcome));
  EXPECT_EQ(std::get<TransportError>(outcome).kind, TransportErrorKind::Tls);
}

}  // namespace
}  // namespace bundlectl::api

namespace bundlectl::api {
namespace {

using testing::LoopbackServer;
using namespace std::chrono_literals;

TEST(CurlTransportConcurrencyTest, WorkerThreadsShareThePoolAndReuseConnections) {
  LoopbackServer server;
  std::atomic<int> served{0};
  server.server().set_keep_alive_max_count(100);  // httplib closes after 5 requests otherwise
  server.server().Get("/ping", [&](const httplib::Request&, httplib::Response& res) {
    ++served;
    res.set_content("{}", "application/json");
  });
  server.start();
  CurlTransport transport;
  std::atomic<int> ok{0};
  std::vector<std::thread> workers;
  for (int w = 0; w < 4; ++w) {
    workers.emplace_back([&] {
      for (int i = 0; i < 10; ++i) {
        HttpRequest request;
        request.url = server.url() + "/ping";
        auto outcome = transport.send(request);
        if (std::holds_alternative<HttpResponse>(outcome) &&
            std::get<HttpResponse>(outcome).status == 200) {
          ++ok;
        }
      }
    });
  }
  for (auto& worker : workers) worker.join();
  EXPECT_EQ(ok.load(), 40);
  EXPECT_EQ(served.load(), 40);
  EXPECT_LE(transport.connections_opened(), 4);  // at most one per concurrent handle
}

}  // namespace
}  // namespace bundlectl::api
