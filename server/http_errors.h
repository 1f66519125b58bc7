// The one mapping from kb's status codes to HTTP status codes.
#pragma once

#include "core/status.h"

namespace kb {

int HttpStatusFor(StatusCode code);

}  // namespace kb
