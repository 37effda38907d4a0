// The loading conventions of DATA.md ("General conventions", counting rule 17) and
// docs/datasets.md, one test each.
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <functional>
#include <random>

#include "tests/datasets/load_helpers.hpp"

namespace scorecard::datasets {
namespace {

using testing::all_columns;
using testing::columns;
using testing::data_error;
using testing::load_folder;
using testing::TempDir;
using Strings = std::vector<std::string>;

const std::string kEpisodesHeader = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC\n";

DatasetRequest episodes_basic() {
  return columns("episodes", {{"CHILD", ColumnType::kString},
                              {"DECOM", ColumnType::kDate},
                              {"RNE", ColumnType::kCode},
                              {"PLACE", ColumnType::kCode},
                              {"DEC", ColumnType::kDate}});
}

TEST(Load, HeaderNamesAreCaseInsensitiveTrimmedAndExtraColumnsIgnored) {
  TempDir dir;
  dir.write("episodes.csv", " child ,Decom,\tRne ,NOTES\n1,01/04/2018,s,anything\n");
  auto l = load_folder(dir.path(), {episodes_basic()});
  const Table& t = l->table("episodes");
  EXPECT_EQ(t.rows, 1u);
  EXPECT_EQ(l->cells("episodes", "CHILD"), Strings{"1"});
  EXPECT_EQ(l->cells("episodes", "RNE"), Strings{"S"});
  EXPECT_EQ(t.find("NOTES"), nullptr);
  EXPECT_EQ(l->info("episodes").available_columns, (Strings{"CHILD", "DECOM", "RNE", "NOTES"}));
}

TEST(Load, ColumnsAreTypedDatesAreDayNumbersAndStringsShareThePool) {
  TempDir dir;
  dir.write("episodes.csv", kEpisodesHeader + "C1,01/04/2018,S,C2,N1,U1,PR1,2019-03-31,e4a\n");
  dir.write("header.csv", "CHILD,SEX,DOB\nC1,1,5/6/2010\n");
  dir.write("workforce.csv", "WORKER_ID,FTE,QUALIFIED\nW1,0.5,1\n");
  auto l = load_folder(dir.path(),
                       {all_columns("episodes"), all_columns("header"), all_columns("workforce")});
  const Table& e = l->table("episodes");
  EXPECT_EQ(e.column("DECOM").ints[0], Date::from_ymd(2018, 4, 1).days);
  EXPECT_EQ(e.column("DEC").date(0), Date::from_ymd(2019, 3, 31));
  EXPECT_EQ(l->cells("episodes", "REC"), Strings{"E4A"});  // codes stored upper-case
  EXPECT_EQ(e.column("CHILD").code(0), l->table("header").column("CHILD").code(0));
  EXPECT_EQ(l->table("header").column("DOB").date(0), Date::from_ymd(2010, 6, 5));
  EXPECT_DOUBLE_EQ(*l->table("workforce").column("FTE").number(0), 0.5);
  EXPECT_EQ(l->table("workforce").column("QUALIFIED").flag(0), true);
  EXPECT_EQ(l->table("workforce").column("FTE").type, ColumnType::kDecimal);
}

TEST(Load, ByteOrderMarkCrlfAndNoFinalNewline) {
  TempDir dir;
  dir.write("episodes.csv",
            "\xEF\xBB\xBF"
            "CHILD,DECOM,RNE\r\n1,01/04/2018,S\r\n2,02/04/2018,P");
  auto l = load_folder(dir.path(), {episodes_basic()});
  EXPECT_EQ(l->cells("episodes", "CHILD"), (Strings{"1", "2"}));
  EXPECT_EQ(l->cells("episodes", "RNE"), (Strings{"S", "P"}));
  EXPECT_EQ(l->info("episodes").available_columns[0], "CHILD");  // not "\xEF\xBB\xBF" "CHILD"
}

TEST(Load, QuotedCellsWithCommasQuotesAndNewlines) {
  TempDir dir;
  dir.write(
      "episodes.csv",
      "CHILD,DECOM,URN,HOME_POST\n\"1\",\"01/04/2018\",\"SC1, \"\"annex\"\"\",\"AB1\n2CD\"\n");
  auto l = load_folder(
      dir.path(),
      {columns("episodes", {{"URN", ColumnType::kString}, {"HOME_POST", ColumnType::kString}})});
  EXPECT_EQ(l->cells("episodes", "URN"), Strings{"SC1, \"annex\""});
  EXPECT_EQ(l->cells("episodes", "HOME_POST"), Strings{"AB1\n2CD"});
}

TEST(Load, BlankLinesAtTheEndAreIgnored) {
  TempDir dir;
  dir.write("episodes.csv", "CHILD,DECOM,RNE\n1,01/04/2018,S\n\n \r\n,,\n\n");
  auto l = load_folder(dir.path(), {episodes_basic()});
  EXPECT_EQ(l->table("episodes").rows, 1u);
  EXPECT_EQ(l->info("episodes").rows_read, 1u);
  EXPECT_EQ(l->info("episodes").rejected, 0u);
}

TEST(Load, BlankLineBeforeTheEndIsABadRow) {
  TempDir dir;
  dir.write("episodes.csv", "CHILD,DECOM,RNE\n1,01/04/2018,S\n\n2,01/04/2018,S\n");
  const std::string file = (dir.path() / "episodes.csv").string();
  EXPECT_EQ(data_error([&] { load_folder(dir.path(), {episodes_basic()}); }),
            file + ":3:1: blank line before the end of the file");
  auto l = load_folder(dir.path(), {episodes_basic()}, OnError::kReport);
  EXPECT_EQ(l->table("episodes").rows, 2u);
  ASSERT_EQ(l->result.issues.size(), 1u);
  EXPECT_EQ(l->result.issues[0].line, 3u);
}

TEST(Load, LineAndColumnOfACellAfterAQuotedNewline) {
  TempDir dir;
  dir.write("episodes.csv", "CHILD,URN,DECOM\n1,\"two\nlines\",01/04/2018\n2,\"x\",31/02/2018\n");
  const std::string file = (dir.path() / "episodes.csv").string();
  EXPECT_EQ(data_error([&] { load_folder(dir.path(), {episodes_basic()}); }),
            file + ":4:3: DECOM '31/02/2018' is not a date (dd/mm/yyyy or yyyy-mm-dd)");
  auto l = load_folder(dir.path(), {episodes_basic()}, OnError::kReport);
  ASSERT_EQ(l->result.issues.size(), 1u);
  const auto& issue = l->result.issues[0];
  EXPECT_EQ(issue.dataset, "episodes");
  EXPECT_EQ(issue.file, file);
  EXPECT_EQ(issue.line, 4u);
  EXPECT_EQ(issue.column, 3u);
  EXPECT_EQ(issue.column_name, "DECOM");
  EXPECT_EQ(issue.value, "31/02/2018");
  EXPECT_EQ(issue.expected, "a date (dd/mm/yyyy or yyyy-mm-dd)");
}

TEST(Load, FilesOfADatasetOldestFirst) {
  TempDir dir;
  for (const char* name :
       {"episodes_2019.csv", "EPISODES.csv", "Episodes_2018.CSV", "episodes_9.csv",
        "episodes_10.csv", "episodes_notes.txt", "episode.csv", "cp_plans.csv", "cp_2019.csv"})
    dir.write(name, "CHILD,DECOM\n");
  Strings names;
  for (const auto& p : dataset_files(dir.path(), "episodes"))
    names.push_back(p.filename().string());
  EXPECT_EQ(names, (Strings{"EPISODES.csv", "episodes_9.csv", "episodes_10.csv",
                            "Episodes_2018.CSV", "episodes_2019.csv"}));
  // cp_plans.csv belongs to the longer name cp_plans, not to a dataset "cp".
  names.clear();
  for (const auto& p : dataset_files(dir.path(), "cp", {"cp", "cp_plans"}))
    names.push_back(p.filename().string());
  EXPECT_EQ(names, Strings{"cp_2019.csv"});
}

TEST(Load, SeveralYearsAreOneTable) {
  TempDir dir;
  dir.write("episodes.csv", "CHILD,DECOM,RNE\n1,01/04/2016,S\n");
  dir.write("episodes_2018.csv", "CHILD,DECOM,RNE\n2,01/04/2018,S\n");
  dir.write("Episodes_2017.CSV", "RNE,DECOM,CHILD\nS,01/04/2017,3\n");  // other column order
  auto l = load_folder(dir.path(), {episodes_basic()});
  EXPECT_EQ(l->cells("episodes", "CHILD"), (Strings{"1", "3", "2"}));
  EXPECT_EQ(l->info("episodes").files.size(), 3u);
  EXPECT_EQ(l->info("episodes").files[1].filename(), "Episodes_2017.CSV");
}

TEST(Load, IdenticalRowsCountOnce) {
  TempDir dir;
  dir.write("episodes.csv", kEpisodesHeader +
                                "1,01/04/2018,S,C2,N1,U1,PR1,,\n"
                                "1,01/04/2018,S,C2,N1,U1,PR1,,\n"  // the same row twice
                                "2,01/05/2018,S,C2,N1,U1,PR1,,\n");
  // The next year's extract: other column order, a column outside the schema, codes in lower
  // case, spaces, ISO dates: the same episodes.
  dir.write("episodes_2019.csv",
            "NOTES,DECOM,CHILD,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC\n"
            "x,2018-04-01,1,s, C2 ,N1,u1,PR1,,\n"
            "y,01/05/2018,2,S,C2,N1,U1,PR1,,\n"
            "z,01/06/2018,3,S,C2,N1,U1,PR1,,\n");
  auto l = load_folder(dir.path(), {all_columns("episodes")});
  EXPECT_EQ(l->cells("episodes", "CHILD"), (Strings{"1", "2", "3"}));
  EXPECT_EQ(l->info("episodes").rows_read, 6u);
  EXPECT_EQ(l->info("episodes").duplicates, 3u);
  EXPECT_EQ(l->info("episodes").replaced, 0u);
  EXPECT_TRUE(l->result.warnings.empty());
}

TEST(Load, IdenticalRowsWithoutAKeyCountOnceButDifferingRowsStay) {
  TempDir dir;
  dir.write("referrals.csv",
            "CHILD,REFERRAL_DATE,NFA\n1,01/04/2018,0\n1,01/04/2018,0\n1,01/04/2018,1\n");
  dir.write("referrals_2019.csv", "CHILD,REFERRAL_DATE,NFA\n1,2018-04-01,no\n");
  auto l = load_folder(dir.path(), {columns("referrals", {{"CHILD", ColumnType::kString}})});
  EXPECT_EQ(l->table("referrals").rows, 2u);  // NFA differs (though not asked for): two referrals
  EXPECT_EQ(l->info("referrals").duplicates, 2u);
}

TEST(Load, DatasetWithoutSchemaUsesRequestTypesAndEveryColumnForIdentity) {
  TempDir dir;
  dir.write("local_scores.csv", "ID,SCORE,NOTE\na,3,x\na,3,y\na,3,x\n");
  auto l = load_folder(dir.path(), {columns("local_scores", {{"SCORE", ColumnType::kInteger}})});
  const Table& t = l->table("local_scores");
  EXPECT_EQ(t.rows, 2u);
  EXPECT_EQ(t.column("SCORE").type, ColumnType::kInteger);
  EXPECT_EQ(t.column("SCORE").ints, (std::vector<int32_t>{3, 3}));
}

TEST(Load, LatestFileWinsForTheSameEpisodeWithAWarningWithoutTheChild) {
  TempDir dir;
  dir.write("episodes.csv", kEpisodesHeader +
                                "C9876543,01/04/2018,S,C2,N1,U1,PR1,,\n"
                                "C1111111,01/04/2018,S,C2,N1,U1,PR1,,\n");
  dir.write("episodes_2019.csv", kEpisodesHeader + "C9876543,01/04/2018,S,C2,N1,U4,PR4,,\n");
  auto l = load_folder(dir.path(), {all_columns("episodes")});
  EXPECT_EQ(l->cells("episodes", "CHILD"), (Strings{"C1111111", "C9876543"}));
  EXPECT_EQ(l->cells("episodes", "PLACE"), (Strings{"U1", "U4"}));
  EXPECT_EQ(l->info("episodes").replaced, 1u);
  ASSERT_EQ(l->result.warnings.size(), 1u);
  const std::string& w = l->result.warnings[0];
  EXPECT_EQ(w, "episodes: " + (dir.path() / "episodes_2019.csv").string() + " line 2 replaces " +
                   (dir.path() / "episodes.csv").string() +
                   " line 2 (same CHILD and DECOM, other values differ; the later row is kept)");
  EXPECT_EQ(w.find("C9876543"), std::string::npos);
}

TEST(Load, AnOldVersionInTheLatestFileWinsAgain) {
  TempDir dir;
  dir.write("episodes.csv", kEpisodesHeader + "1,01/04/2018,S,C2,N1,U1,PR1,,\n");
  dir.write("episodes_2.csv", kEpisodesHeader + "1,01/04/2018,S,C2,N1,U4,PR1,,\n");
  dir.write("episodes_3.csv", kEpisodesHeader + "1,01/04/2018,S,C2,N1,U1,PR1,,\n");
  auto l = load_folder(dir.path(), {all_columns("episodes")});
  EXPECT_EQ(l->cells("episodes", "PLACE"), Strings{"U1"});
  EXPECT_EQ(l->info("episodes").replaced, 2u);
  EXPECT_EQ(l->info("episodes").duplicates, 0u);
}

// A key is its typed values (DATA.md rule 17): 01/04/2018 and 2018-04-01 are one DECOM, and
// " C1 " is C1; a key that differs in any value is another episode.
TEST(Load, AKeyIsTheSameWhateverWayItsValuesAreWritten) {
  TempDir dir;
  dir.write("episodes.csv", kEpisodesHeader +
                                "C1,01/04/2018,S,C2,N1,U1,PR1,,\n"
                                "C1,02/04/2018,S,C2,N1,U1,PR1,,\n"
                                "C2,01/04/2018,S,C2,N1,U1,PR1,,\n");
  dir.write("episodes_2.csv", kEpisodesHeader +
                                  " C1 ,2018-04-01,S,C2,N1,U4,PR1,,\n"
                                  "C2,1/4/2018,S,C2,N1,U1,PR1,,\n");
  auto l = load_folder(dir.path(), {all_columns("episodes")});
  // C1's first episode replaced (PLACE differs), C2's repeated exactly: 5 rows read, 3 kept.
  EXPECT_EQ(l->info("episodes").replaced, 1u);
  EXPECT_EQ(l->info("episodes").duplicates, 1u);
  EXPECT_EQ(l->table("episodes").rows, 3u);
  EXPECT_EQ(l->cells("episodes", "PLACE"), (Strings{"U1", "U1", "U4"}));
}

TEST(Load, ManyReplacementsGiveFewWarnings) {
  TempDir dir;
  std::string a = kEpisodesHeader, b = kEpisodesHeader;
  for (int i = 0; i < 100; ++i) {
    a += std::to_string(i) + ",01/04/2018,S,C2,N1,U1,PR1,,\n";
    b += std::to_string(i) + ",01/04/2018,S,C2,N1,U2,PR1,,\n";
  }
  dir.write("episodes.csv", a);
  dir.write("episodes_2019.csv", b);
  auto l = load_folder(dir.path(), {all_columns("episodes")});
  EXPECT_EQ(l->info("episodes").replaced, 100u);
  EXPECT_EQ(l->result.warnings.size(), 21u);
  EXPECT_EQ(l->result.warnings.back(), "episodes: 80 more rows replaced by a later version");
}

TEST(Load, RenamedColumnsTakeTheirDfeNames) {
  TempDir dir;
  dir.write("episodes.csv", "Child,StartDate,DECOM,RNE\n1,01/04/2018,junk,S\n");
  LoadOptions options;
  options.renames["episodes"]["DECOM"] = "startdate";
  auto l = load_folder(dir.path(), {episodes_basic()}, OnError::kFail, options);
  EXPECT_EQ(l->cells("episodes", "DECOM"), Strings{"2018-04-01"});
  EXPECT_EQ(l->info("episodes").available_columns, (Strings{"CHILD", "DECOM", "RNE"}));
}

TEST(Load, MissingKeyColumnNamesTheRenameOption) {
  TempDir dir;
  dir.write("episodes.csv", "CHILD,StartDate\n1,01/04/2018\n");
  EXPECT_EQ(data_error([&] { load_folder(dir.path(), {episodes_basic()}); }),
            (dir.path() / "episodes.csv").string() +
                ":1:1: the header has no DECOM column, which identifies a row of episodes "
                "(CHILD, DECOM); map it under data.columns if the extract names it differently");
}

TEST(Load, CodesAreCheckedAgainstTheSchemaList) {
  TempDir dir;
  dir.write("episodes.csv",
            "CHILD,DECOM,RNE,REASON_PLACE_CHANGE\n1,01/04/2018, p ,ANY\n"
            "2,01/04/2018,Q,ANY\n");
  const std::string file = (dir.path() / "episodes.csv").string();
  EXPECT_EQ(data_error([&] { load_folder(dir.path(), {all_columns("episodes")}); }),
            file + ":3:3: RNE 'Q' is not one of the codes B, L, P, S, T, U");
  auto l = load_folder(dir.path(), {all_columns("episodes")}, OnError::kReport);
  EXPECT_EQ(l->cells("episodes", "RNE"), Strings{"P"});
  EXPECT_EQ(l->cells("episodes", "REASON_PLACE_CHANGE"), Strings{"ANY"});  // an open list
  EXPECT_EQ(l->info("episodes").rejected, 1u);
  ASSERT_EQ(l->result.issues.size(), 1u);
  EXPECT_EQ(l->result.issues[0].message,
            file + ":3:3: RNE 'Q' is not one of the codes B, L, P, S, T, U");
}

TEST(Load, RequiredColumnsMayNotBeBlank) {
  TempDir dir;
  dir.write("visits.csv", "CHILD,VISIT_DATE,VISIT_TYPE\n1,01/04/2018,CP\n2,,CP\n");
  const std::string file = (dir.path() / "visits.csv").string();
  const DatasetRequest type_only = columns("visits", {{"VISIT_TYPE", ColumnType::kCode}});
  // VISIT_DATE is required by the schema even when no indicator asks for it.
  EXPECT_EQ(data_error([&] { load_folder(dir.path(), {type_only}); }),
            file + ":3:2: VISIT_DATE is blank (a value is required)");
  auto l = load_folder(dir.path(), {type_only}, OnError::kReport);
  EXPECT_EQ(l->table("visits").rows, 1u);
  EXPECT_EQ(l->table("visits").columns.size(), 1u);  // VISIT_DATE read, not kept
}

TEST(Load, EndBeforeStartIsABadRowButTheSameDayIsNot) {
  TempDir dir;
  dir.write("episodes.csv",
            "CHILD,DECOM,DEC\n1,01/04/2018,01/04/2018\n2,01/04/2018,2018-03-31\n3,01/04/2018,\n");
  const std::string file = (dir.path() / "episodes.csv").string();
  EXPECT_EQ(data_error([&] { load_folder(dir.path(), {episodes_basic()}); }),
            file + ":3:3: DEC '2018-03-31' is before DECOM '01/04/2018'");
  auto l = load_folder(dir.path(), {episodes_basic()}, OnError::kReport);
  EXPECT_EQ(l->cells("episodes", "CHILD"), (Strings{"1", "3"}));
}

TEST(Load, OnlyRequestedColumnsAreKeptAndAbsentOnesAreLeftOut) {
  TempDir dir;
  dir.write("episodes.csv", kEpisodesHeader + "1,01/04/2018,S,C2,N1,U1,PR1,,\n");
  auto l = load_folder(
      dir.path(),
      {columns("episodes", {{"PLACE", ColumnType::kCode}, {"PL_DISTANCE", ColumnType::kDecimal}})});
  const Table& t = l->table("episodes");
  ASSERT_EQ(t.columns.size(), 1u);
  EXPECT_EQ(t.columns[0].name, "PLACE");
  EXPECT_EQ(t.find("PL_DISTANCE"), nullptr);
  EXPECT_EQ(t.find("CHILD"), nullptr);
}

TEST(Load, AColumnInOnlySomeFilesIsBlankForTheOthers) {
  TempDir dir;
  dir.write("episodes.csv", "CHILD,DECOM\n1,01/04/2018\n");
  dir.write("episodes_2019.csv", "CHILD,DECOM,PL_DISTANCE\n2,01/04/2019,12.5\n");
  auto l = load_folder(dir.path(), {columns("episodes", {{"PL_DISTANCE", ColumnType::kDecimal}})});
  const Column& d = l->table("episodes").column("PL_DISTANCE");
  EXPECT_TRUE(d.is_blank(0));
  EXPECT_DOUBLE_EQ(*d.number(1), 12.5);
}

TEST(Load, MissingDatasetsAndLatestDate) {
  TempDir dir;
  dir.write("episodes.csv", "CHILD,DECOM,DEC\n1,01/04/2018,30/06/2019\n2,01/04/2019,\n");
  dir.write("header.csv", "CHILD,DOB\n1,01/01/2020\n");  // loaded, but DOB not asked for
  auto l = load_folder(dir.path(),
                       {episodes_basic(), columns("header", {{"CHILD", ColumnType::kString}}),
                        all_columns("oc3"), all_columns("uasc")});
  EXPECT_EQ(l->result.missing_datasets, (Strings{"oc3", "uasc"}));
  EXPECT_EQ(l->result.latest_date, Date::from_ymd(2019, 6, 30));
  EXPECT_EQ(l->result.tables.count("oc3"), 0u);
  EXPECT_GT(l->result.bytes_read, 0u);
}

TEST(Load, ExtraFilesAddToADataset) {
  TempDir dir, elsewhere;
  const auto centroids =
      elsewhere.write("onspd.csv", "postcode,latitude,longitude\nAB1 2CD,57.1,-2.1\n");
  dir.write("episodes.csv", "CHILD,DECOM\n1,01/04/2018\n");
  LoadOptions options;
  options.extra_files["postcode_centroids"] = centroids;
  auto l = load_folder(dir.path(), {all_columns("postcode_centroids")}, OnError::kFail, options);
  EXPECT_EQ(l->cells("postcode_centroids", "POSTCODE"), Strings{"AB1 2CD"});
  EXPECT_DOUBLE_EQ(*l->table("postcode_centroids").column("LONGITUDE").number(0), -2.1);
  options.extra_files["postcode_centroids"] = elsewhere.path() / "nope.csv";
  EXPECT_THROW(
      load_folder(dir.path(), {all_columns("postcode_centroids")}, OnError::kFail, options),
      std::runtime_error);
}

TEST(Load, UnreadableFileIsAnErrorNamingIt) {
  TempDir dir;
  std::filesystem::create_symlink(dir.path() / "nowhere.csv", dir.path() / "episodes.csv");
  try {
    load_folder(dir.path(), {episodes_basic()});
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find((dir.path() / "episodes.csv").string()), std::string::npos)
        << e.what();
  }
  EXPECT_THROW(load_folder(dir.path() / "absent", {episodes_basic()}), std::runtime_error);
}

// A data file's name on something that is not a file (a folder, a named pipe, a socket) is
// an error saying what it is, not a dataset reported missing, and never a read that waits.
TEST(Load, ADataFileThatIsNotAFileSaysWhatItIs) {
  struct Case {
    std::string name, kind;
    std::function<void(const std::filesystem::path&)> make;
  };
  const std::vector<Case> cases = {
      {"episodes.csv", "a folder",
       [](const std::filesystem::path& p) { std::filesystem::create_directory(p); }},
      {"episodes_2019.csv", "a named pipe (FIFO)",
       [](const std::filesystem::path& p) { ASSERT_EQ(::mkfifo(p.c_str(), 0600), 0); }},
      {"episodes.csv", "a socket",
       [](const std::filesystem::path& p) {
         const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
         ASSERT_GE(fd, 0);
         sockaddr_un addr{};
         addr.sun_family = AF_UNIX;
         ASSERT_LT(p.string().size(), sizeof(addr.sun_path));
         std::strcpy(addr.sun_path, p.c_str());
         ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
         ::close(fd);
       }},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.kind);
    TempDir dir;
    dir.write("episodes_2018.csv", "CHILD,DECOM\n1,01/04/2018\n");
    const auto path = dir.path() / c.name;
    c.make(path);
    // Through a link too: the link's target is what is read.
    for (const auto& written : {path, dir.path() / "episodes_link.csv"}) {
      if (written != path) {
        std::filesystem::rename(path, dir.path() / "target");
        std::filesystem::create_symlink(dir.path() / "target", written);
      }
      try {
        load_folder(dir.path(), {episodes_basic()});
        FAIL() << "no error";
      } catch (const std::runtime_error& e) {
        EXPECT_EQ(std::string(e.what()),
                  "cannot read " + written.string() + ": it is " + c.kind + ", not a file");
      }
    }
  }
}

// A return (.xml) that is a named pipe or a folder is reported as such at its name, not skipped
// and never read (a read of a pipe with no writer would wait for ever); through a link too.
TEST(Load, AReturnThatIsNotAFileSaysWhatItIs) {
  for (const bool through_link : {false, true}) {
    SCOPED_TRACE(through_link ? "through a link" : "itself");
    TempDir dir;
    dir.write("episodes.csv", "CHILD,DECOM\n1,01/04/2018\n");
    const auto pipe = dir.path() / (through_link ? "target" : "CIN_Census_2019-20.xml");
    ASSERT_EQ(::mkfifo(pipe.c_str(), 0600), 0);
    const auto folder = dir.path() / "SSDA903_2018-19.xml";
    std::filesystem::create_directory(folder);
    const auto written = dir.path() / "CIN_Census_2019-20.xml";
    if (through_link) std::filesystem::create_symlink(pipe, written);
    const std::string message = data_error([&] { load_folder(dir.path(), {episodes_basic()}); });
    // Files are discovered in name order: the census's name sorts before the SSDA903's.
    EXPECT_EQ(message,
              written.string() + ":1:1: cannot open: it is a named pipe (FIFO), not a file");
    const auto reported = load_folder(dir.path(), {episodes_basic()}, OnError::kReport);
    std::vector<std::string> issues;
    for (const auto& i : reported->result.issues) issues.push_back(i.message);
    EXPECT_EQ(issues, (Strings{written.string() +
                                   ":1:1: cannot open: it is a named pipe (FIFO), not a file",
                               folder.string() + ":1:1: cannot open: it is a folder, not a file"}));
  }
}

TEST(Load, InvalidUtf8InAColumnNotReadIsIgnored) {
  TempDir dir;
  dir.write("episodes.csv", "CHILD,DECOM,NOTES\n1,01/04/2018,caf\xE9\n");
  auto l = load_folder(dir.path(), {episodes_basic()});
  EXPECT_EQ(l->table("episodes").rows, 1u);
}

TEST(Load, DuplicateIgnoredColumnsAreIgnored) {
  TempDir dir;
  dir.write("episodes.csv", "CHILD,DECOM,NOTES,notes,,\n1,01/04/2018,a,b,,\n");
  auto l = load_folder(dir.path(), {episodes_basic()});
  EXPECT_EQ(l->table("episodes").rows, 1u);
}

TEST(Load, HeaderOnlyFileIsAnEmptyTable) {
  TempDir dir;
  dir.write("episodes.csv", "\n\nCHILD,DECOM,RNE\n");  // blank lines before the header too
  auto l = load_folder(dir.path(), {episodes_basic()});
  EXPECT_EQ(l->table("episodes").rows, 0u);
  EXPECT_EQ(l->table("episodes").columns.size(), 3u);  // CHILD, DECOM, RNE: PLACE, DEC absent
}

// Mangled files: the load returns or throws a DataError; it never crashes or hangs, and under
// on_error: report every row is kept, a duplicate, replaced or reported.
TEST(Load, MangledFilesNeverCrash) {
  std::string good = kEpisodesHeader;
  for (int i = 0; i < 30; ++i)
    good += std::to_string(i % 20) + ",0" + std::to_string(1 + i % 9) +
            "/04/2018,S,C2,N1,U1,\"PR1\",\"30/06/2019\",E11\r\n";
  const std::string noise = ",\"\n\r\0\xE9 x/-9";
  std::mt19937 rng(11);
  TempDir dir;
  for (int n = 0; n < 300; ++n) {
    std::string text = good;
    for (int k = 0; k < 4; ++k) {
      const size_t at = rng() % text.size();
      switch (rng() % 3) {
        case 0: text[at] = noise[rng() % noise.size()]; break;
        case 1: text.erase(at, 1 + rng() % 5); break;
        default: text.insert(at, 1, noise[rng() % noise.size()]); break;
      }
    }
    const auto folder = dir.write(std::to_string(n) + "/episodes.csv", text).parent_path();
    for (OnError policy : {OnError::kFail, OnError::kReport}) {
      try {
        auto l = load_folder(folder, {all_columns("episodes")}, policy);
        if (policy == OnError::kReport) {
          EXPECT_EQ(l->result.issues.size(), l->info("episodes").rejected);
        }
      } catch (const DataError& e) {
        EXPECT_NE(std::string(e.what()).find("episodes.csv:"), std::string::npos) << e.what();
      }
    }
  }
}

}  // namespace
}  // namespace scorecard::datasets
