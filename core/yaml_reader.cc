#include "core/yaml_reader.h"

#include "core/ascii_text.h"

namespace kb::yaml {

Diagnostic At(const YAML::Node& node, std::string message) {
  const YAML::Mark mark = node.Mark();
  const bool known = mark.line >= 0 && mark.column >= 0;
  return Diagnostic{known ? mark.line + 1 : 1, known ? mark.column + 1 : 1, std::move(message)};
}

std::variant<YAML::Node, Diagnostic> Load(const std::string& text) {
  try {
    return YAML::Load(text);
  } catch (const YAML::Exception& e) {
    const bool known = e.mark.line >= 0 && e.mark.column >= 0;
    return Diagnostic{known ? e.mark.line + 1 : 1, known ? e.mark.column + 1 : 1,
                      "not valid YAML: " + e.msg};
  }
}

std::optional<std::string> Text(const YAML::Node& node, const std::string& what,
                                std::vector<Diagnostic>& errors) {
  if (!node.IsScalar()) {
    errors.push_back(At(node, "'" + what + "' must be a string"));
    return std::nullopt;
  }
  std::string value = TrimAsciiSpace(node.Scalar());
  if (value.empty()) {
    errors.push_back(At(node, "'" + what + "' must not be empty"));
    return std::nullopt;
  }
  return value;
}

std::vector<std::pair<std::string, YAML::Node>> TextOrList(const YAML::Node& node,
                                                           const std::string& what,
                                                           std::vector<Diagnostic>& errors) {
  std::vector<std::pair<std::string, YAML::Node>> items;
  if (node.IsScalar()) {
    if (auto value = Text(node, what, errors)) items.emplace_back(*value, node);
    return items;
  }
  if (!node.IsSequence() || node.size() == 0) {
    errors.push_back(At(node, "'" + what + "' must be a string or a non-empty list of strings"));
    return items;
  }
  for (const YAML::Node& item : node) {
    if (auto value = Text(item, what, errors)) items.emplace_back(*value, item);
  }
  return items;
}

}  // namespace kb::yaml
