// episode_at (the episode open on a day: DATA.md's "looked after at d"), against hand-worked
// cases and against its definition written out as a search from the last episode back.
#include <gtest/gtest.h>

#include <random>
#include <scorecard/care.hpp>
#include <vector>

namespace scorecard {
namespace {

constexpr Date d(int y, int m, int day) { return Date::from_ymd(y, m, day); }

Episode episode(Date start, std::optional<Date> end) {
  Episode e;
  e.start = start;
  e.end = end;
  return e;
}

ChildCare child_of(const std::vector<Episode>& episodes) {
  ChildCare c;
  c.episodes = Span<Episode>(episodes.data(), episodes.size());
  return c;
}

// The definition: of the episodes open on d (DECOM <= d and DEC blank or after d), the last
// in the child's DECOM order.
const Episode* last_open_at(const ChildCare& c, Date day) {
  for (size_t i = c.episodes.size(); i-- > 0;)
    if (c.episodes[i].open_at(day)) return &c.episodes[i];
  return nullptr;
}

TEST(Care, TheEpisodeOpenOnADay) {
  // E0 01/04/2018 to 10/04/2018; E1 10/04/2018, open.
  const std::vector<Episode> chain = {episode(d(2018, 4, 1), d(2018, 4, 10)),
                                      episode(d(2018, 4, 10), std::nullopt)};
  const ChildCare c = child_of(chain);
  EXPECT_EQ(episode_at(c, d(2018, 3, 31)), nullptr);   // before the first DECOM
  EXPECT_EQ(episode_at(c, d(2018, 4, 1)), &chain[0]);  // its first day
  EXPECT_EQ(episode_at(c, d(2018, 4, 9)), &chain[0]);
  EXPECT_EQ(episode_at(c, d(2018, 4, 10)), &chain[1]);  // E0 ended that day: not open on it
  EXPECT_EQ(episode_at(c, d(2030, 1, 1)), &chain[1]);   // still open
  // A faulty return's overlap: A 01/01/2018 to 31/12/2018 and, within it, B 01/06/2018 to
  // 01/07/2018. On 15/06 both are open: B, the later. On 15/07 only A.
  const std::vector<Episode> overlap = {episode(d(2018, 1, 1), d(2018, 12, 31)),
                                        episode(d(2018, 6, 1), d(2018, 7, 1))};
  const ChildCare o = child_of(overlap);
  EXPECT_EQ(episode_at(o, d(2018, 6, 15)), &overlap[1]);
  EXPECT_EQ(episode_at(o, d(2018, 7, 15)), &overlap[0]);
  EXPECT_EQ(episode_at(o, d(2018, 12, 31)), nullptr);
  EXPECT_FALSE(looked_after_at(child_of({}), d(2018, 6, 15)));
}

TEST(Care, EpisodeAtIsTheLastOpenEpisodeForAnyHistory) {
  std::mt19937 rng(15);
  const Date base = d(2015, 1, 1);
  for (int trial = 0; trial < 3000; ++trial) {
    std::vector<Episode> episodes;
    int start = static_cast<int>(rng() % 60);
    const int count = static_cast<int>(rng() % 7);
    for (int i = 0; i < count; ++i) {
      start += static_cast<int>(rng() % 40);  // DECOM order; some on the same day
      std::optional<Date> end;
      if (rng() % 4 != 0) end = base.add_days(start + static_cast<int>(rng() % 90));  // 0: that day
      episodes.push_back(episode(base.add_days(start), end));
    }
    const ChildCare c = child_of(episodes);
    for (int day = -5; day < 400; day += 3)
      ASSERT_EQ(episode_at(c, base.add_days(day)), last_open_at(c, base.add_days(day)))
          << "trial " << trial << ", day " << day;
  }
}

}  // namespace
}  // namespace scorecard
