// The server-rendered page of one article (/articles/{slug}): readable without JavaScript, with
// section anchors, related links and the feedback control.
#pragma once

#include <string>
#include <vector>

#include "core/index_records.h"
#include "server/search/related_articles.h"

namespace kb {

// The whole HTML document for `article`. Its body HTML is the indexer's safe rendering; every
// other value is escaped here. `related` are shown as links under the article.
std::string RenderArticlePage(const ArticleRecord& article,
                              const std::vector<ArticleLink>& related);

// The page for a slug that does not exist (or is not visible to the reader).
std::string RenderArticleNotFoundPage();

}  // namespace kb
