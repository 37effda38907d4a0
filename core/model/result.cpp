#include "core/model/result.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace scorecard::model {

const char* to_string(Status s) {
  switch (s) {
    case Status::kOk: return "ok";
    case Status::kNotComputed: return "not_computed";
    case Status::kError: return "error";
  }
  return "error";
}
const char* to_string(Rag r) {
  switch (r) {
    case Rag::kNone: return "none";
    case Rag::kGreen: return "green";
    case Rag::kAmber: return "amber";
    case Rag::kRed: return "red";
  }
  return "none";
}
const char* to_string(Direction d) {
  switch (d) {
    case Direction::kNone: return "none";
    case Direction::kImproving: return "improving";
    case Direction::kDeclining: return "declining";
    case Direction::kUnchanged: return "unchanged";
    case Direction::kUp: return "up";
    case Direction::kDown: return "down";
  }
  return "none";
}
const char* to_string(Comparison c) {
  switch (c) {
    case Comparison::kNone: return "none";
    case Comparison::kBetter: return "better";
    case Comparison::kWorse: return "worse";
    case Comparison::kSame: return "same";
  }
  return "none";
}
const char* to_string(Significance s) {
  switch (s) {
    case Significance::kNone: return "none";
    case Significance::kBetter: return "significantly_better";
    case Significance::kSimilar: return "similar";
    case Significance::kWorse: return "significantly_worse";
    case Significance::kHigher: return "significantly_higher";
    case Significance::kLower: return "significantly_lower";
  }
  return "none";
}

std::string param_text(const ParamValue& v) {
  struct {
    std::string operator()(std::monostate) const { return ""; }
    std::string operator()(bool b) const { return b ? "true" : "false"; }
    std::string operator()(int64_t i) const { return std::to_string(i); }
    std::string operator()(double d) const { return fmt::format("{}", d); }
    std::string operator()(const std::string& s) const { return s; }
    std::string operator()(const std::vector<std::string>& l) const {
      return "[" + fmt::format("{}", fmt::join(l, ", ")) + "]";
    }
  } visitor;
  return std::visit(visitor, v);
}

}  // namespace scorecard::model
