// Round trips of the program file: every op variant survives write -> read
// field by field, and re-writing gives the same bytes.

#include "cim/program/program_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "lib/program/program_codec.h"
#include "lib/program/program_dump_test_util.h"
#include "lib/program/sample_program.h"

namespace cim {
namespace {

using testing::DumpProgram;
using testing::SampleProgram;

std::string TempDir() {
  const auto dir =
      std::filesystem::temp_directory_path() / ("cim_program_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  return dir.string();
}

std::string Serialize(const Program& p) {
  Result<std::string> bytes = SerializeProgram(p);
  INFO(bytes.status().ToString());
  REQUIRE(bytes.ok());
  return *bytes;
}

TEST_CASE("the sample program is valid and uses every op variant") {
  const Program p = SampleProgram();
  INFO(VerifyProgram(p).ToString());
  REQUIRE(VerifyProgram(p).ok());
  std::vector<bool> seen(std::variant_size_v<Op>, false);
  for (const Op& op : p.ops) seen[op.index()] = true;
  CHECK(std::count(seen.begin(), seen.end(), true) == static_cast<long>(seen.size()));
}

TEST_CASE("serialize then parse gives the same program field by field") {
  const Program original = SampleProgram();
  const std::string bytes = Serialize(original);
  Result<Program> parsed = ParseProgram(bytes, "prog.cim");
  INFO(parsed.status().ToString());
  REQUIRE(parsed.ok());
  CHECK(DumpProgram(*parsed) == DumpProgram(original));
}

TEST_CASE("write, read, write is byte-identical") {
  const std::string bytes = Serialize(SampleProgram());
  Result<Program> parsed = ParseProgram(bytes, "prog.cim");
  REQUIRE(parsed.ok());
  CHECK(Serialize(*parsed) == bytes);
}

TEST_CASE("every mapping name and both layouts round-trip") {
  for (const MappingTraits& t : AllMappings()) {
    for (Layout layout : {Layout::kNHWC, Layout::kNCHW}) {
      CAPTURE(t.name, LayoutName(layout));
      Program p = SampleProgram(t.mapping);
      p.input.layout = layout;
      Result<Program> parsed = ParseProgram(Serialize(p), "prog.cim");
      REQUIRE(parsed.ok());
      CHECK(parsed->mapping == t.mapping);
      CHECK(DumpProgram(*parsed) == DumpProgram(p));
    }
  }
}

TEST_CASE("the dump used for comparison sees a one-field difference") {
  // Guards the round-trip tests: a dropped field must make the dumps differ.
  const Program a = SampleProgram();
  Program b = a;
  std::get<DigitalLinearOp>(b.ops[2]).weights[5] = 0.0;  // was -0.0
  CHECK(DumpProgram(a) != DumpProgram(b));
  b = a;
  std::get<ThresholdOp>(b.ops[5]).mid[4] = 1;
  CHECK(DumpProgram(a) != DumpProgram(b));
}

TEST_CASE("serialization is deterministic and sensitive to content") {
  const Program p = SampleProgram();
  CHECK(Serialize(p) == Serialize(p));
  Program q = p;
  std::get<XbarLinearOp>(q.ops[10]).weights[17] *= -1;
  CHECK(Serialize(q) != Serialize(p));
}

TEST_CASE("crossbar weights take one bit (binary) or two bits (ternary) each in the file") {
  const std::string bytes = Serialize(SampleProgram());
  pb::Program m;
  REQUIRE(m.ParseFromString(bytes.substr(32)));
  const pb::XbarLinearOp& ternary = m.ops(4).xbar_linear();  // 6 x 18 weights
  CHECK(ternary.positive_bits().size() == 14);
  CHECK(ternary.nonzero_bits().size() == 14);
  const pb::XbarLinearOp& binary = m.ops(10).xbar_linear();  // 5 x 24 weights
  CHECK(binary.positive_bits().size() == 15);
  CHECK(binary.nonzero_bits().empty());
}

TEST_CASE("serialize refuses a program VerifyProgram rejects") {
  Program p = SampleProgram();
  p.output = 99;
  Result<std::string> bytes = SerializeProgram(p);
  REQUIRE(!bytes.ok());
  CHECK(bytes.status().code() == StatusCode::kInvalidArgument);
  CHECK(bytes.status().message() ==
        "cannot write program: program output tensor 99 is never written");
}

TEST_CASE("serialize refuses a program the reader would refuse") {
  Program p = SampleProgram();
  p.geometry = {131072, 8};
  Result<std::string> bytes = SerializeProgram(p);
  REQUIRE(!bytes.ok());
  CHECK(bytes.status().ToString() ==
        "InvalidArgument: cannot write program: geometry: rows = 131072 is outside [1, 65536]");
}

TEST_CASE("WriteProgramFile and ReadProgramFile round-trip through disk") {
  const std::string path = TempDir() + "/prog.cim";
  const Program p = SampleProgram();
  REQUIRE(WriteProgramFile(p, path).ok());
  std::ifstream in(path, std::ios::binary);
  const std::string on_disk((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(on_disk == Serialize(p));
  Result<Program> read = ReadProgramFile(path);
  REQUIRE(read.ok());
  CHECK(DumpProgram(*read) == DumpProgram(p));
  // No temporary file is left behind.
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(TempDir())) files += e.is_regular_file();
  CHECK(files == 1);
  std::filesystem::remove_all(TempDir());
}

TEST_CASE("WriteProgramFile replaces an existing file") {
  const std::string path = TempDir() + "/prog.cim";
  { std::ofstream(path) << "old contents"; }
  REQUIRE(WriteProgramFile(SampleProgram(), path).ok());
  CHECK(ReadProgramFile(path).ok());
  std::filesystem::remove_all(TempDir());
}

TEST_CASE("WriteProgramFile writes into a device in place instead of renaming over it") {
  // `cimc -o /dev/null` run as root once replaced /dev/null with a file.
  REQUIRE(WriteProgramFile(SampleProgram(), "/dev/null").ok());
  struct stat st;
  REQUIRE(::stat("/dev/null", &st) == 0);
  CHECK(S_ISCHR(st.st_mode));
}

TEST_CASE("WriteProgramFile into a missing directory is an IOError naming the path") {
  const std::string path = TempDir() + "/no/such/dir/prog.cim";
  const Status s = WriteProgramFile(SampleProgram(), path);
  CHECK(s.ToString() ==
        "IOError: " + path + ": cannot create a temporary file: No such file or directory");
  std::filesystem::remove_all(TempDir());
}

TEST_CASE("reading a missing file is NotFound naming the path") {
  const std::string path = TempDir() + "/missing.cim";
  Result<Program> r = ReadProgramFile(path);
  REQUIRE(!r.ok());
  CHECK(r.status().ToString() == "NotFound: " + path + ": no such file");
  std::filesystem::remove_all(TempDir());
}

TEST_CASE("reading a directory is an IOError") {
  const std::string dir = TempDir();
  Result<Program> r = ReadProgramFile(dir);
  REQUIRE(!r.ok());
  CHECK(r.status().ToString() == "IOError: " + dir + ": cannot read: is a directory");
  std::filesystem::remove_all(dir);
}

TEST_CASE("ProgramChecksum is 64-bit FNV-1a of the whole file") {
  // Published FNV-1a 64 test vectors.
  CHECK(ProgramChecksum("") == "cbf29ce484222325");
  CHECK(ProgramChecksum("a") == "af63dc4c8601ec8c");
  CHECK(ProgramChecksum("foobar") == "85944171f73967e8");
  const std::string bytes = Serialize(SampleProgram());
  std::string flipped = bytes;
  flipped.back() ^= 1;
  CHECK(ProgramChecksum(bytes) != ProgramChecksum(flipped));
}

}  // namespace
}  // namespace cim
