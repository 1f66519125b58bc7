// The real HTTP server, in process, on an ephemeral 127.0.0.1 port. For tests only.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <thread>

#include "server/config.h"
#include "server/http/http_server.h"
#include "server/insight/admin_service.h"
#include "server/insight/popularity_refresher.h"
#include "server/insight/search_log.h"
#include "server/search/index_watcher.h"
#include "server/search/live_index.h"
#include "server/search/search_service.h"

namespace kb::testing {

class TestServer {
 public:
  explicit TestServer(const std::string& index_dir, ServerConfig config = {}) {
    config.index_dir = index_dir;
    config.host = "127.0.0.1";
    config.port = 0;
    auto live = LiveIndex::Open(index_dir);
    EXPECT_TRUE(live.ok()) << live.status().message();
    index_ = std::move(*live);
    // With a data folder other than the default, searches and events are logged and the admin
    // API works.
    if (!config.data_dir.empty() && config.data_dir != ServerConfig().data_dir) {
      SearchLogOptions options;
      options.path = config.data_dir + "/kb-log.sqlite";
      auto log = SearchLog::Open(options, clock_);
      EXPECT_TRUE(log.ok()) << log.status().message();
      log_ = std::move(*log);
      admin_ = std::make_unique<AdminService>(*index_, options.path, clock_,
                                              config.gap_min_sessions, config.retention_days);
      popularity_ = std::make_unique<PopularityRefresher>(
          options.path, std::chrono::seconds(config.popularity_refresh_s), clock_);
    }
    service_ = std::make_unique<SearchService>(*index_, ArticleUrls(config.article_url),
                                               config.limits, log_.get(), popularity_.get());
    server_ = std::make_unique<HttpServer>(HttpOptionsOf(config),
                                           HttpServices{*service_, log_.get(), admin_.get()});
    EXPECT_TRUE(server_->Bind().ok());
    AdminService* admin = admin_.get();
    watcher_ = std::make_unique<IndexWatcher>(
        *index_, std::chrono::milliseconds(config.reload_interval_ms), [admin] {
          if (admin) (void)admin->ReplayOpenGaps();
        });
    thread_ = std::thread([this] { server_->Run(); });
    while (!server_->running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~TestServer() {
    server_->Stop();
    thread_.join();
    watcher_.reset();
    if (log_) log_->Close();
  }

  SearchLog* log() { return log_.get(); }
  PopularityRefresher* popularity() { return popularity_.get(); }

  int port() const { return server_->port(); }
  httplib::Client Client() const {
    httplib::Client client("127.0.0.1", port());
    client.set_connection_timeout(5);
    client.set_read_timeout(5);
    client.set_url_encode(false);  // tests send exactly the URL they mean
    return client;
  }

 private:
  SystemClock clock_;
  std::unique_ptr<LiveIndex> index_;
  std::unique_ptr<SearchLog> log_;
  std::unique_ptr<AdminService> admin_;
  std::unique_ptr<PopularityRefresher> popularity_;
  std::unique_ptr<SearchService> service_;
  std::unique_ptr<HttpServer> server_;
  std::unique_ptr<IndexWatcher> watcher_;
  std::thread thread_;
};

// GETs `path` and parses the JSON body; the status goes to `status`.
inline nlohmann::json GetJson(httplib::Client& client, const std::string& path, int* status) {
  auto res = client.Get(path);
  if (!res) {
    *status = -1;
    return nullptr;
  }
  *status = res->status;
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/json; charset=utf-8") << path;
  return nlohmann::json::parse(res->body, nullptr, /*allow_exceptions=*/false);
}

}  // namespace kb::testing
