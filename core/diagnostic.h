// A message about a place in an article file, printed the way compilers print them:
//   articles/billing/refunds.md:3:8: front matter: 'tags' must be a list of strings
#pragma once

#include <string>

namespace kb {

struct Diagnostic {
  int line = 1;    // 1-based
  int column = 1;  // 1-based, in bytes
  std::string message;

  std::string Format(const std::string& path) const {
    return path + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + message;
  }
};

}  // namespace kb
