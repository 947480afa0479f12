#include "config/merge.h"

#include <gtest/gtest.h>

namespace bundlectl::config {
namespace {

using core::Location;
using core::Value;

Value task(const std::string& key, Location at, const std::string& field, Value value) {
  Value t = Value::mapping(at);
  t.set("task_key", Value::string(key, at));
  t.set(field, std::move(value));
  return t;
}

TEST(MergeTest, TargetScalarOverridesRootAndKeepsBothLocations) {
  Value root = Value::mapping({1, 1, 1});
  root.set("name", Value::string("root", {1, 2, 9}));
  Value target = Value::mapping({2, 5, 7});
  target.set("name", Value::string("target", {2, 6, 11}));
  merge_into(root, std::move(target));
  const Value& name = *root.find("name");
  EXPECT_EQ(name, Value::string("target"));
  EXPECT_EQ(name.location(), (Location{2, 6, 11}));
  ASSERT_EQ(name.previous_locations().size(), 1u);
  EXPECT_EQ(name.previous_locations()[0], (Location{1, 2, 9}));
}

TEST(MergeTest, SequencesAppendAndMapsMergeDeeply) {
  Value left = Value::mapping();
  left.set("list", Value::sequence()).items().push_back(Value::integer(1));
  left.set("map", Value::mapping()).set("a", Value::integer(1));
  Value right = Value::mapping();
  right.set("list", Value::sequence()).items().push_back(Value::integer(2));
  right.set("map", Value::mapping()).set("b", Value::integer(2));
  merge_into(left, std::move(right));
  EXPECT_EQ(left.find("list")->size(), 2u);
  EXPECT_EQ(*left.at({"map", "a"}), Value::integer(1));
  EXPECT_EQ(*left.at({"map", "b"}), Value::integer(2));
}

TEST(MergeTest, NullOverrideLeavesTheValue) {
  Value left = Value::mapping();
  left.set("a", Value::integer(1));
  Value right = Value::mapping();
  right.set("a", Value::null());
  merge_into(left, std::move(right));
  EXPECT_EQ(*left.find("a"), Value::integer(1));
}

TEST(MergeByKeyTest, SameKeyItemsMergeIntoTheFirstPosition) {
  Value tasks = Value::sequence();
  tasks.items().push_back(task("b", {1, 1, 1}, "timeout_seconds", Value::integer(10)));
  tasks.items().push_back(task("a", {1, 5, 1}, "timeout_seconds", Value::integer(20)));
  tasks.items().push_back(task("b", {2, 3, 1}, "max_retries", Value::integer(3)));
  merge_by_key(tasks, "task_key");
  ASSERT_EQ(tasks.size(), 2u);
  const Value& b = tasks.items()[0];
  EXPECT_EQ(*b.find("timeout_seconds"), Value::integer(10));
  EXPECT_EQ(*b.find("max_retries"), Value::integer(3));
}

TEST(MergeByKeyTest, MissingKeyUsesTheDefaultLabel) {
  Value clusters = Value::sequence();
  Value unlabeled = Value::mapping();
  unlabeled.set("num_workers", Value::integer(1));
  Value labeled = Value::mapping();
  labeled.set("label", Value::string("default"));
  labeled.set("num_workers", Value::integer(4));
  clusters.items().push_back(std::move(unlabeled));
  clusters.items().push_back(std::move(labeled));
  merge_by_key(clusters, "label", "default");
  ASSERT_EQ(clusters.size(), 1u);
  EXPECT_EQ(*clusters.items()[0].find("num_workers"), Value::integer(4));
}

TEST(MergeByKeyTest, ItemsWithoutTheKeyMergeUnderTheEmptyKey) {
  Value clusters = Value::sequence();
  Value first = Value::mapping();
  first.set("node_type_id", Value::string("random"));
  Value second = Value::mapping();
  second.set("job_cluster_key", Value::null());
  second.set("node_type_id", Value::string("Standard_DS3_v2"));
  Value keyed = Value::mapping();
  keyed.set("job_cluster_key", Value::string("main"));
  clusters.items().push_back(std::move(first));
  clusters.items().push_back(std::move(second));
  clusters.items().push_back(std::move(keyed));
  merge_by_key(clusters, "job_cluster_key");
  ASSERT_EQ(clusters.size(), 2u);
  EXPECT_EQ(*clusters.items()[0].find("node_type_id"), Value::string("Standard_DS3_v2"));
  EXPECT_EQ(*clusters.items()[1].find("job_cluster_key"), Value::string("main"));
}

TEST(MergeByKeyTest, EveryMergedItemCarriesItsKey) {
  Value clusters = Value::sequence();
  Value unkeyed = Value::mapping({1, 17, 11});
  unkeyed.set("node_type_id", Value::string("random"));
  Value unkeyed_override = Value::mapping({1, 27, 15});
  unkeyed_override.set("num_workers", Value::integer(2));
  clusters.items().push_back(std::move(unkeyed));
  clusters.items().push_back(std::move(unkeyed_override));
  merge_by_key(clusters, "job_cluster_key");
  ASSERT_EQ(clusters.size(), 1u);
  const Value* key = clusters.items()[0].find("job_cluster_key");
  ASSERT_NE(key, nullptr);
  EXPECT_EQ(*key, Value::string(""));
  EXPECT_EQ(key->location(), (Location{1, 17, 11}));
}

TEST(MergeByKeyTest, FoldedLabelsMergeAndAreWrittenInLowerCase) {
  Value clusters = Value::sequence();
  Value upper = Value::mapping();
  upper.set("label", Value::string("Default"));
  upper.set("num_workers", Value::integer(1));
  Value unlabeled = Value::mapping();
  unlabeled.set("spark_version", Value::string("15.4"));
  Value other = Value::mapping();
  other.set("label", Value::string("Maintenance"));
  clusters.items().push_back(std::move(upper));
  clusters.items().push_back(std::move(unlabeled));
  clusters.items().push_back(std::move(other));
  merge_by_key(clusters, "label", "default", KeyCase::Folded);
  ASSERT_EQ(clusters.size(), 2u);
  EXPECT_EQ(*clusters.items()[0].find("label"), Value::string("default"));
  EXPECT_EQ(*clusters.items()[0].find("spark_version"), Value::string("15.4"));
  EXPECT_EQ(*clusters.items()[1].find("label"), Value::string("maintenance"));
}

}  // namespace
}  // namespace bundlectl::config
