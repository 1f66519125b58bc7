// What a route's handler answers, before it becomes an HTTP response: a kind of success or an
// error Status (their HTTP status codes come from the one mapping in http_status.h), a body and
// its type, and headers. Handlers build Replies; only http_server.cc touches httplib's response.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/status.h"

namespace kb {

enum class ReplyKind {
  kOk,           // the body is the answer
  kCreated,      // the request made something new (an event was recorded)
  kNoContent,    // nothing to say (a preflight, the favicon)
  kNotModified,  // the client's cached copy is current
};

struct Reply {
  ReplyKind kind = ReplyKind::kOk;
  Status error;  // when not ok, the reply is this error (its body the JSON error unless set)
  std::string body;
  std::string content_type;
  std::vector<std::pair<std::string, std::string>> headers;

  static Reply Of(ReplyKind kind) {
    Reply reply;
    reply.kind = kind;
    return reply;
  }
  static Reply Error(Status status) {
    Reply reply;
    reply.error = std::move(status);
    return reply;
  }
  Reply& Header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
};

}  // namespace kb
