// One test per way a program file can be damaged, truncated, too new or
// inconsistent: each is refused with its own one-line message naming the file,
// and none crashes.

#include <zlib.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <random>

#include "cim/program/program_file.h"
#include "cim/support/check.h"
#include "lib/program/container.h"
#include "lib/program/program_codec.h"
#include "lib/program/sample_program.h"

namespace cim {
namespace {

const std::string& GoodFile() {
  static const std::string bytes = *SerializeProgram(testing::SampleProgram());
  return bytes;
}

pb::Program GoodPayload() {
  pb::Program m;
  CIM_CHECK(m.ParseFromString(GoodFile().substr(32)));
  return m;
}

std::string Reframe(const pb::Program& m) { return FramePayload(m.SerializeAsString()); }

std::string ErrorOf(std::string_view bytes) {
  Result<Program> r = ParseProgram(bytes, "prog.cim");
  REQUIRE(!r.ok());
  return r.status().ToString();
}

uint32_t LoadU32(const std::string& b, size_t at) {
  uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(b[at + i]);
  return v;
}

void StoreU32(std::string& b, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) b[at + i] = static_cast<char>(v >> (8 * i));
}

uint32_t ZlibCrc(std::string_view s) {
  return static_cast<uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(s.data()), s.size()));
}

void FixHeaderCrc(std::string& b) { StoreU32(b, 28, ZlibCrc(std::string_view(b).substr(0, 28))); }

std::string Hex(uint32_t v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%08x", v);
  return buf;
}

// --- the container --------------------------------------------------------

TEST_CASE("corruption: the header follows docs/program-format.md") {
  const std::string& b = GoodFile();
  CHECK(b.substr(0, 8) == std::string("CIMPROG\0", 8));
  CHECK(LoadU32(b, 8) == 1);
  CHECK(LoadU32(b, 12) == 0);
  CHECK(LoadU32(b, 16) == b.size() - 32);
  CHECK(LoadU32(b, 20) == 0);
  CHECK(LoadU32(b, 24) == ZlibCrc(std::string_view(b).substr(32)));
  CHECK(LoadU32(b, 28) == ZlibCrc(std::string_view(b).substr(0, 28)));
}

TEST_CASE("corruption: file shorter than the header") {
  CHECK(ErrorOf(GoodFile().substr(0, 12)) ==
        "Corruption: prog.cim: truncated header: 12 of 32 bytes");
  CHECK(ErrorOf("") == "Corruption: prog.cim: truncated header: 0 of 32 bytes");
}

TEST_CASE("corruption: wrong magic") {
  std::string b = GoodFile();
  b.replace(0, 8, std::string("PK\x03\x04\x14\x00\x00\x00", 8));
  CHECK(ErrorOf(b) ==
        "Corruption: prog.cim: bad magic 50 4b 03 04 14 00 00 00: not a cim program file");
}

TEST_CASE("corruption: bad header checksum") {
  std::string b = GoodFile();
  const uint32_t real = LoadU32(b, 28);
  StoreU32(b, 28, 0xdeadbeef);
  CHECK(ErrorOf(b) ==
        "Corruption: prog.cim: header checksum mismatch: stored 0xdeadbeef, computed " + Hex(real));
}

TEST_CASE("corruption: a damaged version field is damage, not a newer file") {
  std::string b = GoodFile();
  b[8] = 7;  // header CRC not updated
  CHECK(ErrorOf(b).rfind("Corruption: prog.cim: header checksum mismatch: ", 0) == 0);
}

TEST_CASE("corruption: newer format version") {
  std::string b = GoodFile();
  StoreU32(b, 8, 7);
  FixHeaderCrc(b);
  CHECK(ErrorOf(b) ==
        "Unsupported: prog.cim: format version 7 is newer than this cimsim "
        "supports (1); rebuild cimsim");
}

TEST_CASE("corruption: format version 0") {
  std::string b = GoodFile();
  StoreU32(b, 8, 0);
  FixHeaderCrc(b);
  CHECK(ErrorOf(b) == "Corruption: prog.cim: format version 0 is invalid");
}

TEST_CASE("corruption: unknown flags") {
  std::string b = GoodFile();
  StoreU32(b, 12, 4);
  FixHeaderCrc(b);
  CHECK(ErrorOf(b) ==
        "Unsupported: prog.cim: unknown flags 0x00000004 (this cimsim knows "
        "0x00000000); rebuild cimsim");
}

TEST_CASE("corruption: payload length larger than the file (truncated payload)") {
  const std::string& good = GoodFile();
  const std::string n = std::to_string(good.size() - 32);
  const std::string cut = std::to_string(good.size() - 33);
  CHECK(ErrorOf(good.substr(0, good.size() - 1)) ==
        "Corruption: prog.cim: truncated payload: header says " + n + " bytes, file has " + cut +
            " after the header");
}

TEST_CASE("corruption: payload length smaller than the file (trailing bytes)") {
  const std::string& good = GoodFile();
  const std::string n = std::to_string(good.size() - 32);
  const std::string more = std::to_string(good.size() - 32 + 3);
  CHECK(ErrorOf(good + "xyz") == "Corruption: prog.cim: trailing bytes: header says " + n +
                                     " payload bytes, file has " + more + " after the header");
}

TEST_CASE("corruption: a flipped bit in the payload") {
  std::string b = GoodFile();
  b[b.size() / 2] ^= 0x10;
  const uint32_t stored = LoadU32(b, 24);
  CHECK(ErrorOf(b) == "Corruption: prog.cim: payload checksum mismatch: stored " + Hex(stored) +
                          ", computed " + Hex(ZlibCrc(std::string_view(b).substr(32))));
}

TEST_CASE("corruption: a payload that does not parse") {
  CHECK(ErrorOf(FramePayload("\xff\xff\xff\xff")) ==
        "Corruption: prog.cim: payload does not parse as cim.pb.Program");
}

TEST_CASE("corruption: a file cut at every 7th byte offset") {
  const std::string& good = GoodFile();
  for (size_t n = 0; n < good.size(); n += 7) {
    CAPTURE(n);
    Result<Program> r = ParseProgram(std::string_view(good).substr(0, n), "prog.cim");
    REQUIRE(!r.ok());
    CHECK(r.status().code() == StatusCode::kCorruption);
  }
}

TEST_CASE("corruption: every single-bit flip in the header") {
  for (size_t bit = 0; bit < 32 * 8; ++bit) {
    std::string b = GoodFile();
    b[bit / 8] ^= static_cast<char>(1 << (bit % 8));
    CAPTURE(bit);
    Result<Program> r = ParseProgram(b, "prog.cim");
    REQUIRE(!r.ok());
    CHECK(r.status().code() == StatusCode::kCorruption);
  }
}

TEST_CASE("corruption: random damage to a correctly framed payload never crashes") {
  // The CRC stops random damage; this bypasses it to exercise the payload
  // checks the way a hostile file would.
  const std::string payload = GoodFile().substr(32);
  std::mt19937 rng(12345);
  int refused = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string p = payload;
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; ++e) p[rng() % p.size()] = static_cast<char>(rng());
    Result<Program> r = ParseProgram(FramePayload(p), "prog.cim");
    if (!r.ok()) {
      ++refused;
      CHECK(r.status().code() == StatusCode::kCorruption);
    } else {
      CHECK(SerializeProgram(*r).ok());  // whatever the reader accepts, the writer accepts
    }
  }
  CHECK(refused > 0);
}

// Sets the n-th integer, enum or bool slot of `m` (fields in declaration
// order, depth first, every element of repeated fields) to `value`; false once
// n is past the last slot.
bool SetNthScalar(google::protobuf::Message* m, int& n, int64_t value) {
  using FD = google::protobuf::FieldDescriptor;
  const google::protobuf::Reflection* r = m->GetReflection();
  const google::protobuf::Descriptor* d = m->GetDescriptor();
  for (int f = 0; f < d->field_count(); ++f) {
    const FD* fd = d->field(f);
    const int count = fd->is_repeated() ? r->FieldSize(*m, fd) : 1;
    for (int i = 0; i < count; ++i) {
      if (fd->cpp_type() == FD::CPPTYPE_MESSAGE) {
        if (!fd->is_repeated() && !r->HasField(*m, fd)) continue;
        auto* sub =
            fd->is_repeated() ? r->MutableRepeatedMessage(m, fd, i) : r->MutableMessage(m, fd);
        if (SetNthScalar(sub, n, value)) return true;
        continue;
      }
      const bool scalar = fd->cpp_type() == FD::CPPTYPE_INT32 ||
                          fd->cpp_type() == FD::CPPTYPE_INT64 ||
                          fd->cpp_type() == FD::CPPTYPE_ENUM || fd->cpp_type() == FD::CPPTYPE_BOOL;
      if (!scalar || n-- > 0) continue;
      const bool rep = fd->is_repeated();
      switch (fd->cpp_type()) {
        case FD::CPPTYPE_INT32: {
          const auto v = static_cast<int32_t>(value);
          rep ? r->SetRepeatedInt32(m, fd, i, v) : r->SetInt32(m, fd, v);
          break;
        }
        case FD::CPPTYPE_INT64:
          rep ? r->SetRepeatedInt64(m, fd, i, value) : r->SetInt64(m, fd, value);
          break;
        case FD::CPPTYPE_ENUM: {
          const auto v = static_cast<int32_t>(value);
          rep ? r->SetRepeatedEnumValue(m, fd, i, v) : r->SetEnumValue(m, fd, v);
          break;
        }
        default:
          rep ? r->SetRepeatedBool(m, fd, i, value & 1) : r->SetBool(m, fd, value & 1);
          break;
      }
      return true;
    }
  }
  return false;
}

TEST_CASE("corruption: every integer field set to boundary values never crashes") {
  // Hostile but well-formed payloads: each integer, enum and bool of the
  // sample program in turn takes values at the edges of every range the
  // reader and VerifyProgram do arithmetic with.
  const pb::Program good = GoodPayload();
  const int64_t values[] = {0,
                            -1,
                            1,
                            2,
                            3,
                            INT32_MAX,
                            INT32_MIN,
                            int64_t{1} << 31,
                            -(int64_t{1} << 31),
                            int64_t{1} << 40,
                            INT64_MAX,
                            INT64_MIN};
  int slots = 0, refused = 0;
  for (;; ++slots) {
    bool slot_exists = false;
    for (int64_t v : values) {
      pb::Program m = good;
      int n = slots;
      if (!SetNthScalar(&m, n, v)) break;
      slot_exists = true;
      Result<Program> r = ParseProgram(Reframe(m), "prog.cim");
      CAPTURE(slots, v);
      if (!r.ok()) {
        ++refused;
        CHECK(r.status().code() == StatusCode::kCorruption);
      } else {
        CHECK(SerializeProgram(*r).ok());
      }
    }
    if (!slot_exists) break;
  }
  CHECK(slots > 300);
  CHECK(refused > slots);
}

// --- a payload that parses but is inconsistent ------------------------------

TEST_CASE("corruption: unknown program mapping name") {
  pb::Program m = GoodPayload();
  m.set_mapping("BNN_VII");
  CHECK(ErrorOf(Reframe(m)) ==
        "Corruption: prog.cim: program: unknown mapping \"BNN_VII\" (valid: BNN_I, BNN_II, "
        "BNN_III, BNN_IV, BNN_V, BNN_VI, TNN_I, TNN_II, TNN_III, TNN_IV, TNN_V)");
}

TEST_CASE("corruption: unknown op mapping name") {
  pb::Program m = GoodPayload();
  m.mutable_ops(10)->mutable_xbar_linear()->set_mapping("");
  CHECK(ErrorOf(Reframe(m)) ==
        "Corruption: prog.cim: op 10 (XbarLinear \"fc\"): unknown mapping \"\" (valid: BNN_I, "
        "BNN_II, BNN_III, BNN_IV, BNN_V, BNN_VI, TNN_I, TNN_II, TNN_III, TNN_IV, TNN_V)");
}

TEST_CASE("corruption: enum values out of range") {
  pb::Program m = GoodPayload();
  m.mutable_tensors(3)->set_values(static_cast<pb::ValueSet>(9));
  CHECK(ErrorOf(Reframe(m)) ==
        "Corruption: prog.cim: tensor 3 \"conv0\": values = 9 is outside [0, 3]");
  m = GoodPayload();
  m.mutable_input()->set_layout(static_cast<pb::Layout>(-1));
  CHECK(ErrorOf(Reframe(m)) == "Corruption: prog.cim: input: layout = -1 is outside [0, 1]");
  m = GoodPayload();
  m.mutable_ops(6)->mutable_pool()->set_kind(static_cast<pb::PoolKind>(3));
  CHECK(ErrorOf(Reframe(m)) ==
        "Corruption: prog.cim: op 6 (Pool \"maxpool\"): pool kind = 3 is outside [0, 2]");
  m = GoodPayload();
  m.mutable_ops(3)->mutable_pointwise()->mutable_steps(2)->set_kind(
      static_cast<pb::PointwiseKind>(11));
  CHECK(ErrorOf(Reframe(m)) ==
        "Corruption: prog.cim: op 3 (Pointwise \"bn_sign0\"): step kind = 11 is outside [0, 10]");
  m = GoodPayload();
  m.mutable_ops(13)->mutable_binary()->set_kind(static_cast<pb::BinaryKind>(1000));
  CHECK(ErrorOf(Reframe(m)) ==
        "Corruption: prog.cim: op 13 (Binary \"sum\"): binary kind = 1000 is outside [0, 2]");
}

TEST_CASE("corruption: tensor ids out of range") {
  pb::Program m = GoodPayload();
  m.mutable_ops(2)->mutable_digital_linear()->set_input(99);
  CHECK(ErrorOf(Reframe(m)) ==
        "Corruption: prog.cim: op 2 (DigitalLinear \"conv0\"): input tensor 99 is outside [0, 18)");
  m = GoodPayload();
  m.mutable_ops(14)->mutable_binary()->set_rhs(-1);
  CHECK(ErrorOf(Reframe(m)) ==
        "Corruption: prog.cim: op 14 (Binary \"prod\"): rhs tensor -1 is outside [0, 18)");
  m = GoodPayload();
  m.set_output(18);
  CHECK(ErrorOf(Reframe(m)) ==
        "Corruption: prog.cim: program: output tensor 18 is outside [0, 18)");
}

TEST_CASE("corruption: an op of a kind this reader does not know") {
  pb::Program m = GoodPayload();
  m.mutable_ops(7)->Clear();  // what an old reader sees of a newer op
  CHECK(ErrorOf(Reframe(m)) ==
        "Corruption: prog.cim: op 7 has no kind this cimsim knows (written by a newer cimc?)");
}

TEST_CASE("corruption: packed weights shorter than the shape needs") {
  pb::Program m = GoodPayload();
  pb::XbarLinearOp* x = m.mutable_ops(4)->mutable_xbar_linear();
  x->mutable_positive_bits()->pop_back();
  CHECK(ErrorOf(Reframe(m)) ==
        "Corruption: prog.cim: op 4 (XbarLinear \"xconv1\"): positive_bits has 13 bytes, 108 "
        "weights need 14");
}

TEST_CASE("corruption: packed weights longer than the shape needs") {
  pb::Program m = GoodPayload();
  m.mutable_ops(10)->mutable_xbar_linear()->mutable_positive_bits()->push_back('\0');
  CHECK(ErrorOf(Reframe(m)) ==
        "Corruption: prog.cim: op 10 (XbarLinear \"fc\"): positive_bits has 16 bytes, 120 weights "
        "need 15");
}

TEST_CASE("corruption: non-canonical weight bits") {
  pb::Program m = GoodPayload();
  // 108 weights: bits 4..7 of the last byte are padding.
  m.mutable_ops(4)->mutable_xbar_linear()->mutable_nonzero_bits()->back() |= 0x80;
  CHECK(ErrorOf(Reframe(m)) ==
        "Corruption: prog.cim: op 4 (XbarLinear \"xconv1\"): nonzero_bits has padding bits set "
        "after weight 107");
}

TEST_CASE("corruption: a tensor with more than 2^31 elements") {
  pb::Program m = GoodPayload();
  pb::TensorInfo* t = m.mutable_tensors(5);
  t->clear_shape();
  for (int64_t d : {65536, 65536, 1}) t->add_shape(d);
  CHECK(ErrorOf(Reframe(m)) ==
        "Corruption: prog.cim: tensor 5 \"xconv1\": shape has more than 2^31 elements");
}

TEST_CASE("corruption: an absurd dimension") {
  pb::Program m = GoodPayload();
  m.mutable_ops(1)->mutable_pad()->set_pads_end(1, int64_t{1} << 40);
  CHECK(ErrorOf(Reframe(m)) ==
        "Corruption: prog.cim: op 1 (Pad \"pad0\"): pads_end = 1099511627776 is outside [-2^31, "
        "2^31]");
}

TEST_CASE("corruption: a weight matrix with more than 2^31 elements") {
  pb::Program m = GoodPayload();
  pb::ConvGeometry* g = m.mutable_ops(4)->mutable_xbar_linear()->mutable_geom();
  g->set_kernel_h(int64_t{1} << 30);
  g->set_kernel_w(int64_t{1} << 30);
  CHECK(ErrorOf(Reframe(m)) ==
        "Corruption: prog.cim: op 4 (XbarLinear \"xconv1\"): geometry (4->6 channels, 2 groups, "
        "kernel 1073741824x1073741824) does not give 0 to 2^31 weights");
}

TEST_CASE("corruption: crossbar geometry out of range") {
  pb::Program m = GoodPayload();
  m.mutable_geometry()->set_cols(0);
  CHECK(ErrorOf(Reframe(m)) == "Corruption: prog.cim: geometry: cols = 0 is outside [1, 65536]");
}

TEST_CASE("corruption: num_crossbars differs from the tiles") {
  pb::Program m = GoodPayload();
  m.set_num_crossbars(1000000000);
  CHECK(ErrorOf(Reframe(m)) ==
        "Corruption: prog.cim: num_crossbars is 1000000000, tiles use 12 distinct crossbars");
}

TEST_CASE("corruption: a tile whose end overflows int32") {
  pb::Program m = GoodPayload();
  pb::Tile* t = m.mutable_ops(10)->mutable_xbar_linear()->mutable_tiles(0);
  t->set_row_begin(INT32_MAX);
  t->set_row_count(2);
  CHECK(ErrorOf(Reframe(m)) ==
        "Corruption: prog.cim: op 10 (XbarLinear \"fc\"): tile 0 has a negative field or an end "
        "past 2^31 - 1");
}

TEST_CASE("corruption: a program VerifyProgram rejects") {
  pb::Program m = GoodPayload();
  m.mutable_ops(5)->mutable_threshold()->set_lower(0, 10);
  CHECK(ErrorOf(Reframe(m)) ==
        "Corruption: prog.cim: invalid program: op 5 (Threshold \"thr1\"): "
        "lower threshold above upper in channel 0");
}

}  // namespace
}  // namespace cim
