// A plugin of one trivial indicator, built 20 times (TINY_INDEX 1..20) with distinct ids, so
// that plugins_bench measures discovering and loading 20 plugins without a duplicate id: each
// file checked on one descriptor (owner, mode, ELF header and segments) before it is mapped,
// then its one C entry point read and its indicator created through the ABI 2 boundary.
#include <scorecard/sdk.hpp>

#define TINY_STR2(x) #x
#define TINY_STR(x) TINY_STR2(x)

namespace {

using namespace scorecard;

// Counts the rows of header, once per period.
class TinyRows final : public Indicator {
 public:
  Metadata metadata() const override {
    Metadata m;
    m.id = "bench.tiny_" TINY_STR(TINY_INDEX);
    m.code = "TINY" TINY_STR(TINY_INDEX);
    m.name = "Bench indicator " TINY_STR(TINY_INDEX);
    m.unit = Unit::kCount;
    m.polarity = Polarity::kNeutral;
    m.needs = {{"header", {{"CHILD", ColumnType::kString}}}};
    return m;
  }
  std::vector<Observation> calculate(const Context& ctx,
                                     const std::vector<Period>& periods) const override {
    Ratio r(false);
    const Table& t = ctx.table("header");
    for (size_t i = 0; i < t.rows; ++i) r.count("", true);
    return std::vector<Observation>(periods.size(), r.count());
  }
};

}  // namespace

SCORECARD_EXPORT_INDICATORS(TinyRows)
