// How two configuration trees combine: an included file into the root, a target's overrides
// into the root configuration.
//
//   mapping + mapping   keys of both; a key on both sides merges recursively. The result
//                       keeps the left location and also lists the right one.
//   sequence + sequence the right items are appended to the left ones.
//   anything else       the right value replaces the left one and lists the replaced
//                       value's locations after its own, so a diagnostic shows both lines.
//   right side null     the left value stays (an empty override key changes nothing).
//
// Sequences whose items are identified by a key (tasks by task_key, ...) are merged by that
// key afterwards, with merge_by_key.
#pragma once

#include <string_view>

#include "bundlectl/core/value.h"

namespace bundlectl::config {

void merge_into(core::Value& left, core::Value right);

// The right value replaces the left one, keeping the left locations as replaced ones.
void replace_with(core::Value& left, core::Value right);

// How the key of a keyed sequence compares: as written (tasks, job clusters, parameters,
// environments) or case-folded (pipeline cluster labels, which the CLI lowercases).
enum class KeyCase { AsWritten, Folded };

// Items of a sequence of mappings that share the value of `key_field` become one item: the
// first occurrence's position, later occurrences merged into it with merge_into. Items
// without the field (or with null) use `missing_key`, as the Databricks CLI's merges do: two
// tasks without a task_key are one task. Every resulting item has `key_field` set to the key
// it was grouped under (folded if `key_case` says so), as the CLI writes it back.
void merge_by_key(core::Value& sequence, std::string_view key_field,
                  std::string_view missing_key = {}, KeyCase key_case = KeyCase::AsWritten);

}  // namespace bundlectl::config
