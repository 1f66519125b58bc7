// The pages kb-server serves, compiled into the binary from server/http/pages/ (see
// cmake/EmbedFiles.cmake), so the server needs no files beside it at run time.
#pragma once

#include <string_view>

namespace kb::pages {

extern const std::string_view kAdminHtml;
extern const std::string_view kAdminJs;
extern const std::string_view kAdminCss;
extern const std::string_view kAgentHtml;
extern const std::string_view kAgentJs;
extern const std::string_view kArticleJs;
extern const std::string_view kArticleCss;
extern const std::string_view kDemoHtml;  // "/": the demo page with the widget embedded
extern const std::string_view kWidgetJs;  // "/widget.js": the built widget (widget/)

}  // namespace kb::pages
