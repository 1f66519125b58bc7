// The one mapping from kb's outcomes, successes and status codes, to HTTP status codes.
#pragma once

#include "core/status.h"
#include "server/http/reply.h"

namespace kb {

int HttpStatusFor(StatusCode code);
int HttpStatusFor(ReplyKind kind);
// The error's code when the reply is an error, else its kind's.
int HttpStatusFor(const Reply& reply);

}  // namespace kb
