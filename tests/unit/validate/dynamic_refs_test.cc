// check_dynamic_refs: namespaces, fields, job parameters and tasks named by {{...}} references.
#include "unit/validate/refs_check_test_support.h"

namespace bundlectl::validate {
namespace {

class RefsDynamicRefsTest : public RefsCheckTest {
 protected:
  // One job "j" with a parameter "env" and tasks a → b → c; `c_fields` are added to task c.
  Messages check(const std::string& c_fields) {
    m_dir.write("databricks.yml",
                "bundle: {name: b}\n"                                    // 1
                "resources:\n"                                           // 2
                "  jobs:\n"                                              // 3
                "    j:\n"                                               // 4
                "      parameters:\n"                                    // 5
                "        - {name: env, default: dev}\n"                  // 6
                "      tasks:\n"                                         // 7
                "        - task_key: a\n"                                // 8
                "          notebook_task: {notebook_path: /Shared/a}\n"  // 9
                "        - task_key: b\n"                                // 10
                "          depends_on: [{task_key: a}]\n"                // 11
                "          notebook_task: {notebook_path: /Shared/b}\n"  // 12
                "        - task_key: c\n"                                // 13
                "          depends_on: [{task_key: b}]\n"                // 14
                    + c_fields);                                         // 15...
    return run(check_dynamic_refs);
  }
};

TEST_F(RefsDynamicRefsTest, UnknownJobParameterIsAnErrorWithTheNearestName) {
  EXPECT_EQ(check("          condition_task: {op: EQUAL_TO, left: \"{{job.parameters.envv}}\", "
                  "right: x}\n"),
            (Messages{"error dynamic-refs.unknown-parameter: databricks.yml:15:48: reference to a "
                      "job parameter that does not exist: {{job.parameters.envv}}, did you mean "
                      "\"env\"? [resources.jobs.j.tasks[2].condition_task.left]"}));
}

TEST_F(RefsDynamicRefsTest, UnknownTaskIsAnError) {
  EXPECT_EQ(check("          condition_task: {op: EQUAL_TO, left: \"{{tasks.bb.values.n}}\", "
                  "right: x}\n"),
            (Messages{"error dynamic-refs.unknown-task: databricks.yml:15:48: reference to a task "
                      "that does not exist: {{tasks.bb.values.n}}, did you mean \"b\"? "
                      "[resources.jobs.j.tasks[2].condition_task.left]"}));
}

TEST_F(RefsDynamicRefsTest, TaskThatIsNotUpstreamIsAWarning) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "resources:\n"
              "  jobs:\n"
              "    j:\n"
              "      tasks:\n"
              "        - task_key: a\n"
              "          notebook_task: {notebook_path: /Shared/a}\n"
              "        - task_key: b\n"
              "          notebook_task:\n"
              "            notebook_path: /Shared/b\n"
              "            base_parameters: {n: \"{{tasks.a.values.n}}\"}\n");
  EXPECT_EQ(run(check_dynamic_refs),
            (Messages{"warning dynamic-refs.not-upstream: databricks.yml:11:34: reference to a "
                      "task that is not upstream of \"b\": {{tasks.a.values.n}} "
                      "[resources.jobs.j.tasks[1].notebook_task.base_parameters.n]"}));
}

TEST_F(RefsDynamicRefsTest, UpstreamThroughAnotherTaskAndForEachInputAreFine) {
  EXPECT_EQ(check("          for_each_task:\n"
                  "            inputs: \"{{tasks.a.values.list}}\"\n"
                  "            task:\n"
                  "              task_key: c_item\n"
                  "              notebook_task:\n"
                  "                notebook_path: /Shared/c\n"
                  "                base_parameters:\n"
                  "                  item: \"{{input.id}} of {{ job.parameters.[env] }}\"\n"
                  "                  state: \"{{tasks.a.result_state}}\"\n"),
            Messages{});
}

TEST_F(RefsDynamicRefsTest, InvalidFieldOfAKnownNamespaceIsAnError) {
  EXPECT_EQ(
      check("          spark_python_task:\n"
            "            python_file: /Shared/c.py\n"
            "            parameters: [\"--name={{job.naem}}\", \"{{job.start_time.iso_dat}}\"]\n"),
      (Messages{"error dynamic-refs.invalid-reference: databricks.yml:17:26: invalid dynamic "
                "value reference: {{job.naem}}, did you mean {{job.name}}? "
                "[resources.jobs.j.tasks[2].spark_python_task.parameters[0]]",
                "error dynamic-refs.invalid-reference: databricks.yml:17:49: invalid dynamic "
                "value reference: {{job.start_time.iso_dat}}, did you mean "
                "{{job.start_time.iso_date}}? "
                "[resources.jobs.j.tasks[2].spark_python_task.parameters[1]]"}));
}

TEST_F(RefsDynamicRefsTest, UnknownNamespaceIsAWarning) {
  EXPECT_EQ(check("          notebook_task:\n"
                  "            notebook_path: /Shared/c\n"
                  "            base_parameters: {id: \"run-{{jobs.run_id}}\"}\n"),
            (Messages{"warning dynamic-refs.unknown-namespace: databricks.yml:17:35: unknown "
                      "dynamic value reference: {{jobs.run_id}}, did you mean {{job.run_id}}? "
                      "[resources.jobs.j.tasks[2].notebook_task.base_parameters.id]"}));
}

TEST_F(RefsDynamicRefsTest, InputOutsideAForEachTaskIsAWarning) {
  EXPECT_EQ(check("          notebook_task:\n"
                  "            notebook_path: /Shared/c\n"
                  "            base_parameters: {item: \"{{input}}\"}\n"),
            (Messages{"warning dynamic-refs.input-outside-for-each: databricks.yml:17:37: "
                      "{{input}} is only defined in the task of a for_each_task "
                      "[resources.jobs.j.tasks[2].notebook_task.base_parameters.item]"}));
}

TEST_F(RefsDynamicRefsTest, DocumentedReferencesAndLiteralBracesAreFine) {
  EXPECT_EQ(check("          notebook_task:\n"
                  "            notebook_path: /Shared/c\n"
                  "            base_parameters:\n"
                  "              a: \"{{job.id}} {{job.run_id}} {{job.repair_count}} "
                  "{{job.trigger.type}} {{job.trigger.file_arrival.location}}\"\n"
                  "              b: \"{{job.start_time.iso_datetime}} {{job.trigger.time.year}} "
                  "{{task.name}} {{task.run_id}} {{task.execution_count}}\"\n"
                  "              c: \"{{tasks.b.run_id}} {{tasks.b.error_code}} "
                  "{{tasks.b.execution_count}} {{tasks.`b`.values.`a b`}}\"\n"
                  "              d: \"{{workspace.id}} {{workspace.url}} {{parent_run_id}} "
                  "{{run_id}} {{start_date}} {{backfill.start_time.iso_date}}\"\n"
                  "              e: \"{{ not a reference }} {{x.y} {{\"\n"),
            Messages{});
}

}  // namespace
}  // namespace bundlectl::validate
