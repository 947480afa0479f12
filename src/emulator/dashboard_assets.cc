// The stylesheet and the script of the emulator's pages, served from /ui/ (no CDN, nothing
// external). The script does two things:
//  - on "/", a run_page_url of the API ("/?o=0#job/J/run/R", as a workspace spells it) goes
//    on to that run's page;
//  - on a run page, it fetches the run's graph JSON, draws it as inline SVG (a box per task
//    with its state, result, attempt and duration; a curve per depends_on edge), and polls
//    again every second until the run has ended. It only creates elements and text nodes,
//    never parses markup, so a task key like "<script>" stays text.
#include "emulator/dashboard.h"

namespace bundlectl::emulator {

const char* const k_dashboard_csp =
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const char* const k_dashboard_css = R"CSS(
body{font-family:system-ui,sans-serif;margin:0 2em 2em;color:#1b1f23}
nav{padding:.8em 0;border-bottom:1px solid #ddd;margin-bottom:1em}
nav a{font-weight:600;text-decoration:none;margin-right:1em}
.product{color:#777}
h1 .count{color:#777;font-weight:400;font-size:.7em}
.facts{color:#444}
table{border-collapse:collapse;min-width:40em}
td,th{border-bottom:1px solid #e4e4e4;padding:6px 10px;text-align:left}
.none{color:#888}
.badge{padding:1px 6px;border-radius:3px;background:#eee;font-size:.9em}
.st-success{background:#d6f5dd}
.st-failed,.st-timedout,.st-upstream-failed,.st-internal-error{background:#fbd5d5}
.st-running,.st-terminating{background:#d5e6fb}
.st-canceled,.st-upstream-canceled,.st-success-with-failures{background:#fde8c8}
.st-waiting-for-retry{background:#fff3bf}
.st-excluded,.st-disabled,.st-skipped,.st-maximum-concurrent-runs-reached{background:#f2f2f2}
#run svg{border:1px solid #e4e4e4;background:#fafafa;max-width:100%}
#run .edge{fill:none;stroke:#9aa4ae;stroke-width:1.5}
#run .task rect{stroke:#9aa4ae;fill:#fff}
#run .task.st-success rect{fill:#d6f5dd;stroke:#3f9c55}
#run .task.st-failed rect,#run .task.st-timedout rect,#run .task.st-upstream-failed rect{fill:#fbd5d5;stroke:#c0392b}
#run .task.st-running rect{fill:#d5e6fb;stroke:#2d6cc0}
#run .task.st-waiting-for-retry rect{fill:#fff3bf;stroke:#b8860b}
#run .task.st-canceled rect,#run .task.st-upstream-canceled rect{fill:#fde8c8;stroke:#c47a12}
#run .task.st-excluded rect,#run .task.st-disabled rect{fill:#f2f2f2;stroke:#bbb}
#run .task text{font-size:12px}
#run .task .key{font-weight:600;font-size:13px}
)CSS";

const char* const k_dashboard_js = R"JS(
(function () {
  'use strict';
  var svgNs = 'http://www.w3.org/2000/svg';
  var pollMs = 1000;

  function followRunPageUrl() {
    var m = /^#job\/(\d+)\/run\/(\d+)$/.exec(window.location.hash);
    if (m) window.location.replace('/runs/' + m[2]);
  }

  function svg(name, attrs, text) {
    var node = document.createElementNS(svgNs, name);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    if (text !== undefined) node.appendChild(document.createTextNode(text));
    return node;
  }

  function stateClass(task) {
    return 'st-' + (task.result || task.state).toLowerCase().replace(/_/g, '-');
  }

  function shorten(text, max) {
    return text.length > max ? text.slice(0, max - 1) + '\u2026' : text;
  }

  function drawTask(task, w, h) {
    var g = svg('g', {'class': 'task ' + stateClass(task), 'data-task-key': task.task_key,
      'data-state': task.state, 'data-result': task.result,
      'data-attempt': task.attempt_number, 'transform': 'translate(' + task.x + ',' + task.y + ')'});
    g.appendChild(svg('title', {}, task.task_key + (task.message ? ': ' + task.message : '')));
    g.appendChild(svg('rect', {width: w, height: h, rx: 6}));
    g.appendChild(svg('text', {'class': 'key', x: 10, y: 20}, shorten(task.task_key, 28)));
    g.appendChild(svg('text', {'class': 'state', x: 10, y: 38},
      task.result ? task.state + ' / ' + task.result : task.state));
    var detail = 'attempt ' + (task.attempt_number + 1) + (task.duration ? ' \u00b7 ' + task.duration : '');
    g.appendChild(svg('text', {'class': 'detail', x: 10, y: 56}, detail));
    if (!task.child_run_id) return g;
    // A run_job_task leads to the run it started.
    var link = svg('a', {href: '/runs/' + task.child_run_id, 'class': 'child-run'});
    link.appendChild(g);
    return link;
  }

  function draw(root, graph) {
    var picture = svg('svg', {width: graph.width, height: graph.height,
      viewBox: '0 0 ' + graph.width + ' ' + graph.height, role: 'img'});
    graph.edges.forEach(function (e) {
      var p = e.points;
      var d = 'M' + p[0][0] + ',' + p[0][1];
      for (var i = 1; i < p.length; i++) {
        var bend = (p[i][0] - p[i - 1][0]) / 2;
        d += ' C' + (p[i - 1][0] + bend) + ',' + p[i - 1][1] + ' ' + (p[i][0] - bend) + ',' +
          p[i][1] + ' ' + p[i][0] + ',' + p[i][1];
      }
      picture.appendChild(svg('path', {'class': 'edge', 'data-from': e.from, 'data-to': e.to, d: d}));
    });
    graph.tasks.forEach(function (t) {
      picture.appendChild(drawTask(t, graph.node_width, graph.node_height));
    });
    root.replaceChildren(picture);
    var state = document.getElementById('run-state');
    state.textContent = graph.state_text;
    state.className = 'badge ' + stateClass(graph);
    document.getElementById('run-duration').textContent = graph.duration;
    document.getElementById('run-message').textContent = graph.message;
  }

  function poll(root) {
    fetch(root.dataset.graph, {credentials: 'same-origin', cache: 'no-store'})
      .then(function (r) {
        if (!r.ok) {
          var error = new Error('HTTP ' + r.status);
          // A missing run or a refused token will not get better by asking again.
          error.final = r.status < 500 && r.status !== 429;
          throw error;
        }
        return r.json();
      })
      .then(function (graph) {
        draw(root, graph);
        root.dataset.polling = graph.active ? 'active' : 'stopped';
        if (graph.active) window.setTimeout(function () { poll(root); }, pollMs);
      })
      .catch(function (error) {
        root.dataset.polling = 'error';
        var p = document.createElement('p');
        p.className = 'none';
        p.textContent = 'Could not read the run (' + error.message + ')' +
          (error.final ? '.' : '; retrying.');
        root.replaceChildren(p);
        if (!error.final) window.setTimeout(function () { poll(root); }, pollMs);
      });
  }

  var root = document.getElementById('run');
  if (root) poll(root); else followRunPageUrl();
})();
)JS";

}  // namespace bundlectl::emulator
