#include <catch2/catch.hpp>

#include "cim/data/dataset.h"
#include "data/dataset_test_files.h"

namespace cim {
namespace {

using testing::Bytes;

// Writes an IDX pair `<dir>/<prefix>-{images-idx3,labels-idx1}-ubyte<ext>`
// whose single label tells the copies apart.
void WriteIdxSplit(const testing::ScratchDir& scratch, const std::string& dir,
                   const std::string& prefix, uint8_t label, const std::string& ext = ".gz") {
  testing::WriteFile(scratch.Path(dir + "/" + prefix + "-images-idx3-ubyte" + ext),
                     testing::IdxImages(1, 2, 2));
  testing::WriteFile(scratch.Path(dir + "/" + prefix + "-labels-idx1-ubyte" + ext),
                     testing::IdxLabels({label}));
}

TEST_CASE("ParseSplit and SplitName share one name table", "[loader]") {
  CHECK(*ParseSplit("test") == Split::kTest);
  CHECK(*ParseSplit("train") == Split::kTrain);
  CHECK(std::string(SplitName(Split::kTrain)) == "train");
  CHECK(ParseSplit("valid").status().ToString() ==
        "InvalidArgument: split \"valid\": expected one of test, train");
}

TEST_CASE("KnownDatasetNames lists the canonical names", "[loader]") {
  CHECK(KnownDatasetNames() ==
        std::vector<std::string>{"mnist", "fashion_mnist", "cifar10", "cifar100"});
}

TEST_CASE("LoadDataset reads an IDX directory given as a path, per split", "[loader]") {
  testing::ScratchDir scratch;
  WriteIdxSplit(scratch, "digits", "t10k", 4);
  WriteIdxSplit(scratch, "digits", "train", 6, "");  // uncompressed
  const std::string dir = scratch.str() + "/digits";
  auto test = LoadDataset(dir, Split::kTest, {});
  REQUIRE(test.ok());
  CHECK(test->name == dir);
  CHECK(test->labels == Bytes{4});
  CHECK(test->images_path == dir + "/t10k-images-idx3-ubyte.gz");
  auto train = LoadDataset(dir, Split::kTrain, {});
  REQUIRE(train.ok());
  CHECK(train->labels == Bytes{6});
  CHECK(train->labels_path == dir + "/train-labels-idx1-ubyte");
}

TEST_CASE("LoadDataset pairs an images file path with its labels file", "[loader]") {
  testing::ScratchDir scratch;
  WriteIdxSplit(scratch, "d", "t10k", 2);
  // Labels only uncompressed: the pairing falls back to the other suffix.
  testing::WriteGzip(scratch.Path("d/custom-images-idx3-ubyte.gz"), testing::IdxImages(1, 2, 2));
  testing::WriteRaw(scratch.Path("d/custom-labels-idx1-ubyte"), testing::IdxLabels({8}));
  auto standard = LoadDataset(scratch.str() + "/d/t10k-images-idx3-ubyte.gz", Split::kTrain, {});
  REQUIRE(standard.ok());
  CHECK(standard->labels == Bytes{2});
  CHECK(standard->labels_path == scratch.str() + "/d/t10k-labels-idx1-ubyte.gz");
  auto custom = LoadDataset(scratch.str() + "/d/custom-images-idx3-ubyte.gz", Split::kTest, {});
  REQUIRE(custom.ok());
  CHECK(custom->labels == Bytes{8});
  CHECK(custom->labels_path == scratch.str() + "/d/custom-labels-idx1-ubyte");
}

TEST_CASE("LoadDataset names a missing labels file", "[loader]") {
  testing::ScratchDir scratch;
  testing::WriteGzip(scratch.Path("d/t10k-images-idx3-ubyte.gz"), testing::IdxImages(1, 2, 2));
  CHECK(LoadDataset(scratch.str() + "/d", Split::kTest, {}).status().ToString() ==
        "NotFound: " + scratch.str() + "/d/t10k-labels-idx1-ubyte.gz: no such file");
}

TEST_CASE("LoadDataset finds CIFAR layouts in a directory", "[loader]") {
  testing::ScratchDir scratch;
  SECTION("CIFAR-10 in the archive's subdirectory, five train batches") {
    for (int i = 1; i <= 5; ++i) {
      testing::WriteRaw(
          scratch.Path("c/cifar-10-batches-bin/data_batch_" + std::to_string(i) + ".bin"),
          testing::CifarRecords({{static_cast<uint8_t>(i)}}));
    }
    auto train = LoadDataset(scratch.str() + "/c", Split::kTrain, {});
    REQUIRE(train.ok());
    CHECK(train->labels == Bytes{1, 2, 3, 4, 5});
    CHECK(train->files.size() == 5);
    CHECK(train->channels == 3);
    CHECK(
        LoadDataset(scratch.str() + "/c", Split::kTest, {}).status().ToString() ==
        "NotFound: dataset \"" + scratch.str() +
            "/c\": no test split: expected t10k-images-idx3-ubyte[.gz], test_batch.bin or test.bin "
            "(CIFAR also under cifar-10-batches-bin/ or cifar-100-binary/)");
  }
  SECTION("CIFAR-10 with a train batch missing") {
    testing::WriteRaw(scratch.Path("c/data_batch_1.bin"), testing::CifarRecords({{1}}));
    CHECK(LoadDataset(scratch.str() + "/c", Split::kTrain, {}).status().ToString() ==
          "NotFound: " + scratch.str() + "/c/data_batch_2.bin: no such file");
  }
  SECTION("CIFAR-100 directly, and one batch file given as a path") {
    testing::WriteRaw(scratch.Path("c/test.bin"), testing::CifarRecords({{3, 77}}));
    auto test = LoadDataset(scratch.str() + "/c", Split::kTest, {});
    REQUIRE(test.ok());
    CHECK(test->num_classes == 100);
    CHECK(test->labels == Bytes{77});
    auto file = LoadDataset(scratch.str() + "/c/test.bin", Split::kTrain, {});
    REQUIRE(file.ok());
    CHECK(file->labels == Bytes{77});
  }
}

TEST_CASE("LoadDataset rejects a file of no known naming", "[loader]") {
  testing::ScratchDir scratch;
  const std::string path = scratch.Path("notes.txt");
  testing::WriteRaw(path, {1});
  CHECK(LoadDataset(path, Split::kTest, {}).status().ToString() ==
        "InvalidArgument: " + path +
            ": file name: expected *-images-idx3-ubyte[.gz] (IDX images) or *.bin (CIFAR batch)");
}

TEST_CASE("LoadDataset searches known names root by root", "[loader]") {
  testing::ScratchDir scratch;
  const std::string first = scratch.str() + "/first", second = scratch.str() + "/second";
  // first/ has only the mnist test split; second/ has both.
  WriteIdxSplit(scratch, "first/mnist", "t10k", 1);
  WriteIdxSplit(scratch, "second/mnist", "t10k", 2);
  WriteIdxSplit(scratch, "second/mnist", "train", 3);
  const DatasetSearch search{{first, second}};
  auto test = LoadDataset("mnist", Split::kTest, search);
  REQUIRE(test.ok());
  CHECK(test->name == "mnist");
  CHECK(test->labels == Bytes{1});
  auto train = LoadDataset("mnist", Split::kTrain, search);
  REQUIRE(train.ok());
  CHECK(train->labels == Bytes{3});
  CHECK(train->images_path == second + "/mnist/train-images-idx3-ubyte.gz");
}

TEST_CASE("LoadDataset maps aliases and other directory names to the data set", "[loader]") {
  testing::ScratchDir scratch;
  const std::string root = scratch.str();
  WriteIdxSplit(scratch, "fashion-mnist", "t10k", 5);  // the Debian package's directory name
  for (const char* name : {"fashion_mnist", "fashion-mnist", "fashion"}) {
    INFO(name);
    auto data = LoadDataset(name, Split::kTest, DatasetSearch{{root}});
    REQUIRE(data.ok());
    CHECK(data->name == "fashion_mnist");
    CHECK(data->labels == Bytes{5});
  }
  // The canonical directory name wins within one root.
  WriteIdxSplit(scratch, "fashion_mnist", "t10k", 6);
  CHECK(LoadDataset("fashion", Split::kTest, DatasetSearch{{root}})->labels == Bytes{6});
}

TEST_CASE("LoadDataset prefers an existing path over a known name", "[loader]") {
  testing::ScratchDir scratch;
  WriteIdxSplit(scratch, "root/mnist", "t10k", 1);
  WriteIdxSplit(scratch, "mnist", "t10k", 9);  // ./mnist once in the scratch dir
  const std::filesystem::path old_cwd = std::filesystem::current_path();
  std::filesystem::current_path(scratch.str());
  auto data = LoadDataset("mnist", Split::kTest, DatasetSearch{{scratch.str() + "/root"}});
  std::filesystem::current_path(old_cwd);
  REQUIRE(data.ok());
  CHECK(data->labels == Bytes{9});
  CHECK(data->name == "mnist");
  CHECK(data->images_path == "mnist/t10k-images-idx3-ubyte.gz");
}

TEST_CASE("LoadDataset reports a known name it cannot find", "[loader]") {
  testing::ScratchDir scratch;
  WriteIdxSplit(scratch, "a/mnist", "t10k", 1);  // test split only
  const std::string a = scratch.str() + "/a", b = scratch.str() + "/b";
  CHECK(LoadDataset("mnist", Split::kTrain, DatasetSearch{{a, b}}).status().ToString() ==
        "NotFound: dataset \"mnist\": train split (train-images-idx3-ubyte[.gz]) not found in: " +
            a + "/mnist, " + b + "/mnist");
  CHECK(LoadDataset("cifar100", Split::kTest, DatasetSearch{{a}}).status().ToString() ==
        "NotFound: dataset \"cifar100\": test split (test.bin) not found in: " + a + "/cifar100, " +
            a + "/cifar-100-binary");
  CHECK(LoadDataset("cifar10", Split::kTest, {}).status().ToString() ==
        "NotFound: dataset \"cifar10\": test split (test_batch.bin) not found in: (no search "
        "directory)");
}

TEST_CASE("LoadDataset lists known names and roots for an unknown name", "[loader]") {
  CHECK(LoadDataset("svhn", Split::kTest, DatasetSearch{{"/x", "/y"}}).status().ToString() ==
        "NotFound: dataset \"svhn\": no such file or directory, and not a known name (mnist, "
        "fashion_mnist|fashion-mnist|fashion, cifar10, cifar100) to look for in: /x, /y");
}

TEST_CASE("DefaultDatasetSearch orders the roots", "[loader]") {
  DatasetSearchPlaces places;
  places.data_dir_flag = "/data";
  places.exe_path = "/opt/cim/bin/cimsim";
  places.source_dir = "/src/cim/";
  places.home_dir = "/home/u";
  CHECK(DefaultDatasetSearch(places).roots ==
        std::vector<std::string>{"/data", "/opt/cim/testdata/datasets",
                                 "/src/cim/testdata/datasets", "/usr/share/datasets",
                                 "/home/u/.cache/cim/datasets"});
  // Empty places are skipped; a bare program name has no directory to use.
  CHECK(DefaultDatasetSearch(DatasetSearchPlaces{"", "cimsim", "", ""}).roots ==
        std::vector<std::string>{"/usr/share/datasets"});
  const std::vector<std::string> built = DefaultDatasetSearch("/b/cmd/cimsim", "").roots;
  REQUIRE(built.size() >= 3);
  CHECK(built[0] == "/b/testdata/datasets");
  CHECK(built[1] ==
        (std::filesystem::path(CIM_SOURCE_DIR) / "testdata/datasets").lexically_normal().string());
  CHECK(built[2] == "/usr/share/datasets");
}

}  // namespace
}  // namespace cim
