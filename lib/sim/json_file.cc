#include "sim/json_file.h"

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <sstream>

namespace cim {

Result<std::string> ReadTextFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int err = errno;
    std::string reason = std::strerror(err);
    if (err == ENOENT) return NotFound(path + ": cannot open (" + reason + ")");
    return IOError(path + ": cannot open (" + reason + ")");
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return IOError(path + ": read failed");
  return bytes.str();
}

namespace {

// Line and column (1-based) of the byte before `byte` (nlohmann counts the
// offending character as read), so the column points at that character.
std::pair<int, int> LineColumnAt(std::string_view text, size_t byte) {
  int line = 1, column = 1;
  const size_t end = std::min(text.size(), byte == 0 ? 0 : byte - 1);
  for (size_t i = 0; i < end; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

// nlohmann's what() is "[json.exception.parse_error.101] parse error at line
// 2, column 5: syntax error while parsing ..."; keep the part after the position.
std::string ParseErrorDetail(const std::string& what) {
  const size_t at = what.find("column ");
  const size_t colon = at == std::string::npos ? std::string::npos : what.find(": ", at);
  if (colon == std::string::npos) return what;
  return what.substr(colon + 2);
}

}  // namespace

Result<nlohmann::json> ParseJsonText(std::string_view text, const std::string& name) {
  try {
    return nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& e) {
    const auto [line, column] = LineColumnAt(text, e.byte);
    return InvalidArgument(name + ":" + std::to_string(line) + ":" + std::to_string(column) +
                           ": invalid JSON: " + ParseErrorDetail(e.what()));
  }
}

std::string JsonPointerEscape(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

std::string FormatJsonNumber(double x) {
  char buf[32];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), x);
  return ec == std::errc() ? std::string(buf, end) : std::string("?");
}

std::string JsonForMessage(const nlohmann::json& value) {
  constexpr size_t kMaxChars = 40;
  std::string s = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (s.size() > kMaxChars) s = s.substr(0, kMaxChars - 3) + "...";
  return s;
}

}  // namespace cim
