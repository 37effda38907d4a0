// The statutory returns (docs/datasets.md, "Statutory returns"): discovery by content, the
// SSDA903 XML, the CIN census and the workforce census read into the DATA.md tables, several
// years at once, and bad input named with its position. The real files are the validators'
// fakes in ../shared/real/returns (deliberately not clean).
#include "core/datasets/returns.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "tests/datasets/load_helpers.hpp"

namespace scorecard::datasets {
namespace {

using testing::all_columns;
using testing::data_error;
using testing::load_folder;
using testing::TempDir;
using Strings = std::vector<std::string>;

const std::filesystem::path kReal = SCORECARD_REAL_DIR "/returns";

// A real file, or a failure that says where it was looked for (the tests read
// ../shared/real beside the checkout: a clone elsewhere has none).
std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in)
    throw std::runtime_error("cannot read " + p.string() +
                             ": these tests need the real returns of ../shared/real beside the "
                             "checkout (clone the project next to shared/)");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<DatasetRequest> ssda903_requests() {
  std::vector<DatasetRequest> r;
  for (const char* d : {"header", "episodes", "uasc", "oc2", "oc3", "ad1", "placed_for_adoption",
                        "reviews", "missing", "previous_permanence"})
    r.push_back(all_columns(d));
  return r;
}

std::vector<DatasetRequest> cin_requests() {
  std::vector<DatasetRequest> r;
  for (const char* d : {"referrals", "cp_plans", "assessments", "section47", "cin_plans",
                        "cin_children", "cp_reviews"})
    r.push_back(all_columns(d));
  return r;
}

std::string read_as(const LoadResult& r, const std::string& file_name) {
  for (const auto& f : r.files)
    if (f.path.filename() == file_name) return f.read_as;
  return "(not listed)";
}

bool any_contains(const std::vector<std::string>& lines, const std::string& part) {
  return std::any_of(lines.begin(), lines.end(),
                     [&](const std::string& l) { return l.find(part) != std::string::npos; });
}

bool any_issue(const LoadResult& r, const std::string& part) {
  return std::any_of(r.issues.begin(), r.issues.end(), [&](const model::DataQualityIssue& i) {
    return i.message.find(part) != std::string::npos;
  });
}

// A CHILD of an SSDA903 return: its header, a review, an OC2 block and its episodes.
std::string child_xml(const std::string& child, const std::string& episodes) {
  return "<CHILD>\n<HEADER>\n<CHILDID>" + child +
         "</CHILDID><SEX>1</SEX><DOB>01/02/2010</DOB><ETHNIC>WBRI</ETHNIC><UASC/>\n"
         "<AREVIEW><REVIEW>01/06/2018</REVIEW><REVIEW_CODE>PN1</REVIEW_CODE></AREVIEW>\n"
         "<OC2><CONVICTED>0</CONVICTED><HEALTH_CHECK>1</HEALTH_CHECK></OC2>\n"
         "</HEADER>\n" +
         episodes + "</CHILD>\n";
}

// A small SSDA903 return: one child.
std::string ssda903(const std::string& child, const std::string& episodes) {
  return "<?xml version='1.0' encoding='utf-8'?>\n<EXPSSDA903>\n" + child_xml(child, episodes) +
         "</EXPSSDA903>\n";
}

std::string episode(const std::string& decom, const std::string& dec, const std::string& rec,
                    const std::string& place = "U1") {
  return "<EPISODE>\n<DECOM>" + decom + "</DECOM>\n<RNE>S</RNE><LS>C2</LS><CIN>N1</CIN><PL>" +
         place + "</PL><PLACE_PROVIDER>PR1</PLACE_PROVIDER>\n<DEC>" + dec + "</DEC><REC>" + rec +
         "</REC>\n</EPISODE>\n";
}

// ---- discovery ----------------------------------------------------------------------------

TEST(ReturnsDiscovery, Ssda903CsvFilesAreRecognisedByTheirColumnsWhateverTheirName) {
  TempDir dir;
  dir.write("SSDA903_2020_episodes.csv", slurp(kReal / "ssda903/SSDA903_2020_episodes.csv"));
  dir.write("SSDA903_2020_header.csv", slurp(kReal / "ssda903/SSDA903_2020_header.csv"));
  auto l = load_folder(dir.path(), {all_columns("episodes"), all_columns("header")});
  EXPECT_EQ(l->table("episodes").rows, 5u);  // the file's five rows
  EXPECT_EQ(l->table("header").rows, 2u);    // five rows, three replaced (same CHILD)
  EXPECT_EQ(read_as(l->result, "SSDA903_2020_episodes.csv"),
            "episodes (by its columns, the DfE's SSDA903 episodes table)");
  EXPECT_EQ(read_as(l->result, "SSDA903_2020_header.csv"),
            "header (by its columns, the DfE's SSDA903 header table)");
}

TEST(ReturnsDiscovery, AFileNamedForOneDatasetWithAnothersColumnsIsAnError) {
  TempDir dir;
  dir.write("header_2019.csv", slurp(kReal / "ssda903/SSDA903_2020_episodes.csv"));
  const std::string e = data_error([&] { load_folder(dir.path(), {all_columns("header")}); });
  EXPECT_NE(e.find("header_2019.csv:1:1: the file's name says header but its header row is "
                   "exactly the DfE's episodes table"),
            std::string::npos)
      << e;
}

// Under on_error: report, the file is listed as not read, and it is not read: its dataset is
// missing (found by the load fuzzer: the file was both "not read" and loaded).
TEST(ReturnsDiscovery, AFileNamedForOneTableWithAnothersHeaderIsReportedAndNotRead) {
  TempDir dir;
  dir.write("oc2.csv", "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM\n1001,01/01/2000,YES,G4,B\n");
  auto l = load_folder(dir.path(), {all_columns("oc2")}, OnError::kReport);
  ASSERT_EQ(l->result.issues.size(), 1u);
  EXPECT_EQ(l->result.issues[0].dataset, "oc2");
  EXPECT_NE(l->result.issues[0].message.find("oc2.csv:1:1: the file's name says oc2 but its "
                                             "header row is exactly the DfE's oc3 table"),
            std::string::npos);
  EXPECT_EQ(l->result.tables.count("oc2"), 0u);
  EXPECT_EQ(l->result.missing_datasets, std::vector<std::string>{"oc2"});
  EXPECT_EQ(read_as(l->result, "oc2.csv").rfind("not read: ", 0), 0u);
}

TEST(ReturnsDiscovery, ACsvOfSsda903ColumnsMatchingNoTableIsAnErrorNamingIt) {
  TempDir dir;
  dir.write("cla_extract.csv", "CHILD,DECOM,RNE\n1,01/04/2018,S\n");
  const std::string e = data_error([&] { load_folder(dir.path(), {all_columns("episodes")}); });
  EXPECT_NE(e.find("cla_extract.csv:1:1: its columns are SSDA903 columns but not exactly those "
                   "of any SSDA903 table"),
            std::string::npos)
      << e;
  // Other CSV files are listed, not read, as before.
  dir.write("cla_extract.csv", "NOTE,WHO\nx,y\n");
  auto l = load_folder(dir.path(), {all_columns("episodes")});
  EXPECT_EQ(read_as(l->result, "cla_extract.csv"),
            "not read (neither a dataset's name nor an SSDA903 table's columns)");
}

TEST(ReturnsDiscovery, XmlReturnsByRootAndCollectionOthersListed) {
  TempDir dir;
  dir.write("cla_2019.xml", ssda903("C1", episode("01/04/2018", "", "")));
  dir.write("census.xml", slurp(kReal / "cin_census/CIN_Census_2024.xml"));
  dir.write("staff.xml", slurp(kReal / "workforce_census/social_work_workforce_2022.xml"));
  dir.write("settings.xml", "<settings><a>1</a></settings>");
  auto l = load_folder(
      dir.path(), {all_columns("episodes"), all_columns("referrals"), all_columns("workforce")},
      OnError::kReport);
  EXPECT_EQ(read_as(l->result, "cla_2019.xml"),
            "SSDA903 return 2018-19: header (1 rows), episodes (1 rows), reviews (1 rows), oc2 "
            "(1 rows)");
  // The CIN census's year is its ReferenceDate's (31 March 2024), not the file name's.
  EXPECT_EQ(read_as(l->result, "census.xml").rfind("CIN census 2023-24: ", 0), 0u)
      << read_as(l->result, "census.xml");
  EXPECT_EQ(
      read_as(l->result, "staff.xml").rfind("workforce census census of 30 September 2022", 0), 0u)
      << read_as(l->result, "staff.xml");
  EXPECT_EQ(read_as(l->result, "settings.xml"),
            "not read (its root element <settings> is not a return's: EXPSSDA903 or Message)");
}

TEST(ReturnsDiscovery, AMessageOfAnotherCollectionIsAnError) {
  TempDir dir;
  dir.write("return.xml",
            "<Message><Header><CollectionDetails><Collection>SCHOOLCENSUS</Collection>"
            "</CollectionDetails></Header></Message>");
  const std::string e = data_error([&] { load_folder(dir.path(), {all_columns("referrals")}); });
  EXPECT_NE(e.find("return.xml:1:1: a DfE return whose Header/CollectionDetails/Collection is "
                   "'SCHOOLCENSUS'"),
            std::string::npos)
      << e;
}

// ---- SSDA903 XML --------------------------------------------------------------------------

TEST(ReturnsSsda903, ElementsFillTheDfETables) {
  TempDir dir;
  dir.write("903_2018-19.xml", ssda903("C1", episode("01/04/2018", "01/10/2018", "X1") +
                                                 episode("01/10/2018", "", "", "U4")));
  auto l = load_folder(dir.path(), ssda903_requests());
  EXPECT_EQ(l->cells("episodes", "CHILD"), (Strings{"C1", "C1"}));
  EXPECT_EQ(l->cells("episodes", "DECOM"), (Strings{"2018-04-01", "2018-10-01"}));
  EXPECT_EQ(l->cells("episodes", "PLACE"), (Strings{"U1", "U4"}));      // PL -> PLACE
  EXPECT_EQ(l->cells("episodes", "DEC"), (Strings{"2018-10-01", ""}));  // empty = blank
  EXPECT_EQ(l->cells("header", "SEX"), Strings{"1"});
  EXPECT_EQ(l->cells("reviews", "REVIEW_CODE"), Strings{"PN1"});
  EXPECT_EQ(l->cells("reviews", "DOB"), Strings{"2010-02-01"});
  // The collection year from the name: 2018-19 is the year ending 31 March 2019.
  EXPECT_EQ(l->table("oc2").column("YEAR").ints, std::vector<int32_t>{2019});
  EXPECT_EQ(l->table("oc2").column("HEALTH_CHECK").flag(0), true);
  EXPECT_EQ(l->result.tables.count("uasc"), 1u);
  EXPECT_EQ(l->table("uasc").rows, 0u);  // UASC empty: not a UASC child
}

TEST(ReturnsSsda903, TheCollectionYearComesFromTheNameElseTheConfigElseAnErrorSayingHow) {
  EXPECT_EQ(returns::year_in_name("SSDA903_2019.xml"), 2019);
  EXPECT_EQ(returns::year_in_name("cla 2018-19.xml"), 2019);
  EXPECT_EQ(returns::year_in_name("cla_2018_19_final.xml"), 2019);
  EXPECT_EQ(returns::year_in_name("fake_903.xml"), std::nullopt);
  EXPECT_EQ(returns::year_in_name("2018_to_2020.xml"), std::nullopt);  // two years: which?
  TempDir dir;
  dir.write("fake_903.xml", ssda903("C1", episode("01/04/2018", "", "")));
  const std::string e = data_error([&] { load_folder(dir.path(), {all_columns("oc2")}); });
  EXPECT_NE(e.find("fake_903.xml:1:1: the collection year of this SSDA903 return is not in its "
                   "file name: rename it (e.g. fake_903_2019.xml or with 2018-19 for the year "
                   "ending 31 March 2019), or give it in the configuration as data.returns: "
                   "{years: {fake_903.xml: 2019}}"),
            std::string::npos)
      << e;
  LoadOptions per_file;
  per_file.return_years["fake_903.xml"] = 2017;
  auto l = load_folder(dir.path(), {all_columns("oc2")}, OnError::kFail, per_file);
  EXPECT_EQ(l->table("oc2").column("YEAR").ints, std::vector<int32_t>{2017});
  LoadOptions every;
  every.return_year = 2016;
  l = load_folder(dir.path(), {all_columns("oc2")}, OnError::kFail, every);
  EXPECT_EQ(l->table("oc2").column("YEAR").ints, std::vector<int32_t>{2016});
}

// ---- several years ------------------------------------------------------------------------

TEST(ReturnsYears, TheLatestYearsEpisodeWinsIdenticalOnceAcrossFormats) {
  TempDir dir;
  // 2018-19 as a CSV set, 2019-20 as XML; the XML is named so that it sorts first by name.
  dir.write("episodes_2019.csv",
            "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC\n"
            "C1,01/04/2018,S,C2,N1,U1,PR1,,\n"                 // open at 31 March 2019
            "C2,01/05/2018,S,C2,N1,U1,PR1,01/06/2018,E4A\n");  // the same in both years
  dir.write("a_return_2019-20.xml",
            "<EXPSSDA903>" + child_xml("C1", episode("01/04/2018", "01/07/2019", "E11")) +
                child_xml("C2", episode("01/05/2018", "01/06/2018", "E4A")) + "</EXPSSDA903>");
  auto l = load_folder(dir.path(), {all_columns("episodes")});
  EXPECT_EQ(l->cells("episodes", "CHILD"), (Strings{"C2", "C1"}));
  EXPECT_EQ(l->cells("episodes", "REC"), (Strings{"E4A", "E11"}));  // 2019-20's version
  EXPECT_EQ(l->info("episodes").replaced, 1u);
  EXPECT_EQ(l->info("episodes").duplicates, 1u);
  EXPECT_TRUE(any_contains(l->result.warnings, "a_return_2019-20.xml line 8 replaces "))
      << ::testing::PrintToString(l->result.warnings);
}

TEST(ReturnsYears, TheSameReferralInTwoCensusesIsOneRecordTheLaterCensusWins) {
  // GenderCurrent (to 2023-24) and Sex (from 2024-25) give the same SEX.
  auto census = [](const std::string& reference, const std::string& closure,
                   const std::string& sex) {
    return "<Message><Header><CollectionDetails><Collection>CIN</Collection><ReferenceDate>" +
           reference +
           "</ReferenceDate></CollectionDetails></Header><Children><Child><ChildIdentifiers>"
           "<LAchildID>K1</LAchildID>" +
           sex +
           "</ChildIdentifiers><ChildCharacteristics><Disabilities>"
           "<Disability>HAND</Disability><Disability>HEAR</Disability></Disabilities>"
           "</ChildCharacteristics><CINdetails>"
           "<CINreferralDate>2023-02-01</CINreferralDate><CINclosureDate>" +
           closure +
           "</CINclosureDate><ReferralNFA>false</ReferralNFA><ChildProtectionPlans>"
           "<CPPstartDate>2023-03-01</CPPstartDate></ChildProtectionPlans></CINdetails>"
           "</Child></Children></Message>";
  };
  TempDir dir;
  dir.write("cin_b.xml", census("2023-03-31", "",
                                "<GenderCurrent>2</GenderCurrent>"));  // open at the 2023 census
  dir.write("cin_a.xml",
            census("2024-03-31", "2023-06-30", "<Sex>F</Sex>"));  // closed by the 2024 census
  auto l = load_folder(dir.path(), cin_requests());
  EXPECT_EQ(l->cells("referrals", "REFERRAL_ID"), Strings{"K1/2023-02-01"});
  EXPECT_EQ(l->cells("referrals", "CLOSURE_DATE"), Strings{"2023-06-30"});
  EXPECT_EQ(l->info("referrals").replaced, 1u);
  EXPECT_EQ(l->cells("cp_plans", "CPP_ID"), Strings{"K1/2023-03-01"});
  EXPECT_EQ(l->info("cp_plans").duplicates, 1u);  // the same plan, unchanged
  EXPECT_EQ(l->cells("cin_children", "SEX"), Strings{"F"});
  EXPECT_EQ(l->info("cin_children").duplicates, 1u);  // GenderCurrent 2 = Sex F
  EXPECT_EQ(l->cells("cin_children", "DISABILITIES"), Strings{"HAND HEAR"});
}

// ---- CIN census ---------------------------------------------------------------------------

TEST(ReturnsCin, TheCensusFillsReferralsPlansAndTheNewDatasets) {
  TempDir dir;
  dir.write("CIN_Census_2021.xml", slurp(kReal / "cin_census/CIN_Census_2021.xml"));
  auto l = load_folder(dir.path(), cin_requests(), OnError::kReport);
  EXPECT_EQ(l->cells("referrals", "CHILD"), Strings{"DfEX0000001"});
  EXPECT_EQ(l->cells("referrals", "REFERRAL_ID"), Strings{"DfEX0000001/1970-10-06"});
  EXPECT_EQ(l->cells("referrals", "REFERRAL_SOURCE"), Strings{"1A"});
  EXPECT_EQ(l->cells("referrals", "CLOSURE_DATE"), Strings{"1971-02-27"});
  EXPECT_EQ(l->table("referrals").column("NFA").flag(0), false);  // ReferralNFA 0
  EXPECT_EQ(l->cells("cp_plans", "CPP_START"), Strings{"1970-02-17"});
  EXPECT_EQ(l->cells("cp_plans", "INITIAL_CATEGORY"), Strings{"PHY"});
  EXPECT_EQ(l->table("cp_plans").column("PREVIOUS_CPPS").ints, std::vector<int32_t>{10});
  EXPECT_EQ(l->cells("assessments", "FACTORS"), Strings{"2A 2B"});
  EXPECT_EQ(l->cells("cin_plans", "CIN_PLAN_END"), Strings{"1971-01-26"});
  EXPECT_EQ(l->cells("section47", "ICPC_DATE"), Strings{"1970-06-17"});
  EXPECT_EQ(l->table("section47").column("ICPC_NOT_REQUIRED").flag(0), false);  // "false"
  // The child's row is left out: ExpectedPersonBirthDate 1066-04-13 is not a date we read.
  EXPECT_EQ(l->table("cin_children").rows, 0u);
  EXPECT_TRUE(any_issue(l->result,
                        "CIN_Census_2021.xml:25:17: Message/Children/Child/"
                        "ChildIdentifiers/ExpectedPersonBirthDate: EXPECTED_DOB "
                        "'1066-04-13' is not a date"));
  EXPECT_EQ(l->cells("cp_reviews", "REVIEW_DATE"), Strings{"1971-02-15"});
  // The stray text "PersonBirthDate" beside the identifiers is reported, not read.
  EXPECT_TRUE(any_contains(l->result.warnings,
                           "CIN_Census_2021.xml:23:45: text 'PersonBirthDate' beside the "
                           "elements of Message/Children/Child/ChildIdentifiers ignored"))
      << ::testing::PrintToString(l->result.warnings);
}

// ---- workforce census ---------------------------------------------------------------------

TEST(ReturnsWorkforce, WorkersWithTheirReasonForLeavingMapped) {
  TempDir dir;
  dir.write("csww_2022.xml", slurp(kReal / "workforce_census/social_work_workforce_2022.xml"));
  auto l = load_folder(dir.path(), {all_columns("workforce")}, OnError::kReport);
  const auto ids = l->cells("workforce", "WORKER_ID");
  const auto it = std::find(ids.begin(), ids.end(), "JJ3661684122");
  ASSERT_NE(it, ids.end());
  const size_t row = static_cast<size_t>(it - ids.begin());
  EXPECT_EQ(l->cells("workforce", "REASON_LEAVE")[row], "5");
  EXPECT_EQ(l->cells("workforce", "LEAVING_REASON")[row], "RETIRED");  // 5 Retired
  EXPECT_EQ(l->cells("workforce", "END_DATE")[row], "2023-03-28");
  EXPECT_EQ(l->table("workforce").column("AGENCY").flag(row), true);
  EXPECT_EQ(l->table("workforce").column("QUALIFIED").flag(row), true);
  EXPECT_DOUBLE_EQ(*l->table("workforce").column("FTE30").number(row), 0.903669);
}

// ---- bad input ----------------------------------------------------------------------------

TEST(ReturnsBadInput, MalformedXmlNamesFileLineAndColumn) {
  TempDir dir;
  dir.write("cla_2019.xml", "<EXPSSDA903>\n<CHILD>\n  <HEADER></CHILD>\n</EXPSSDA903>\n");
  const std::string e = data_error([&] { load_folder(dir.path(), {all_columns("episodes")}); });
  EXPECT_NE(e.find("cla_2019.xml:3:13: not well-formed XML: mismatched tag"), std::string::npos)
      << e;
  auto l = load_folder(dir.path(), {all_columns("episodes")}, OnError::kReport);
  EXPECT_TRUE(any_issue(l->result, "cla_2019.xml:3:13: not well-formed XML: mismatched tag"));
  EXPECT_EQ(l->result.tables.count("episodes"), 0u);  // nothing of the file is read
}

TEST(ReturnsBadInput, AnUnknownElementIsOneWarningPerName) {
  TempDir dir;
  dir.write("cla_2019.xml", ssda903("C1",
                                    "<EPISODE><DECOM>01/04/2018</DECOM><NOTE>a</NOTE>"
                                    "</EPISODE>\n<EPISODE><DECOM>01/05/2018</DECOM>"
                                    "<NOTE>b</NOTE></EPISODE>\n"));
  auto l = load_folder(dir.path(), {all_columns("episodes")});
  EXPECT_EQ(l->table("episodes").rows, 2u);
  EXPECT_EQ(std::count_if(l->result.warnings.begin(), l->result.warnings.end(),
                          [](const std::string& w) {
                            return w.find("unknown element EXPSSDA903/CHILD/EPISODE/NOTE") !=
                                   std::string::npos;
                          }),
            1);
  EXPECT_TRUE(any_contains(l->result.warnings,
                           "cla_2019.xml:9:35: unknown element "
                           "EXPSSDA903/CHILD/EPISODE/NOTE ignored"))
      << ::testing::PrintToString(l->result.warnings);
}

TEST(ReturnsBadInput, AWrongDateNamesTheElementPathAndLineAndFollowsOnError) {
  TempDir dir;
  dir.write("cla_2019.xml",
            ssda903("C1", episode("01/04/2018", "", "") + episode("31/13/2018", "", "")));
  const std::string e = data_error([&] { load_folder(dir.path(), {all_columns("episodes")}); });
  EXPECT_NE(e.find("cla_2019.xml:15:1: EXPSSDA903/CHILD/EPISODE/DECOM: DECOM '31/13/2018' is not "
                   "a date"),
            std::string::npos)
      << e;
  auto l = load_folder(dir.path(), {all_columns("episodes")}, OnError::kReport);
  EXPECT_EQ(l->table("episodes").rows, 1u);
  ASSERT_EQ(l->result.issues.size(), 1u);
  EXPECT_EQ(l->result.issues[0].line, 15u);
  EXPECT_EQ(l->result.issues[0].column_name, "DECOM");
  // A wrong code too.
  dir.write("cla_2019.xml", ssda903("C1", episode("01/04/2018", "", "", "Q9")));
  const std::string c = data_error([&] { load_folder(dir.path(), {all_columns("episodes")}); });
  EXPECT_NE(c.find("cla_2019.xml:11:37: EXPSSDA903/CHILD/EPISODE/PL: PLACE 'Q9' is not one of the "
                   "codes"),
            std::string::npos)
      << c;
}

// Every real file of the validators is read in report mode: its faults listed, no crash.
struct RealFile {
  const char* folder;
  const char* file;
  bool ssda903;
};

class ReturnsReal : public ::testing::TestWithParam<RealFile> {};

TEST_P(ReturnsReal, IsReadInReportModeWithItsFaultsListed) {
  const RealFile f = GetParam();
  TempDir dir;
  dir.write(f.file, slurp(kReal / f.folder / f.file));
  LoadOptions options;
  options.return_year = 2019;  // fake_903.xml has no year in its name
  std::vector<DatasetRequest> requests = ssda903_requests();
  for (auto& r : cin_requests()) requests.push_back(r);
  requests.push_back(all_columns("workforce"));
  auto l = load_folder(dir.path(), requests, OnError::kReport, options);
  const std::string listed = read_as(l->result, f.file);
  size_t rows = 0;
  for (const auto& [name, info] : l->result.info) rows += info.rows_read;
  std::string faults;
  for (const auto& i : l->result.issues) faults += i.message + "\n";
  for (const auto& w : l->result.warnings) faults += w + "\n";
  RecordProperty("faults", faults);
  std::cout << f.file << ": " << listed << "\n" << faults;
  if (std::string(f.file).find(".xsd") != std::string::npos) {
    EXPECT_EQ(listed, "not read (neither a .csv nor an .xml file)");  // a schema is not data
    return;
  }
  EXPECT_GT(rows, 0u) << listed;
  EXPECT_EQ(listed.rfind("not read", 0), std::string::npos) << listed;
}

INSTANTIATE_TEST_SUITE_P(
    Validators, ReturnsReal,
    ::testing::Values(RealFile{"ssda903", "fake_903.xml", true},
                      RealFile{"ssda903", "CLA.xsd", true},
                      RealFile{"ssda903", "SSDA903_2020_episodes.csv", true},
                      RealFile{"ssda903", "SSDA903_2020_header.csv", true},
                      RealFile{"cin_census", "CIN_Census_2021.xml", false},
                      RealFile{"cin_census", "CIN_Census_2024.xml", false},
                      RealFile{"cin_census", "CIN_schema_2024.xsd", false},
                      RealFile{"cin_census", "CIN_schema_2026.xsd", false},
                      RealFile{"workforce_census", "social_work_workforce_2022.xml", false},
                      RealFile{"workforce_census", "social_work_workforce_2022.xsd", false},
                      RealFile{"workforce_census", "csww_schema_2025.xsd", false}),
    [](const ::testing::TestParamInfo<RealFile>& info) {
      std::string n = info.param.file;
      for (char& c : n)
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      return n;
    });

}  // namespace
}  // namespace scorecard::datasets
