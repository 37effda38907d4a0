// cli: `scorecard new-plugin NAME [--out DIR]`, a starting folder for a council's own
// indicator: the source, its CMakeLists.txt, a test with one hand-worked fixture, a README.
// In: the plugin's name. Out: the folder, which builds and passes its test out of tree
// against the installed SDK.
#pragma once

#include <string>

namespace scorecard::cli {

struct NewPluginArgs {
  std::string name;
  std::string out;  // default: ./NAME
  bool force = false;
};

int command_new_plugin(const NewPluginArgs& args);

}  // namespace scorecard::cli
