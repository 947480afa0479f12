// Hostile requests over a real loopback socket: the token is checked on the headers before
// any body is read, and every body (declared, chunked, compressed) is bounded as it streams.
#include "integration/emulator/emulator_fixture.h"
#include "integration/emulator/raw_http.h"

namespace bundlectl::testing {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

const std::string k_limit_message =
    "The request body exceeds the emulator's limit of 1000 bytes (--max-body-bytes).";

std::string gzip(const std::string& text) {
  std::string out;
  httplib::detail::gzip_compressor compressor;
  compressor.compress(text.data(), text.size(), true, [&](const char* data, std::size_t size) {
    out.append(data, size);
    return true;
  });
  return out;
}

std::string chunked(const std::string& body, std::size_t chunk) {
  std::string out;
  for (std::size_t at = 0; at < body.size(); at += chunk) {
    std::string piece = body.substr(at, chunk);
    char size[32];
    std::snprintf(size, sizeof size, "%zx\r\n", piece.size());
    out += size + piece + "\r\n";
  }
  return out + "0\r\n\r\n";
}

class RequestLimitsTest : public EmulatorTest {
 protected:
  void SetUp() override {
    emulator::ServerOptions options;
    options.max_body_bytes = 1000;
    start(options);
  }
  std::string token() const { return m_emulator.token(); }
  int port() const { return m_emulator.port(); }
  std::size_t jobs() { return client().get("/api/2.2/jobs/list").body["jobs"].size(); }
};

TEST_F(RequestLimitsTest, NoTokenIsRefusedOnTheHeadersWithoutWaitingForTheBody) {
  RawConnection connection(port());
  // 100 MB announced, none sent: a server that reads the body first never answers.
  ASSERT_TRUE(connection.send(
      request_head("POST /api/2.2/jobs/create HTTP/1.1", "", "Content-Length: 100000000\r\n")));
  RawReply reply = connection.read_reply(1500ms);
  EXPECT_EQ(reply.status, 401);
  EXPECT_LT(reply.elapsed, 1000ms);
  EXPECT_EQ(reply.json, (json{{"error_code", "UNAUTHENTICATED"},
                              {"message",
                               "No access token was given: send an Authorization: "
                               "Bearer header."}}));
  EXPECT_TRUE(reply.has_header_line("Connection: close"));
  EXPECT_TRUE(connection.closed_by_server(1000ms));
}

TEST_F(RequestLimitsTest, AClientThatExpects100ContinueGetsTheRefusalInstead) {
  RawConnection connection(port());
  ASSERT_TRUE(connection.send(request_head("POST /api/2.2/jobs/create HTTP/1.1", "",
                                           "Content-Length: 5000\r\nExpect: 100-continue\r\n")));
  RawReply reply = connection.read_reply(1500ms);
  EXPECT_EQ(reply.status, 401);
  EXPECT_EQ(reply.json["error_code"], "UNAUTHENTICATED");
  EXPECT_TRUE(connection.closed_by_server(1000ms));
}

TEST_F(RequestLimitsTest, ADeclaredLengthOverTheLimitIsRefusedBeforeTheBody) {
  RawConnection connection(port());
  ASSERT_TRUE(connection.send(request_head("POST /api/2.2/jobs/create HTTP/1.1", token(),
                                           "Content-Length: 100000000\r\n")));
  RawReply reply = connection.read_reply(1500ms);
  EXPECT_EQ(reply.status, 413);
  EXPECT_LT(reply.elapsed, 1000ms);
  EXPECT_EQ(reply.json,
            (json{{"error_code", "REQUEST_ENTITY_TOO_LARGE"}, {"message", k_limit_message}}));
}

TEST_F(RequestLimitsTest, AChunkedBodyIsCountedAsItStreamsIn) {
  std::string body = json{{"name", std::string(5000, 'x')}}.dump();
  RawConnection connection(port());
  ASSERT_TRUE(connection.send(request_head("POST /api/2.2/jobs/create HTTP/1.1", token(),
                                           "Transfer-Encoding: chunked\r\n") +
                              chunked(body, 100)));
  RawReply reply = connection.read_reply(2000ms);
  EXPECT_EQ(reply.status, 413);
  EXPECT_EQ(reply.json,
            (json{{"error_code", "REQUEST_ENTITY_TOO_LARGE"}, {"message", k_limit_message}}));
  EXPECT_EQ(jobs(), 0u);

  RawConnection small(port());
  ASSERT_TRUE(small.send(request_head("POST /api/2.2/jobs/create HTTP/1.1", token(),
                                      "Transfer-Encoding: chunked\r\n") +
                         chunked(json{{"name", "chunked"}}.dump(), 3)));
  EXPECT_EQ(small.read_reply(2000ms).status, 200);
  EXPECT_EQ(jobs(), 1u);
}

TEST_F(RequestLimitsTest, ACompressedBodyIsBoundedByItsInflatedSize) {
  // 200 bytes on the wire, 100 KB inflated.
  std::string bomb = gzip(json{{"name", std::string(100000, 'x')}}.dump());
  ASSERT_LT(bomb.size(), 1000u);
  RawConnection connection(port());
  ASSERT_TRUE(connection.send(request_head("POST /api/2.2/jobs/create HTTP/1.1", token(),
                                           "Content-Encoding: gzip\r\nContent-Length: " +
                                               std::to_string(bomb.size()) + "\r\n") +
                              bomb));
  RawReply reply = connection.read_reply(2000ms);
  EXPECT_EQ(reply.status, 413);
  EXPECT_EQ(reply.json["message"], k_limit_message);
  EXPECT_EQ(jobs(), 0u);

  std::string small = gzip(json{{"name", "zipped"}}.dump());
  RawConnection fits(port());
  ASSERT_TRUE(fits.send(request_head("POST /api/2.2/jobs/create HTTP/1.1", token(),
                                     "Content-Encoding: gzip\r\nContent-Length: " +
                                         std::to_string(small.size()) + "\r\n") +
                        small));
  EXPECT_EQ(fits.read_reply(2000ms).status, 200);
  EXPECT_EQ(client().get("/api/2.2/jobs/list").body["jobs"][0]["settings"]["name"], "zipped");
}

TEST_F(RequestLimitsTest, AnUnknownContentEncodingIs415) {
  RawConnection connection(port());
  ASSERT_TRUE(connection.send(request_head("POST /api/2.2/jobs/create HTTP/1.1", token(),
                                           "Content-Encoding: compress\r\nContent-Length: 2\r\n") +
                              "{}"));
  RawReply reply = connection.read_reply(2000ms);
  EXPECT_EQ(reply.status, 415);
  EXPECT_EQ(reply.json,
            (json{{"error_code", "UNSUPPORTED_MEDIA_TYPE"},
                  {"message",
                   "Content-Encoding 'compress' is not supported: send identity, gzip, deflate "
                   "or br."}}));
}

TEST_F(RequestLimitsTest, ABodyCutShortSaysHowMuchArrived) {
  RawConnection connection(port());
  ASSERT_TRUE(connection.send(
      request_head("POST /api/2.2/jobs/create HTTP/1.1", token(), "Content-Length: 50\r\n") +
      "{\"name\": "));
  connection.close_sending();
  RawReply reply = connection.read_reply(2000ms);
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.json, (json{{"error_code", "MALFORMED_REQUEST"},
                              {"message",
                               "The request body ended after 9 of its 50 bytes "
                               "(Content-Length)."}}));
}

TEST_F(RequestLimitsTest, ABodyThatNeverComesTimesOut) {
  RawConnection connection(port());
  ASSERT_TRUE(connection.send(
      request_head("POST /api/2.2/jobs/create HTTP/1.1", token(), "Content-Length: 50\r\n")));
  RawReply reply = connection.read_reply(4000ms);
  EXPECT_EQ(reply.status, 408);
  EXPECT_LT(reply.elapsed, 3000ms);
  EXPECT_EQ(reply.json, (json{{"error_code", "REQUEST_TIMEOUT"},
                              {"message",
                               "The request body did not arrive in time: the emulator waits at "
                               "most 2 s for more of it, and 10 s in all."}}));
}

TEST_F(RequestLimitsTest, MalformedRequestsAndLongUrisGetTheirOwnMessages) {
  RawConnection garbage(port());
  ASSERT_TRUE(garbage.send("NOT A REQUEST\r\n\r\n"));
  RawReply bad = garbage.read_reply(2000ms);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.json, (json{{"error_code", "MALFORMED_REQUEST"},
                            {"message",
                             "Malformed request: the request line or a header could not be "
                             "parsed."}}));

  RawConnection long_uri(port());
  ASSERT_TRUE(long_uri.send(request_head(
      "GET /api/2.2/jobs/list?name=" + std::string(9000, 'a') + " HTTP/1.1", token())));
  RawReply too_long = long_uri.read_reply(2000ms);
  EXPECT_EQ(too_long.status, 414);
  EXPECT_EQ(too_long.json, (json{{"error_code", "REQUEST_URI_TOO_LONG"},
                                 {"message", "The request URI exceeds 8192 bytes."}}));

  RawConnection endless(port());
  ASSERT_TRUE(endless.send("GET /" + std::string(70000, 'a')));
  RawReply headers = endless.read_reply(2000ms);
  EXPECT_EQ(headers.status, 431);
  EXPECT_EQ(headers.json["message"], "The request line and headers exceed 65536 bytes.");
}

TEST_F(RequestLimitsTest, SlowHeadersTimeOut) {
  RawConnection connection(port());
  ASSERT_TRUE(connection.send("GET /api/2.2/jobs/list HTTP/1.1\r\n"));
  RawReply reply = connection.read_reply(4000ms);
  EXPECT_EQ(reply.status, 408);
  EXPECT_LT(reply.elapsed, 3000ms);
  EXPECT_EQ(reply.json["message"], "The request line and headers did not arrive within 2 s.");
}

}  // namespace
}  // namespace bundlectl::testing
