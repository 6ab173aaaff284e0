// The real data sets: MNIST test (committed under testdata/datasets/mnist)
// and Fashion-MNIST (Debian package dataset-fashion-mnist, installed by
// scripts/setup.sh). Expected values were computed independently with
// numpy from the same files.

#include <catch2/catch.hpp>
#include <filesystem>
#include <numeric>

#include "cim/data/dataset.h"

namespace cim {
namespace {

const std::string kMnistDir = std::string(CIM_SOURCE_DIR) + "/testdata/datasets/mnist";

uint64_t PixelSum(const Dataset& data, int64_t image) {
  const uint8_t* p = data.Image(image);
  return std::accumulate(p, p + data.image_bytes(), uint64_t{0});
}

std::vector<int64_t> LabelHistogram(const Dataset& data) {
  std::vector<int64_t> histogram(data.num_classes, 0);
  for (uint8_t label : data.labels) ++histogram[label];
  return histogram;
}

TEST_CASE("The MNIST test set reads with its known contents", "[real]") {
  auto data = ReadIdxPair(kMnistDir + "/t10k-images-idx3-ubyte.gz",
                          kMnistDir + "/t10k-labels-idx1-ubyte.gz");
  REQUIRE(data.ok());
  CHECK(data->count == 10000);
  CHECK(data->height == 28);
  CHECK(data->width == 28);
  CHECK(data->channels == 1);
  CHECK(data->pixels.size() == 7840000);
  CHECK(std::vector<uint8_t>(data->labels.begin(), data->labels.begin() + 10) ==
        std::vector<uint8_t>{7, 2, 1, 0, 4, 1, 4, 9, 5, 9});
  CHECK(PixelSum(*data, 0) == 18454);
  CHECK(PixelSum(*data, 9999) == 41833);
  CHECK(std::accumulate(data->pixels.begin(), data->pixels.end(), uint64_t{0}) == 264923200);
  CHECK(LabelHistogram(*data) ==
        std::vector<int64_t>{980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009});
}

TEST_CASE("LoadDataset(\"mnist\") finds the committed test set through the default search",
          "[real]") {
  auto data = LoadDataset("mnist", Split::kTest, DefaultDatasetSearch("", ""));
  REQUIRE(data.ok());
  CHECK(data->name == "mnist");
  CHECK(data->count == 10000);
  CHECK(
      data->images_path ==
      (std::filesystem::path(kMnistDir) / "t10k-images-idx3-ubyte.gz").lexically_normal().string());
}

TEST_CASE("LoadDataset(\"fashion_mnist\") reads the Debian package's splits", "[real]") {
  const DatasetSearch search = DefaultDatasetSearch("", "");
  auto test = LoadDataset("fashion_mnist", Split::kTest, search);
  REQUIRE(test.ok());
  CHECK(test->images_path == "/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz");
  CHECK(test->count == 10000);
  CHECK(test->height == 28);
  CHECK(test->width == 28);
  CHECK(std::vector<uint8_t>(test->labels.begin(), test->labels.begin() + 10) ==
        std::vector<uint8_t>{9, 2, 1, 1, 6, 1, 4, 6, 5, 7});
  CHECK(PixelSum(*test, 0) == 33456);
  CHECK(LabelHistogram(*test) == std::vector<int64_t>(10, 1000));

  auto train = LoadDataset("fashion", Split::kTrain, search);
  REQUIRE(train.ok());
  CHECK(train->name == "fashion_mnist");
  CHECK(train->count == 60000);
  CHECK(std::vector<uint8_t>(train->labels.begin(), train->labels.begin() + 10) ==
        std::vector<uint8_t>{9, 0, 0, 3, 0, 2, 7, 2, 5, 5});
  CHECK(PixelSum(*train, 0) == 76247);
  CHECK(PixelSum(*train, 59999) == 16684);
  CHECK(LabelHistogram(*train) == std::vector<int64_t>(10, 6000));
}

}  // namespace
}  // namespace cim
