#pragma once
// A one-line progress bar on stderr, drawn only when stderr is a terminal.

#include <cstdint>
#include <string>

namespace cim {

class ProgressBar {
 public:
  explicit ProgressBar(std::string label);
  ~ProgressBar();
  void Update(int64_t done, int64_t total);

 private:
  std::string label_;
  bool enabled_;
  int last_permille_ = -1;
};

}  // namespace cim
