// demo: the output files, one buffered CSV per dataset with the columns of DATA.md. Header only.
#pragma once

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/cli/demo/demo_data.hpp"
#include "scorecard/date.hpp"

namespace scorecard::demo {

// CSV output: one buffered file per dataset, written to `<dataset>.csv.tmp` and renamed into
// place by close(); a file not closed (an exception on the way) is removed.

class CsvFile {
 public:
  CsvFile(const std::filesystem::path& dir, std::string dataset,
          std::initializer_list<std::string_view> columns)
      : dataset_(std::move(dataset)),
        final_(dir / (dataset_ + ".csv")),
        temp_(dir / (dataset_ + ".csv.tmp")) {
    file_ = std::fopen(temp_.c_str(), "wb");
    if (!file_) fail("cannot create");
    buffer_.reserve(kBufferSize + 4096);
    for (std::string_view c : columns) text(c);
    end_row();
    rows_ = 0;
  }
  CsvFile(const CsvFile&) = delete;
  CsvFile& operator=(const CsvFile&) = delete;
  ~CsvFile() {
    if (!file_) return;
    std::fclose(file_);
    std::error_code ignored;
    std::filesystem::remove(temp_, ignored);
  }

  // A field, quoted (RFC 4180) only if it holds a comma, a quote or a line end.
  CsvFile& text(std::string_view v) {
    separate();
    if (!needs_quotes(v)) {
      buffer_.append(v);
      return *this;
    }
    buffer_.push_back('"');
    for (char c : v) {
      if (c == '"') buffer_.push_back('"');
      buffer_.push_back(c);
    }
    buffer_.push_back('"');
    return *this;
  }
  CsvFile& blank() { return text({}); }
  CsvFile& number(long v) {
    separate();
    char digits[24];
    const int n = std::snprintf(digits, sizeof digits, "%ld", v);
    buffer_.append(digits, static_cast<size_t>(n));
    return *this;
  }
  CsvFile& flag(bool v) { return text(v ? "1" : "0"); }
  // `prefix` and `number` zero-padded to `width` digits: C0000042.
  CsvFile& id(std::string_view prefix, long number, int width) {
    separate();
    buffer_.append(prefix);
    char digits[24];
    const int n = std::snprintf(digits, sizeof digits, "%0*ld", width, number);
    buffer_.append(digits, static_cast<size_t>(n));
    return *this;
  }
  // dd/mm/yyyy, the DfE layout.
  CsvFile& date(Date d) {
    separate();
    char text[10];
    DateText::get().write(d, text);
    buffer_.append(text, sizeof text);
    return *this;
  }
  CsvFile& date(std::optional<Date> d) { return d ? date(*d) : blank(); }
  // A number held in millionths, written with six decimals: 52.570000.
  CsvFile& millionths(long v) {
    separate();
    char digits[32];
    const long whole = v / 1000000, part = v % 1000000;
    const int n = std::snprintf(digits, sizeof digits, "%s%ld.%06ld", v < 0 ? "-" : "",
                                whole < 0 ? -whole : whole, part < 0 ? -part : part);
    buffer_.append(digits, static_cast<size_t>(n));
    return *this;
  }
  // A number held in tenths, with one decimal: 0.8.
  CsvFile& tenths(int v) {
    separate();
    buffer_.push_back(static_cast<char>('0' + v / 10));
    buffer_.push_back('.');
    buffer_.push_back(static_cast<char>('0' + v % 10));
    return *this;
  }

  void end_row() {
    buffer_.push_back('\n');
    fields_ = 0;
    ++rows_;
    if (buffer_.size() >= kBufferSize) flush();
  }

  // Flushes, closes and renames the file into place; what was written.
  DatasetSummary close() {
    flush();
    std::FILE* f = std::exchange(file_, nullptr);
    if (std::fclose(f) != 0) {
      file_ = nullptr;
      fail("cannot close");
    }
    std::error_code ec;
    std::filesystem::rename(temp_, final_, ec);
    if (ec) {
      std::filesystem::remove(temp_, ec);
      throw std::runtime_error("demo data: cannot rename " + temp_.string() + " to " +
                               final_.string() + ": " + ec.message());
    }
    return DatasetSummary{dataset_, rows_, bytes_};
  }

 private:
  static constexpr size_t kBufferSize = size_t{1} << 20;

  // Every day from 1900 to 2099 as dd/mm/yyyy, made once (dates are most of what is written).
  class DateText {
   public:
    static const DateText& get() {
      static const DateText table;
      return table;
    }
    void write(Date d, char* out) const {
      const size_t i = static_cast<size_t>(d.days - kFirst.days);
      if (d >= kFirst && i < text_.size() / 10) {
        std::memcpy(out, &text_[i * 10], 10);
      } else {
        format(d, out);
      }
    }

   private:
    static constexpr Date kFirst = Date::from_ymd(1900, 1, 1);
    DateText() {
      const Date last = Date::from_ymd(2100, 1, 1);
      text_.resize(static_cast<size_t>(last - kFirst) * 10);
      for (Date d = kFirst; d < last; d = d.add_days(1)) {
        format(d, &text_[static_cast<size_t>(d - kFirst) * 10]);
      }
    }
    static void format(Date d, char* out) {
      const Date::Ymd v = d.ymd();
      const int digits[] = {v.day / 10,         v.day % 10,        -1,
                            v.month / 10,       v.month % 10,      -1,
                            v.year / 1000 % 10, v.year / 100 % 10, v.year / 10 % 10,
                            v.year % 10};
      for (int i = 0; i < 10; ++i) {
        out[i] = digits[i] < 0 ? '/' : static_cast<char>('0' + digits[i]);
      }
    }
    std::string text_;
  };

  static bool needs_quotes(std::string_view v) {
    for (char c : v) {
      if (c == ',' || c == '"' || c == '\r' || c == '\n') return true;
    }
    return false;
  }

  void separate() {
    if (fields_++ > 0) buffer_.push_back(',');
  }
  void flush() {
    if (buffer_.empty()) return;
    if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
      fail("cannot write");
    }
    bytes_ += buffer_.size();
    buffer_.clear();
  }
  [[noreturn]] void fail(const char* what) const {
    throw std::runtime_error(std::string("demo data: ") + what + " " + temp_.string() + ": " +
                             std::strerror(errno));
  }

  std::string dataset_;
  std::filesystem::path final_, temp_;
  std::FILE* file_ = nullptr;
  std::string buffer_;
  int fields_ = 0;
  long rows_ = 0;
  std::uintmax_t bytes_ = 0;
};

// Every output file, with the columns of DATA.md.
struct Files {
  explicit Files(const std::filesystem::path& d)
      : header(d, "header", {"CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"}),
        episodes(d, "episodes",
                 {"CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
                  "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"}),
        uasc(d, "uasc", {"CHILD", "SEX", "DOB", "DUC"}),
        oc2(d, "oc2",
            {"CHILD", "DOB", "SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK",
             "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE",
             "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED", "YEAR"}),
        oc3(d, "oc3", {"CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM", "YEAR"}),
        ad1(d, "ad1",
            {"CHILD", "DOB", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR",
             "LS_ADOPTR"}),
        placed_for_adoption(
            d, "placed_for_adoption",
            {"CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"}),
        referrals(
            d, "referrals",
            {"CHILD", "REFERRAL_ID", "REFERRAL_DATE", "REFERRAL_SOURCE", "CLOSURE_DATE", "NFA"}),
        cp_plans(d, "cp_plans", {"CHILD", "CPP_ID", "CPP_START", "CPP_END", "INITIAL_CATEGORY"}),
        visits(d, "visits", {"CHILD", "VISIT_DATE", "VISIT_TYPE", "SEEN"}),
        child_events(d, "child_events", {"CHILD", "EVENT_TYPE", "EVENT_DATE"}),
        proceedings(d, "proceedings", {"CASE_ID", "CHILD", "ISSUE_DATE", "FINAL_ORDER_DATE"}),
        workforce(d, "workforce",
                  {"WORKER_ID", "ROLE", "QUALIFIED", "TEAM", "FTE", "START_DATE", "END_DATE",
                   "LEAVING_REASON"}),
        allocations(d, "allocations", {"CHILD", "WORKER_ID", "START_DATE", "END_DATE"}),
        providers(d, "providers",
                  {"URN", "SETTING_TYPE", "INSPECTION_DATE", "OVERALL_EFFECTIVENESS"}),
        foster_carers(d, "foster_carers",
                      {"CARER_ID", "PROVIDER", "APPROVAL_DATE", "DEREGISTRATION_DATE"}),
        postcode_centroids(d, "postcode_centroids", {"POSTCODE", "LATITUDE", "LONGITUDE"}) {}

  std::vector<DatasetSummary> close() {
    std::vector<DatasetSummary> out;
    for (CsvFile* f : {&header, &episodes, &uasc, &oc2, &oc3, &ad1, &placed_for_adoption,
                       &referrals, &cp_plans, &visits, &child_events, &proceedings, &workforce,
                       &allocations, &providers, &foster_carers, &postcode_centroids}) {
      out.push_back(f->close());
    }
    return out;
  }

  CsvFile header, episodes, uasc, oc2, oc3, ad1, placed_for_adoption, referrals, cp_plans, visits,
      child_events, proceedings, workforce, allocations, providers, foster_carers,
      postcode_centroids;
};

}  // namespace scorecard::demo
