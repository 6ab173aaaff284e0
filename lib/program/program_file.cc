#include "cim/program/program_file.h"

#include <fcntl.h>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "lib/program/container.h"
#include "lib/program/program_codec.h"
#include "lib/program/program_format.h"

namespace cim {
namespace {

std::string ErrnoText() { return std::strerror(errno); }

std::string SerializeDeterministic(const pb::Program& m) {
  std::string out;
  {
    google::protobuf::io::StringOutputStream stream(&out);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    m.SerializeToCodedStream(&coded);
  }  // the coded stream flushes into `out` when it goes away
  return out;
}

// Writes all of `bytes` to `fd`, retrying short writes.
bool WriteAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

Result<std::string> ReadAll(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return NotFound(path + ": no such file");
    return IOError(path + ": cannot open: " + ErrnoText());
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    const std::string why = !S_ISREG(st.st_mode) && st.st_mode != 0
                                ? (S_ISDIR(st.st_mode) ? "is a directory" : "not a regular file")
                                : ErrnoText();
    ::close(fd);
    return IOError(path + ": cannot read: " + why);
  }
  // Refuse before reading: no program file can be this large.
  const uint64_t max_file = program_format::kHeaderSize + program_format::kMaxPayloadBytes;
  if (static_cast<uint64_t>(st.st_size) > max_file) {
    ::close(fd);
    return Corruption(path + ": file of " + std::to_string(st.st_size) +
                      " bytes is larger than any program file (" + std::to_string(max_file) + ")");
  }
  std::string bytes(static_cast<size_t>(st.st_size), '\0');
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::read(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const std::string why = ErrnoText();
      ::close(fd);
      return IOError(path + ": cannot read: " + why);
    }
    if (n == 0) break;  // the file shrank under us; the parser reports the truncation
    done += static_cast<size_t>(n);
  }
  ::close(fd);
  bytes.resize(done);
  return bytes;
}

}  // namespace

Result<std::string> SerializeProgram(const Program& program) {
  const Status verified = VerifyProgram(program);
  if (!verified.ok()) return InvalidArgument("cannot write program: " + verified.message());
  const pb::Program message = EncodeProgram(program);
  // Decoding what we encode guarantees cimc never writes a file the reader
  // refuses (its limits are stricter than VerifyProgram's).
  Result<Program> readable = DecodeProgram(message);
  if (!readable.ok())
    return InvalidArgument("cannot write program: " + readable.status().message());
  const std::string payload = SerializeDeterministic(message);
  if (payload.size() > program_format::kMaxPayloadBytes) {
    return InvalidArgument("cannot write program: payload of " + std::to_string(payload.size()) +
                           " bytes exceeds the limit of " +
                           std::to_string(program_format::kMaxPayloadBytes));
  }
  return FramePayload(payload);
}

Result<Program> ParseProgram(std::string_view bytes, const std::string& name_for_messages) {
  Result<std::string_view> payload = UnframePayload(bytes);
  if (!payload.ok()) return payload.status().WithPrefix(name_for_messages);
  pb::Program message;
  if (!message.ParseFromArray(payload->data(), static_cast<int>(payload->size())))
    return Corruption(name_for_messages + ": payload does not parse as cim.pb.Program");
  Result<Program> program = DecodeProgram(message);
  if (!program.ok()) return Corruption(name_for_messages + ": " + program.status().message());
  const Status verified = VerifyProgram(*program);
  if (!verified.ok())
    return Corruption(name_for_messages + ": invalid program: " + verified.message());
  return program;
}

Status WriteProgramFile(const Program& program, const std::string& path) {
  Result<std::string> bytes = SerializeProgram(program);
  if (!bytes.ok()) return bytes.status().WithPrefix(path);
  // A device or pipe (-o /dev/null, /dev/stdout) is written in place: renaming
  // a file over it would replace the device node itself.
  struct stat st;
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
    if (fd < 0) return IOError(path + ": cannot open: " + ErrnoText());
    const bool ok = WriteAll(fd, *bytes);
    const std::string why = ok ? "" : ErrnoText();
    if (::close(fd) != 0 || !ok) return IOError(path + ": cannot write: " + (ok ? ErrnoText() : why));
    return Status::Ok();
  }
  // A reader never sees a half-written file: write a sibling, then rename.
  std::string tmp = path + ".tmp.XXXXXX";
  const int fd = ::mkstemp(tmp.data());
  if (fd < 0) return IOError(path + ": cannot create a temporary file: " + ErrnoText());
  bool ok = ::fchmod(fd, 0644) == 0 && WriteAll(fd, *bytes) && ::fsync(fd) == 0;
  std::string why = ok ? "" : ErrnoText();
  if (::close(fd) != 0 && ok) {
    ok = false;
    why = ErrnoText();
  }
  if (!ok) {
    ::unlink(tmp.c_str());
    return IOError(path + ": cannot write: " + why);
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    const std::string rename_why = ErrnoText();
    ::unlink(tmp.c_str());
    return IOError(path + ": cannot rename the temporary file into place: " + rename_why);
  }
  return Status::Ok();
}

Result<Program> ReadProgramFile(const std::string& path) {
  CIM_ASSIGN_OR_RETURN(std::string bytes, ReadAll(path));
  return ParseProgram(bytes, path);
}

std::string ProgramChecksum(const std::string& bytes) {
  uint64_t hash = 0xcbf29ce484222325ull;  // FNV-1a 64-bit offset basis
  for (char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ull;  // FNV-1a 64-bit prime
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return hex;
}

}  // namespace cim
