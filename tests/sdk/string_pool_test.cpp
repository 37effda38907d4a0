// StringPool: interning, and a pool built over a host's frozen strings (StringPool::adopt),
// as the core's loader gives the run's pool the strings it read.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "scorecard/table.hpp"

namespace scorecard {
namespace {

// The simplest store: texts in Code order, found by a linear search.
class VectorStore final : public StringStore {
 public:
  explicit VectorStore(std::vector<std::string> texts) : texts_(std::move(texts)) {}
  size_t size() const override { return texts_.size(); }
  std::string_view text(Code code) const override { return texts_.at(code); }
  std::optional<Code> find(std::string_view text) const override {
    for (size_t i = 0; i < texts_.size(); ++i)
      if (texts_[i] == text) return static_cast<Code>(i);
    return std::nullopt;
  }

 private:
  std::vector<std::string> texts_;
};

TEST(StringPool, InternsInOrderOfFirstAppearanceWithTheBlankAtZero) {
  StringPool pool;
  EXPECT_EQ(pool.size(), 1u);
  EXPECT_EQ(pool.text(kBlankCode), "");
  EXPECT_EQ(pool.intern("C1"), 1);
  EXPECT_EQ(pool.intern("S"), 2);
  EXPECT_EQ(pool.intern("C1"), 1);
  EXPECT_EQ(pool.find("S"), 2);
  EXPECT_EQ(pool.find("P"), std::nullopt);
  EXPECT_EQ(pool.size(), 3u);
}

TEST(StringPool, AdoptedStoreKeepsItsCodesAndLaterStringsFollowIt) {
  StringPool pool;
  pool.intern("X9");  // Code 1, which the store must begin with
  pool.adopt(std::make_shared<VectorStore>(std::vector<std::string>{"", "X9", "C1", "S"}));
  EXPECT_EQ(pool.size(), 4u);
  EXPECT_EQ(pool.text(1), "X9");
  EXPECT_EQ(pool.text(3), "S");
  EXPECT_EQ(pool.find("C1"), 2);
  EXPECT_EQ(pool.find("P"), std::nullopt);
  EXPECT_EQ(pool.intern("S"), 3);  // the store's Code, not a second one
  EXPECT_EQ(pool.intern("P"), 4);  // after the store's Codes
  EXPECT_EQ(pool.intern("Q"), 5);
  EXPECT_EQ(pool.intern("P"), 4);
  EXPECT_EQ(pool.find("Q"), 5);
  EXPECT_EQ(pool.text(4), "P");
  EXPECT_EQ(pool.size(), 6u);
  EXPECT_EQ(pool.find_all({"Q", "C1", "nowhere"}),
            (std::vector<std::optional<Code>>{5, 2, std::nullopt}));
  EXPECT_THROW(pool.text(6), std::out_of_range);
}

TEST(StringPool, AStoreThatDoesNotBeginWithThePoolsStringsIsRefused) {
  StringPool pool;
  EXPECT_THROW(pool.adopt(std::make_shared<VectorStore>(std::vector<std::string>{"C1"})),
               std::logic_error);  // Code 0 must be the blank
  EXPECT_THROW(pool.adopt(nullptr), std::logic_error);
  pool.intern("A");
  pool.intern("B");
  EXPECT_THROW(pool.adopt(std::make_shared<VectorStore>(std::vector<std::string>{"", "A"})),
               std::logic_error);  // shorter than the pool
  EXPECT_THROW(pool.adopt(std::make_shared<VectorStore>(std::vector<std::string>{"", "B", "A"})),
               std::logic_error);  // the same texts under other Codes
  EXPECT_EQ(pool.find("B"), 2);    // the pool as it was
}

}  // namespace
}  // namespace scorecard
