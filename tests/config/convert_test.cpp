// convert() and parameters(): a parameter as written in YAML against its declared type.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/config/config.hpp"

namespace scorecard::config {
namespace {

RawParam raw(const std::string& yaml) {
  return RawParam{YAML::Load(yaml), Location{"t.yaml", 7, 9}, Location{"t.yaml", 7, 5}};
}

Parameter declared(ParamType type, bool may_be_blank = false) {
  Parameter p;
  p.name = "p";
  p.type = type;
  p.may_be_blank = may_be_blank;
  return p;
}

std::string error_of(const std::string& yaml, const Parameter& p) {
  try {
    convert(raw(yaml), p);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "(no ConfigError)";
}

TEST(Convert, Boolean) {
  const Parameter p = declared(ParamType::kBoolean);
  EXPECT_EQ(convert(raw("true"), p), ParamValue(true));
  EXPECT_EQ(convert(raw("False"), p), ParamValue(false));
  EXPECT_EQ(error_of("maybe", p),
            "t.yaml:7:9: parameter 'p': expected a boolean (true or false), got 'maybe'");
  EXPECT_EQ(error_of("1", p),
            "t.yaml:7:9: parameter 'p': expected a boolean (true or false), got '1'");
  EXPECT_EQ(error_of("[true]", p),
            "t.yaml:7:9: parameter 'p': expected a boolean (true or false), got a list");
}

TEST(Convert, Integer) {
  const Parameter p = declared(ParamType::kInteger);
  EXPECT_EQ(convert(raw("12"), p), ParamValue(int64_t{12}));
  EXPECT_EQ(convert(raw("-3"), p), ParamValue(int64_t{-3}));
  EXPECT_EQ(convert(raw("+4"), p), ParamValue(int64_t{4}));
  EXPECT_EQ(error_of("1.5", p),
            "t.yaml:7:9: parameter 'p': expected an integer (a whole number), got '1.5'");
  EXPECT_EQ(error_of("twelve", p),
            "t.yaml:7:9: parameter 'p': expected an integer (a whole number), got 'twelve'");
  EXPECT_EQ(error_of("99999999999999999999", p).substr(0, 11), "t.yaml:7:9:");
}

TEST(Convert, DecimalAcceptsAnInteger) {
  const Parameter p = declared(ParamType::kDecimal);
  EXPECT_EQ(convert(raw("2.5"), p), ParamValue(2.5));
  EXPECT_EQ(convert(raw("3"), p), ParamValue(3.0));
  EXPECT_EQ(convert(raw("1e2"), p), ParamValue(100.0));
  EXPECT_EQ(error_of("nan", p), "t.yaml:7:9: parameter 'p': expected a decimal number, got 'nan'");
  EXPECT_EQ(error_of("0x10", p),
            "t.yaml:7:9: parameter 'p': expected a decimal number, got '0x10'");
  EXPECT_EQ(error_of("{a: 1}", p),
            "t.yaml:7:9: parameter 'p': expected a decimal number, got a mapping");
}

TEST(Convert, String) {
  const Parameter p = declared(ParamType::kString);
  EXPECT_EQ(convert(raw("hello"), p), ParamValue(std::string("hello")));
  EXPECT_EQ(convert(raw("12"), p), ParamValue(std::string("12")));
  EXPECT_EQ(convert(raw("''"), p), ParamValue(std::string()));
  EXPECT_EQ(error_of("[a]", p), "t.yaml:7:9: parameter 'p': expected a string, got a list");
}

TEST(Convert, StringList) {
  const Parameter p = declared(ParamType::kStringList);
  using List = std::vector<std::string>;
  EXPECT_EQ(convert(raw("[S, P, B]"), p), ParamValue(List{"S", "P", "B"}));
  EXPECT_EQ(convert(raw("E11"), p), ParamValue(List{"E11"}));  // a scalar: a list of one
  EXPECT_EQ(convert(raw("[]"), p), ParamValue(List{}));
  EXPECT_EQ(error_of("{a: 1}", p),
            "t.yaml:7:9: parameter 'p': expected a list of strings, got a mapping");
  // An item in error is located by its own mark (line 1 of this one-line document).
  EXPECT_EQ(error_of("[a, [b]]", p),
            "t.yaml:1:5: parameter 'p': expected a list of strings, got an item that is a list");
}

TEST(Convert, BlankOnlyWhereDeclaredSo) {
  for (const char* blank : {"", "~", "null"}) {
    SCOPED_TRACE(blank);
    EXPECT_EQ(convert(raw(blank), declared(ParamType::kInteger, true)), ParamValue());
    EXPECT_EQ(error_of(blank, declared(ParamType::kInteger)),
              "t.yaml:7:9: parameter 'p': expected an integer (a whole number), got nothing (a "
              "blank value)");
  }
  EXPECT_EQ(convert(raw("''"), declared(ParamType::kDecimal, true)), ParamValue());
  EXPECT_EQ(convert(raw("~"), declared(ParamType::kString, true)), ParamValue());
  EXPECT_EQ(error_of("~", declared(ParamType::kBoolean)),
            "t.yaml:7:9: parameter 'p': expected a boolean (true or false), got nothing (a blank "
            "value)");
  EXPECT_EQ(error_of("x", declared(ParamType::kInteger, true)),
            "t.yaml:7:9: parameter 'p': expected an integer (a whole number) or blank, got 'x'");
}

Metadata permanence() {
  Metadata m;
  m.id = "cla.permanence";
  Parameter exclude;
  exclude.name = "exclude_aged_18_leavers";
  exclude.type = ParamType::kBoolean;
  exclude.default_value = false;
  Parameter within;
  within.name = "within_months";
  within.type = ParamType::kInteger;
  within.default_value = int64_t{12};
  within.may_be_blank = true;
  m.parameters = {exclude, within};
  return m;
}

TEST(Parameters, DefaultsOverriddenByTheUse) {
  IndicatorUse use;
  use.params.emplace("exclude_aged_18_leavers", raw("true"));
  const Parameters p = parameters(use, permanence());
  EXPECT_TRUE(p.flag("exclude_aged_18_leavers"));
  EXPECT_EQ(p.integer("within_months"), 12);
  use.params.emplace("within_months", raw("~"));
  EXPECT_TRUE(parameters(use, permanence()).is_blank("within_months"));
}

TEST(Parameters, UnknownParameterSuggestsTheNearest) {
  IndicatorUse use;
  use.params.emplace("within_month", raw("6"));
  try {
    parameters(use, permanence());
    FAIL() << "no ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_STREQ(e.what(),
                 "t.yaml:7:5: unknown parameter 'within_month' for indicator 'cla.permanence' "
                 "(expected one of: exclude_aged_18_leavers, within_months); did you mean "
                 "'within_months'?");
  }
  Metadata none;
  none.id = "cla.count";
  try {
    parameters(use, none);
    FAIL() << "no ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.message,
              "unknown parameter 'within_month' for indicator 'cla.count' (it takes no "
              "parameters)");
  }
}

// cla.recent_event's two alternatives: within_days (default 42) or within_months (default
// blank), each naming the other.
Metadata recent_event() {
  Metadata m;
  m.id = "cla.recent_event";
  Parameter days{"within_days", ParamType::kInteger, int64_t{42}, "", true, {"within_months"}};
  Parameter months{"within_months", ParamType::kInteger, std::monostate{}, "", true,
                   {"within_days"}};
  m.parameters = {days, months};
  return m;
}

RawParam raw_in(const std::string& yaml, int entry, int line) {
  return RawParam{YAML::Load(yaml), Location{"t.yaml", line, 20}, Location{"t.yaml", line, 5},
                  entry};
}

TEST(Parameters, SettingOneAlternativeClearsTheOthersDefault) {
  IndicatorUse use;
  use.params.emplace("within_months", raw_in("6", 1, 3));
  const Parameters p = parameters(use, recent_event());
  EXPECT_EQ(p.integer("within_months"), 6);
  EXPECT_TRUE(p.is_blank("within_days"));  // not the default 42
  // Neither written: the defaults.
  const Parameters defaults = parameters(IndicatorUse{}, recent_event());
  EXPECT_EQ(defaults.integer("within_days"), 42);
  EXPECT_TRUE(defaults.is_blank("within_months"));
  // One written blank leaves the other at its default.
  IndicatorUse blank;
  blank.params.emplace("within_months", raw_in("~", 1, 3));
  EXPECT_EQ(parameters(blank, recent_event()).integer("within_days"), 42);
}

TEST(Parameters, ALaterEntrysAlternativeReplacesAnEarlierEntrys) {
  // The set writes within_months: 6 (entry 1); the config's override by code within_days: 30.
  IndicatorUse use;
  use.params.emplace("within_days", raw_in("30", 2, 9));
  use.params.emplace("within_months", raw_in("6", 1, 3));
  const Parameters p = parameters(use, recent_event());
  EXPECT_EQ(p.integer("within_days"), 30);
  EXPECT_TRUE(p.is_blank("within_months"));
}

TEST(Parameters, BothAlternativesInOneEntryIsAnError) {
  IndicatorUse use;
  use.params.emplace("within_days", raw_in("42", 1, 3));
  use.params.emplace("within_months", raw_in("6", 1, 4));
  try {
    parameters(use, recent_event());
    FAIL() << "no ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_STREQ(e.what(),
                 "t.yaml:4:5: parameters 'within_days' and 'within_months' of indicator "
                 "'cla.recent_event' are alternatives: set one of them (the other is set at "
                 "t.yaml:3:5)");
  }
  // Both written, one of them blank, is fine.
  use.params.at("within_days") = raw_in("~", 1, 3);
  EXPECT_EQ(parameters(use, recent_event()).integer("within_months"), 6);
}

}  // namespace
}  // namespace scorecard::config
