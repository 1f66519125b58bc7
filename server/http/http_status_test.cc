#include "server/http/http_status.h"

#include <gtest/gtest.h>

namespace kb {
namespace {

TEST(HttpStatusTest, MapsEveryStatusCode) {
  EXPECT_EQ(HttpStatusFor(StatusCode::kOk), 200);
  EXPECT_EQ(HttpStatusFor(StatusCode::kInvalidArgument), 400);
  EXPECT_EQ(HttpStatusFor(StatusCode::kUnauthenticated), 401);
  EXPECT_EQ(HttpStatusFor(StatusCode::kNotFound), 404);
  EXPECT_EQ(HttpStatusFor(StatusCode::kNotAllowed), 405);
  EXPECT_EQ(HttpStatusFor(StatusCode::kFailedPrecondition), 409);
  EXPECT_EQ(HttpStatusFor(StatusCode::kTooLarge), 413);
  EXPECT_EQ(HttpStatusFor(StatusCode::kResourceExhausted), 429);
  EXPECT_EQ(HttpStatusFor(StatusCode::kInternal), 500);
  EXPECT_EQ(HttpStatusFor(StatusCode::kUnavailable), 503);
}

TEST(HttpStatusTest, MapsEveryKindOfSuccess) {
  EXPECT_EQ(HttpStatusFor(ReplyKind::kOk), 200);
  EXPECT_EQ(HttpStatusFor(ReplyKind::kCreated), 201);
  EXPECT_EQ(HttpStatusFor(ReplyKind::kNoContent), 204);
  EXPECT_EQ(HttpStatusFor(ReplyKind::kNotModified), 304);
}

TEST(HttpStatusTest, AnErrorReplyTakesItsErrorsStatus) {
  Reply reply;
  reply.kind = ReplyKind::kCreated;
  EXPECT_EQ(HttpStatusFor(reply), 201);
  reply.error = Status::NotFound("x", "y");
  EXPECT_EQ(HttpStatusFor(reply), 404);
}

}  // namespace
}  // namespace kb
