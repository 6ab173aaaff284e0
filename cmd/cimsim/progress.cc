#include "progress.h"

#include <unistd.h>

#include <cstdio>

namespace cim {

ProgressBar::ProgressBar(std::string label) : label_(std::move(label)), enabled_(isatty(2) != 0) {}

ProgressBar::~ProgressBar() {
  if (enabled_ && last_permille_ >= 0) std::fprintf(stderr, "\r\033[K");
}

void ProgressBar::Update(int64_t done, int64_t total) {
  if (!enabled_ || total <= 0) return;
  const int permille = static_cast<int>(1000 * done / total);
  if (permille == last_permille_) return;
  last_permille_ = permille;
  const int width = 40, filled = width * permille / 1000;
  std::fprintf(stderr, "\r%s [%.*s%*s] %5.1f%%", label_.c_str(), filled,
               "########################################", width - filled, "", permille / 10.0);
  std::fflush(stderr);
}

}  // namespace cim
