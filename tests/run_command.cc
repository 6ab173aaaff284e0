#include "tests/run_command.h"

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace cim::testing {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string ScratchDir(const std::string& test_name) {
  const std::filesystem::path dir = std::filesystem::path(CIM_TEST_TMP) / test_name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

CommandResult RunCommand(const std::string& command) {
  static int counter = 0;
  const std::string base = ScratchDir("cmd_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
  const std::string out = base + "/stdout", err = base + "/stderr";
  const int status = std::system((command + " >" + out + " 2>" + err).c_str());
  CommandResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = ReadFile(out);
  r.err = ReadFile(err);
  std::filesystem::remove_all(base);
  return r;
}

bool MatchesGolden(const std::string& rel, const std::string& actual) {
  const std::filesystem::path path = std::filesystem::path(CIM_SOURCE_DIR) / "tests/golden" / rel;
  const char* update = std::getenv("CIM_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << actual;
    return true;
  }
  return ReadFile(path.string()) == actual;
}

}  // namespace cim::testing
