// scorecard demo data as statutory returns: `scorecard demo-data --format xml`. In: the demo
// authority's options. Out: the same records as write_demo_data() writes, but the SSDA903
// tables (header, episodes, uasc, oc2, oc3, ad1, placed_for_adoption) as one SSDA903 XML return
// per collection year and the CIN tables (referrals, cp_plans) as one CIN census XML per
// census year, the way a council keeps them; the other datasets stay CSV files. Read back by
// the loader (docs/datasets.md, "Statutory returns"), the returns give the same tables as the
// CSV files, so the same scorecard (tests/cli: the XML-against-CSV test).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/cli/demo/demo_data.hpp"

namespace scorecard::demo {

// One return written: its file name, the records it holds (CHILD blocks of an SSDA903 return,
// Child blocks of a CIN census) and its size in bytes.
struct ReturnSummary {
  std::string file;
  long records;
  std::uintmax_t bytes;
};

struct DemoReturns {
  std::vector<DatasetSummary> csv;     // the datasets left as CSV files
  std::vector<ReturnSummary> returns;  // the XML returns, SSDA903 then CIN, oldest year first
};

// Writes the demo data into out_dir as write_demo_data() does, then replaces the SSDA903 and
// CIN CSV files by XML returns, one per collection year Y (the year ending 31 March Y) from the
// year of the earliest record to the year of options.data_to:
//  - SSDA903_<Y-1>-<yy>.xml (root EXPSSDA903; the year is in the name): every child with an
//    episode open at some time in the year, or an OC2 or OC3 row for the year. An episode is in
//    every year it is open, and in the years before the one it ends in, its DEC and REC are
//    blank (as that year's return had them): the latest year's version is the final one
//    (DATA.md rule 17). UASC/DUC are in each of the child's returns, OC2 and OC3 in their YEAR's,
//    the adoption fields (AD1) and AD_PLACED blocks in the child's last. Dates dd/mm/yyyy.
//  - CIN_Census_<Y-1>-<yy>.xml (Message, Collection CIN, ReferenceDate 31 March Y): every child
//    with a referral open at some time in the year, with its CINdetails, and each CP plan inside
//    the latest referral that started on or before it, in the census of each year the plan is
//    open (a referral is in the years of its plans too). Closure and end dates after the census
//    date are blank. Children looked after also have their birth date, GenderCurrent and
//    ethnicity from the SSDA903 header. Dates ISO.
// Each file is written to a temporary name and renamed into place. Memory: the SSDA903 and CIN
// rows are held while the returns are written (about 1 KB per child). Throws as
// write_demo_data() does.
DemoReturns write_demo_returns(const std::filesystem::path& out_dir, const DemoOptions& options);

}  // namespace scorecard::demo
