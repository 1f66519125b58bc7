#include "server/insight/log_values.h"

namespace kb {
namespace {

// The value of `values` whose spelling is `text`.
template <typename Enum, std::size_t N>
std::optional<Enum> ParseAmong(const Enum (&values)[N], std::string_view text) {
  for (Enum value : values) {
    if (ToString(value) == text) return value;
  }
  return std::nullopt;
}

std::string Join(const std::vector<std::string>& parts, char separator) {
  std::string joined;
  for (const std::string& part : parts) {
    if (!joined.empty()) joined += separator;
    joined += part;
  }
  return joined;
}

std::vector<std::string> Split(std::string_view text, char separator) {
  std::vector<std::string> parts;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find(separator, start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) parts.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

}  // namespace

std::string_view ToString(EventType type) {
  switch (type) {
    case EventType::kClick:
      return "click";
    case EventType::kHelpful:
      return "helpful";
    case EventType::kNotHelpful:
      return "not_helpful";
    case EventType::kContact:
      return "contact";
  }
  return "";
}

std::string_view ToString(GapState state) {
  switch (state) {
    case GapState::kOpen:
      return "open";
    case GapState::kPlanned:
      return "planned";
    case GapState::kDismissed:
      return "dismissed";
  }
  return "";
}

std::string_view ToString(Diagnosis diagnosis) {
  switch (diagnosis) {
    case Diagnosis::kNoArticle:
      return "no_article";
    case Diagnosis::kInternalOnly:
      return "internal_only";
    case Diagnosis::kFiltered:
      return "filtered";
    case Diagnosis::kTypo:
      return "typo";
    case Diagnosis::kNotHelpfulResults:
      return "not_helpful_results";
    case Diagnosis::kNotOpened:
      return "not_opened";
    case Diagnosis::kAnsweredNow:
      return "answered_now";
  }
  return "";
}

std::string_view ToString(Audience audience) {
  switch (audience) {
    case Audience::kCustomer:
      return "customer";
    case Audience::kAgent:
      return "agent";
    case Audience::kAll:
      return "all";
  }
  return "";
}

std::string_view ToString(EmergingWindow window) {
  switch (window) {
    case EmergingWindow::kHour:
      return "hour";
    case EmergingWindow::kDay:
      return "day";
  }
  return "";
}

std::string_view ToString(AlertState state) {
  switch (state) {
    case AlertState::kPending:
      return "pending";
    case AlertState::kSent:
      return "sent";
    case AlertState::kFailed:
      return "failed";
  }
  return "";
}

std::optional<EventType> ParseEventType(std::string_view text) {
  return ParseAmong(kEventTypes, text);
}
std::optional<GapState> ParseGapState(std::string_view text) {
  return ParseAmong(kGapStates, text);
}
std::optional<Diagnosis> ParseDiagnosis(std::string_view text) {
  return ParseAmong(kDiagnoses, text);
}
std::optional<Audience> ParseAudience(std::string_view text) {
  return ParseAmong(kAudiences, text);
}

std::optional<EmergingWindow> ParseEmergingWindow(std::string_view text) {
  return ParseAmong(kEmergingWindows, text);
}
std::optional<AlertState> ParseAlertState(std::string_view text) {
  return ParseAmong(kAlertStates, text);
}

std::string EncodeTags(const std::vector<std::string>& tags) { return Join(tags, ','); }
std::vector<std::string> DecodeTags(std::string_view text) { return Split(text, ','); }

std::string EncodeTopSlugs(const std::vector<std::string>& slugs) { return Join(slugs, ' '); }
std::vector<std::string> DecodeTopSlugs(std::string_view text) { return Split(text, ' '); }

}  // namespace kb
