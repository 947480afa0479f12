// Applying the overlay: merge patches, and descriptions addressed by property path.

// RFC 7386: objects merge key by key, null removes a key, anything else replaces.
export function mergePatch(target, patch) {
  if (patch === null || typeof patch !== "object" || Array.isArray(patch)) return patch;
  const out = target && typeof target === "object" && !Array.isArray(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

// The schema of property `path` ("a.b", "*" for a map's values, "[]" for a list's items)
// inside definition `schema`; only inline schemas are followed, never $refs.
function propertyAt(schema, path) {
  let node = schema;
  const steps = path.split(".");
  for (let i = 0; i < steps.length && node; i++) {
    const step = steps[i];
    if (step === "*") node = node.additionalProperties;
    else if (step === "[]") node = node.items;
    else node = node.properties?.[step];
  }
  return node && typeof node === "object" ? node : undefined;
}

// Sets each description; a description for a property that does not exist is an error, so
// that the overlay cannot silently fall behind the SDK.
export function applyDescriptions(defs, descriptions, source) {
  for (const [name, properties] of Object.entries(descriptions)) {
    if (!defs[name]) throw new Error(`${source} describes ${name}, which is not defined`);
    for (const [path, text] of Object.entries(properties)) {
      const property = path === "" ? defs[name] : propertyAt(defs[name], path);
      if (!property) throw new Error(`${source} describes ${name} ${path}, which does not exist`);
      property.description = text;
    }
  }
}
