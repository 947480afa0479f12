// A minimal Language Server Protocol client over stdio: enough to open one document in
// yaml-language-server and ask it for diagnostics, hover and completion.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export class LspClient {
  constructor(settings) {
    const server = require.resolve("yaml-language-server/bin/yaml-language-server");
    this.process = spawn(process.execPath, [server, "--stdio"], { stdio: ["pipe", "pipe", "inherit"] });
    this.settings = settings;
    this.buffer = Buffer.alloc(0);
    this.nextId = 1;
    this.pending = new Map();
    this.diagnosticWaiters = [];
    this.diagnostics = new Map();
    this.process.stdout.on("data", (chunk) => this.receive(chunk));
  }

  send(message) {
    const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...message }), "utf8");
    this.process.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.process.stdin.write(body);
  }

  request(method, params) {
    const id = this.nextId++;
    this.send({ id, method, params });
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
  }

  notify(method, params) {
    this.send({ method, params });
  }

  receive(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const end = this.buffer.indexOf("\r\n\r\n");
      if (end < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, end).toString())[1]);
      if (this.buffer.length < end + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(end + 4, end + 4 + length).toString("utf8"));
      this.buffer = this.buffer.subarray(end + 4 + length);
      this.dispatch(message);
    }
  }

  dispatch(message) {
    if (message.id !== undefined && message.method) {
      // A request from the server: it asks for its settings, or to register capabilities.
      const result =
        message.method === "workspace/configuration"
          ? message.params.items.map((item) => (item.section ? this.settings[item.section] ?? null : this.settings))
          : null;
      this.send({ id: message.id, result });
    } else if (message.id !== undefined) {
      const waiter = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) waiter.reject(new Error(JSON.stringify(message.error)));
      else waiter.resolve(message.result);
    } else if (message.method === "textDocument/publishDiagnostics") {
      this.diagnostics.set(message.params.uri, message.params.diagnostics);
      const waiters = this.diagnosticWaiters;
      this.diagnosticWaiters = [];
      waiters.forEach((wake) => wake());
    }
  }

  // Diagnostics for `uri` once the server has published a list that satisfies `ready`.
  async diagnosticsFor(uri, ready = () => true) {
    for (;;) {
      const list = this.diagnostics.get(uri);
      if (list && ready(list)) return list;
      await new Promise((wake) => this.diagnosticWaiters.push(wake));
    }
  }

  async start(rootUri) {
    await this.request("initialize", {
      processId: process.pid,
      rootUri,
      capabilities: {
        workspace: { configuration: true },
        textDocument: {
          hover: { contentFormat: ["markdown", "plaintext"] },
          completion: { completionItem: { documentationFormat: ["markdown", "plaintext"] } },
        },
      },
    });
    this.notify("initialized", {});
    this.notify("workspace/didChangeConfiguration", { settings: this.settings });
  }

  open(uri, text) {
    this.notify("textDocument/didOpen", { textDocument: { uri, languageId: "yaml", version: 1, text } });
  }

  async stop() {
    await this.request("shutdown", null);
    this.notify("exit", null);
    this.process.stdin.end();
  }
}
