// Turns SDK models into draft-07 definitions in the shapes resources/schemas uses: every
// object and list also accepts a pure ${...} reference, scalars are the shared leaves of
// common.json (string, int, bool, ...), enums keep their values next to the reference form.
const REF = "^\\$\\{[^{}]+\\}$";

export const leaf = (name) => ({ $ref: `#/$defs/${name}` });

export function objectSchema(properties, required = []) {
  const schema = { type: ["object", "string", "null"], pattern: REF, properties };
  if (required.length > 0) schema.required = required;
  schema.additionalProperties = false;
  return schema;
}

export const arraySchema = (items) => ({ type: ["array", "string", "null"], pattern: REF, items });
export const mapSchema = (values) => ({ type: ["object", "string", "null"], pattern: REF, additionalProperties: values });
export const enumSchema = (values) => ({ anyOf: [{ type: "string", enum: values }, leaf("ref")] });

const snake = (name) => name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/([A-Z])([A-Z][a-z])/g, "$1_$2").toLowerCase();

// Builds the definitions reached from `roots` ({defName: "service.Interface"}), naming each
// nested model "<file>.<snake_case name>" after the file of the root that reaches it first.
export class SchemaBuilder {
  constructor(models) {
    this.models = models;
    this.names = new Map(); // "service.Name" -> definition name
    this.files = new Map(); // definition name -> { file, schema }
    this.queue = [];
  }

  nameFor(model, file) {
    let name = this.names.get(model);
    if (name) return name;
    const [service, type] = model.split(".");
    name = `${file}.${snake(type)}`;
    if (this.files.has(name)) name = `${file}.${service}_${snake(type)}`;
    this.claim(model, name, file);
    return name;
  }

  claim(model, name, file) {
    if (this.files.has(name)) throw new Error(`definition ${name} is claimed twice`);
    if (!this.models.interfaces.has(model) && !this.models.enums.has(model)) {
      throw new Error(`the SDK has no model ${model} (for ${name})`);
    }
    this.names.set(model, name);
    this.files.set(name, { file, schema: null });
    this.queue.push([model, name, file]);
  }

  fieldSchema(type, file) {
    switch (type.kind) {
      case "string": return leaf("string");
      case "number": return leaf("int");
      case "boolean": return leaf("bool");
      case "any": return leaf("any");
      case "array":
        if (type.item.kind === "string") return leaf("string_list");
        return arraySchema(this.fieldSchema(type.item, file));
      case "map":
        if (type.value.kind === "string") return leaf("string_map");
        if (type.value.kind === "any") return leaf("any");
        return mapSchema(this.fieldSchema(type.value, file));
      case "named": return leaf(this.nameFor(type.name, file));
    }
    throw new Error(`unknown type kind ${type.kind}`);
  }

  // Adds the roots of one file; their nested models follow.
  addRoots(file, roots) {
    for (const [name, model] of Object.entries(roots)) this.claim(model, name, file);
    while (this.queue.length > 0) {
      const [model, name, owner] = this.queue.shift();
      const entry = this.files.get(name);
      if (this.models.enums.has(model)) {
        entry.schema = enumSchema(this.models.enums.get(model));
        continue;
      }
      const properties = {};
      const required = [];
      for (const field of this.models.interfaces.get(model)) {
        properties[field.name] = this.fieldSchema(field.type, owner);
        if (field.required) required.push(field.name);
      }
      entry.schema = objectSchema(properties, required);
    }
  }

  // The definitions that belong to `file`, in the order they were reached.
  definitionsOf(file) {
    const defs = {};
    for (const [name, entry] of this.files) if (entry.file === file) defs[name] = entry.schema;
    return defs;
  }
}
