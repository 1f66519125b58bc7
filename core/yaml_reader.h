// Reading the YAML files content owners write beside the articles (_synonyms.yaml, _rules.yaml):
// every problem becomes a Diagnostic at the line and column of the node it is about, and
// yaml-cpp's exceptions never leave yaml_reader.cc.
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/diagnostic.h"

namespace kb::yaml {

// The position of `node` in the file (1-based), or 1:1 when yaml-cpp does not know it.
Diagnostic At(const YAML::Node& node, std::string message);

// Parses `text`. On a syntax error returns it positioned where yaml-cpp found it.
std::variant<YAML::Node, Diagnostic> Load(const std::string& text);

// The trimmed text of a scalar node. Adds "'<what>' must be a string" (or "... must not be empty")
// to `errors` and returns nullopt otherwise.
std::optional<std::string> Text(const YAML::Node& node, const std::string& what,
                                std::vector<Diagnostic>& errors);

// The items of a node that may be one string or a list of strings ("pin: a" or "pin: [a, b]"),
// each trimmed and non-empty, with the node each came from. Problems go to `errors`.
std::vector<std::pair<std::string, YAML::Node>> TextOrList(const YAML::Node& node,
                                                           const std::string& what,
                                                           std::vector<Diagnostic>& errors);

}  // namespace kb::yaml
