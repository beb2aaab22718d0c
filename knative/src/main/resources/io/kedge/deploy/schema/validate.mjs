// Validates Kubernetes and Knative resources against the JSON schemas of kubernetes-models and
// @kubernetes-models/knative. Reads a JSON array [{"id": "...", "resource": {...}}] on stdin and
// writes [{"id": "...", "problems": ["..."]}] on stdout, one entry per input, in input order.
// The schemas check types, required fields and enums; they let unknown fields through, which the
// Java side reports from the typed models.

async function modelClass(apiVersion, kind) {
  const slash = apiVersion.indexOf("/");
  const group = slash < 0 ? "" : apiVersion.substring(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
  const module = group === ""
    ? `kubernetes-models/${version}/${kind}`
    : group.endsWith("knative.dev")
      ? `@kubernetes-models/knative/${group}/${version}/${kind}`
      : `kubernetes-models/${group}/${version}/${kind}`;
  try {
    return (await import(module))[kind];
  } catch (e) {
    return undefined;
  }
}

// The status of a resource is written by its controller, never by a manifest; some generated
// schemas (SinkBinding) still list it as required.
function serverWritten(error) {
  return error.keyword === "required" && error.instancePath === "" && error.params?.missingProperty === "status";
}

function describe(error) {
  const where = error.instancePath === "" ? "(resource)" : error.instancePath;
  const allowed = error.params?.allowedValues ? ` (${error.params.allowedValues.join(", ")})` : "";
  return `${where}: ${error.message}${allowed}`;
}

async function validate({ id, resource }) {
  const apiVersion = resource?.apiVersion;
  const kind = resource?.kind;
  if (typeof apiVersion !== "string" || typeof kind !== "string") {
    return { id, problems: ["apiVersion and kind are required"] };
  }
  const Model = await modelClass(apiVersion, kind);
  if (Model === undefined) {
    return { id, problems: [`no schema for ${apiVersion} ${kind} in kubernetes-models`] };
  }
  try {
    new Model(resource).validate();
    return { id, problems: [] };
  } catch (e) {
    const errors = Array.isArray(e.errors) ? e.errors : [{ instancePath: "", message: String(e.message) }];
    return { id, problems: errors.filter((error) => !serverWritten(error)).map(describe) };
  }
}

const chunks = [];
for await (const chunk of process.stdin) {
  chunks.push(chunk);
}
const inputs = JSON.parse(Buffer.concat(chunks).toString("utf8"));
const results = [];
for (const input of inputs) {
  results.push(await validate(input));
}
process.stdout.write(JSON.stringify(results));
