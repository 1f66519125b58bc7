#include "server/http/http_status.h"

namespace kb {

int HttpStatusFor(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return 200;
    case StatusCode::kInvalidArgument:
      return 400;
    case StatusCode::kUnauthenticated:
      return 401;
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kNotAllowed:
      return 405;
    case StatusCode::kFailedPrecondition:
      return 409;
    case StatusCode::kTooLarge:
      return 413;
    case StatusCode::kResourceExhausted:
      return 429;
    case StatusCode::kInternal:
      return 500;
    case StatusCode::kUnavailable:
      return 503;
  }
  return 500;
}

int HttpStatusFor(ReplyKind kind) {
  switch (kind) {
    case ReplyKind::kOk:
      return 200;
    case ReplyKind::kCreated:
      return 201;
    case ReplyKind::kNoContent:
      return 204;
    case ReplyKind::kNotModified:
      return 304;
  }
  return 200;
}

int HttpStatusFor(const Reply& reply) {
  return reply.error.ok() ? HttpStatusFor(reply.kind) : HttpStatusFor(reply.error.code());
}

}  // namespace kb
