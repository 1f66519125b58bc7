// Grouping wordings by need: the similarity of two wordings, and the clustering that places each
// new wording in a gap once.
#include "server/insight/need_clusters.h"

#include <gtest/gtest.h>

namespace kb {
namespace {

// A small index in memory: the documents' words decide what is common and what is rare.
class NeedSimilarityTest : public ::testing::Test {
 protected:
  NeedSimilarityTest() : db_(std::string(), Xapian::DB_BACKEND_INMEMORY) {
    Xapian::TermGenerator generator;
    generator.set_stemmer(Xapian::Stem("en"));
    for (const char* text : {"delete your account",
                             "account settings",
                             "account billing and plans",
                             "sign in to your account",
                             "change your email address",
                             "change your password",
                             "share a page",
                             "page history",
                             "invite your team",
                             "upgrade your plan",
                             "two factor sign in",
                             "notifications by email",
                             "team settings",
                             "billing plans",
                             "desktop app",
                             "mobile app",
                             "import pages",
                             "keyboard shortcuts",
                             "trash",
                             "offline mode",
                             "templates",
                             "calendar",
                             "slack",
                             "webhooks"}) {
      Xapian::Document doc;
      generator.set_document(doc);
      generator.index_text(text);
      db_.add_document(doc);
    }
  }
  // Stems as GapKey spells them (sorted, space-separated).
  NeedTerms Terms(const std::string& key) { return weights_.TermsOfKey(key); }
  double Words(const std::string& a, const std::string& b) {
    return SharedWordSimilarity(Terms(a), Terms(b), weights_, params_);
  }

  Xapian::WritableDatabase db_;
  StemWeights weights_{db_};
  NeedSimilarityParams params_;
};

TEST_F(NeedSimilarityTest, RareWordsWeighMoreThanCommonOnes) {
  EXPECT_GT(weights_.Weight("pdf"), weights_.Weight("account"));  // "pdf" is in no document
  EXPECT_GT(weights_.Weight("calendar"), weights_.Weight("account"));
  EXPECT_TRUE(weights_.Common("account", params_.common_share));
  EXPECT_FALSE(weights_.Common("pdf", params_.common_share));
}

TEST_F(NeedSimilarityTest, WordingsOfOneNeedAreAlike) {
  EXPECT_GE(Words("export pdf", "export note pdf"), params_.threshold);
  EXPECT_GE(Words("dark mode", "dark enabl mode"), params_.threshold);
  EXPECT_GE(Words("pdf", "export pdf"), params_.threshold);  // a rare word that is most of it
  EXPECT_DOUBLE_EQ(Words("export pdf", "export pdf"), 1.0);
}

TEST_F(NeedSimilarityTest, NeedsThatShareOneWordStayApart) {
  EXPECT_EQ(Words("account delet", "delet notebook"), 0);  // only "delete"
  EXPECT_EQ(Words("chang email", "chang password"), 0);    // only "change", which is common
  EXPECT_EQ(Words("export pdf", "csv export"), 0);         // only "export", half of each
  EXPECT_EQ(Words("account", "account delet"), 0);         // "account" alone joins nothing
  EXPECT_EQ(Words("dark mode", "export pdf"), 0);
}

TEST_F(NeedSimilarityTest, ShownArticlesAndReformulationsAddToSharedWords) {
  const NeedTerms a = Terms("export note pdf");
  const NeedTerms b = Terms("note pdf save");
  const double words = SharedWordSimilarity(a, b, weights_, params_);
  const std::map<std::string, int> shown = {{"share-a-page", 3}};
  EXPECT_GT(NeedSimilarity(a, b, weights_, shown, shown, 0, params_), words);
  EXPECT_EQ(NeedSimilarity(a, b, weights_, shown, {{"other", 1}}, 0, params_), words);
  // Reformulations join wordings that share no word ("2fa" and "second factor"): one session
  // is chance, two are a pattern.
  const NeedTerms c = Terms("2fa");
  const NeedTerms d = Terms("factor second");
  EXPECT_EQ(NeedSimilarity(c, d, weights_, {}, {}, 0, params_), 0);
  EXPECT_LT(NeedSimilarity(c, d, weights_, {}, {}, 1, params_),
            NeedSimilarity(c, d, weights_, {}, {}, 2, params_));
  EXPECT_EQ(NeedSimilarity(c, d, weights_, {}, {}, 2, params_),
            NeedSimilarity(c, d, weights_, {}, {}, 9, params_));
}

TEST(ShownSimilarityTest, IsTheCosineOfWhatWasShown) {
  EXPECT_DOUBLE_EQ(ShownSimilarity({{"a", 2}}, {{"a", 5}}), 1.0);
  EXPECT_DOUBLE_EQ(ShownSimilarity({{"a", 1}}, {{"b", 1}}), 0.0);
  EXPECT_DOUBLE_EQ(ShownSimilarity({}, {{"b", 1}}), 0.0);
  EXPECT_NEAR(ShownSimilarity({{"a", 1}, {"b", 1}}, {{"a", 1}}), 0.7071, 1e-4);
}

class NeedClustersTest : public NeedSimilarityTest {
 protected:
  std::string Place(NeedClusters& clusters, const std::string& wording, const std::string& key,
                    const ReformulationPairs& pairs = {}) {
    return clusters.Place({wording, "en", key, {}}, pairs);
  }
};

TEST_F(NeedClustersTest, PlacesWordingsOfOneNeedInOneGapAndOthersApart) {
  NeedClusters clusters(weights_, params_);
  const std::string pdf = Place(clusters, "export notes to pdf", "export note pdf");
  EXPECT_EQ(pdf, GapIdOfKey("export note pdf"));  // a gap takes the id of its first wording
  EXPECT_EQ(Place(clusters, "pdf export", "export pdf"), pdf);
  EXPECT_EQ(Place(clusters, "pdf", "pdf"), pdf);
  // Shares only "pdf" with the first two, but joins through "pdf", which is all of that one.
  EXPECT_EQ(Place(clusters, "save notebook as pdf", "notebook pdf save"), pdf);
  const std::string csv = Place(clusters, "export csv", "csv export");
  EXPECT_NE(csv, pdf);
  const std::string account = Place(clusters, "delete account", "account delet");
  const std::string notebook = Place(clusters, "delete notebook", "delet notebook");
  EXPECT_NE(account, notebook);
  EXPECT_NE(Place(clusters, "account", "account"), account);
}

TEST_F(NeedClustersTest, AWordingWithAPlacedKeyJoinsItsGap) {
  NeedClusters clusters(weights_, params_);
  clusters.AddPlaced("00000000000000aa", {"dark mode", "en", "dark mode", {}});
  EXPECT_EQ(Place(clusters, "mode dark", "dark mode"), "00000000000000aa");
  EXPECT_EQ(Place(clusters, "enable dark mode", "dark enabl mode"), "00000000000000aa");
}

TEST_F(NeedClustersTest, ReformulationsJoinWordingsWithNoWordInCommon) {
  ReformulationPairs pairs;
  pairs.Add("2fa", "second factor", 2);
  NeedClusters clusters(weights_, params_);
  const std::string gap = Place(clusters, "2fa", "2fa", pairs);
  EXPECT_EQ(Place(clusters, "second factor", "factor second", pairs), gap);
  ReformulationPairs once;
  once.Add("mfa", "security key", 1);
  NeedClusters other(weights_, params_);
  const std::string mfa = Place(other, "mfa", "mfa", once);
  EXPECT_NE(Place(other, "security key", "key secur", once), mfa);
}

TEST_F(NeedClustersTest, TheSameOrderGivesTheSameGaps) {
  auto run = [&] {
    NeedClusters clusters(weights_, params_);
    std::vector<std::string> ids;
    for (const char* key : {"export note pdf", "export pdf", "csv export", "dark mode", "pdf"}) {
      ids.push_back(Place(clusters, key, key));
    }
    return ids;
  };
  EXPECT_EQ(run(), run());
}

}  // namespace
}  // namespace kb
