#include <catch2/catch.hpp>

#include "cim/data/dataset.h"
#include "data/dataset_test_files.h"

namespace cim {
namespace {

using testing::Bytes;

// A scratch directory holding an images and a labels file written by the test.
struct IdxFiles {
  testing::ScratchDir dir;
  std::string images = dir.Path("t10k-images-idx3-ubyte.gz");
  std::string labels = dir.Path("t10k-labels-idx1-ubyte.gz");

  IdxFiles(const Bytes& image_bytes, const Bytes& label_bytes) {
    testing::WriteFile(images, image_bytes);
    testing::WriteFile(labels, label_bytes);
  }
  std::string Error(int num_classes = 10) const {
    return ReadIdxPair(images, labels, num_classes).status().ToString();
  }
};

TEST_CASE("ReadIdxPair reads gzip IDX images and labels", "[idx]") {
  IdxFiles files(testing::IdxImages(3, 4, 5), testing::IdxLabels({7, 0, 9}));
  REQUIRE(testing::ReadRaw(files.images)[0] == 0x1f);  // really gzip
  auto data = ReadIdxPair(files.images, files.labels);
  REQUIRE(data.ok());
  CHECK(data->count == 3);
  CHECK(data->height == 4);
  CHECK(data->width == 5);
  CHECK(data->channels == 1);
  CHECK(data->num_classes == 10);
  CHECK(data->labels == Bytes{7, 0, 9});
  CHECK(data->image_bytes() == 20);
  REQUIRE(data->pixels.size() == 60);
  CHECK(data->Image(2)[3 * 5 + 4] == testing::IdxTestPixel(2, 3, 4));
  CHECK(data->Image(1)[0] == testing::IdxTestPixel(1, 0, 0));
  CHECK(data->images_path == files.images);
  CHECK(data->labels_path == files.labels);
  CHECK(data->files == std::vector<std::string>{files.images, files.labels});
}

TEST_CASE("ReadIdxPair reads uncompressed IDX files", "[idx]") {
  testing::ScratchDir dir;
  const std::string images = dir.Path("train-images-idx3-ubyte");
  const std::string labels = dir.Path("train-labels-idx1-ubyte");
  testing::WriteRaw(images, testing::IdxImages(2, 3, 3));
  testing::WriteRaw(labels, testing::IdxLabels({1, 2}));
  auto data = ReadIdxPair(images, labels);
  REQUIRE(data.ok());
  CHECK(data->count == 2);
  CHECK(data->Image(1)[8] == testing::IdxTestPixel(1, 2, 2));
  CHECK(data->labels == Bytes{1, 2});
}

TEST_CASE("ReadIdxPair rejects a bad magic number", "[idx]") {
  SECTION("labels magic in the images file") {
    IdxFiles files(testing::IdxImages(1, 2, 2, 0x00000801), testing::IdxLabels({0}));
    CHECK(files.Error() ==
          "Corruption: " + files.images + ": magic 0x00000801: expected 0x00000803 (IDX images)");
  }
  SECTION("images magic in the labels file") {
    IdxFiles files(testing::IdxImages(1, 2, 2), testing::IdxLabels({0}, 0x00000803));
    CHECK(files.Error() ==
          "Corruption: " + files.labels + ": magic 0x00000803: expected 0x00000801 (IDX labels)");
  }
  SECTION("a float element type") {
    IdxFiles files(testing::IdxImages(1, 2, 2, 0x00000d03), testing::IdxLabels({0}));
    CHECK(files.Error() ==
          "Corruption: " + files.images + ": magic 0x00000d03: expected 0x00000803 (IDX images)");
  }
}

TEST_CASE("ReadIdxPair rejects truncated and overlong data", "[idx]") {
  SECTION("images cut short") {
    Bytes images = testing::IdxImages(3, 4, 5);
    images.pop_back();
    IdxFiles files(images, testing::IdxLabels({0, 1, 2}));
    CHECK(files.Error() == "Corruption: " + files.images +
                               ": size 75 bytes: expected 76 (header 16 + 3 images of 4x5)");
  }
  SECTION("images with trailing bytes") {
    Bytes images = testing::IdxImages(1, 2, 2);
    images.push_back(0);
    IdxFiles files(images, testing::IdxLabels({0}));
    CHECK(files.Error() == "Corruption: " + files.images +
                               ": size 21 bytes: expected 20 (header 16 + 1 images of 2x2)");
  }
  SECTION("labels cut short") {
    Bytes labels = testing::IdxLabels({0, 1, 2});
    labels.pop_back();
    IdxFiles files(testing::IdxImages(3, 2, 2), labels);
    CHECK(files.Error() ==
          "Corruption: " + files.labels + ": size 10 bytes: expected 11 (header 8 + 3 labels)");
  }
  SECTION("header cut short") {
    Bytes images = testing::IdxImages(1, 2, 2);
    images.resize(10);
    IdxFiles files(images, testing::IdxLabels({0}));
    CHECK(files.Error() == "Corruption: " + files.images +
                               ": size 10 bytes: expected at least 16 (IDX images header)");
  }
  SECTION("empty images file") {
    IdxFiles files(Bytes{}, testing::IdxLabels({0}));
    CHECK(files.Error() == "Corruption: " + files.images +
                               ": size 0 bytes: expected at least 16 (IDX images header)");
  }
  SECTION("empty labels file") {
    IdxFiles files(testing::IdxImages(1, 2, 2), Bytes{});
    CHECK(files.Error() == "Corruption: " + files.labels +
                               ": size 0 bytes: expected at least 8 (IDX labels header)");
  }
}

TEST_CASE("ReadIdxPair rejects an image and label count mismatch", "[idx]") {
  IdxFiles files(testing::IdxImages(3, 2, 2), testing::IdxLabels({0, 1}));
  CHECK(files.Error() == "Corruption: " + files.labels +
                             ": count 2: expected 3 (the image count of " + files.images + ")");
}

TEST_CASE("ReadIdxPair rejects a label out of range", "[idx]") {
  IdxFiles files(testing::IdxImages(3, 2, 2), testing::IdxLabels({0, 9, 10}));
  CHECK(files.Error() == "Corruption: " + files.labels + ": label[2] = 10: expected < 10");
  CHECK(files.Error(3) == "Corruption: " + files.labels + ": label[1] = 9: expected < 3");
  CHECK(ReadIdxPair(files.images, files.labels, 11).ok());
}

TEST_CASE("ReadIdxPair rejects impossible dimensions", "[idx]") {
  SECTION("zero rows") {
    IdxFiles files(testing::IdxImages(1, 0, 28), testing::IdxLabels({0}));
    CHECK(files.Error() == "Corruption: " + files.images + ": rows = 0: expected in [1, 4096]");
  }
  SECTION("huge cols") {
    Bytes images = testing::IdxImages(1, 1, 1);
    images[12] = 0x7f;  // cols = 0x7f000001
    IdxFiles files(images, testing::IdxLabels({0}));
    CHECK(files.Error() ==
          "Corruption: " + files.images + ": cols = 2130706433: expected in [1, 4096]");
  }
  SECTION("no images") {
    IdxFiles files(testing::IdxImages(0, 28, 28), testing::IdxLabels({}));
    CHECK(files.Error() ==
          "Corruption: " + files.images + ": count = 0: expected at least 1 image");
  }
  SECTION("dimensions that disagree with the data") {
    Bytes images = testing::IdxImages(2, 28, 28);
    images[11] = 27;  // rows 28 -> 27: 2*27*28 != 2*28*28
    IdxFiles files(images, testing::IdxLabels({0, 1}));
    CHECK(files.Error() == "Corruption: " + files.images +
                               ": size 1584 bytes: expected 1528 (header 16 + 2 images of 27x28)");
  }
}

TEST_CASE("ReadIdxPair names a missing file", "[idx]") {
  IdxFiles files(testing::IdxImages(1, 2, 2), testing::IdxLabels({0}));
  std::filesystem::remove(files.labels);
  CHECK(files.Error() == "NotFound: " + files.labels + ": no such file");
  std::filesystem::remove(files.images);
  CHECK(files.Error() == "NotFound: " + files.images + ": no such file");
}

TEST_CASE("ReadIdxPair rejects a class count outside [1, 256]", "[idx]") {
  IdxFiles files(testing::IdxImages(1, 2, 2), testing::IdxLabels({0}));
  CHECK(files.Error(0) == "InvalidArgument: ReadIdxPair: num_classes = 0: expected in [1, 256]");
  CHECK(files.Error(257) ==
        "InvalidArgument: ReadIdxPair: num_classes = 257: expected in [1, 256]");
  CHECK(ReadIdxPair(files.images, files.labels, 256).ok());
}

}  // namespace
}  // namespace cim
