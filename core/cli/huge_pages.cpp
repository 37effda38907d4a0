// cli: asking glibc's malloc for transparent huge pages before a command reads data.
#include "core/cli/huge_pages.hpp"

#include <gnu/libc-version.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <string_view>

namespace scorecard::cli {
namespace {

constexpr const char* kTunable = "glibc.malloc.hugetlb";

// glibc has the tunable from 2.35 on.
bool glibc_has_tunable() {
  int major = 0, minor = 0;
  if (std::sscanf(gnu_get_libc_version(), "%d.%d", &major, &minor) != 2) return false;
  return major > 2 || (major == 2 && minor >= 35);
}

}  // namespace

bool reads_data(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "run" || a == "explain" || a == "validate") return true;
  }
  return false;
}

std::string huge_pages_mode(const std::string& thp_enabled_file) {
  std::ifstream in(thp_enabled_file);
  std::string line;
  if (!std::getline(in, line)) return "";
  const auto open = line.find('['), close = line.find(']');
  if (open == std::string::npos || close == std::string::npos || close < open) return "";
  return line.substr(open + 1, close - open - 1);
}

HugePages huge_pages_choice(const char* setting, const char* tunables, const std::string& mode) {
  if (setting && (std::strcmp(setting, "0") == 0 || std::strcmp(setting, "off") == 0))
    return HugePages::kOff;
  if (tunables && std::strstr(tunables, kTunable)) return HugePages::kAlreadySet;
  if (mode != "madvise") return HugePages::kNotOnRequest;  // "always" has them, "never" refuses
  return HugePages::kAsk;
}

void ask_for_huge_pages(int argc, char** argv) {
  if (!reads_data(argc, argv) || !glibc_has_tunable()) return;
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  const HugePages choice =
      huge_pages_choice(std::getenv("SCORECARD_HUGE_PAGES"), tunables,
                        huge_pages_mode("/sys/kernel/mm/transparent_hugepage/enabled"));
  if (choice != HugePages::kAsk) return;
  std::string value = std::string(kTunable) + "=1";
  if (tunables && *tunables) value = std::string(tunables) + ":" + value;
  if (::setenv("GLIBC_TUNABLES", value.c_str(), 1) != 0) return;
  // The program's own path, not /proc/self/exe, so that ps and top still say "scorecard".
  char self[4096];
  const ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
  if (n > 0) {
    self[n] = '\0';
    ::execv(self, argv);
  }
  ::execv("/proc/self/exe", argv);
  // Not replaced (no /proc, say): go on as we are, without the tunable in the environment.
  if (tunables)
    ::setenv("GLIBC_TUNABLES", tunables, 1);
  else
    ::unsetenv("GLIBC_TUNABLES");
}

std::string huge_pages_note() {
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  const char* setting = std::getenv("SCORECARD_HUGE_PAGES");
  const std::string mode = huge_pages_mode("/sys/kernel/mm/transparent_hugepage/enabled");
  switch (huge_pages_choice(setting, tunables, mode)) {
    case HugePages::kOff:
      return "malloc uses 4 KB pages (SCORECARD_HUGE_PAGES=" + std::string(setting) + ")";
    case HugePages::kAlreadySet:
      return std::string("GLIBC_TUNABLES=") + tunables + " (malloc's huge pages as it says)";
    case HugePages::kNotOnRequest:
      return "transparent huge pages are '" + (mode.empty() ? std::string("not available") : mode) +
             "' on this system, so malloc does not ask for them";
    case HugePages::kAsk: break;
  }
  return "malloc does not ask for huge pages (the program could not restart itself with "
         "GLIBC_TUNABLES)";
}

}  // namespace scorecard::cli
