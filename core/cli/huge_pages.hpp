// cli: transparent huge pages for the memory malloc hands out, asked for before a command that
// reads data (run, explain, validate). In: the environment and the system's THP setting. Out:
// the process restarted once with GLIBC_TUNABLES=glibc.malloc.hugetlb=1 added, or unchanged.
//
// On a VM that pays for every 4 KB page fault (docs/performance.md, "The sixth step") the
// read and compute at national scale spend much of their time faulting in fresh memory; with
// 2 MB pages there are 512 times fewer faults. glibc reads its tunables only when a process
// starts, so the program sets the variable and executes itself again. Only where the system
// gives huge pages on request (`madvise` in /sys/kernel/mm/transparent_hugepage/enabled): an
// operator who chose `never` is not overruled. SCORECARD_HUGE_PAGES=0 (or off) keeps 4 KB pages;
// a GLIBC_TUNABLES that already names glibc.malloc.hugetlb is left as it is.
#pragma once

#include <string>

namespace scorecard::cli {

enum class HugePages { kAsk, kOff, kAlreadySet, kNotOnRequest };

// What to do, from SCORECARD_HUGE_PAGES, GLIBC_TUNABLES (either may be null) and the THP mode.
HugePages huge_pages_choice(const char* setting, const char* tunables, const std::string& mode);
// The bracketed word of a THP `enabled` file ("always [madvise] never" -> "madvise"), or "".
std::string huge_pages_mode(const std::string& thp_enabled_file);
// True when an argument names a command that reads a council's data (a value that happens to
// be "run" only costs a restart).
bool reads_data(int argc, char** argv);
// Executes this program (/proc/self/exe) again with the tunable when huge_pages_choice() says kAsk;
// returns (changing nothing) otherwise, or when the restart fails.
void ask_for_huge_pages(int argc, char** argv);
// What this process's malloc does about huge pages, for the debug log.
std::string huge_pages_note();

}  // namespace scorecard::cli
