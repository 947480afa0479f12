// The run page's data: the run's state and its task graph laid out left to right. A task's
// column is its depth (the longest chain of depends_on above it); within a column, tasks are
// ordered by the mean row of their upstream tasks, so edges cross less.
#include <algorithm>
#include <map>

#include "emulator/dashboard.h"

namespace bundlectl::emulator {
namespace {

using nlohmann::json;

constexpr int k_node_width = 220;
constexpr int k_node_height = 66;
constexpr int k_column_gap = 70;
constexpr int k_row_gap = 22;
constexpr int k_margin = 16;

// Depth of every task: 0 without upstreams, else one more than its deepest upstream. The
// graph was checked acyclic at jobs/create; `visiting` still stops a cycle from recursing.
int depth_of(const std::string& key, const std::map<std::string, const TaskRun*>& by_key,
             std::map<std::string, int>& depth, std::map<std::string, bool>& visiting) {
  if (auto known = depth.find(key); known != depth.end()) return known->second;
  auto task = by_key.find(key);
  if (task == by_key.end() || visiting[key]) return 0;
  visiting[key] = true;
  int deepest = -1;
  for (const std::string& upstream : task->second->depends_on) {
    if (by_key.count(upstream))
      deepest = std::max(deepest, depth_of(upstream, by_key, depth, visiting));
  }
  visiting[key] = false;
  return depth[key] = deepest + 1;
}

// Column of each task, and within it the row: rows follow the upstreams' mean row.
std::vector<std::vector<const TaskRun*>> columns_of(const Run& run) {
  std::map<std::string, const TaskRun*> by_key;
  for (const TaskRun& task : run.tasks) by_key.emplace(task.task_key, &task);
  std::map<std::string, int> depth;
  std::map<std::string, bool> visiting;
  std::vector<std::vector<const TaskRun*>> columns;
  for (const TaskRun& task : run.tasks) {
    auto column = static_cast<std::size_t>(depth_of(task.task_key, by_key, depth, visiting));
    if (columns.size() <= column) columns.resize(column + 1);
    columns[column].push_back(&task);
  }
  std::map<std::string, double> row;
  for (std::vector<const TaskRun*>& column : columns) {
    std::map<const TaskRun*, double> weight;
    for (std::size_t i = 0; i < column.size(); ++i) {
      double sum = 0;
      int count = 0;
      for (const std::string& upstream : column[i]->depends_on) {
        if (auto found = row.find(upstream); found != row.end()) sum += found->second, ++count;
      }
      weight[column[i]] = count ? sum / count : static_cast<double>(i);
    }
    std::stable_sort(column.begin(), column.end(),
                     [&](const TaskRun* a, const TaskRun* b) { return weight[a] < weight[b]; });
    for (std::size_t i = 0; i < column.size(); ++i)
      row[column[i]->task_key] = static_cast<double>(i);
  }
  return columns;
}

using Point = std::pair<int, int>;

int column_x(std::size_t column) {
  return k_margin + static_cast<int>(column) * (k_node_width + k_column_gap);
}

// A y at which an edge can cross `column` without passing under a box: `wanted` when no box
// is in the way, else the lane below the column's lowest box.
int free_y(const std::vector<const TaskRun*>& column, int wanted,
           const std::map<std::string, Point>& position) {
  constexpr int k_clearance = 6;
  int lowest = k_margin - k_row_gap;
  bool blocked = false;
  for (const TaskRun* task : column) {
    int top = position.at(task->task_key).second;
    lowest = std::max(lowest, top + k_node_height);
    blocked = blocked || (wanted > top - k_clearance && wanted < top + k_node_height + k_clearance);
  }
  return blocked ? lowest + k_row_gap / 2 : wanted;
}

// The points an edge goes through, from the upstream box's right side to the downstream
// box's left side; an edge that skips columns goes around the boxes in between. The script
// joins consecutive points with curves that leave and arrive horizontally.
json edge_points(Point from, Point to, const std::vector<std::vector<const TaskRun*>>& columns,
                 const std::map<std::string, Point>& position) {
  int x1 = from.first + k_node_width;
  int y1 = from.second + k_node_height / 2;
  int x2 = to.first;
  int y2 = to.second + k_node_height / 2;
  json points = json::array({{x1, y1}});
  std::size_t first =
      static_cast<std::size_t>((from.first - k_margin) / (k_node_width + k_column_gap)) + 1;
  std::size_t last =
      static_cast<std::size_t>((to.first - k_margin) / (k_node_width + k_column_gap));
  for (std::size_t c = first; c < last && c < columns.size(); ++c) {
    int left = column_x(c);
    int straight = y1 + (y2 - y1) * (left + k_node_width / 2 - x1) / std::max(1, x2 - x1);
    int y = free_y(columns[c], straight, position);
    points.push_back({left, y});
    points.push_back({left + k_node_width, y});
  }
  points.push_back({x2, y2});
  return points;
}

// The run a started run_job_task attempt runs, 0 for none.
std::int64_t child_run_of(const TaskRun& task) {
  if (task.start_time == 0) return 0;
  for (const Attempt& a : task.attempts) {
    if (a.run_id == task.run_id) return a.child_run_id;
  }
  return 0;
}

json task_node(const TaskRun& task, int x, int y, std::int64_t now_ms) {
  std::int64_t took = elapsed_ms(task.start_time, task.end_time, now_ms);
  return {{"child_run_id", child_run_of(task)},
          {"task_key", task.task_key},
          {"run_id", task.run_id},
          {"state", std::string(core::to_string(task.state.life_cycle))},
          {"result", task.state.result ? std::string(core::to_string(*task.state.result)) : ""},
          {"message", task.state.message},
          {"attempt_number", task.attempt_number},
          {"duration_ms", took},
          {"duration", task.start_time > 0 ? format_duration(took) : ""},
          {"x", x},
          {"y", y}};
}

}  // namespace

json run_graph(const Run& run, std::int64_t now_ms) {
  std::vector<std::vector<const TaskRun*>> columns = columns_of(run);
  json tasks = json::array();
  std::map<std::string, Point> position;
  std::size_t tallest = 0;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    tallest = std::max(tallest, columns[c].size());
    for (std::size_t r = 0; r < columns[c].size(); ++r) {
      int x = column_x(c);
      int y = k_margin + static_cast<int>(r) * (k_node_height + k_row_gap);
      position[columns[c][r]->task_key] = {x, y};
      tasks.push_back(task_node(*columns[c][r], x, y, now_ms));
    }
  }
  json edges = json::array();
  for (const TaskRun& task : run.tasks) {
    for (const std::string& upstream : task.depends_on) {
      auto from = position.find(upstream);
      if (from == position.end()) continue;
      edges.push_back(
          {{"from", upstream},
           {"to", task.task_key},
           {"points", edge_points(from->second, position[task.task_key], columns, position)}});
    }
  }
  auto count = [](std::size_t n, int size, int gap) {
    return n == 0 ? 0 : static_cast<int>(n) * size + (static_cast<int>(n) - 1) * gap;
  };
  return {{"run_id", run.run_id},
          {"job_id", run.job_id},
          {"run_name", run.run_name},
          {"trigger", run.trigger},
          {"state", std::string(core::to_string(run.state.life_cycle))},
          {"result", run.state.result ? std::string(core::to_string(*run.state.result)) : ""},
          {"state_text", run_state_text(run.state)},
          {"message", run.state.message},
          {"active", !core::is_final(run.state.life_cycle)},
          {"start", format_time_utc(run.start_time)},
          {"duration", format_duration(elapsed_ms(run.start_time, run.end_time, now_ms))},
          {"node_width", k_node_width},
          {"node_height", k_node_height},
          {"width", 2 * k_margin + count(columns.size(), k_node_width, k_column_gap)},
          {"height", 2 * k_margin + count(tallest, k_node_height, k_row_gap)},
          {"tasks", std::move(tasks)},
          {"edges", std::move(edges)}};
}

}  // namespace bundlectl::emulator
